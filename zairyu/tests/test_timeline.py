"""Each rule of issue 15 with a dated example; the docstrings cite the article or ISA page."""

from __future__ import annotations

from .helpers import ACT, dates_of, timeline, warning_kinds

ISA_EXT = "https://www.moj.go.jp/isa/applications/procedures/16-3.html"
ISA_SPECIAL = "https://www.moj.go.jp/isa/applications/procedures/tokureikikan_00001.html"
ISA_CARD = "https://www.moj.go.jp/isa/applications/procedures/nyuukokukanri10_00011.html"


def test_extension_window_three_months_before_for_one_year() -> None:
    """入管法21条; ISA 在留期間更新許可申請: from about 3 months before expiry (≥ 6 months)."""
    result = timeline()
    assert dates_of(result, "extension_window_opens") == ["2026-12-31"]
    assert dates_of(result, "period_of_stay_expires") == ["2027-03-31"]
    window = next(d for d in result["deadlines"] if d["kind"] == "extension_window_opens")
    assert window["source"] == ISA_EXT
    # catches: opening the window for every period, or at 2 months


def test_no_extension_window_below_six_months_and_leap_day_expiry() -> None:
    """Expiry 2028-02-29 with 3 months: no window (only ≥ 6 months); 6 months: 2027-11-29."""
    short = timeline(period_of_stay="P3M", expiry="2028-02-29", today="2028-01-10")
    assert dates_of(short, "extension_window_opens") == []
    six = timeline(period_of_stay="P6M", expiry="2028-02-29", today="2027-10-01")
    assert dates_of(six, "extension_window_opens") == ["2027-11-29"]


def test_special_period_two_months_after_expiry() -> None:
    """入管法20条6項 (旧5項), 21条4項; ISA 特例期間: decision or 2 months after expiry."""
    result = timeline(
        today="2027-04-15", events=[{"type": "applied_extension", "date": "2027-03-20"}]
    )
    assert dates_of(result, "special_period_ends") == ["2027-05-31"]
    assert "overstay" not in warning_kinds(result)
    special = next(d for d in result["deadlines"] if d["kind"] == "special_period_ends")
    assert special["source"] == ISA_SPECIAL
    # catches: a special period of 2 months counted from the application date


def test_special_period_from_a_leap_day_expiry() -> None:
    """Expiry 2028-02-29 (民法140条/143条): counting starts 3/1, ends 2028-04-30."""
    result = timeline(
        today="2028-03-10",
        expiry="2028-02-29",
        events=[{"type": "applied_change", "date": "2028-02-20"}],
    )
    assert dates_of(result, "special_period_ends") == ["2028-04-30"]


def test_no_special_period_for_thirty_days_or_less() -> None:
    """入管法20条6項: 三十日以下の在留期間を決定されている者 are excluded."""
    result = timeline(
        status="短期滞在",
        period_of_stay="P30D",
        expiry="2027-01-05",
        today="2027-01-10",
        events=[{"type": "applied_extension", "date": "2027-01-02"}],
    )
    assert dates_of(result, "special_period_ends") == []
    assert "no_special_period" in warning_kinds(result)
    assert "overstay" in warning_kinds(result)
    # P31D does get one (catches `<=` turned into `<` the wrong way)
    longer = timeline(
        status="短期滞在",
        period_of_stay="P31D",
        expiry="2027-01-05",
        today="2027-01-10",
        events=[{"type": "applied_extension", "date": "2027-01-02"}],
    )
    assert dates_of(longer, "special_period_ends") == ["2027-03-05"]


def test_overstay_warning_after_expiry_without_application() -> None:
    """入管法24条4号ロ (不法残留): no application before expiry."""
    result = timeline(today="2027-04-01")
    overstay = [w for w in result["warnings"] if w["kind"] == "overstay"]
    assert overstay and overstay[0]["since"] == "2027-04-01"
    assert timeline(today="2027-03-31")["warnings"] == []  # the expiry day itself is legal
    late = timeline(
        today="2027-04-03", events=[{"type": "applied_extension", "date": "2027-04-02"}]
    )
    assert {"overstay", "application_after_expiry"} <= set(warning_kinds(late))


