"""Weather information notices: record rain (VPOA50), tornado (VPHW50), emergency-warning notice
(VPNO50) and heat-stroke alert (VPFT50), from JMA's own samples."""

from __future__ import annotations

import csv
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kyosei.alerts import messages as m
from kyosei.alerts.delivery import matching_subscriptions
from kyosei.alerts.hazards.weather import forecast_area_prefix
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Area, Notice, Subscription, SubscriptionArea, Telegram
from kyosei.alerts.render import placeholders, render
from kyosei.alerts.tests.conftest import sample_bytes, with_info_type
from kyosei.testing_shared import shared_dir

pytestmark = pytest.mark.django_db

OSAKA_RAIN = "18_01_01_100806_VPOA50.xml"  # 大阪府 (府県予報区 270000)
HOKKAIDO_RAIN = "18_03_01_190412_VPOA50.xml"  # 石狩地方 016010 and 後志地方 016030
SAITAMA_TORNADO = "19_08_01_150916_VPHW50.xml"  # 埼玉県 南部・北部, valid until 10:30
SAITAMA_SIGHTED = "19_10_03_250630_VPHW50.xml"  # the same, with a tornado sighted (目撃)
NARA_EMERGENCY = [f"62_01_0{n}_130412_VPNO50.xml" for n in range(1, 6)]  # 01-04 in force, 05 解除
HYOGO_EMERGENCY = "62_02_01_130906_VPNO50.xml"  # four kinds of emergency warning
SAITAMA_HEAT = "57_03_01_240401_VPFT50.xml"  # 埼玉県, 今日（１１日）
LANGUAGES = ("ja", "ja-x-easy", "en", "pt-BR", "vi")
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def prefecture(code: str) -> set[str]:
    return set(
        Area.objects.filter(kind=Area.Kind.MUNICIPALITY, code__startswith=code).values_list(
            "code", flat=True
        )
    )


def later(raw: bytes, old: str, new: str) -> bytes:
    """The same telegram with another report time (a 取消 or 続報 is a later telegram)."""
    assert old.encode() in raw
    return raw.replace(old.encode(), new.encode())


def as_drill(raw: bytes) -> bytes:
    return raw.replace("<Status>通常</Status>".encode(), "<Status>訓練</Status>".encode(), 1)


def assert_filled(notice: Notice) -> dict[str, str]:
    """Render in several languages; every placeholder is filled with a real value."""
    titles = {}
    for lang in LANGUAGES:
        message = render(notice, lang)
        text = message.title + message.body
        assert "%(" not in text and "%" not in text, (lang, text)
        # a placeholder with nothing to fill it becomes "—"
        template = m.TEMPLATES[notice.template]
        used = set(PLACEHOLDER.findall(str(template.title) + str(template.body)))
        values = placeholders(notice, lang)
        assert all(values.get(name, "—") != "—" for name in used), (lang, used, values)
        assert message.action.strip(), lang
        titles[lang] = message.title
    return titles


def test_forecast_area_prefixes_agree_with_jma_code_tables() -> None:
    """The prefix rule of municipalities_in_forecast_areas against JMA's own nesting table."""
    codes_dir = shared_dir("jma", "codes", what="JMA code tables")
    with open(codes_dir / "AreaForecastLocalM_WarningTable.csv", encoding="utf-8") as f:
        nesting = {row[0]: (row[2], row[4]) for row in csv.reader(f) if row}
    with open(codes_dir / "AreaForecastLocalM.csv", encoding="utf-8") as f:
        forecast_codes = [row[0] for row in csv.reader(f) if row]

    def inside(area: str) -> set[str]:
        prefix, excluded = forecast_area_prefix(area)
        return {
            c for c in nesting if c.startswith(prefix) and not (excluded and c.startswith(excluded))
        }

    for area in forecast_codes:
        told = {sub for sub, parents in nesting.items() if area == sub or area in parents}
        if told:  # JMA names it as a parent: exactly its own children, no neighbours
            assert inside(area) == told, area
        elif area[2:] == "0000":  # a 府県予報区 the table does not nest: the whole prefecture
            assert inside(area) == {c for c in nesting if c[:2] == area[:2]}, area


