"""Render a notice in any language from the human-written templates (no machine translation).

`ja` and `ja-x-easy` use the Japanese source texts in messages.py; every other language uses
its gettext catalog, falling back along the language's fallback chain when a catalog has no
translation yet (so a language added later renders at once, in its fallback language).
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import formats, translation
from django.utils.functional import Promise

from kyosei.alerts import messages as m
from kyosei.alerts.areas import area_name, municipality_kana
from kyosei.alerts.models import Notice
from kyosei.alerts.transliterate import hangul, romaji, romanised_place
from kyosei.core.languages import registry
from kyosei.orgs.prefectures import PREFECTURES

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
        # every kind is named: "and 1 more" / "など4地域" are said of places, not of warnings
        kinds = [_weather_kind(n, s, mode, language) for n, s in d["kinds"]]
        with translation.override(language):
            separator = "、" if mode in {"ja", "easy"} else str(m.LIST_SEPARATOR)
        values["kinds"] = separator.join(k for k in kinds if k)
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
    if "forecast_areas" in d:
        forecast = [_forecast_area(code, name, language) for code, name in d["forecast_areas"]]
        values["areas"] = _join(forecast, mode, language)
    if "places" in d:
        places = names("municipality", d["places"])
        count = int(d.get("place_count") or len(places))
        values["places"] = (
            _counted(places, count, mode, language) if places else values.get("areas", "—")
        )
    if "valid_until" in d:
        values["valid"] = _valid(d["valid_until"], mode, language)
    if "special" in d:
        values["alert"] = _term(
            m.HEAT_ALERTS["special" if d["special"] else "alert"], mode, language
        )
    if d.get("day") in m.HEAT_DAYS and d.get("date"):
        values["day"] = _day(d["day"], date.fromisoformat(d["date"]), mode, language)
    for key in ("district", "shelter", "organisation"):
        if isinstance(d.get(key), dict):
            per_language: dict[str, str] = d[key]
            chain = [language, *registry().fallback_chain(language), "en", "ja"]
            values[key] = next((per_language[c] for c in chain if per_language.get(c)), "—")
        elif key in d:
            values[key] = str(d[key])
    values.update(_information_placeholders(d, mode, language))
    values.setdefault("areas", "—")
    return values


def _forecast_area(code: str, name: str, language: str) -> str:
    if code[2:] == "0000" and code[:2] in PREFECTURES:  # a 府県予報区 is its prefecture
        return area_name("prefecture", code[:2], language)
    return area_name("forecast", code, language, fallback=name)


def _counted(names: list[str], count: int, mode: str, language: str) -> str:
    """Up to three names, and how many more there are."""
    if mode != "gettext":
        return "、".join(names[:3]) + (f"など{count}市町村" if count > 3 else "")
    shown = min(3, len(names))
    if count > shown:
        with translation.override(language):
            return str(m.AND_MORE) % {
                "list": str(m.LIST_SEPARATOR).join(names[:shown]),
                "count": count - shown,
            }
    return _join(names, mode, language)


def _valid(until: str | None, mode: str, language: str) -> str:
    if not until:
        return _term(m.TORNADO_VALID_HOUR, mode, language)
    end = datetime.fromisoformat(until).astimezone(ZoneInfo("Asia/Tokyo"))
    time = f"{end.hour}時{end.minute:02d}分" if mode != "gettext" else f"{end:%H:%M}"
    return _phrase(m.TORNADO_VALID_UNTIL, mode, language, time=time)


def _day(day: str, when: date, mode: str, language: str) -> str:
    if mode != "gettext":
        shown = f"{when.month}月{when.day}日"
    else:
        with translation.override(language):
            shown = formats.date_format(when, "MONTH_DAY_FORMAT")
    return _phrase(m.HEAT_DAYS[day], mode, language, date=shown)


def _phrase(term: tuple[Promise, str, str], mode: str, language: str, **values: str) -> str:
    text = _term(term, mode, language)
    try:
        return text % values
    except (KeyError, TypeError, ValueError) as exc:  # a broken translation: still say when
        log.error("alerts: term %r does not format: %s", text, exc)
        return " ".join(values.values())


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


def your_area(code: str, language: str) -> str:
    """ "Your area: <municipality>" in `language`, for one resident's copy of an alert."""
    mode = _mode(language)
    name = area_name("municipality", code, language)
    if mode == "gettext":
        chain = registry().fallback_chain(language) or [language, "en"]
        text, _ = _translated(m.YOUR_AREA[0], chain)
        try:
            return text % {"area": name}
        except (KeyError, TypeError, ValueError):  # a broken translation: still name the place
            log.error("alerts: %r does not format", text)
            return name
    return _phrase(m.YOUR_AREA, mode, language, area=name)


def render_all(notice: Notice) -> list[Rendered]:
    return [render(notice, lang.code) for lang in registry().languages]


# --------------------------------------------------------------------------------------------
# Information after an earthquake, a tsunami or an eruption
# --------------------------------------------------------------------------------------------


