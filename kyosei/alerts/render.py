"""Render a notice in any language from the human-written wording (no machine translation).

Every language, Japanese and Plain Japanese included, takes its text from its gettext catalog
(the one source of the wording, see messages.py), falling back along the language's fallback
chain when a catalog has no translation yet (so a language added later renders at once, in its
fallback language). The notice's hazard module fills the placeholders.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import asdict, dataclass
from typing import Any

from jmaparse import Intensity
from kyosei.alerts import messages as m
from kyosei.alerts.hazards import module_of
from kyosei.alerts.hazards.common import EASY, Words
from kyosei.alerts.hazards.eew import intensity_range
from kyosei.alerts.hazards.tsunami import station_name
from kyosei.alerts.models import Area, Notice
from kyosei.core.languages import registry

__all__ = ["Rendered", "furigana_html", "placeholders", "render", "render_all", "station_name"]

log = logging.getLogger(__name__)

_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_SPACES = re.compile(r"(?<=\S) {2,}|^ +")
INTENSITY_RANKS = {i.value: i.rank for i in Intensity}


@dataclass(frozen=True)
class Rendered:
    lang: str  # the language asked for
    text_lang: str  # the language the text is actually in (after fallback)
    title: str
    body: str
    action: str
    html_body: str  # with <ruby> furigana for Plain Japanese

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def placeholders(notice: Notice, language: str) -> dict[str, str]:
    """Every placeholder the notice's template may use, in `language`."""
    details: dict[str, Any] = notice.details or {}
    values: dict[str, str] = module_of(notice.template).placeholders(details, Words(language))
    return values


def _action_key(notice: Notice) -> str:
    if notice.phase == "cancellation":
        return "cancelled"
    if notice.phase == "lifting":
        return "lifted"
    family = notice.template.split(".")[0]
    return family if family in m.ACTIONS else "weather"


def render(notice: Notice, language: str) -> Rendered:
    template = m.TEMPLATES[notice.template]
    words = Words(language)
    values = placeholders(notice, language)
    title, text_lang = words.translated(template.title)
    body, _ = words.translated(template.body)
    action = words(m.ACTIONS[_action_key(notice)])
    title = _fill(title, values, notice)
    if not words.japanese:
        title = title[:1].upper() + title[1:]  # a term placeholder may open the title
    body = _fill(body, values, notice)
    html_body = html.escape(body + " " + action)
    if language.lower() == EASY:
        html_body = furigana_html(body + " " + action)
    return Rendered(language, text_lang, title, body, action, html_body)


def _fill(text: str, values: dict[str, str], notice: Notice) -> str:
    missing = set(_PLACEHOLDER.findall(text)) - set(values)
    if missing:  # a template its hazard module does not fill: a bug, never a stand-in
        log.error("alerts: %s has no value for %s", notice.template, sorted(missing))
    try:
        # an empty sentence placeholder (nothing known to say) leaves no double space behind
        return _SPACES.sub(" ", text % {**{key: "" for key in missing}, **values}).strip()
    except (KeyError, TypeError, ValueError) as exc:  # a broken translation must not stop an alert
        log.error("alerts: template %s does not format: %s", notice.template, exc)
        return text


def furigana_html(text: str) -> str:
    """Plain Japanese with <ruby> readings for every kanji word (thin adapter over yasashii)."""
    try:
        from yasashii.furigana import furigana

        return furigana(text, format="ruby", level=None)
    except Exception:  # the engine is optional at alert time: an alert without ruby still goes
        log.exception("alerts: furigana failed; sending without readings")
        return html.escape(text)


def your_area(code: str, language: str, notice: Notice | None = None) -> str:
    """ "Your area: <municipality>" in `language`, for one resident's copy of an alert; for an
    earthquake, with that municipality's own intensity (observed, or the EEW forecast range)."""
    words = Words(language)
    name = words.area("municipality", code)
    intensity = _own_intensity(notice, code, words) if notice is not None else None
    if intensity:
        return words.fill(m.YOUR_AREA_INTENSITY, area=name, intensity=intensity)
    return words.fill(m.YOUR_AREA, area=name)


def _own_intensity(notice: Notice, code: str, words: Words) -> str | None:
    details = notice.details or {}
    if notice.phase in {"cancellation", "lifting"}:
        return None
    if details.get("forecasts"):  # EEW: the range forecast for the municipality's subdivision
        subdivision = (
            Area.objects.filter(code=code, kind=Area.Kind.MUNICIPALITY)
            .values_list("subdivision_code", flat=True)
            .first()
        )
        for forecast in details["forecasts"]:
            if forecast["area"][0] == subdivision:
                return intensity_range(forecast, words)
        return None
    if notice.template.startswith("earthquake.") and code in (notice.intensity_by_code or {}):
        rank = int(notice.intensity_by_code[code])
        value = next((key for key, r in INTENSITY_RANKS.items() if r == rank), None)
        return words.intensity(value) if value else None
    return None


def render_all(notice: Notice) -> list[Rendered]:
    return [render(notice, lang.code) for lang in registry().languages]