# ------------------------------------------------------------------------------- VPOA50


def test_record_rain_targets_the_whole_forecast_region(codes: None, samples: Path) -> None:
    result = ingest(sample_bytes(samples, OSAKA_RAIN), source="feed")
    (notice,) = result.notices
    assert (notice.template, notice.hazard, notice.severity) == ("record_rain.issue", "weather", 3)
    assert not notice.is_drill
    assert set(notice.codes) == prefecture("27") and len(notice.codes) > 40
    assert notice.details == {"forecast_areas": [["270000", "大阪府"]]}
    titles = assert_filled(notice)
    assert titles["ja"] == "記録的短時間大雨情報　大阪府"
    assert titles["en"] == "Record short-duration heavy rain in Osaka Prefecture — move to safety"
    en = render(notice, "en")
    assert "Floods and landslides are likely nearby" in en.body
    assert "Do not go outside to look at rivers" in en.action
    assert render(notice, "ja").action.startswith("ただちに身の安全を確保")
    assert "かわ を みに いかないで" in render(notice, "ja-x-easy").action


def test_record_rain_in_hokkaido_reaches_only_the_named_regions(codes: None, samples: Path) -> None:
    (notice,) = ingest(sample_bytes(samples, HOKKAIDO_RAIN), source="feed").notices
    assert "0110000" in notice.codes  # 札幌市 (石狩地方)
    assert "0120300" in notice.codes  # 小樽市 (後志地方)
    assert "0121000" not in notice.codes  # 岩見沢市 (空知地方: なし in the telegram)
    assert all(code.startswith("01") for code in notice.codes)
    assert notice.details["forecast_areas"] == [["016010", "石狩地方"], ["016030", "後志地方"]]
    assert assert_filled(notice)["ja"] == "記録的短時間大雨情報　石狩地方、後志地方"


def test_record_rain_correction_cancellation_and_drill(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, OSAKA_RAIN)
    issued = ingest(raw, source="feed").notices[0]
    stamp = "2010-06-02T11:54:00+09:00"
    corrected = ingest(
        later(with_info_type(raw, "訂正"), stamp, "2010-06-02T11:58:00+09:00"), source="feed"
    )
    (correction,) = corrected.notices
    assert correction.template == "record_rain.correction"
    assert assert_filled(correction)["en"].startswith("Correction: record short-duration")
    cancelled = ingest(
        later(with_info_type(raw, "取消"), stamp, "2010-06-02T12:04:00+09:00"), source="feed"
    )
    (cancellation,) = cancelled.notices
    assert cancellation.template == "record_rain.cancellation"
    assert set(cancellation.codes) == set(issued.codes)
    assert render(cancellation, "en").action == "You do not need to act on the earlier message."
    assert render(cancellation, "ja").title == "取消　大阪府の記録的短時間大雨情報"
    drill = ingest(as_drill(raw), source="feed").notices[0]
    assert drill.is_drill and drill.template == "record_rain.issue"


# ------------------------------------------------------------------------------- VPHW50


