"""Starter content files → database (`kyosei guide load-content`, idempotent).

Layout: content/<article-slug>/<language-code>.md, each with a front matter block, plus
content/facts.json. See content/TRANSLATION_BRIEF.md for the format translators follow.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kyosei.core.languages import registry
from kyosei.guide import services
from kyosei.guide.models import Article, Chapter, Fact, GlossaryTerm, LifeEvent
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SOURCE_LANGUAGE = "ja"
OVERRIDE_REASON = (
    "Starter content: the remaining findings are official terms kept on purpose "
    "(kyosei guide load-content)."
)
FRONT_RE = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)


class ContentError(ValueError):
    pass


@dataclass
class ArticleFile:
    slug: str
    language: str
    title: str
    summary: str
    chapter: str
    life_events: list[str]
    verified_on: date
    sources: list[tuple[str, str]]
    body: str
    position: int = 100
    deadline: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def parse_file(path: Path) -> ArticleFile:
    """Front matter is `key: value` lines; `sources:` is followed by `- title | URL` lines."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    match = FRONT_RE.match(text)
    if not match:
        raise ContentError(f"{path}: missing front matter between --- lines")
    meta: dict[str, str] = {}
    sources: list[tuple[str, str]] = []
    in_sources = False
    for line in match.group(1).splitlines():
        if not line.strip():
            continue
        if in_sources and line.lstrip().startswith("- "):
            title, sep, url = line.lstrip()[2:].rpartition("|")
            if not sep or not url.strip().startswith("https://"):
                raise ContentError(f"{path}: a source is `- title | https://…`: {line!r}")
            sources.append((title.strip(), url.strip()))
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ContentError(f"{path}: not `key: value`: {line!r}")
        in_sources = key.strip() == "sources"
        meta[key.strip()] = value.strip()
    for required in ("title", "summary", "chapter", "verified_on"):
        if not meta.get(required):
            raise ContentError(f"{path}: `{required}` is required")
    if meta["chapter"] not in Chapter.values:
        raise ContentError(f"{path}: unknown chapter {meta['chapter']!r}")
    events = [e.strip() for e in meta.get("life_events", "").split(",") if e.strip()]
    if unknown := [e for e in events if e not in LifeEvent.values]:
        raise ContentError(f"{path}: unknown life events {unknown}")
    if not sources:
        raise ContentError(f"{path}: at least one official source is required")
    try:
        verified = date.fromisoformat(meta["verified_on"])
    except ValueError as exc:
        raise ContentError(f"{path}: verified_on must be YYYY-MM-DD") from exc
    return ArticleFile(
        slug=path.parent.name,
        language=path.stem,
        title=meta["title"],
        summary=meta["summary"],
        chapter=meta["chapter"],
        life_events=events,
        verified_on=verified,
        sources=sources,
        body=match.group(2).strip(),
        position=int(meta.get("position", "100") or 100),
        deadline=meta.get("deadline", ""),
    )


def article_dirs(root: Path = CONTENT_DIR) -> list[Path]:
    return sorted(
        p for p in root.iterdir() if p.is_dir() and (p / f"{SOURCE_LANGUAGE}.md").exists()
    )


def load_facts(*, root: Path = CONTENT_DIR) -> int:
    rows: list[dict[str, Any]] = json.loads((root / "facts.json").read_text(encoding="utf-8"))
    changed = 0
    for row in rows:
        fact = Fact.objects.filter(organisation=None, key=row["key"]).first()
        for value in row["values"]:
            effective = date.fromisoformat(value["effective_from"])
            number = Decimal(str(value["number"])) if "number" in value else None
            on_date = date.fromisoformat(value["date"]) if "date" in value else None
            texts = value.get("texts", {})
            existing = fact.values.filter(effective_from=effective).first() if fact else None
            if (
                existing is not None
                and existing.number == number
                and existing.date == on_date
                and existing.texts == texts
            ):
                continue
            services.set_fact(
                actor=None,
                key=row["key"],
                kind=row["kind"],
                effective_from=effective,
                number=number,
                on_date=on_date,
                texts=texts,
                description=row.get("description", ""),
                source_url=row.get("source_url", ""),
            )
            fact = Fact.objects.get(organisation=None, key=row["key"])
            changed += 1
    return changed