def test_overstay_after_the_special_period_ends() -> None:
    result = timeline(
        today="2027-06-01", events=[{"type": "applied_extension", "date": "2027-03-01"}]
    )
    assert [w["since"] for w in result["warnings"] if w["kind"] == "overstay"] == ["2027-06-01"]


def test_address_notification_and_ninety_day_revocation() -> None:
    """入管法19条の9第1項 (14 days), 22条の4第1項9号 (90 days without notifying)."""
    result = timeline(events=[{"type": "moved", "date": "2026-12-01"}])
    assert dates_of(result, "address_notification_due") == ["2026-12-15"]
    assert dates_of(result, "revocation_risk_from") == ["2027-03-02"]
    due = next(d for d in result["deadlines"] if d["kind"] == "address_notification_due")
    assert due["source"] == ACT and "19条の9" in due["basis"]
    assert due["overdue"] is False
    late = timeline(today="2026-12-16", events=[{"type": "moved", "date": "2026-12-01"}])
    assert [d["overdue"] for d in late["deadlines"] if d["kind"] == "address_notification_due"] == [
        True
    ]


def test_no_address_notification_for_short_term_visitors() -> None:
    """19条の3: 短期滞在 and periods of 3 months or less are not 中長期在留者."""
    result = timeline(
        status="短期滞在",
        period_of_stay="P90D",
        expiry="2027-01-31",
        events=[{"type": "moved", "date": "2026-12-01"}],
    )
    assert dates_of(result, "address_notification_due") == []
    three_months = timeline(period_of_stay="P3M", events=[{"type": "moved", "date": "2026-12-01"}])
    assert dates_of(three_months, "address_notification_due") == []


def test_special_permanent_resident_address_under_special_act() -> None:
    """入管特例法10条: 14 days; no revocation under 入管法22条の4."""
    result = timeline(
        status="特別永住者",
        period_of_stay="indefinite",
        expiry=None,
        events=[{"type": "moved", "date": "2026-12-01"}],
    )
    assert dates_of(result, "address_notification_due") == ["2026-12-15"]
    assert dates_of(result, "revocation_risk_from") == []
    assert result["work"] == "unrestricted"


def test_affiliation_notification_for_both_groups_only() -> None:
    """入管法19条の16第1号 (活動機関: 留学) and 第2号 (契約機関: 技人国); not 日本人の配偶者等."""
    event = [{"type": "employer_changed", "date": "2027-01-10"}]
    changed = timeline(events=event)
    assert dates_of(changed, "affiliation_notification_due") == ["2027-01-24"]
    assert dates_of(changed, "revocation_risk_from") == []  # a new employer is no inactivity
    student = timeline(status="留学", period_of_stay="P2Y", events=event)
    assert dates_of(student, "affiliation_notification_due") == ["2027-01-24"]
    spouse = timeline(status="日本人の配偶者等", events=event)
    assert dates_of(spouse, "affiliation_notification_due") == []


def test_leaving_an_employer_three_months_revocation() -> None:
    """入管法22条の4第1項6号: 3 months without the status's activities."""
    result = timeline(events=[{"type": "employer_left", "date": "2026-11-30"}])
    assert dates_of(result, "affiliation_notification_due") == ["2026-12-14"]
    assert dates_of(result, "revocation_risk_from") == ["2027-03-01"]