def test_tornado_alert_targets_the_named_municipalities_until_its_end(
    codes: None, samples: Path
) -> None:
    (notice,) = ingest(sample_bytes(samples, SAITAMA_TORNADO), source="feed").notices
    assert (notice.template, notice.hazard, notice.severity) == ("tornado.issue", "weather", 2)
    assert {"1110000", "1120100", "1120200"} <= set(notice.codes)  # さいたま市, 川越市, 熊谷市
    assert "1120700" not in notice.codes  # 秩父市: なし (秩父地方 is not under the alert)
    assert len(notice.codes) == 58  # 63 municipalities in the telegram, 5 without the alert
    assert notice.details["valid_until"] == "2015-07-17T10:30:00+09:00"
    assert notice.details["forecast_areas"] == [["110000", "埼玉県"]]
    assert notice.expires_at == datetime(2015, 7, 17, 1, 30, tzinfo=UTC)  # push TTL, banner
    titles = assert_filled(notice)
    assert titles["ja"] == "竜巻注意情報　埼玉県（10時30分まで）"
    assert titles["en"] == "Tornado alert for Saitama Prefecture until 10:30"
    en = render(notice, "en")
    assert en.body.endswith("The alert is valid until 10:30.")
    assert "go into a sturdy building" in en.action and "windows" in en.action
    assert "10時30分 まで ちゅうい" in render(notice, "ja-x-easy").body


def test_a_sighted_tornado_is_more_severe(codes: None, samples: Path) -> None:
    (notice,) = ingest(sample_bytes(samples, SAITAMA_SIGHTED), source="feed").notices
    assert notice.details["sighted"] is True and notice.severity == 3


def test_tornado_reissue_extends_and_a_new_episode_is_not_stale(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, SAITAMA_TORNADO)
    first = ingest(raw, source="feed").notices[0]
    # 第2号 at 10:20, valid until 11:30: still the same alert
    second_raw = later(
        raw.replace(b"<Serial>1</Serial>", b"<Serial>2</Serial>"),
        "2015-07-17T10:30:00+09:00",
        "2015-07-17T11:30:00+09:00",
    )
    second_raw = second_raw.replace(
        b"2015-07-17T09:21:00+09:00", b"2015-07-17T10:20:00+09:00"
    ).replace(b"2015-07-17T00:21:00Z", b"2015-07-17T01:20:00Z")
    (second,) = ingest(second_raw, source="feed").notices
    assert second.template == "tornado.update"
    assert render(second, "en").title == "Tornado alert extended for Saitama Prefecture until 11:30"
    # A new alert the next day restarts at 第1号: JMA gives no EventID, so it must not be
    # mistaken for an old telegram (serial 1 < 2) nor for an update of an expired alert.
    next_day = raw.replace(b"2015-07-17", b"2015-07-18")
    result = ingest(next_day, source="feed")
    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert [n.template for n in result.notices] == ["tornado.issue"]
    assert first.event_id == second.event_id == result.notices[0].event_id


def test_tornado_cancellation_withdraws_the_latest_alert_only(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, SAITAMA_TORNADO)
    ingest(raw.replace(b"2015-07-17", b"2015-07-10"), source="feed")  # an older episode
    issued = ingest(raw, source="feed").notices[0]
    # a different set of municipalities in the older episode must not be told again
    Notice.objects.exclude(pk=issued.pk).update(codes=["1120700"])
    cancel = later(
        with_info_type(raw, "取消"), "2015-07-17T09:21:00+09:00", "2015-07-17T09:31:00+09:00"
    )
    (cancellation,) = ingest(cancel, source="feed").notices
    assert cancellation.template == "tornado.cancellation"
    assert set(cancellation.codes) == set(issued.codes)
    assert "1120700" not in cancellation.codes
    assert_filled(cancellation)
    # the office's next tornado alert is a new alert, not void
    result = ingest(raw.replace(b"2015-07-17", b"2015-07-20"), source="feed")
    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert [n.template for n in result.notices] == ["tornado.issue"]


# ------------------------------------------------------------------------------- VPNO50


