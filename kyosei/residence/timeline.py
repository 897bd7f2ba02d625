"""A resident's timeline from the zairyu engine, worded in their language for pages and
calendars. Nothing here is stored: the input lives for one request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from kyosei.core.languages import registry
from zairyu import ZairyuInputError, build_timeline, fee_on, parse_case
from zairyu.data import available_languages, normalise_language, what_texts

# Deadlines that are the last or first day to apply for an extension: the fee of that day.
EXTENSION = {"extension_window_opens", "period_of_stay_expires"}


@dataclass(frozen=True)
class Step:
    kind: str
    day: date
    overdue: bool
    what: str
    what_language: str
    basis: str
    source: str
    fees: dict[str, int]  # channel → yen, on that day


@dataclass(frozen=True)
class Result:
    steps: tuple[Step, ...]
    notes: tuple[Step, ...]  # warnings: no day
    work: str


def what_language(language: str) -> str:
    """The variant whose texts a resident reads: theirs, else the nearest in its fallback."""
    available = set(available_languages())
    for code in registry().fallback_chain(language):
        if normalise_language(code) in available:
            return code
    return "en"


def timeline_for(raw: dict[str, Any], language: str) -> Result:
    """Raises ZairyuInputError (naming the field) when the engine refuses the input."""
    built = build_timeline(parse_case(raw))
    text_language = what_language(language)
    texts = what_texts(text_language)
    steps = tuple(
        Step(
            kind=d.kind,
            day=d.date,
            overdue=d.date < built.case.today,
            what=texts[d.kind],
            what_language=text_language,
            basis=d.rule.basis,
            source=d.rule.source,
            fees=_extension_fees(d.date) if d.kind in EXTENSION else {},
        )
        for d in sorted(built.deadlines, key=lambda d: d.date)
    )
    notes = tuple(
        Step(
            kind=w.kind,
            day=built.case.today,
            overdue=False,
            what=texts[w.kind],
            what_language=text_language,
            basis=w.rule.basis,
            source=w.rule.source,
            fees={},
        )
        for w in built.warnings
    )
    return Result(steps=steps, notes=notes, work=built.work)


def stored(result: Result) -> dict[str, Any]:
    """What a counter keeps of a timeline: the days and the rules, no wording (JSON)."""
    return {
        "steps": [
            {"kind": s.kind, "date": s.day.isoformat(), "basis": s.basis, "source": s.source}
            for s in result.steps
        ],
        "notes": [{"kind": n.kind, "basis": n.basis, "source": n.source} for n in result.notes],
        "work": result.work,
    }


def reworded(kept: dict[str, Any], language: str, today: date) -> Result:
    """A kept timeline (`stored`) worded again in `language`, with the rule texts of the
    tool; the days stay those computed when it was kept."""
    text_language = what_language(language)
    texts = what_texts(text_language)

    def step(item: dict[str, Any], day: date) -> Step:
        return Step(
            kind=item["kind"],
            day=day,
            overdue=day < today,
            what=texts.get(item["kind"], item["kind"]),
            what_language=text_language,
            basis=item["basis"],
            source=item["source"],
            fees={},
        )

    return Result(
        steps=tuple(step(i, date.fromisoformat(i["date"])) for i in kept.get("steps", [])),
        notes=tuple(step(i, today) for i in kept.get("notes", [])),
        work=str(kept.get("work", "")),
    )


def _extension_fees(day: date) -> dict[str, int]:
    fees = {}
    for channel in ("counter", "online"):
        try:
            fees[channel] = fee_on("extension", channel, day).yen
        except (KeyError, LookupError):
            continue
    return fees


__all__ = [
    "Result",
    "Step",
    "ZairyuInputError",
    "reworded",
    "stored",
    "timeline_for",
    "what_language",
]