def test_spouse_notification_and_six_month_revocation() -> None:
    """入管法19条の16第3号 (14 days), 22条の4第1項7号 (6 months for spouse statuses)."""
    result = timeline(
        status="日本人の配偶者等", events=[{"type": "spouse_divorced", "date": "2026-08-31"}]
    )
    assert dates_of(result, "spouse_notification_due") == ["2026-09-14"]
    assert dates_of(result, "revocation_risk_from") == ["2027-03-01"]
    dependent = timeline(
        status="家族滞在",
        period_of_stay="P1Y",
        events=[{"type": "spouse_died", "date": "2026-08-31"}],
    )
    assert dates_of(dependent, "spouse_notification_due") == ["2026-09-14"]
    assert dates_of(dependent, "revocation_risk_from") == ["2026-12-01"]  # 3 months (6号)
    settled = timeline(status="定住者", events=[{"type": "spouse_divorced", "date": "2026-08-31"}])
    assert dates_of(settled, "revocation_risk_from") == []  # 別表第二 定住者: neither 6号 nor 7号
    assert dates_of(settled, "spouse_notification_due") == []


def test_lost_card_reissue_within_fourteen_days() -> None:
    """入管法19条の12第1項: 14 days from learning of the loss."""
    result = timeline(events=[{"type": "card_lost", "date": "2027-02-20"}])
    assert dates_of(result, "card_reissue_due") == ["2027-03-06"]


def test_permanent_resident_card_renewal_two_months_before() -> None:
    """入管法19条の5 (7 years), 19条の11; ISA 在留カードの有効期間の更新: from 2 months before."""
    result = timeline(
        status="永住者", period_of_stay="indefinite", expiry=None, card_expiry="2028-04-30"
    )
    assert dates_of(result, "card_expires") == ["2028-04-30"]
    assert dates_of(result, "card_renewal_window_opens") == ["2028-02-29"]
    window = next(d for d in result["deadlines"] if d["kind"] == "card_renewal_window_opens")
    assert window["source"] == ISA_CARD
    unknown = timeline(status="永住者", period_of_stay="indefinite", expiry=None)
    assert "card_expiry_unknown" in warning_kinds(unknown)


def test_child_card_until_sixteenth_birthday_six_months_before() -> None:
    """入管法19条の5, 19条の11第2項; ISA: a card ending on the 16th birthday, 6 months before."""
    result = timeline(
        status="永住者", period_of_stay="indefinite", expiry=None, birth_date="2012-02-29"
    )
    assert dates_of(result, "card_expires") == ["2028-02-29"]
    assert dates_of(result, "card_renewal_window_opens") == ["2027-08-29"]
    child = timeline(
        status="家族滞在", period_of_stay="P5Y", expiry="2030-03-31", birth_date="2012-02-29"
    )
    assert dates_of(child, "card_expires") == ["2028-02-29"]


def test_special_reentry_one_year_or_expiry() -> None:
    """入管法26条の2: 1 year from departure or the end of the period of stay, whichever first."""
    trip = [{"type": "left_japan", "date": "2027-01-10", "reentry": "special"}]
    capped = timeline(events=trip)
    assert dates_of(capped, "reentry_return_by") == ["2027-03-31"]
    full = timeline(expiry="2029-03-31", period_of_stay="P3Y", events=trip)
    assert dates_of(full, "reentry_return_by") == ["2028-01-10"]
    back = trip + [{"type": "returned_japan", "date": "2027-02-01"}]
    assert dates_of(timeline(events=back), "reentry_return_by") == []


def test_special_permanent_resident_special_reentry_two_years() -> None:
    """入管特例法23条2項: 2 years for special permanent residents."""
    result = timeline(
        status="特別永住者",
        period_of_stay="indefinite",
        expiry=None,
        events=[{"type": "left_japan", "date": "2028-02-29", "reentry": "special"}],
    )
    assert dates_of(result, "reentry_return_by") == ["2030-02-28"]


def test_reentry_permit_until_its_date() -> None:
    """入管法26条: a re-entry permit is valid until its date, never beyond the period of stay."""
    result = timeline(
        expiry="2029-03-31",
        period_of_stay="P3Y",
        events=[
            {
                "type": "left_japan",
                "date": "2027-01-10",
                "reentry": "permit",
                "permit_until": "2028-06-30",
            }
        ],
    )
    assert dates_of(result, "reentry_return_by") == ["2028-06-30"]


