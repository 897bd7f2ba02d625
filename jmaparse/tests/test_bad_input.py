"""Security and bad input: everything fails with a clear JmaParseError subclass."""

from __future__ import annotations

import random
import time
from datetime import timedelta
from pathlib import Path

import pytest

from jmaparse import (
    EarthquakeTelegram,
    EncodingError,
    ForbiddenXml,
    Intensity,
    InvalidTelegram,
    JmaParseError,
    MalformedXml,
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
def test_non_utf8_declared_encodings(encoding: str) -> None:
    data = doc(enc=encoding).encode(encoding)
    assert data != doc().encode("utf-8")
    check_minimal(parse(data))


def test_utf8_with_bom() -> None:
    check_minimal(parse(b"\xef\xbb\xbf" + doc().encode("utf-8")))


def test_unknown_encoding() -> None:
    with pytest.raises(EncodingError, match="unknown encoding"):
        parse(doc(enc="x-klingon").encode("utf-8"))


def test_bytes_not_in_declared_encoding() -> None:
    data = doc(enc="Shift_JIS").encode("utf-8") + "\udcff".encode("utf-8", "surrogateescape")
    with pytest.raises(EncodingError):
        parse(data)
    with pytest.raises(MalformedXml):  # invalid UTF-8 under a UTF-8 declaration
        parse(doc().encode("utf-8").replace("石川県".encode(), b"\xff\xfe\xfd"))


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
