"""Content fixes of issue 13 (item 10): minimum wage by prefecture as dated facts checked
against the reference data, the residence-card revocation rule with its spouse exception, the
end of the old health insurance cards, and sources that name the specific official page."""

import csv
import json
import re
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.test import Client

from kyosei.guide import content
from kyosei.testing_shared import shared_dir

CONTENT = content.CONTENT_DIR
FACTS = {row["key"]: row for row in json.loads((CONTENT / "facts.json").read_text("utf-8"))}
LANGUAGES = sorted(p.stem for p in (CONTENT / "residence-card-and-renewal").glob("*.md"))
TORIKESHI = "https://www.moj.go.jp/isa/applications/procedures/torikeshi_00002.html"


def minimum_wages() -> list[dict[str, str]]:
    path = shared_dir("facts", what="reference facts") / "minimum_wage_fy2025.csv"
    with path.open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["pref_code"] not in ("", "00")]


def test_minimum_wage_facts_match_the_reference_table() -> None:
    """Catches a wrong amount or date for any prefecture (against ../shared/facts)."""
    rows = minimum_wages()
    assert len(rows) == 47
    for row in rows:
        fact = FACTS[f"minimum-wage-{row['pref_code']}"]
        assert fact["kind"] == "yen"
        (value,) = fact["values"]
        assert value["number"] == int(row["min_wage_fy2025_jpy_per_hour"]), row["prefecture_en"]
        assert value["effective_from"] == row["fy2025_effective_date"], row["prefecture_en"]
        assert urlsplit(fact["source_url"]).path.strip("/"), "a specific page, not a home page"


def test_every_variant_of_the_minimum_wage_article_lists_every_prefecture() -> None:
    keys = {f"minimum-wage-{r['pref_code']}" for r in minimum_wages()}
    for path in sorted((CONTENT / "minimum-wage").glob("*.md")):
        parsed = content.parse_file(path)
        assert parsed.chapter == "work"
        used = set(re.findall(r"\{\{ fact:(minimum-wage-\d\d) \}\}", parsed.body))
        since = set(re.findall(r"\{\{ fact:(minimum-wage-\d\d)\.since \}\}", parsed.body))
        assert used == keys == since, path.name


@pytest.mark.django_db
def test_the_article_shows_the_amount_in_force_with_its_date(client: Client) -> None:
    """Catches the table rendering placeholders or a stale amount."""
    content.load_content()
    shizuoka = next(r for r in minimum_wages() if r["pref_code"] == "22")
    page = client.get("/en/guide/national-centre/minimum-wage/").content.decode()
    amount = f"{int(shizuoka['min_wage_fy2025_jpy_per_hour']):,}"
    assert re.search(rf"<td>Shizuoka Prefecture</td>\s*<td[^>]*>{amount}</td>", page), amount
    assert "{{" not in page.split("<main")[1]
    day = date.fromisoformat(shizuoka["fy2025_effective_date"])
    assert str(day.year) in page and "minimumichiran" in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_revocation_names_the_spouse_exception_in_every_variant(language: str) -> None:
    """Catches a variant left with "three months, no exception" (spouses: six months)."""
    parsed = content.parse_file(CONTENT / "residence-card-and-renewal" / f"{language}.md")
    careful = parsed.body.rsplit("\n## ", 1)[1]
    six = {"en": "six months", "my": "၆ လ"}.get(language, "6")
    assert six in careful, language
    assert TORIKESHI in [url for _, url in parsed.sources]


@pytest.mark.parametrize("language", LANGUAGES)
def test_old_health_insurance_cards_end_in_every_variant(language: str) -> None:
    parsed = content.parse_file(CONTENT / "national-health-insurance" / f"{language}.md")
    body = parsed.body.replace("၂၀၂၅", "2025").replace("၁ ရက်", "1 ")
    assert "2025" in body, language
    assert any("faq.myna.go.jp" in url for _, url in parsed.sources)


def test_article_sources_are_specific_pages_not_home_pages() -> None:
    """Catches a source that is a ministry's home page (https://www.npa.go.jp/)."""
    for directory in content.article_dirs():
        for path in sorted(directory.glob("*.md")):
            for title, url in content.parse_file(path).sources:
                assert urlsplit(url).path.strip("/"), f"{path}: {title} | {url}"
