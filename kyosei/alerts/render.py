"""Render a notice in any language from the human-written templates (no machine translation).

`ja` and `ja-x-easy` use the Japanese source texts in messages.py; every other language uses
its gettext catalog, falling back along the language's fallback chain when a catalog has no
translation yet (so a language added later renders at once, in its fallback language).
"""

from __future__ import annotations

import html
import logging
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from kyosei.alerts import messages as m
from kyosei.alerts.areas import area_name
from kyosei.alerts.models import Notice
from kyosei.core.languages import registry

log = logging.getLogger(__name__)

EASY = "ja-x-easy"


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


def _mode(language: str) -> str:
    base = language.split("-")[0].lower()
    if language.lower() == EASY:
        return "easy"
    return "ja" if base == "ja" else "gettext"


def _translated(promise: Promise, chain: list[str]) -> tuple[str, str]:
    """The first language in `chain` whose catalog translates `promise` (English last)."""
    source = str(_english(promise))
    for code in chain:
        if code.split("-")[0].lower() == "ja":
            continue
        with translation.override(code):
            text = str(promise)
        if text != source or code.split("-")[0].lower() == "en":
            return text, code
    return source, "en"


def _english(promise: Promise) -> str:
    with translation.override("en"):
        return str(promise)


def _join(names: list[str], mode: str, language: str) -> str:
    names = [n for n in names if n]
    if mode in {"ja", "easy"}:
        shown = "、".join(names[:3])
        return shown + (f"など{len(names)}地域" if len(names) > 3 else "")
    with translation.override(language):
        separator = str(m.LIST_SEPARATOR)
        shown = separator.join(names[:3])
        if len(names) > 3:
            return str(m.AND_MORE) % {"list": shown, "count": len(names) - 3}
    return shown


def _term(term: tuple[Promise, str, str], mode: str, language: str) -> str:
    if mode == "ja":
        return term[1]
    if mode == "easy":
        return term[2]
    with translation.override(language):
        return str(term[0])


def placeholders(notice: Notice, language: str) -> dict[str, str]:
    """Every placeholder the notice's template may use, in `language`."""
    mode = _mode(language)
    d: dict[str, Any] = notice.details or {}
    values: dict[str, str] = {}

    def names(kind: str, pairs: list[list[str]]) -> list[str]:
        return [area_name(kind, code, language, fallback=name) for code, name in pairs]

    if "tsunami_areas" in d:
        values["areas"] = _join(names("tsunami", d["tsunami_areas"]), mode, language)
    if "category" in d:
        values["category"] = _term(m.TSUNAMI_CATEGORIES[d["category"]], mode, language)
    height = d.get("height")
    if isinstance(height, dict):
        if height.get("kind") == "metres":
            value = f"{height['value']:g}"
            values["height"] = f"{value}m" + (
                "超" if height.get("over") and mode != "gettext" else ""
            )
            if mode == "gettext" and height.get("over"):
                values["height"] = f"> {value} m"
            elif mode == "gettext":
                values["height"] = f"{value} m"
        else:
            values["height"] = _term(m.HEIGHTS[str(height.get("kind", "unknown"))], mode, language)
    else:
        values["height"] = _term(m.HEIGHTS["unknown"], mode, language)
    if "intensity" in d:
        raw = str(d["intensity"])
        if mode == "gettext":
            with translation.override(language):
                values["intensity"] = str(m.INTENSITIES.get(raw, raw))
        else:
            values["intensity"] = m.INTENSITY_JA.get(raw, raw)
    if "subdivisions" in d:
        values["areas"] = _join(names("subdivision", d["subdivisions"]), mode, language)
    if d.get("epicentre"):
        code, name = d["epicentre"]
        values["epicentre"] = area_name("epicentre", code, language, fallback=name)
    else:
        values["epicentre"] = "—"
    magnitude = d.get("magnitude")
    values["magnitude"] = f"{magnitude:.1f}" if isinstance(magnitude, int | float) else "—"
    if "municipalities" in d:
        municipal = names("municipality", d["municipalities"])
        count = int(d.get("municipality_count") or len(municipal))
        values["areas"] = _join(municipal, mode, language)
        if count > len(municipal) and mode == "gettext":
            with translation.override(language):
                values["areas"] = str(m.AND_MORE) % {
                    "list": str(m.LIST_SEPARATOR).join(municipal[:3]),
                    "count": count - min(3, len(municipal)),
                }
        elif count > 3 and mode != "gettext":
            values["areas"] = "、".join(municipal[:3]) + f"など{count}市町村"
    if "status" in d and d["status"] in m.NANKAI_STATUSES:
        values["status"] = _term(m.NANKAI_STATUSES[d["status"]], mode, language)
    if "prefectures" in d:
        prefecture_names = [area_name("prefecture", c, language) for c in d["prefectures"][:3]]
        values["areas"] = _join(prefecture_names, mode, language)
    if "kinds" in d:
        values["kinds"] = _join(
            [_weather_kind(n, s, mode, language) for n, s in d["kinds"]], mode, language
        )
    if "volcano" in d:
        code, name = d["volcano"]
        values["volcano"] = area_name("volcano", code, language, fallback=name)
        level = d.get("level")
        if mode == "gettext":
            with translation.override(language):
                values["level"] = (
                    str(m.VOLCANO_LEVEL_FORMAT) % {"level": level}
                    if level
                    else str(m.VOLCANO_WARNING)
                )
        else:
            values["level"] = str(d.get("kind_name") or "")
    for key in ("district", "shelter", "organisation"):
        if isinstance(d.get(key), dict):
            per_language: dict[str, str] = d[key]
            chain = [language, *registry().fallback_chain(language), "en", "ja"]
            values[key] = next((per_language[c] for c in chain if per_language.get(c)), "—")
        elif key in d:
            values[key] = str(d[key])
    values.setdefault("areas", "—")
    return values


