"""Search finds residents' everyday words: aliases per article and language (editable by
editors, audited), search across the reader's language and Japanese, a helpful empty page."""

import pytest
from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.guide import content, search, services
from kyosei.guide.models import Article
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db

# The words the resident typed in the walk, each in the language the resident read in.
EVERYDAY = [
    ("en", "visa", "residence-card-and-renewal"),
    ("vi", "visa", "residence-card-and-renewal"),
    ("pt-BR", "visto", "residence-card-and-renewal"),
    ("ne", "भिसा", "residence-card-and-renewal"),
    ("my", "ဗီဇာ", "residence-card-and-renewal"),
    ("km", "ទិដ្ឋាការ", "residence-card-and-renewal"),
    ("si", "වීසා", "residence-card-and-renewal"),
    ("si", "කසළ", "garbage-sorting"),
    ("bn", "ময়লা", "garbage-sorting"),
    ("ja", "ビザ", "residence-card-and-renewal"),
    ("en", "trash", "garbage-sorting"),
    ("en", "rubbish", "garbage-sorting"),
    ("en", "garbage", "garbage-sorting"),
    ("es", "basura", "garbage-sorting"),
    ("tr", "vize", "residence-card-and-renewal"),
    # A Turkish phone capitalises the first letter: İ must fold to the i of the text.
    ("tr", "İşsizlik", "hello-work"),
    ("uk", "віза", "residence-card-and-renewal"),
    ("uk", "сміття", "garbage-sorting"),
    # The Japanese word, typed while reading in another language.
    ("en", "ビザ", "residence-card-and-renewal"),
    ("pt-BR", "住民票", "moving-in-notification"),
]


@pytest.fixture
def loaded(db: None) -> None:
    content.load_content()


def test_everyday_words_find_the_article_first(client: Client, loaded: None) -> None:
    """Mutations caught: aliases not indexed (`reindex` without aliases: 0 results), aliases
    not ranking like the title (another article first), Japanese left out of the languages
    searched (`reader.search_languages`)."""
    for lang, word, slug in EVERYDAY:
        page = client.get(f"/{lang}/guide/search/", {"q": word}).content.decode()
        first = page.find('<li class="card guide-item">')
        assert first != -1, (lang, word)
        assert f"/{lang}/guide/national-centre/{slug}/" in page[first : first + 400], (lang, word)
        api = client.get("/api/v1/guide/search", {"q": word, "lang": lang}).json()
        assert api[0]["slug"] == slug, (lang, word)


def test_every_starter_article_has_aliases_in_every_language(loaded: None) -> None:
    """The shipped layer covers the 13 starter articles in all 16 variants."""
    from kyosei.core.languages import registry

    codes = {lang.code for lang in registry().languages}
    for article in Article.objects.all():
        languages = set(article.aliases.values_list("language", flat=True))
        assert languages >= codes, (article.slug, codes - languages)


def test_nothing_found_offers_the_chapters_and_a_counter(client: Client, loaded: None) -> None:
    """Mutation caught: the old template printing "0 resultado" (pt-BR's catalog plural for
    0 is the singular) and leaving the resident at a dead end."""
    page = client.get("/pt-BR/guide/search/", {"q": "xyzzy"}).content.decode()
    assert "0 resultado" not in page
    assert "Nada foi encontrado para “xyzzy”." in page
    assert 'href="/pt-BR/guide/chapter/residence/"' in page
    assert 'href="/pt-BR/counters/"' in page
    found = client.get("/pt-BR/guide/search/", {"q": "visto"}).content.decode()
    assert "resultado" in found and "Nada foi encontrado" not in found


@pytest.fixture
def editor(alice: User, org_a: Organisation) -> User:
    org_services.grant_role(actor=None, organisation=org_a, user=alice, role=Role.EDITOR)
    return alice


def test_editors_keep_aliases_through_the_service_audited(
    alice_client: Client, editor: User, org_a: Organisation
) -> None:
    """Mutations caught: `set_aliases` not reindexing (the new word finds nothing), not
    auditing, or the staff view writing the model directly."""
    article = services.create_article(
        actor=None, organisation=org_a, slug="gomi", chapter="daily_life", source_language="en"
    )
    services.save_revision(
        actor=None, article=article, language="en", title="Sorting waste", publish=True
    )
    assert search.search("rubbish", ["en"]) == []
    url = f"/en/staff/o/{org_a.slug}/guide/a/{article.pk}/aliases/"
    response = alice_client.post(url, {"language": "en", "aliases": "rubbish\n trash \n\nTrash"})
    assert response.status_code == 302
    assert [h.article_id for h in search.search("rubbish", ["en"])] == [article.pk]
    assert sorted(article.aliases.values_list("text", flat=True)) == ["rubbish", "trash"]
    event = AuditEvent.objects.get(action="guide.aliases_set")
    assert event.data["added"] == ["rubbish", "trash"]
    page = alice_client.get(f"/en/staff/o/{org_a.slug}/guide/a/{article.pk}/").content.decode()
    assert "rubbish" in page
    alice_client.post(url, {"language": "en", "aliases": "trash"})
    assert search.search("rubbish", ["en"]) == []
    assert AuditEvent.objects.filter(action="guide.aliases_set").count() == 2
    # Outsiders (no editor role) cannot change them.
    assert alice_client.post(url, {"language": "xx", "aliases": "a"}).status_code == 302
    assert AuditEvent.objects.filter(action="guide.aliases_set").count() == 2


def test_counter_staff_cannot_edit_aliases(bob_client: Client, org_a: Organisation) -> None:
    article = services.create_article(
        actor=None, organisation=org_a, slug="gomi", chapter="daily_life", source_language="en"
    )
    url = f"/en/staff/o/{org_a.slug}/guide/a/{article.pk}/aliases/"
    assert bob_client.post(url, {"language": "en", "aliases": "x"}).status_code == 404
    assert not article.aliases.exists()