def test_work_categories() -> None:
    """入管法19条1項 and 別表: 別表第二 unrestricted; 留学・家族滞在 28h with permission
    (施行規則19条5項1号); 特定活動 per designation; 短期滞在 none."""
    assert timeline()["work"] == "within_status"
    assert timeline(status="日本人の配偶者等")["work"] == "unrestricted"
    assert timeline(status="特定活動")["work"] == "depends_on_designation"
    assert timeline(status="短期滞在", period_of_stay="P90D")["work"] == "none"
    student = timeline(status="留学", period_of_stay="P2Y")
    assert student["work"] == "with_permission_28h"
    limit = next(w for w in student["warnings"] if w["kind"] == "work_permission_28h")
    assert limit["hours_per_week"] == 28 and limit["hours_per_day_in_long_vacation"] == 8
    dependent = timeline(status="家族滞在", period_of_stay="P1Y")
    limit = next(w for w in dependent["warnings"] if w["kind"] == "work_permission_28h")
    assert "hours_per_day_in_long_vacation" not in limit


def test_ikusei_shuro_from_its_in_force_date() -> None:
    """令和6年法律第60号: 育成就労 from 2027-04-01; 技能実習 holders get the transition note."""
    ok = timeline(status="育成就労", today="2027-04-01", expiry="2028-03-31")
    assert ok["work"] == "within_status"
    trainee = timeline(status="技能実習2号", today="2027-04-01", expiry="2028-03-31")
    assert "transition_ikusei_shuro" in warning_kinds(trainee)
    before = timeline(status="技能実習2号", today="2027-03-31", expiry="2028-03-31")
    assert "transition_ikusei_shuro" not in warning_kinds(before)


def test_what_texts_per_language() -> None:
    ja = timeline(lang="ja", events=[{"type": "moved", "date": "2026-12-01"}])
    easy = timeline(lang="ja-x-easy", events=[{"type": "moved", "date": "2026-12-01"}])
    en = timeline(lang="en", events=[{"type": "moved", "date": "2026-12-01"}])
    texts = {r["deadlines"][0]["what"] for r in (ja, easy, en)}
    assert len(texts) == 3
    assert "住居地" in ja["deadlines"][0]["what"] and "address" in en["deadlines"][0]["what"]


def test_card_ending_the_day_before_the_sixteenth_birthday_counts_as_ending_at_16() -> None:
    """ISA card page: 16歳の誕生日の6か月前から; cards issued since 2023-11-01 are said to end the
    day before the birthday (unverified), so both dates open the 6-month window."""
    result = timeline(
        status="永住者",
        period_of_stay="indefinite",
        expiry=None,
        birth_date="2012-09-01",
        card_expiry="2028-08-31",
    )
    assert dates_of(result, "card_renewal_window_opens") == ["2028-02-29"]
    adult = timeline(
        status="高度専門職2号", period_of_stay="indefinite", expiry=None, card_expiry="2030-08-31"
    )
    assert dates_of(adult, "card_renewal_window_opens") == ["2030-06-30"]  # 2 months (19条の11)


def test_fixed_period_adult_card_has_no_separate_renewal() -> None:
    """入管法19条の5: a fixed period's card ends with it; its renewal is the extension."""
    result = timeline(card_expiry="2027-03-31")
    assert dates_of(result, "card_renewal_window_opens") == []
    assert dates_of(result, "card_expires") == []


def test_special_permanent_resident_lost_certificate_under_special_act() -> None:
    """入管特例法13条 (紛失等による特別永住者証明書の再交付); the 14 days are unverified."""
    result = timeline(
        status="特別永住者",
        period_of_stay="indefinite",
        expiry=None,
        events=[{"type": "card_lost", "date": "2027-02-20"}],
    )
    reissue = [d for d in result["deadlines"] if d["kind"] == "card_reissue_due"]
    assert [d["date"] for d in reissue] == ["2027-03-06"]
    assert reissue[0]["basis"] == "入管特例法13条1項"
