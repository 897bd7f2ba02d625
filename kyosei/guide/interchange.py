"""XLIFF (2.0 and 1.2) and TMX exchange with CAT tools, through translate-toolkit.

Imports are all-or-nothing: the file is fully parsed and validated first, then written in one
transaction, so a broken file leaves nothing half-imported.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from translate.storage import tmx, xliff, xliff2

from kyosei.audit.services import record
from kyosei.core.languages import registry
from kyosei.guide import services, tm
from kyosei.guide.models import Article, MemoryEntry, Revision
from kyosei.guide.reader import live_revisions
from kyosei.guide.states import State, state_matrix
from kyosei.orgs.models import Organisation

UNIT_ID_RE = re.compile(r"^a(\d+)-r(\d+)-(title|summary|p(\d+))$")
XLIFF12_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
    '<file original="kyosei-guide" source-language="{src}" target-language="{tgt}" '
    'datatype="plaintext"><body></body></file></xliff>\n'
)
MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ExchangeError(ValueError):
    """A file we refuse, with a message for the translator."""


@dataclass
class Segmented:
    article: Article
    source: Revision
    units: list[tuple[str, str]] = field(default_factory=list)  # (unit id, source text)


def _segmented(article: Article, source: Revision) -> Segmented:
    out = Segmented(article, source)
    prefix = f"a{article.pk}-r{source.pk}"
    out.units.append((f"{prefix}-title", source.title))
    if source.summary:
        out.units.append((f"{prefix}-summary", source.summary))
    for n, block in enumerate(tm.segments(source.body), start=1):
        out.units.append((f"{prefix}-p{n}", block))
    return out


def export_xliff(
    articles: list[Article], source_language: str, language: str, *, version: str = "2.0"
) -> bytes:
    """One XLIFF file for one language pair; unit ids tie each segment to its source revision."""
    chosen = [a for a in articles if a.source_language == source_language]
    live = live_revisions([a.pk for a in chosen], [source_language])
    if version == "1.2":
        store: Any = xliff.xlifffile.parsestring(  # type: ignore[no-untyped-call]
            XLIFF12_SKELETON.format(src=source_language, tgt=language).encode()
        )
    else:
        store = xliff2.Xliff2File(sourcelanguage=source_language, targetlanguage=language)
    for article in chosen:
        source = live.get(article.pk, {}).get(source_language)
        if source is None:
            continue
        for unit_id, text in _segmented(article, source).units:
            unit = store.UnitClass(text)
            store.addunit(unit)
            unit.setid(unit_id)
    return bytes(store)


def outdated_bundle(organisation: Organisation, *, version: str = "2.0") -> tuple[bytes, int]:
    """A zip with one XLIFF per (source language, target language) of everything outdated."""
    articles = list(Article.objects.filter(organisation=organisation, deleted_at__isnull=True))
    codes = [lang.code for lang in registry().languages]
    states = state_matrix(articles, codes)
    wanted: dict[tuple[str, str], list[Article]] = defaultdict(list)
    for article in articles:
        for code, state in states[article.pk].items():
            if state == State.OUTDATED:
                wanted[(article.source_language, code)].append(article)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for (src, tgt), chosen in sorted(wanted.items()):
            ext = "xlf" if version == "1.2" else "xliff"
            bundle.writestr(
                f"{organisation.slug}-{src}-{tgt}.{ext}",
                export_xliff(chosen, src, tgt, version=version),
            )
    return buffer.getvalue(), sum(len(v) for v in wanted.values())


def _parse_xliff(data: bytes) -> tuple[str, str, list[tuple[str, str, str]]]:
    if len(data) > MAX_IMPORT_BYTES:
        raise ExchangeError(_("The file is too large."))
    head = data[:400].decode("utf-8", "replace")
    try:
        if 'version="2.' in head or "document:2.0" in head:
            store: Any = xliff2.Xliff2File.parsestring(data)  # type: ignore[no-untyped-call]
        elif "xliff" in head:
            store = xliff.xlifffile.parsestring(data)  # type: ignore[no-untyped-call]
        else:
            raise ExchangeError(_("This is not an XLIFF file."))
    except ExchangeError:
        raise
    except Exception as exc:  # translate-toolkit raises many lxml/ValueError types
        raise ExchangeError(_("The XLIFF file is broken and cannot be read.")) from exc
    source = str(store.getsourcelanguage() or "")
    target = str(store.gettargetlanguage() or "")
    # XLIFF 1.x ids come back as "<file>\x04<id>": keep the unit's own id.
    units = [
        (str(u.getid() or "").rsplit("\x04", 1)[-1], str(u.source or ""), str(u.target or ""))
        for u in store.units
        if not getattr(u, "isheader", lambda: False)()
    ]
    return source, target, units


def import_xliff(
    *,
    actor: Any,
    organisation: Organisation,
    data: bytes,
    publish: bool = False,
    request: HttpRequest | None = None,
) -> int:
    """Create one revision per article in the file; returns how many. All or nothing."""
    source_language, language, units = _parse_xliff(data)
    lang = registry().get(language)
    if lang is None:
        raise ExchangeError(_("The target language of the file is not a language we serve."))
    grouped: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    for unit_id, _source, target in units:
        match = UNIT_ID_RE.match(unit_id)
        if not match:
            raise ExchangeError(_("Unit %(id)s was not exported by Kyosei.") % {"id": unit_id[:80]})
        grouped[(int(match.group(1)), int(match.group(2)))][match.group(3)] = target.strip()
    if not grouped:
        raise ExchangeError(_("The file contains no translations."))
    articles = {
        a.pk: a
        for a in Article.objects.filter(
            organisation=organisation, pk__in={k[0] for k in grouped}, deleted_at__isnull=True
        )
    }
    revisions = {
        r.pk: r
        for r in Revision.objects.filter(pk__in={k[1] for k in grouped}).only(
            "pk", "article_id", "language", "body", "summary"
        )
    }
    plan = []
    for (article_id, revision_id), fields in sorted(grouped.items()):
        article = articles.get(article_id)
        source = revisions.get(revision_id)
        if article is None or source is None or source.article_id != article_id:
            raise ExchangeError(
                _("The file refers to an article that is not in this organisation.")
            )
        if source.language != article.source_language or lang.code == source.language:
            raise ExchangeError(_("The languages of the file do not match the article."))
        expected = {"title", *(f"p{n}" for n in range(1, len(tm.segments(source.body)) + 1))}
        if source.summary:
            expected.add("summary")
        missing = sorted(k for k in expected if not fields.get(k))
        if missing:
            raise ExchangeError(
                _("Article %(id)s is incomplete: %(missing)s are not translated.")
                % {"id": article_id, "missing": ", ".join(missing)}
            )
        body = "\n\n".join(fields[f"p{n}"] for n in range(1, len(tm.segments(source.body)) + 1))
        plan.append((article, source, fields["title"], fields.get("summary", ""), body))
    with transaction.atomic():
        for article, source, title, summary, body in plan:
            services.save_revision(
                actor=actor,
                article=article,
                language=lang.code,
                title=title,
                summary=summary,
                body=body,
                publish=publish,
                based_on=source,
                note="XLIFF import",
                request=request,
            )
        record(
            actor=actor,
            action="guide.xliff_imported",
            organisation=organisation,
            request=request,
            data={"language": lang.code, "articles": len(plan), "published": publish},
        )
    return len(plan)


def export_tmx(source_language: str, language: str, *, organisation_id: int | None = None) -> bytes:
    store = tmx.tmxfile(sourcelanguage=source_language, targetlanguage=language)
    seen: set[tuple[str, str]] = set()
    for pair in tm.memory_pairs(source_language, language, organisation_id=organisation_id):
        if (pair.source, pair.target) in seen:
            continue
        seen.add((pair.source, pair.target))
        store.addtranslation(pair.source, source_language, pair.target, language)
    return bytes(store)


def import_tmx(
    *,
    actor: Any,
    organisation: Organisation,
    data: bytes,
    source_language: str,
    language: str,
    request: HttpRequest | None = None,
) -> int:
    if len(data) > MAX_IMPORT_BYTES:
        raise ExchangeError(_("The file is too large."))
    if registry().get(source_language) is None or registry().get(language) is None:
        raise ExchangeError(_("Unknown language."))
    try:
        store: Any = tmx.tmxfile.parsestring(data)  # type: ignore[no-untyped-call]
        pairs = [(str(u.source or "").strip(), str(u.target or "").strip()) for u in store.units]
    except Exception as exc:  # lxml and translate-toolkit parse errors
        raise ExchangeError(_("The TMX file is broken and cannot be read.")) from exc
    pairs = [(s, t) for s, t in pairs if s and t]
    if not pairs:
        raise ExchangeError(_("The file contains no translations."))
    with transaction.atomic():
        MemoryEntry.objects.bulk_create(
            MemoryEntry(
                organisation=organisation,
                source_language=source_language,
                language=language,
                source_text=s,
                target_text=t,
            )
            for s, t in pairs
        )
        record(
            actor=actor,
            action="guide.tmx_imported",
            organisation=organisation,
            request=request,
            data={"pair": f"{source_language}-{language}", "segments": len(pairs)},
        )
    return len(pairs)