def test_emergency_warning_notice_reaches_the_whole_prefecture(codes: None, samples: Path) -> None:
    first, *rest, lifted = (
        ingest(sample_bytes(samples, name), source="feed") for name in NARA_EMERGENCY
    )
    (issue,) = first.notices
    assert (issue.template, issue.hazard, issue.severity) == (
        "emergency_warning_notice.issue",
        "weather",
        5,
    )
    assert set(issue.codes) == prefecture("29")
    assert issue.details["kinds"] == [["大雨特別警報", 4]]
    assert issue.details["place_count"] == 27
    assert issue.details["places"][0] == ["2920100", "奈良市"]
    titles = assert_filled(issue)
    assert titles["ja"] == "大雨特別警報　奈良県　ただちに命を守る行動を"
    assert titles["en"] == "Heavy rain emergency warning in Nara Prefecture — protect your life now"
    en = render(issue, "en")
    assert "once in several decades" in en.body and "Protect your life now." in en.body
    assert "奈良市、大和高田市、天理市ほか24地域" in render(issue, "ja").body
    assert "and 24 more" in en.body
    assert [n.template for r in rest for n in r.notices] == ["emergency_warning_notice.update"] * 3
    assert rest[-1].notices[0].details["place_count"] == 11  # only the south now
    (lifting,) = lifted.notices
    assert lifting.template == "emergency_warning_notice.lifting"
    assert set(lifting.codes) == prefecture("29") and lifting.severity == 0
    assert assert_filled(lifting)["en"] == "Emergency warning lifted for Nara Prefecture"
    assert (
        render(lifting, "en").action == "Stay careful and follow your municipality's information."
    )


def test_emergency_warning_with_several_kinds(codes: None, samples: Path) -> None:
    (notice,) = ingest(sample_bytes(samples, HYOGO_EMERGENCY), source="feed").notices
    assert [name for name, _ in notice.details["kinds"]] == [
        "大雨特別警報",
        "暴風特別警報",
        "波浪特別警報",
        "高潮特別警報",
    ]
    assert set(notice.codes) == prefecture("28")
    titles = assert_filled(notice)
    assert titles["ja"] == (
        "大雨特別警報、暴風特別警報、波浪特別警報、高潮特別警報　兵庫県　ただちに命を守る行動を"
    )
    assert titles["en"] == (
        "Heavy rain emergency warning, storm emergency warning, high waves emergency warning, "
        "storm surge emergency warning in Hyogo Prefecture — protect your life now"
    )


def test_emergency_warning_cancellation_then_a_new_warning(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, NARA_EMERGENCY[0])
    issued = ingest(raw, source="feed").notices[0]
    cancel = later(
        with_info_type(raw, "取消"), "2011-09-03T12:00:00+09:00", "2011-09-03T12:10:00+09:00"
    )
    (cancellation,) = ingest(cancel, source="feed").notices
    assert cancellation.template == "emergency_warning_notice.cancellation"
    assert set(cancellation.codes) == set(issued.codes)
    assert render(cancellation, "ja").title == "取消　奈良県の特別警報"
    # the next telegram of the office (no EventID) is a fresh warning, not void, not an update
    result = ingest(sample_bytes(samples, NARA_EMERGENCY[1]), source="feed")
    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert [n.template for n in result.notices] == ["emergency_warning_notice.issue"]


def test_an_emergency_lifting_nobody_was_told_about_sends_nothing(
    codes: None, samples: Path
) -> None:
    result = ingest(sample_bytes(samples, NARA_EMERGENCY[-1]), source="feed")
    assert result.telegram.outcome == Telegram.Outcome.APPLIED
    assert result.notices == []


# ------------------------------------------------------------------------------- VPFT50


def heat_for_tomorrow(raw: bytes) -> bytes:
    """The 17:00 telegram of the day before (第1号): 明日（１１日）."""
    raw = raw.replace("今日（１１日）".encode(), "明日（１１日）".encode())
    raw = raw.replace(b"<Serial>2</Serial>", b"<Serial>1</Serial>")
    return raw.replace(b"2024-08-11T05:00:00+09:00", b"2024-08-10T17:00:00+09:00").replace(
        b"2024-08-10T19:45:21Z", b"2024-08-10T07:45:21Z"
    )


