"""Article text → safe HTML: fact placeholders, Markdown, allow-list sanitising, furigana."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import markdown as markdown_lib  # type: ignore[import-untyped]
import nh3
from django.db.models import Q
from django.utils import timezone

from kyosei.core import cldr
from kyosei.core.languages import registry
from kyosei.guide.models import Fact, FactValue

# {{ fact:key }} the value; {{ fact:key.since }} the day it took effect; {{ fact:key.unit }} a
# number of days, months or years with its unit in the language's plural form ("1 year").
PLACEHOLDER_RE = re.compile(r"\{\{\s*fact:([a-z0-9-]+)(\.since|\.unit)?\s*\}\}")

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ruby",
    "rt",
    "rp",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang"}, "th": {"scope"}, "span": {"lang"}}


@dataclass(frozen=True)
class FactSnapshot:
    key: str
    kind: str
    effective_from: date
    number: Decimal | None
    date: date | None
    texts: dict[str, str]


def current_facts(organisation_id: int | None, on: date | None = None) -> dict[str, FactSnapshot]:
    """The value in force `on` a day of every national fact, overridden by the org's own."""
    return facts_of_organisations({organisation_id}, on)[organisation_id]


def facts_of_organisations(
    organisation_ids: set[int | None], on: date | None = None
) -> dict[int | None, dict[str, FactSnapshot]]:
    """`current_facts` of several organisations at once (one query, for listings)."""
    on = on or timezone.localdate()
    local = {pk for pk in organisation_ids if pk is not None}
    scope = Q(fact__organisation__isnull=True)
    if local:
        scope |= Q(fact__organisation_id__in=local)
    national: dict[str, FactValue] = {}
    own: dict[int, dict[str, FactValue]] = {pk: {} for pk in local}
    for value in FactValue.objects.filter(scope, effective_from__lte=on).select_related("fact"):
        org_id = value.fact.organisation_id
        found = national if org_id is None else own[org_id]
        prior = found.get(value.fact.key)
        # Within one scope, the latest effective date wins.
        if prior is None or value.effective_from > prior.effective_from:
            found[value.fact.key] = value

    def snapshots(values: dict[str, FactValue]) -> dict[str, FactSnapshot]:
        return {
            key: FactSnapshot(
                key, v.fact.kind, v.effective_from, v.number, v.date, dict(v.texts or {})
            )
            for key, v in values.items()
        }

    out: dict[int | None, dict[str, FactSnapshot]] = {None: snapshots(national)}
    for pk in local:
        # Local beats national.
        out[pk] = {**out[None], **snapshots(own[pk])}
    for wanted in organisation_ids:
        out.setdefault(wanted, out[None])
    return out


def format_fact(fact: FactSnapshot, language: str, since: bool = False, unit: bool = False) -> str:
    """The fact as written in `language`, with CLDR's dates, numbers and units."""
    if since:
        return cldr.day(fact.effective_from, language)
    if fact.kind == Fact.Kind.TEXT:
        for code in registry().fallback_chain(language):
            if fact.texts.get(code):
                return fact.texts[code]
        return next(iter(fact.texts.values()), "")
    if fact.kind == Fact.Kind.DATE and fact.date is not None:
        return cldr.day(fact.date, language)
    if fact.number is not None:
        if unit and fact.kind in cldr.DURATION_UNITS:
            return cldr.duration(fact.number, fact.kind, language)
        return cldr.number(fact.number, language)
    return ""


def substitute_facts(text: str, language: str, facts: dict[str, FactSnapshot]) -> str:
    """Replace placeholders; an unknown key stays visible so editors notice it."""

    def replace(match: re.Match[str]) -> str:
        fact = facts.get(match.group(1))
        if fact is None:
            return match.group(0)
        suffix = match.group(2)
        return format_fact(fact, language, since=suffix == ".since", unit=suffix == ".unit")

    return PLACEHOLDER_RE.sub(replace, text)


def fact_keys(text: str) -> set[str]:
    return {m.group(1) for m in PLACEHOLDER_RE.finditer(text)}


def sanitise(raw_html: str) -> str:
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def markdown_to_html(text: str) -> str:
    # Raw HTML in the source is left to nh3: the allow-list is the only security boundary.
    return sanitise(markdown_lib.markdown(text, extensions=["tables", "sane_lists"]))


def render_body(
    text: str, language: str, facts: dict[str, FactSnapshot], *, furigana: bool = False
) -> str:
    out = markdown_to_html(substitute_facts(text, language, facts))
    return add_furigana(out) if furigana else out


def render_inline(text: str, language: str, facts: dict[str, FactSnapshot]) -> str:
    """Titles and summaries: facts substituted, plain text (escaped by templates)."""
    return substitute_facts(text, language, facts)


TAG_RE = re.compile(r"(<[^>]+>)")


def add_furigana(safe_html: str) -> str:
    """Ruby readings on the text nodes of already-sanitised HTML (tags are left untouched)."""
    from kyosei.guide import plain

    out: list[str] = []
    inside_ruby = 0
    for part in TAG_RE.split(safe_html):
        if part.startswith("<"):
            if part.startswith("<ruby"):
                inside_ruby += 1
            elif part.startswith("</ruby"):
                inside_ruby = max(0, inside_ruby - 1)
            out.append(part)
        elif part and not inside_ruby:
            # Ruby now gives every reading: drop the bracketed kana readings writers added.
            text = plain.KANA_READING_RE.sub("", html.unescape(part))
            out.append(plain.furigana_html(text))
        else:
            out.append(part)
    return "".join(out)


def plain_text(safe_html: str) -> str:
    return html.unescape(TAG_RE.sub(" ", safe_html))