def _weather_kind(name: str, severity: int, mode: str, language: str) -> str:
    if mode == "ja":
        return name
    found = next(((w, t, e) for w, t, e in m.WEATHER_KINDS if w in name), None)
    hazard, easy = (found[1], found[2]) if found else (None, name)
    sev = m.WEATHER_SEVERITIES.get(int(severity), m.WEATHER_SEVERITIES[2])
    if found and found[0] == "土砂災害警戒":  # a product of its own, not "<hazard> warning"
        if mode == "easy":
            return easy
        with translation.override(language):
            return str(hazard)
    if mode == "easy":
        return f"{easy} の {sev[2]}"
    with translation.override(language):
        return str(m.WEATHER_KIND_FORMAT) % {
            "hazard": str(hazard) if hazard is not None else name,
            "severity": str(sev[0]),
        }


def _action_key(notice: Notice) -> str:
    if notice.phase == "cancellation":
        return "cancelled"
    if notice.phase == "lifting":
        return "lifted"
    family = notice.template.split(".")[0]
    if family == "local":
        return "weather"
    return family if family in m.ACTIONS else "weather"


def render(notice: Notice, language: str) -> Rendered:
    template = m.TEMPLATES[notice.template]
    values = placeholders(notice, language)
    mode = _mode(language)
    action = m.ACTIONS[_action_key(notice)]
    if mode == "ja":
        title, body, action_text, text_lang = *template.ja, action.ja, "ja"
    elif mode == "easy":
        title, body, action_text, text_lang = *template.easy, action.easy, EASY
    else:
        chain = registry().fallback_chain(language) or [language, "en"]
        title, text_lang = _translated(template.title, chain)
        body, _ = _translated(template.body, [text_lang, "en"])
        action_text, _ = _translated(action.text, [text_lang, "en"])
    title = _fill(title, values, notice)
    if mode == "gettext":
        title = title[:1].upper() + title[1:]  # a term placeholder may open the title
    body = _fill(body, values, notice)
    html_body = html.escape(body + " " + action_text)
    if mode == "easy":
        html_body = furigana_html(body + " " + action_text)
    return Rendered(language, text_lang, title, body, action_text, html_body)


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "—"


def _fill(text: str, values: dict[str, str], notice: Notice) -> str:
    try:
        return text % _Missing(values)
    except (TypeError, ValueError) as exc:  # a broken translation must not stop an alert
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


def render_all(notice: Notice) -> list[Rendered]:
    return [render(notice, lang.code) for lang in registry().languages]