def test_heat_stroke_alert_for_today(codes: None, samples: Path) -> None:
    (notice,) = ingest(sample_bytes(samples, SAITAMA_HEAT), source="feed").notices
    assert (notice.template, notice.hazard, notice.severity) == ("heat.issue", "weather", 2)
    assert set(notice.codes) == prefecture("11") and "1120700" in notice.codes
    assert notice.details == {
        "forecast_areas": [["110000", "埼玉県"]],
        "day": "today",
        "date": "2024-08-11",
        "special": False,
    }
    titles = assert_filled(notice)
    assert titles["ja"] == "熱中症警戒アラート　埼玉県　今日（8月11日）"
    assert titles["en"] == "Heat stroke alert for Saitama Prefecture: today (August 11)"
    en = render(notice, "en")
    assert "air conditioning" in en.action and "Drink water" in en.action
    assert "neighbours" in en.action
    assert "エアコン" in render(notice, "ja-x-easy").action


def test_heat_stroke_alert_the_day_before_then_on_the_day(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, SAITAMA_HEAT)
    (before,) = ingest(heat_for_tomorrow(raw), source="feed").notices
    assert (before.template, before.details["day"], before.details["date"]) == (
        "heat.issue",
        "tomorrow",
        "2024-08-11",
    )
    assert assert_filled(before)["ja"] == "熱中症警戒アラート　埼玉県　明日（8月11日）"
    assert "あした（8月11日）" in render(before, "ja-x-easy").title
    (on_the_day,) = ingest(raw, source="feed").notices  # 第2号, the same EventID
    assert on_the_day.template == "heat.update"
    assert on_the_day.details["day"] == "today"
    assert assert_filled(on_the_day)["en"] == (
        "Heat stroke alert for Saitama Prefecture continues: today (August 11)"
    )
    cancel = later(
        with_info_type(raw, "取消"), "2024-08-11T05:00:00+09:00", "2024-08-11T05:10:00+09:00"
    )
    (cancellation,) = ingest(cancel, source="feed").notices
    assert cancellation.template == "heat.cancellation"
    assert render(cancellation, "ja").title == "取消　埼玉県の熱中症警戒アラート"


def test_special_heat_stroke_alert_is_named_and_more_severe(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, SAITAMA_HEAT).replace(
        "<Title>埼玉県熱中症警戒アラート</Title>".encode(),
        "<Title>埼玉県熱中症特別警戒アラート</Title>".encode(),
    )
    (notice,) = ingest(raw, source="feed").notices
    assert notice.details["special"] is True and notice.severity == 3
    titles = assert_filled(notice)
    assert titles["ja"].startswith("熱中症特別警戒アラート　埼玉県")
    assert titles["en"].startswith("Special heat stroke alert for Saitama Prefecture")


def test_heat_stroke_alert_for_an_unknown_area_sends_nothing(codes: None, samples: Path) -> None:
    raw = sample_bytes(samples, SAITAMA_HEAT).replace(
        "<Title>埼玉県熱中症警戒アラート</Title>".encode(),
        "<Title>どこか熱中症警戒アラート</Title>".encode(),
    )
    assert ingest(raw, source="feed").notices == []


def test_heat_and_emergency_notices_reach_weather_subscribers(codes: None, samples: Path) -> None:
    def subscriber(code: str, **wants: bool) -> Subscription:
        sub = Subscription.objects.create(
            channel=Subscription.Channel.WEBPUSH,
            endpoint=f"https://push.example/{code}/{len(wants)}",
            language="en",
            **wants,
        )
        SubscriptionArea.objects.create(subscription=sub, code=code)
        return sub

    kumagaya = subscriber("1120200")
    no_weather = subscriber("1120200", want_weather=False)
    osaka = subscriber("2710000")
    (heat,) = ingest(sample_bytes(samples, SAITAMA_HEAT), source="feed").notices
    assert set(matching_subscriptions(heat)) == {kumagaya}
    assert no_weather not in matching_subscriptions(heat) and osaka.pk
