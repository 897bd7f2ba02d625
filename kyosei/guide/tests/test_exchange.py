"""XLIFF 2.0/1.2 round trips, TMX, translation memory and glossary; broken files import nothing."""

import io
import zipfile

import pytest
from translate.storage import tmx, xliff, xliff2

from kyosei.guide import content, interchange, services, tm
from kyosei.guide.models import Article, MemoryEntry, Revision
from kyosei.guide.states import State, states_for_article
from kyosei.orgs.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def source(article: Article) -> Revision:
    return services.save_revision(
        actor=None,
        article=article,
        language="ja",
        title="転入届",
        summary="14日以内です。",
        body="住む場所が決まったら出します。\n\n在留カードを持っていきます。",
        publish=True,
    )


def translate_all(data: bytes, version: str) -> bytes:
    store = (
        xliff2.Xliff2File.parsestring(data)  # type: ignore[no-untyped-call]
        if version == "2.0"
        else xliff.xlifffile.parsestring(data)  # type: ignore[no-untyped-call]
    )
    for unit in store.units:
        if unit.source:
            unit.target = f"VI {unit.source}"
    return bytes(store)


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_round_trip(article: Article, source: Revision, version: str) -> None:
    data = interchange.export_xliff([article], "ja", "vi", version=version)
    text = data.decode()
    assert ("urn:oasis:names:tc:xliff:document:2.0" if version == "2.0" else "document:1.2") in text
    assert f"a{article.pk}-r{source.pk}-p2" in text
    count = interchange.import_xliff(
        actor=None, organisation=article.organisation, data=translate_all(data, version)
    )
    assert count == 1
    draft = Revision.objects.get(article=article, language="vi")
    assert draft.body == "VI 住む場所が決まったら出します。\n\nVI 在留カードを持っていきます。"
    assert draft.based_on == source and draft.status == "draft"
    assert states_for_article(article, ["vi"])["vi"] == State.IN_TRANSLATION


def test_import_can_publish(article: Article, source: Revision) -> None:
    data = translate_all(interchange.export_xliff([article], "ja", "vi"), "2.0")
    interchange.import_xliff(actor=None, organisation=article.organisation, data=data, publish=True)
    assert states_for_article(article, ["vi"])["vi"] == State.UP_TO_DATE


@pytest.mark.parametrize(
    "broken",
    [
        b"not xml at all",
        b"<xliff version='2.0' xmlns='urn:oasis:names:tc:xliff:document:2.0'><file",
        b"<?xml version='1.0'?><html/>",
    ],
)
def test_broken_xliff_is_refused(article: Article, source: Revision, broken: bytes) -> None:
    with pytest.raises(interchange.ExchangeError):
        interchange.import_xliff(actor=None, organisation=article.organisation, data=broken)
    assert not Revision.objects.filter(language="vi").exists()


def test_incomplete_file_imports_nothing_at_all(
    national: Organisation, article: Article, source: Revision
) -> None:
    second = services.create_article(
        actor=None, organisation=national, slug="two", chapter="tax", source_language="ja"
    )
    services.save_revision(
        actor=None, article=second, language="ja", title="住民税", body="税金。", publish=True
    )
    data = interchange.export_xliff([article, second], "ja", "vi")
    store = xliff2.Xliff2File.parsestring(data)  # type: ignore[no-untyped-call]
    for unit in store.units:
        # The first article is complete, the second misses its body: nothing may be saved.
        if unit.getid().startswith(f"a{article.pk}-") or unit.getid().endswith("-title"):
            unit.target = "x"
    with pytest.raises(interchange.ExchangeError, match="incomplete"):
        interchange.import_xliff(actor=None, organisation=national, data=bytes(store))
    assert not Revision.objects.filter(language="vi").exists()


def test_other_organisations_articles_are_refused(
    article: Article, source: Revision, org_b: Organisation
) -> None:
    data = translate_all(interchange.export_xliff([article], "ja", "vi"), "2.0")
    with pytest.raises(interchange.ExchangeError):
        interchange.import_xliff(actor=None, organisation=org_b, data=data)


def test_unknown_target_language_is_refused(article: Article, source: Revision) -> None:
    data = translate_all(interchange.export_xliff([article], "ja", "xx"), "2.0")
    with pytest.raises(interchange.ExchangeError, match="language"):
        interchange.import_xliff(actor=None, organisation=article.organisation, data=data)


