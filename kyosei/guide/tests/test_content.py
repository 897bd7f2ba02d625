"""The starter content: format, completeness, loader idempotence, facts and sources."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from kyosei.core.languages import read_language_file
from kyosei.guide import content, render
from kyosei.guide.models import Article, Chapter, Fact, Revision
from kyosei.guide.states import State, state_matrix

CONTENT = content.CONTENT_DIR
ARTICLES = content.article_dirs()
CORE_LANGUAGES = ("ja", "ja-x-easy", "en")


def test_there_are_at_least_twelve_articles_with_ja_plain_and_english() -> None:
    assert len(ARTICLES) >= 12
    for directory in ARTICLES:
        for code in CORE_LANGUAGES:
            assert (directory / f"{code}.md").exists(), f"{directory.name}/{code}.md"


def test_every_chapter_has_a_starter_article() -> None:
    chapters = {content.parse_file(d / "ja.md").chapter for d in ARTICLES}
    assert chapters == set(Chapter.values)


@pytest.mark.parametrize("directory", ARTICLES, ids=lambda p: p.name)
def test_files_parse_and_agree(directory: Path) -> None:
    source = content.parse_file(directory / "ja.md")
    for path in sorted(directory.glob("*.md")):
        parsed = content.parse_file(path)
        assert parsed.chapter == source.chapter, path
        assert parsed.life_events == source.life_events, path
        assert [u for _, u in parsed.sources] == [u for _, u in source.sources], path
        assert parsed.verified_on == source.verified_on, path
        assert render.fact_keys(parsed.body + parsed.title + parsed.summary) <= FACT_KEYS, path
        # The same facts in every language: a fact dropped in translation is a lost update.
        assert render.fact_keys(parsed.body) == render.fact_keys(source.body), path


FACT_KEYS = {row["key"] for row in json.loads((CONTENT / "facts.json").read_text("utf-8"))}


def test_english_articles_are_concise() -> None:
    """Prose, that is: a data table (minimum wage by prefecture) is looked up, not read."""
    for directory in ARTICLES:
        body = content.parse_file(directory / "en.md").body
        prose = "\n".join(line for line in body.splitlines() if not line.startswith("|"))
        words = len(prose.split())
        assert 200 <= words <= 480, (directory.name, words)


@pytest.mark.parametrize("directory", ARTICLES, ids=lambda p: p.name)
def test_every_article_has_every_registered_language(directory: Path) -> None:
    """Every language in languages.json has its file (translators: TRANSLATION_BRIEF.md)."""
    codes = {str(row["code"]) for row in read_language_file()}
    present = {p.stem for p in directory.glob("*.md")}
    assert codes <= present, f"{directory.name}: missing {sorted(codes - present)}"


@pytest.mark.django_db
def test_loader_is_idempotent_and_everything_is_up_to_date() -> None:
    first = content.load_content()
    assert first["articles"] == len(ARTICLES)
    assert Fact.objects.count() == len(FACT_KEYS)
    revisions = Revision.objects.count()
    again = content.load_content()
    assert again == {"facts": 0, "articles": 0, "revisions": 0, "overrides": 0}
    assert Revision.objects.count() == revisions
    articles = list(Article.objects.all())
    for directory in ARTICLES:
        present = [p.stem for p in directory.glob("*.md")]
        article = next(a for a in articles if a.slug == directory.name)
        states = state_matrix([article], present)[article.pk]
        assert set(states.values()) == {State.UP_TO_DATE}, (directory.name, states)
        assert article.sources.count() >= 1
        assert article.verified_on is not None


@pytest.mark.django_db
def test_management_command(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("guide", "load-content")
    assert "Guide content loaded" in capsys.readouterr().out


def test_broken_front_matter_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x" / "ja.md"
    bad.parent.mkdir()
    bad.write_text("no front matter", encoding="utf-8")
    with pytest.raises(content.ContentError):
        content.parse_file(bad)
    bad.write_text("---\ntitle: t\nsummary: s\nchapter: nope\nverified_on: 2026-01-01\n---\nx")
    with pytest.raises(content.ContentError):
        content.parse_file(bad)


def _english_words(text: str) -> list[str]:
    import re

    return [w.lower() for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{\{.*?\}\}", "", text))]


@pytest.mark.parametrize("directory", ARTICLES, ids=lambda p: p.name)
def test_translations_are_not_english_copies(directory: Path) -> None:
    """Real translations only: no variant repeats the English text (word-level similarity)."""
    import difflib

    english = _english_words(content.parse_file(directory / "en.md").body)
    for path in sorted(directory.glob("*.md")):
        if path.stem == "en":
            continue
        words = _english_words(content.parse_file(path).body)
        ratio = difflib.SequenceMatcher(None, words, english, autojunk=False).ratio()
        assert ratio < 0.4, (path.name, round(ratio, 2))
        assert "TODO" not in path.read_text(encoding="utf-8"), path.name
