"""Computes a resident's deadlines, work category and warnings from a checked Case."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from . import periods
from .data import Rule, rules, what_texts
from .inputs import Case, Event

ONE_DAY = timedelta(days=1)
APPLICATIONS = ("applied_extension", "applied_change")


@dataclass(frozen=True, slots=True)
class Deadline:
    kind: str
    date: date
    rule: Rule
    event: Event | None = None


@dataclass(frozen=True, slots=True)
class Warning:
    kind: str
    rule: Rule
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Timeline:
    case: Case
    deadlines: tuple[Deadline, ...]
    work: str
    warnings: tuple[Warning, ...]

    def to_json(self, language: str = "ja") -> dict[str, Any]:
        texts = what_texts(language)
        return {
            "deadlines": [
                {
                    "kind": d.kind,
                    "date": d.date.isoformat(),
                    "overdue": d.date < self.case.today,
                    "basis": d.rule.basis,
                    "source": d.rule.source,
                    "what": texts[d.kind],
                }
                for d in self.deadlines
            ],
            "work": self.work,
            "warnings": [
                {
                    "kind": w.kind,
                    "basis": w.rule.basis,
                    "source": w.rule.source,
                    "what": texts[w.kind],
                    **w.extra,
                }
                for w in self.warnings
            ],
        }


def _period_end(rule: Rule, event: date) -> date:
    if rule.unit == "days":
        return periods.end_of_days(event, rule.amount)
    if rule.unit == "months":
        return periods.end_of_months(event, rule.amount)
    if rule.unit == "years":
        return periods.end_of_years(event, rule.amount)
    raise ValueError(f"rule {rule.id} is not a period: {rule.unit}")


def _rule(rule_id: str, on: date) -> Rule | None:
    rule = rules()[rule_id]
    return rule if rule.in_force(on) else None


class _Builder:
    def __init__(self, case: Case) -> None:
        self.case = case
        self.deadlines: list[Deadline] = []
        self.warnings: list[Warning] = []

    def deadline(self, kind: str, rule_id: str, day: date, event: Event | None = None) -> None:
        rule = _rule(rule_id, event.date if event else self.case.today)
        if rule is not None:
            self.deadlines.append(Deadline(kind, day, rule, event))

    def after(self, kind: str, rule_id: str, event: Event) -> date | None:
        rule = _rule(rule_id, event.date)
        if rule is None:
            return None
        day = _period_end(rule, event.date)
        self.deadlines.append(Deadline(kind, day, rule, event))
        return day

    def risk_after(self, rule_id: str, event: Event, amount: int | None = None) -> None:
        """Revocation becomes possible the day after the whole period has elapsed (22条の4)."""
        rule = _rule(rule_id, event.date)
        if rule is None:
            return
        months = amount if amount is not None else rule.amount
        end = (
            periods.end_of_days(event.date, rule.amount)
            if rule.unit == "days"
            else periods.end_of_months(event.date, months)
        )
        self.deadlines.append(Deadline("revocation_risk_from", end + ONE_DAY, rule, event))

    def warn(self, kind: str, rule_id: str, **extra: object) -> None:
        self.warnings.append(Warning(kind, rules()[rule_id], dict(extra)))


def build_timeline(case: Case) -> Timeline:
    b = _Builder(case)
    _period_of_stay(b)
    for event in case.events:
        _event(b, event)
    _reentry(b)
    _card(b)
    _work(b)
    if case.status.name.startswith("技能実習") and case.today >= date(2027, 4, 1):
        b.warn("transition_ikusei_shuro", "ikusei_shuro_in_force")
    deadlines = tuple(sorted(b.deadlines, key=lambda d: (d.date, d.kind)))
    return Timeline(case, deadlines, case.status.work, tuple(b.warnings))


def _period_of_stay(b: _Builder) -> None:
    case = b.case
    expiry = case.expiry
    if expiry is None:
        return
    b.deadline("period_of_stay_expires", "period_of_stay", expiry)
    if case.period.at_least_months(rules()["extension_window_min_period"].amount):
        window = rules()["extension_window"]
        b.deadline(
            "extension_window_opens",
            "extension_window",
            periods.months_before(expiry, window.amount),
        )
    applications = [e for e in case.events if e.type in APPLICATIONS]
    on_time = [e for e in applications if e.date <= expiry]
    special_end: date | None = None
    short = case.period.at_most_days(rules()["special_period_min_period"].amount - 1)
    if on_time and short:
        b.warn("no_special_period", "special_period_min_period")
    elif on_time:
        special_end = b.after("special_period_ends", "special_period", Event("expiry", expiry))
    if applications and not on_time:
        b.warn("application_after_expiry", "special_period")
    limit = special_end or expiry
    if case.today > limit:
        b.warn("overstay", "overstay", since=(limit + ONE_DAY).isoformat())


def _event(b: _Builder, event: Event) -> None:
    status = b.case.status
    if event.type == "moved":
        if status.special_permanent:
            b.after("address_notification_due", "address_notification_special_permanent", event)
        elif status.mid_to_long_term and _mid_to_long(b.case):
            b.after("address_notification_due", "address_notification", event)
            b.risk_after("revocation_address", event)
    elif event.type in ("employer_changed", "employer_left"):
        if status.affiliation_group is not None:
            b.after("affiliation_notification_due", "affiliation_notification", event)
        if event.type == "employer_left" and status.revocation_inactivity_months == 3:
            b.risk_after("revocation_inactivity", event)
    elif event.type in ("spouse_divorced", "spouse_died"):
        if status.spouse_notification:
            b.after("spouse_notification_due", "spouse_notification", event)
        if status.revocation_inactivity_months == 6:
            b.risk_after("revocation_spouse_inactivity", event)
        elif status.spouse_notification and status.revocation_inactivity_months == 3:
            b.risk_after("revocation_inactivity", event)
    elif event.type == "card_lost":
        if status.special_permanent:
            b.after("card_reissue_due", "card_reissue_special_permanent", event)
        elif _mid_to_long(b.case):
            b.after("card_reissue_due", "card_reissue", event)


def _mid_to_long(case: Case) -> bool:
    """中長期在留者 (入管法19条の3): not 3 months or less, not 短期滞在, 外交, 公用."""
    period = case.period
    longer = period.indefinite or period.months > 3 or (period.months == 3 and period.days > 0)
    return case.status.mid_to_long_term and longer


def _reentry(b: _Builder) -> None:
    case = b.case
    trip: Event | None = None
    for event in sorted(case.events, key=lambda e: e.date):
        if event.type == "left_japan":
            trip = event
        elif event.type == "returned_japan" and trip is not None and event.date >= trip.date:
            trip = None
    if trip is None:
        return
    if trip.reentry == "permit":
        assert trip.permit_until is not None  # noqa: S101 (checked in inputs)
        until = trip.permit_until
        if case.expiry is not None:
            until = min(until, case.expiry)
        if until >= trip.date:  # leaving after expiry keeps no status to return to
            b.deadline("reentry_return_by", "reentry_permit_max", until, trip)
        return
    rule_id = (
        "special_reentry_special_permanent" if case.status.special_permanent else "special_reentry"
    )
    rule = rules()[rule_id]
    until = periods.end_of_years(trip.date, rule.amount)
    if case.expiry is not None:
        until = min(until, case.expiry)
    if until >= trip.date:
        b.deadline("reentry_return_by", rule_id, until, trip)


def _card(b: _Builder) -> None:
    case = b.case
    if case.status.special_permanent or not _mid_to_long(case):
        return
    sixteenth = periods.anniversary(case.birth_date, 16) if case.birth_date else None
    under16 = sixteenth is not None and case.today < sixteenth
    card_end = case.card_expiry
    if card_end is None and under16 and sixteenth is not None:
        card_end = sixteenth if case.expiry is None else min(sixteenth, case.expiry)
    if card_end is None:
        if case.status.indefinite:
            b.warn("card_expiry_unknown", "card_validity_permanent")
        return
    ends_at_16 = sixteenth is not None and card_end in (sixteenth, sixteenth - ONE_DAY)
    if ends_at_16:
        rule_id = "card_renewal_window_under16"
    elif case.status.indefinite:
        rule_id = "card_renewal_window"
    else:
        return  # the card of a fixed period ends with it: renewed by the extension
    rule = rules()[rule_id]
    validity = "card_under16_until_16th_birthday" if ends_at_16 else "card_validity_permanent"
    b.deadline("card_expires", validity, card_end)
    b.deadline("card_renewal_window_opens", rule_id, periods.months_before(card_end, rule.amount))


def _work(b: _Builder) -> None:
    status = b.case.status
    if status.work == "with_permission_28h":
        extra: dict[str, object] = {"hours_per_week": rules()["work_permission_28h"].amount}
        if status.name == "留学":
            extra["hours_per_day_in_long_vacation"] = 8
        b.warn("work_permission_28h", "work_permission_28h", **extra)