def _information_placeholders(d: dict[str, Any], mode: str, language: str) -> dict[str, str]:
    values: dict[str, str] = {}
    if d.get("magnitude") is None and d.get("magnitude_note") in m.MAGNITUDE_NOTES:
        values["magnitude"] = _term(m.MAGNITUDE_NOTES[d["magnitude_note"]], mode, language)
    if "depth" in d:
        values["depth"] = _depth(d["depth"], mode, language)
    if d.get("tsunami") in m.TSUNAMI_COMMENTS:
        values["tsunami"] = _term(m.TSUNAMI_COMMENTS[d["tsunami"]], mode, language)
    if d.get("lg_class") in m.LONG_PERIOD_CLASSES:
        values["lg_class"] = _term(m.LONG_PERIOD_CLASSES[d["lg_class"]], mode, language)
    if "observed" in d:
        values["observation"] = _observation(d["observed"], mode, language)
    if "arrival" in d:
        arrival = d["arrival"] or {"kind": "unknown"}
        values["arrival"] = _sentence(
            m.TSUNAMI_ARRIVALS[str(arrival.get("kind", "unknown"))],
            mode,
            language,
            time=_time(arrival.get("time"), mode, language),
        )
    if d.get("phenomenon") in m.ERUPTIONS:
        values["phenomenon"] = _term(m.ERUPTIONS[d["phenomenon"]], mode, language)
    if "phenomenon" in d:
        values["time"] = _time(d.get("time"), mode, language)
    return values


def _sentence(sentence: tuple[Promise, str, str], mode: str, language: str, **values: str) -> str:
    """A whole translated sentence with its own placeholders (never a glued fragment)."""
    if mode == "gettext":
        text, _ = _translated(sentence[0], [*(registry().fallback_chain(language)), "en"])
    else:
        text = sentence[1] if mode == "ja" else sentence[2]
    try:
        return text % values
    except (KeyError, TypeError, ValueError) as exc:
        log.error("alerts: sentence %r does not format: %s", sentence[1], exc)
        return sentence[1] % values


def _time(value: str | None, mode: str, language: str) -> str:
    if not value:
        return "—"
    when = datetime.fromisoformat(value).astimezone(ZoneInfo("Asia/Tokyo"))
    if mode == "ja":
        return f"{when.day}日{when.hour}時{when.minute:02d}分"
    if mode == "easy":
        return f"{when.hour}じ {when.minute}ふん"
    return _sentence((m.JST_TIME, "", ""), mode, language, time=f"{when:%H:%M}")


def _depth(depth: dict[str, Any] | None, mode: str, language: str) -> str:
    if not depth or depth.get("kind") not in {"km", "shallow"}:
        return _term(m.DEPTHS["unknown"], mode, language)
    if depth["kind"] == "shallow":
        return _term(m.DEPTHS["shallow"], mode, language)
    km = f"{float(depth['value']):g}"
    if mode != "gettext":
        return f"{km}km" if mode == "ja" else f"{km} キロメートル"
    return _sentence((m.DEPTH_KM, "", ""), mode, language, km=km)


def _metres(height: dict[str, Any], mode: str) -> str:
    value = f"{float(height['value']):g}"
    if mode == "gettext":
        return f"> {value} m" if height.get("over") else f"{value} m"
    return f"{value}m" + ("超" if height.get("over") else "")


def _observation(observed: dict[str, Any] | None, mode: str, language: str) -> str:
    if not observed:
        return _sentence(m.TSUNAMI_OBSERVATIONS["none"], mode, language)
    code, name = observed.get("station") or ["", ""]
    station = station_name(name, language)
    area_code, area = observed.get("area") or ["", ""]
    if area_code:
        where = area_name("tsunami", area_code, language, fallback=area)
        station = f"{station}（{where}）" if mode != "gettext" else f"{station} ({where})"
    kind = str(observed.get("kind"))
    if kind == "metres":
        key = "rising" if observed.get("rising") else "metres"
        height = _metres(observed, mode)
        return _sentence(
            m.TSUNAMI_OBSERVATIONS[key], mode, language, station=station, height=height
        )
    key = kind if kind in m.TSUNAMI_OBSERVATIONS else "observing"
    return _sentence(m.TSUNAMI_OBSERVATIONS[key], mode, language, station=station)


_KANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ffー]+$")
_MUNICIPALITY_SUFFIXES = ("市", "町", "村")


def station_name(name: str, language: str) -> str:
    """A tide station's name from the telegram; for readers of other scripts, a transliteration
    through the kana reading of the municipality it is named after (釜石 → Kamaishi), because
    JMA publishes no readings for stations; Plain Japanese gets the kana reading. Names whose
    reading is unknown stay as in the telegram."""
    base = language.split("-")[0].lower()
    easy = language.lower() == EASY
    if (base in {"ja", "zh"} and not easy) or not name:
        return name
    convert = _as_is if easy else hangul if base == "ko" else _capitalised_romaji
    if _KANA.match(name):
        return convert(name)
    for suffix in _MUNICIPALITY_SUFFIXES:
        reading = _municipality_kana(name + suffix)
        if reading:
            stem = _strip_suffix_reading(reading, suffix)
            return convert(stem)
    for end in range(len(name) - 1, 1, -1):
        prefix = name[:end]
        if prefix.endswith(_MUNICIPALITY_SUFFIXES):
            reading = _municipality_kana(prefix)
            if reading:
                if easy:
                    return name
                shown = hangul(reading) if base == "ko" else romanised_place(prefix, reading)
                return f"{shown} ({name})"
    return name


def _as_is(kana: str) -> str:
    return kana


def _capitalised_romaji(kana: str) -> str:
    roman = romaji(kana)
    return roman[:1].upper() + roman[1:]


def _strip_suffix_reading(reading: str, suffix: str) -> str:
    for kana in {"市": ("し",), "町": ("ちょう", "まち"), "村": ("むら", "そん")}[suffix]:
        if reading.endswith(kana) and len(reading) > len(kana):
            return reading[: -len(kana)]
    return reading


def _municipality_kana(name: str) -> str:
    return municipality_kana(name)  # one table loaded once (areas.py), not a query per guess
