"""Notices for the information that follows an earthquake, a tsunami or an eruption: EEW
forecasts (VXSE44/45), hypocentre (VXSE52/61), long-period ground motion (VXSE62), tsunami
information (VTSE51/52) and eruption observation (VFVO52), from JMA's real sample telegrams."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from kyosei.alerts import messages as m
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area, Event, Notice
from kyosei.alerts.render import Rendered, render, render_all, station_name
from kyosei.alerts.tests.conftest import as_real, sample_bytes, with_info_type
from kyosei.core.languages import registry

pytestmark = pytest.mark.django_db

EEW_WARNING = "37_01_01_240613_VXSE43.xml"  # 豊後水道 2024-04-17: warning, 愛媛県南予 and 8 more
FORECAST_3 = "36_01_03_240613_VXSE44.xml"  # the same quake, forecast: 愛媛県南予 intensity 4
FORECAST_4 = "36_01_04_240613_VXSE44.xml"  # forecast: the nine areas the warning covers
FORECAST_9 = "36_01_09_240613_VXSE44.xml"  # forecast: 24 areas, many beyond the warning
GROUND_MOTION_9 = "77_01_09_240613_VXSE45.xml"  # VXSE45 of the same serial as FORECAST_9
FORECAST_CANCEL = "36_01_33_240613_VXSE44.xml"  # 取消 of the forecast
LANGUAGES = ("ja", "ja-x-easy", "en", "pt-BR", "ko")


def municipality(name: str) -> str:
    return Area.objects.get(kind=Area.Kind.MUNICIPALITY, name=name).code


def rendered(notice: Notice) -> dict[str, Rendered]:
    """The notice in Japanese, Plain Japanese, English and two more, every placeholder filled."""
    out = {}
    for lang in LANGUAGES:
        message = render(notice, lang)
        text = message.title + message.body
        assert message.title and message.body and message.action, (notice.template, lang)
        assert "%(" not in text and "—" not in text, (notice.template, lang, text)
        out[lang] = message
    return out


def only(result_notices: list[Notice]) -> Notice:
    (notice,) = result_notices
    return notice


def told(result_notices: list[Notice], code: str) -> Notice:
    """The one notice of a telegram that reaches municipality `code`."""
    (notice,) = [n for n in result_notices if code in n.codes]
    return notice


# -------------------------------------------------------------------------- EEW forecast


def test_eew_forecast_tells_intensity_4_and_never_repeats_what_the_warning_told(
    codes: None, samples: Path
) -> None:
    uwajima = municipality("宇和島市")  # 愛媛県南予
    first = only(ingest(sample_bytes(samples, FORECAST_3), source="feed").notices)
    assert (first.template, first.hazard, first.is_drill) == ("eew_forecast.issue", "eew", False)
    assert uwajima in first.codes
    assert set(first.intensity_by_code) == set(first.codes)
    assert set(first.intensity_by_code.values()) == {4}
    assert first.details["subdivisions"] == [["622", "愛媛県南予"]]
    assert first.details["epicentre"] == ["681", "豊後水道"]
    messages = rendered(first)
    assert messages["ja"].title == "緊急地震速報（予報）　愛媛県南予"
    assert "愛媛県南予：震度4（既に主要動到達と推測）" in messages["ja"].body
    assert (
        messages["en"].title
        == "Earthquake early warning (forecast): shaking in Nanyo, Ehime Prefecture"
    )
    assert "Nanyo, Ehime Prefecture: intensity 4, already arriving" in messages["en"].body
    assert "magnitude of 5.1" in messages["en"].body

    warning = only(ingest(sample_bytes(samples, EEW_WARNING), source="feed").notices)
    assert warning.template == "eew.issue" and uwajima in warning.codes
    # Every area of this forecast is under the warning now: nobody hears it twice.
    assert ingest(sample_bytes(samples, FORECAST_4), source="feed").notices == []

    wider = only(ingest(sample_bytes(samples, FORECAST_9), source="feed").notices)
    assert wider.template == "eew_forecast.update"
    assert not set(wider.codes) & set(warning.codes)
    assert municipality("延岡市") in wider.codes  # 宮崎県北部平野部, intensity 4, not warned
    assert all(rank >= 4 for rank in wider.intensity_by_code.values())
    assert set(wider.intensity_by_code) == set(wider.codes)
    rendered(wider)
    # VXSE45 is the same forecast with long-period classes: it adds nothing new here.
    assert ingest(sample_bytes(samples, GROUND_MOTION_9), source="feed").notices == []

    cancel = only(ingest(sample_bytes(samples, FORECAST_CANCEL), source="feed").notices)
    assert cancel.template == "eew_forecast.cancellation"
    assert set(cancel.codes) == set(first.codes) | set(wider.codes)
    messages = rendered(cancel)
    assert messages["ja"].title == "取消　緊急地震速報（予報）"
    assert messages["en"].action == "You do not need to act on the earlier message."
    # the warning's own event is untouched by the forecast's 取消
    assert not Event.objects.get(pk=warning.event_id or 0).is_cancelled


def test_eew_forecast_final_report_is_a_lifting_for_everyone_told(
    codes: None, samples: Path
) -> None:
    raw = sample_bytes(samples, FORECAST_3)
    issued = only(ingest(raw, source="feed").notices)
    final = raw.replace(b"<Serial>3</Serial>", b"<Serial>40</Serial>").replace(
        b"</Body>",
        "<NextAdvisory>この情報をもって、緊急地震速報：最終報とします。</NextAdvisory></Body>".encode(),
    )
    lifting = only(ingest(final, source="feed").notices)
    assert lifting.template == "eew_forecast.lifting"
    assert set(lifting.codes) == set(issued.codes)
    assert lifting.intensity_by_code == issued.intensity_by_code
    messages = rendered(lifting)
    assert "最終報" in messages["ja"].title
    assert (
        messages["en"].title
        == "Earthquake early warning (forecast) ended for Nanyo, Ehime Prefecture"
    )
    assert messages["en"].action == "Stay careful and follow your municipality's information."


def test_a_drill_forecast_stays_a_drill_and_a_real_warning_does_not_hide_it(
    codes: None, samples: Path
) -> None:
    ingest(sample_bytes(samples, EEW_WARNING), source="feed")
    drill = sample_bytes(samples, FORECAST_4).replace(
        "<Status>通常</Status>".encode(), "<Status>訓練</Status>".encode()
    )
    notice = only(ingest(drill, source="feed").notices)
    assert notice.is_drill and notice.template == "eew_forecast.issue"
    assert municipality("宇和島市") in notice.codes
    assert notice.details["intensity"] == "5-"
    assert "愛媛県南予：震度5弱（既に主要動到達と推測）" in render(notice, "ja").body


# -------------------------------------------------------------------------- hypocentre


def test_hypocentre_reaches_those_told_of_the_shaking_with_their_intensities(
    codes: None, samples: Path
) -> None:
    shaking = only(
        ingest(sample_bytes(samples, "32-35_08_07_240613_VXSE53.xml"), source="feed").notices
    )
    notice = only(
        ingest(sample_bytes(samples, "32-35_08_06_240613_VXSE52.xml"), source="feed").notices
    )
    assert (notice.template, notice.hazard) == ("earthquake_hypocentre.issue", "earthquake")
    assert set(notice.codes) == set(shaking.codes)
    assert notice.intensity_by_code == shaking.intensity_by_code
    assert notice.intensity_by_code["0321000"] == 4  # 陸前高田市
    assert notice.details == {
        "epicentre": ["286", "岩手県沖"],
        "magnitude": 6.3,
        "depth": {"kind": "km", "value": 30.0},
        "tsunami": "none",
    }
    messages = rendered(notice)
    assert messages["ja"].title == "震源に関する情報　岩手県沖　M6.3"
    assert messages["ja"].body == (
        "震源は岩手県沖、地震の規模（マグニチュード）は6.3、深さは30kmと推定されます。"
        "この地震による津波の心配はありません。"
    )
    assert messages["en"].body.endswith(
        "magnitude 6.3, depth 30 km. Tsunami: no tsunami is expected from this earthquake."
    )
    assert "つなみ の しんぱい は ありません" in messages["ja-x-easy"].body


def test_hypocentre_without_an_earlier_intensity_notice_tells_nobody(
    codes: None, samples: Path
) -> None:
    result = ingest(sample_bytes(samples, "32-35_06_01_240613_VXSE52.xml"), source="feed")
    assert result.telegram.outcome == "applied"
    assert result.notices == []


def test_hypocentre_with_an_unknown_magnitude(codes: None, samples: Path) -> None:
    ingest(sample_bytes(samples, "32-35_08_07_240613_VXSE53.xml"), source="feed")
    # The M8+ sample, given the EventID of the earthquake above.
    raw = sample_bytes(samples, "33_12_01_240613_VXSE52.xml").replace(
        b"<EventID>20120214214013</EventID>", b"<EventID>20100705065610</EventID>"
    )
    notice = only(ingest(raw, source="feed").notices)
    assert notice.details["magnitude"] is None
    assert notice.details["magnitude_note"] == "over8"
    messages = rendered(notice)
    assert messages["ja"].title == "震源に関する情報　岐阜県美濃中西部　M8超"
    assert "magnitude over 8 (a huge earthquake)" in messages["en"].title
    assert "8 より おおきい" in messages["ja-x-easy"].body


def test_revised_hypocentre_keeps_the_tsunami_comment_and_cancellations_stay_apart(
    codes: None, samples: Path
) -> None:
    shaking = ingest(sample_bytes(samples, "32-35_06_03_240613_VXSE53.xml"), source="feed")
    told = set().union(*(set(n.codes) for n in shaking.notices))
    assert told
    located = only(
        ingest(sample_bytes(samples, "32-35_06_01_240613_VXSE52.xml"), source="feed").notices
    )
    revised = only(
        ingest(sample_bytes(samples, "32-35_06_09_240613_VXSE61.xml"), source="feed").notices
    )
    assert revised.template == "earthquake_revised.issue"
    assert set(revised.codes) == set(located.codes) == told
    assert revised.details["magnitude"] == 7.2 and revised.details["tsunami"] == "none"
    messages = rendered(revised)
    assert messages["ja"].title == "震源要素の更新　岩手県内陸南部　M7.2"
    assert (
        messages["en"].title
        == "Earthquake data revised: Southern Inland Area of Iwate Prefecture, magnitude 7.2"
    )

    cancel = only(
        ingest(sample_bytes(samples, "32-35_06_10_100915_VXSE61.xml"), source="feed").notices
    )
    assert cancel.template == "earthquake_revised.cancellation"
    assert set(cancel.codes) == told
    assert rendered(cancel)["ja"].title == "取消　震源要素の更新"
    assert not Event.objects.get(pk=located.event_id or 0).is_cancelled
    cancel = only(
        ingest(sample_bytes(samples, "32-35_06_02_100915_VXSE52.xml"), source="feed").notices
    )
    assert cancel.template == "earthquake_hypocentre.cancellation"
    assert Event.objects.get(pk=located.event_id or 0).is_cancelled


def test_a_corrected_hypocentre_uses_the_correction_wording(codes: None, samples: Path) -> None:
    ingest(sample_bytes(samples, "32-35_08_07_240613_VXSE53.xml"), source="feed")
    raw = sample_bytes(samples, "32-35_08_06_240613_VXSE52.xml")
    ingest(raw, source="feed")
    corrected = only(ingest(with_info_type(raw, "訂正"), source="feed").notices)
    assert corrected.template == "earthquake_hypocentre.correction"
    messages = rendered(corrected)
    assert messages["ja"].title == "訂正　震源に関する情報　岩手県沖"
    assert (
        messages["en"].title == "Correction: earthquake location: Off the Coast of Iwate Prefecture"
    )


# -------------------------------------------------------------------------- long-period motion


def test_long_period_ground_motion_class_3_but_not_class_1(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, "78_01_01_240613_VXSE62.xml")
    notice = only(ingest(raw, source="feed").notices)
    assert (notice.template, notice.hazard, notice.severity) == (
        "long_period.issue",
        "earthquake",
        3,
    )
    assert notice.details["lg_class"] == 3
    assert notice.details["subdivisions"] == [["220", "宮城県北部"]]
    assert municipality("登米市") in notice.codes  # 宮城県北部: class 3
    assert municipality("盛岡市") not in notice.codes  # 岩手県内陸北部: class 1 only
    assert notice.intensity_by_code == {}  # tall buildings shake whatever the intensity
    messages = rendered(notice)
    assert messages["ja"].title == "長周期地震動階級3（非常に大きな揺れ）　宮城県北部"
    assert (
        messages["en"].title
        == "Long-period ground motion class 3 (very large shaking) in Northern Miyagi Prefecture"
    )
    assert "かいきゅう 3：とても おおきい ゆれ" in messages["ja-x-easy"].body
    assert messages["en"].action.startswith("In tall buildings")


def test_long_period_class_1_everywhere_tells_nobody(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, "78_01_01_240613_VXSE62.xml")
    raw = raw.replace(b"<MaxLgInt>3</MaxLgInt>", b"<MaxLgInt>1</MaxLgInt>")
    raw = raw.replace(b"<LgInt>3</LgInt>", b"<LgInt>1</LgInt>")
    assert ingest(raw, source="feed").notices == []


# -------------------------------------------------------------------------- tsunami information


def test_tsunami_information_observed_height_station_and_arrival(
    codes: None, samples: Path
) -> None:
    notices = ingest(sample_bytes(samples, "32-39_11_03_250206_VTSE51.xml"), source="feed").notices
    everyone = {code for n in notices for code in n.codes}
    assert "1052400" not in everyone  # Oizumi is inland
    # Shizuoka is under an advisory, Iwate under a major tsunami warning: each hears its own.
    first = told(notices, "2213001")
    assert (first.template, first.hazard, first.severity) == ("tsunami_info.issue", "tsunami", 2)
    assert first.details["category"] == "advisory"
    assert first.details["observed"] is None
    # Each coast hears its own first-wave time, in JST: Shizuoka 15:30, not Iwate's "arriving".
    assert first.details["arrival"] == {"kind": "time", "time": "2011-03-11T15:30:00+09:00"}
    assert first.details["tsunami_areas"] == [["380", "静岡県"]]
    iwate = told(notices, "0321000")
    assert (iwate.severity, iwate.details["category"]) == (4, "major_warning")
    assert iwate.details["arrival"]["kind"] in {"arrived", "arriving"}
    assert not set(iwate.codes) & set(first.codes)
    messages = rendered(first)
    assert "第1波の到達予想時刻は11日15時30分ごろです。" in messages["ja"].body
    assert "The first wave is expected at about 15:30 Japan time." in messages["en"].body
    assert "15じ 30ふん ごろ から つなみ が きます。" in messages["ja-x-easy"].body

    observing = told(
        ingest(sample_bytes(samples, "32-39_11_08_250206_VTSE51.xml"), source="feed").notices,
        "0321000",
    )
    assert observing.template == "tsunami_info.update"
    assert observing.details["observed"]["kind"] == "observing"
    assert "大船渡（岩手県）で津波を観測中です。" in rendered(observing)["ja"].body

    measured = told(
        ingest(sample_bytes(samples, "32-39_11_10_250206_VTSE51.xml"), source="feed").notices,
        "0321000",
    )
    assert measured.details["observed"] == {
        "kind": "metres",
        "station": ["21003", "釜石"],
        "area": ["210", "岩手県"],
        "value": 3.2,
        "over": False,
        "rising": True,
    }
    messages = rendered(measured)
    assert "釜石（岩手県）で3.2m（上昇中）です。" in messages["ja"].body
    assert (
        "The highest wave observed so far is 3.2 m at Kamaishi (Iwate Prefecture), and it is "
        "still rising." in messages["en"].body
    )
    assert "The waves may get higher" in messages["en"].body
    assert "Stay on high ground" in messages["en"].body
    assert "かまいし（いわてけん） で 3.2m" in messages["ja-x-easy"].body
    assert "가마이시" in messages["ko"].body
    assert "高台など安全な場所にとどまってください" in messages["ja"].body
    assert "たかい ところ に いて ください" in messages["ja-x-easy"].body

    later = as_real(sample_bytes(samples, "32-39_11_10_250206_VTSE51.xml"))
    cancel = with_info_type(later, "取消").replace(b"<Serial>3</Serial>", b"<Serial>4</Serial>")
    cancelled = only(ingest(cancel, source="feed").notices)
    assert cancelled.template == "tsunami_info.cancellation"
    assert set(cancelled.codes) >= everyone
    assert "津波警報・注意報が取り消されたわけではありません" in rendered(cancelled)["ja"].body


def test_tsunami_information_that_says_nothing_new_is_not_sent_again(
    codes: None, samples: Path
) -> None:
    raw = sample_bytes(samples, "32-39_11_10_250206_VTSE51.xml")
    assert ingest(raw, source="feed").notices
    again = raw.replace(b"<Serial>3</Serial>", b"<Serial>4</Serial>").replace(
        b"<ReportDateTime>2011-03-11T15:01:00+09:00</ReportDateTime>",
        b"<ReportDateTime>2011-03-11T15:05:00+09:00</ReportDateTime>",
    )
    result = ingest(again, source="feed")
    assert result.created and result.telegram.outcome == "applied"
    assert result.notices == []


def test_tsunami_information_drill_stays_a_drill(codes: None, samples: Path) -> None:
    notices = ingest(sample_bytes(samples, "32-39_12_03_250206_VTSE51.xml"), source="feed").notices
    assert notices and all(n.is_drill for n in notices)
    notice = told(notices, "2213001")
    assert notice.template == "tsunami_info.issue"
    assert notice.details["arrival"] == {"kind": "arriving", "time": None}
    assert "津波はすでに到達していると推測されます。" in rendered(notice)["ja"].body


def test_offshore_tsunami_observation(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, "32-39_12_05_250206_VTSE52.xml")
    notice = only(ingest(raw, source="feed").notices)
    assert (notice.template, notice.hazard, notice.is_drill) == (
        "tsunami_offshore.issue",
        "tsunami",
        True,
    )
    assert "2213001" in notice.codes
    assert notice.details["observed"]["station"] == ["40090", "三重尾鷲沖"]
    assert notice.details["observed"]["value"] == 2.0
    assert notice.details["height"] == {"kind": "huge"}
    messages = rendered(notice)
    assert "三重尾鷲沖で2mです。沿岸では津波はさらに高くなります" in messages["ja"].body
    assert "the waves will be higher than offshore and may get higher still" in messages["en"].body
    assert "(estimated: huge)" in messages["en"].body
    assert "Stay on high ground" in messages["en"].body
    assert "たかい ところ に いて ください" in messages["ja-x-easy"].body
    corrected = only(ingest(with_info_type(raw, "訂正"), source="feed").notices)
    assert corrected.template == "tsunami_offshore.correction"
    assert rendered(corrected)["ja"].title.startswith("訂正　沖合の津波観測")


def test_station_names_for_other_scripts(codes: None) -> None:
    assert station_name("釜石", "vi") == "Kamaishi"  # through 釜石市 かまいしし
    assert station_name("釜石", "ko") == "가마이시"
    assert station_name("釜石", "ja-x-easy") == "かまいし"
    assert station_name("釜石", "zh-Hans") == "釜石"
    assert station_name("石巻市鮎川", "en") == "Ishinomaki-shi (石巻市鮎川)"
    assert station_name("三重尾鷲沖", "en") == "三重尾鷲沖"  # no reading known: as JMA wrote it


# -------------------------------------------------------------------------- eruption observation


def test_eruption_observation_reaches_the_volcano_warning_municipalities(
    codes: None, samples: Path
) -> None:
    warning = only(
        ingest(sample_bytes(samples, "45_01_01_200522_VFVO50.xml"), source="feed").notices
    )
    assert warning.details["volcano"] == ["306", "浅間山"]
    notice = only(
        ingest(sample_bytes(samples, "43_01_01_200522_VFVO52.xml"), source="feed").notices
    )
    assert (notice.template, notice.hazard) == ("volcano_observation.issue", "volcano")
    assert set(notice.codes) == set(warning.codes) and "1042500" in notice.codes  # 嬬恋村
    assert notice.details["phenomenon"] == "eruption"
    assert notice.details["time"] == "2020-05-22T14:45:00+09:00"
    messages = rendered(notice)
    assert messages["ja"].body.startswith("浅間山で22日14時45分に噴火を観測しました。")
    assert messages["en"].title == "Eruption observed: Asamayama"
    assert "observed an eruption at Asamayama at 14:45 Japan time" in messages["en"].body
    assert messages["ja-x-easy"].body == "14じ 45ふん ごろ、浅間山 で ふんか が ありました。"

    # another eruption (own EventID): a correction, then its 取消 — which leaves the first alone
    corrected = only(
        ingest(sample_bytes(samples, "43_02_01_200522_VFVO52.xml"), source="feed").notices
    )
    assert corrected.template == "volcano_observation.correction"
    assert corrected.details["phenomenon"] == "frequent"
    assert "噴火多発" in rendered(corrected)["ja"].body
    cancel = only(
        ingest(sample_bytes(samples, "43_03_01_200522_VFVO52.xml"), source="feed").notices
    )
    assert cancel.template == "volcano_observation.cancellation"
    assert set(cancel.codes) == set(warning.codes)
    assert not Event.objects.get(pk=notice.event_id or 0).is_cancelled


def test_eruption_observation_without_a_known_warning_tells_nobody(
    codes: None, samples: Path
) -> None:
    assert ingest(sample_bytes(samples, "43_01_01_200522_VFVO52.xml"), source="feed").notices == []


# -------------------------------------------------------------------------- every template


FAMILY_DETAILS = {
    "eew_forecast": {
        "intensity": "4",
        "subdivisions": [["622", "愛媛県南予"]],
        "epicentre": ["681", "豊後水道"],
    },
    "earthquake_hypocentre": {
        "epicentre": ["286", "岩手県沖"],
        "magnitude": None,
        "magnitude_note": "unknown",
        "depth": {"kind": "shallow"},
        "tsunami": "slight",
    },
    "earthquake_revised": {
        "epicentre": ["485", "駿河湾"],
        "magnitude": 6.5,
        "depth": None,
        "tsunami": "investigating",
    },
    "long_period": {
        "lg_class": 4,
        "subdivisions": [["220", "宮城県北部"]],
        "epicentre": ["286", "岩手県沖"],
        "magnitude": 6.3,
    },
    "tsunami_info": {
        "tsunami_areas": [["380", "静岡県"]],
        "category": "advisory",
        "observed": {"kind": "weak", "station": ["38001", "清水"], "area": ["380", "静岡県"]},
        "arrival": {"kind": "arrived", "time": None},
    },
    "tsunami_offshore": {
        "tsunami_areas": [["380", "静岡県"]],
        "observed": {"kind": "observing", "station": ["38090", "静岡御前崎沖"], "area": ["", ""]},
        "arrival": None,
        "height": {"kind": "metres", "value": 10.0, "over": True},
    },
    "volcano_observation": {
        "volcano": ["306", "浅間山"],
        "phenomenon": "explosion",
        "time": "2020-05-22T05:45:00+00:00",
        "municipalities": [["1042500", "嬬恋村"]],
        "municipality_count": 1,
    },
}


def test_every_new_template_renders_filled_in_every_language(codes: None) -> None:
    now = timezone.now()
    for family, details in FAMILY_DETAILS.items():
        assert family in m.ACTIONS
        for phase in m.PHASES:
            notice = Notice(
                hazard="earthquake",
                phase=phase,
                template=f"{family}.{phase}",
                codes=["1042500"],
                details=details,
                received_at=now,
                created_at=now,
            )
            messages = render_all(notice)
            assert len(messages) == len(registry().languages)
            for message in messages:
                text = message.title + message.body
                assert "%(" not in text and "—" not in text, (family, phase, message.lang, text)
                assert message.action.strip()
    titles = {render(_notice("tsunami_info", p), "en").title for p in m.PHASES}
    assert len(titles) == len(m.PHASES)  # each phase has its own wording


def _notice(family: str, phase: str) -> Notice:
    now = timezone.now()
    return Notice(
        hazard="tsunami",
        phase=phase,
        template=f"{family}.{phase}",
        details=FAMILY_DETAILS[family],
        received_at=now,
        created_at=now,
    )