def test_outdated_bundle(article: Article, source: Revision) -> None:
    services.save_revision(
        actor=None, article=article, language="en", title="Moving in", body="a\n\nb", publish=True
    )
    services.save_revision(
        actor=None,
        article=article,
        language="ja",
        title="転入届",
        body="新しい。\n\n本文。",
        publish=True,
    )
    data, count = interchange.outdated_bundle(article.organisation)
    assert count == 1
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names == [f"{article.organisation.slug}-ja-en.xliff"]


def test_tmx_export_and_import(article: Article, source: Revision) -> None:
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="Moving-in notification",
        body="Register when you have a home.\n\nBring your residence card.",
        publish=True,
    )
    data = interchange.export_tmx("ja", "en")
    units = tmx.tmxfile.parsestring(data).units  # type: ignore[no-untyped-call]
    assert {(u.source, u.target) for u in units} >= {
        ("在留カードを持っていきます。", "Bring your residence card.")
    }
    assert interchange.import_tmx(
        actor=None,
        organisation=article.organisation,
        data=data,
        source_language="ja",
        language="vi",
    ) == len(units)
    assert MemoryEntry.objects.filter(language="vi").count() == len(units)
    with pytest.raises(interchange.ExchangeError):
        interchange.import_tmx(
            actor=None,
            organisation=article.organisation,
            data=b"<tmx",
            source_language="ja",
            language="vi",
        )
    assert MemoryEntry.objects.filter(language="vi").count() == len(units)


def test_memory_suggestions_exact_and_fuzzy(
    national: Organisation, article: Article, source: Revision
) -> None:
    services.save_revision(
        actor=None,
        article=article,
        language="en",
        title="Moving-in notification",
        body="Register when you have a home.\n\nBring your residence card.",
        publish=True,
    )
    other = services.create_article(
        actor=None, organisation=national, slug="o", chapter="tax", source_language="ja"
    )
    services.save_revision(
        actor=None,
        article=other,
        language="ja",
        title="別の記事",
        body="在留カードを持っていきます。\n\n住む場所が決まったら出してください。",
        publish=True,
    )
    found = tm.suggestions_for(other, "en")
    by_segment = {s.segment: s for s in found}
    assert by_segment["在留カードを持っていきます。"].exact
    fuzzy = by_segment["住む場所が決まったら出してください。"]
    assert not fuzzy.exact and 75 <= fuzzy.percent < 100
    assert fuzzy.target == "Register when you have a home."


def test_glossary_check_and_starter_english_follows_it() -> None:
    content.load_content()
    assert (
        tm.glossary_problems("在留カードを持って", "Bring your card", "en")[0].expected
        == "residence card"
    )
    assert tm.glossary_problems("在留カードを持って", "Bring your Residence Card", "en") == []
    for article in Article.objects.all():
        ja = services.live_revision(article, "ja")
        en = services.live_revision(article, "en")
        assert ja and en
        assert tm.glossary_problems(ja.body, en.body, "en") == [], article.slug


def test_glossary_page_and_organisation_terms(
    org_a: Organisation, org_b: Organisation, alice_client: object
) -> None:
    from django.test import Client

    assert isinstance(alice_client, Client)
    alice_client.post(
        f"/en/staff/o/{org_a.slug}/guide/glossary/",
        {
            "source_term": "国際交流協会",
            "language": "en",
            "target_term": "International Association",
        },
    )
    assert (
        "国際交流協会"
        in alice_client.get(f"/en/staff/o/{org_a.slug}/guide/glossary/").content.decode()
    )
    problems = tm.glossary_problems(
        "国際交流協会へ", "Go to the centre", "en", organisation_id=org_a.pk
    )
    assert problems and problems[0].expected == "International Association"
    assert (
        tm.glossary_problems("国際交流協会へ", "Go to the centre", "en", organisation_id=org_b.pk)
        == []
    )


def test_imported_memory_stays_in_its_organisation(
    org_a: Organisation, org_b: Organisation
) -> None:
    MemoryEntry.objects.create(
        organisation=org_a,
        source_language="ja",
        language="en",
        source_text="内部",
        target_text="internal",
    )
    assert [p.target for p in tm.memory_pairs("ja", "en", organisation_id=org_a.pk)] == ["internal"]
    assert tm.memory_pairs("ja", "en", organisation_id=org_b.pk) == []