def load_glossary(*, root: Path = CONTENT_DIR) -> int:
    """Official terms per language (national glossary); translators add their language."""
    path = root / "glossary.json"
    if not path.exists():
        return 0
    known = {lang.code for lang in registry().languages}
    changed = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        for language, target in row["targets"].items():
            if language not in known:
                continue
            term = GlossaryTerm.objects.filter(
                organisation=None, source_term=row["source"], language=language
            ).first()
            if term is None:
                GlossaryTerm.objects.create(
                    source_term=row["source"], language=language, target_term=target
                )
                changed += 1
            elif term.target_term != target:
                term.target_term = target
                term.save(update_fields=["target_term"])
                changed += 1
    return changed


def load_aliases(*, root: Path = CONTENT_DIR) -> dict[str, dict[str, list[str]]]:
    """aliases.json: {article slug: {language: [everyday words residents search with]}}."""
    path = root / "aliases.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ContentError(f"{path}: an object of article slugs is expected")
    return {
        str(slug): {str(lang): [str(w) for w in words] for lang, words in by_lang.items()}
        for slug, by_lang in data.items()
    }


def national_centre(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is not None:
        return found
    return org_services.create_organisation(
        actor=None,
        slug=slug,
        name="外国人生活支援ナショナルセンター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )


@transaction.atomic
def load_content(
    *, organisation_slug: str = "national-centre", root: Path = CONTENT_DIR
) -> dict[str, int]:
    """Create or update articles from files; publishes only what changed. One transaction."""
    stats = {"facts": load_facts(root=root), "articles": 0, "revisions": 0, "overrides": 0}
    load_glossary(root=root)
    organisation = national_centre(organisation_slug)
    known = {lang.code for lang in registry().languages}
    aliases = load_aliases(root=root)
    for directory in article_dirs(root):
        source = parse_file(directory / f"{SOURCE_LANGUAGE}.md")
        article = Article.objects.filter(organisation=organisation, slug=source.slug).first()
        if article is None:
            article = services.create_article(
                actor=None,
                organisation=organisation,
                slug=source.slug,
                chapter=source.chapter,
                source_language=SOURCE_LANGUAGE,
                life_events=source.life_events,
                verified_on=source.verified_on,
                position=source.position,
                deadline_fact=source.deadline,
            )
            stats["articles"] += 1
        else:
            services.update_article(
                actor=None,
                article=article,
                chapter=source.chapter,
                life_events=source.life_events,
                verified_on=source.verified_on,
                position=source.position,
                deadline_fact=source.deadline,
            )
        # Before the revisions: publishing indexes the text together with the aliases.
        for language, words in aliases.get(source.slug, {}).items():
            if language in known:
                services.set_aliases(actor=None, article=article, language=language, aliases=words)
        files = [source] + [
            parse_file(p)
            for p in sorted(directory.glob("*.md"))
            if p.stem != SOURCE_LANGUAGE and p.stem in known
        ]
        titles: list[dict[str, str]] = [{} for _ in source.sources]
        for file in files:
            for i, (title, url) in enumerate(file.sources):
                if i < len(titles) and url == source.sources[i][1]:
                    titles[i][file.language] = title
        current = [(s.title_in([]), s.url, s.titles) for s in article.sources.all()]
        wanted = [(t, u, titles[i]) for i, (t, u) in enumerate(source.sources)]
        if current != wanted:
            services.set_sources(actor=None, article=article, sources=source.sources, titles=titles)
        for file in files:
            live = services.live_revision(article, file.language)
            if live and (live.title, live.summary, live.body) == (
                file.title,
                file.summary,
                file.body,
            ):
                continue
            try:
                services.save_revision(
                    actor=None,
                    article=article,
                    language=file.language,
                    title=file.title,
                    summary=file.summary,
                    body=file.body,
                    publish=True,
                )
            except services.OpenFindings:
                services.save_revision(
                    actor=None,
                    article=article,
                    language=file.language,
                    title=file.title,
                    summary=file.summary,
                    body=file.body,
                    publish=True,
                    override_reason=OVERRIDE_REASON,
                )
                stats["overrides"] += 1
            except ValidationError as exc:
                raise ContentError(f"{directory.name}/{file.language}.md: {exc}") from exc
            stats["revisions"] += 1
    return stats
