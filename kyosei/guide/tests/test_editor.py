"""Staff editor: matrix, side-by-side editing, diff, yasashii findings and audited override."""

import pytest
from django.test import Client

from kyosei.accounts.models import User
from kyosei.audit.models import AuditEvent
from kyosei.guide import services
from kyosei.guide.models import Article, Revision
from kyosei.guide.states import State, states_for_article
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db

HARD_PLAIN = "本件に関する申請は、所定の手続きに従い速やかに提出しなければならないものとする。"


@pytest.fixture
def org_article(org_a: Organisation) -> Article:
    article = services.create_article(
        actor=None,
        organisation=org_a,
        slug="gomi",
        chapter="daily_life",
        source_language="ja",
    )
    services.save_revision(
        actor=None,
        article=article,
        language="ja",
        title="ごみの出し方",
        body="燃えるごみは月曜日です。\n\n朝8時までに出してください。",
        publish=True,
    )
    return article


def base(org: Organisation) -> str:
    return f"/en/staff/o/{org.slug}/guide/"


def test_matrix_shows_states_per_language(alice_client: Client, org_article: Article) -> None:
    services.save_revision(
        actor=None, article=org_article, language="en", title="Garbage", publish=True
    )
    services.save_revision(
        actor=None, article=org_article, language="vi", title="Rác", origin="machine"
    )
    page = alice_client.get(base(org_article.organisation)).content.decode()
    assert "ごみの出し方" in page
    assert "state-up_to_date" in page and "state-machine_draft" in page and "state-missing" in page


def test_side_by_side_and_diff_since_base(alice_client: Client, org_article: Article) -> None:
    services.save_revision(
        actor=None,
        article=org_article,
        language="en",
        title="Garbage",
        body="Burnable: Monday.",
        publish=True,
    )
    services.save_revision(
        actor=None,
        article=org_article,
        language="ja",
        title="ごみの出し方",
        body="燃えるごみは火曜日です。\n\n朝8時までに出してください。",
        publish=True,
    )
    page = alice_client.get(
        f"{base(org_article.organisation)}a/{org_article.pk}/en/"
    ).content.decode()
    assert "燃えるごみは火曜日です。" in page  # the source, beside the form
    assert "<del>" in page and "<ins>" in page  # what changed since the translation's base
    assert "Burnable: Monday." in page


def test_translating_and_publishing_from_the_editor(
    alice_client: Client, org_article: Article
) -> None:
    url = f"{base(org_article.organisation)}a/{org_article.pk}/en/"
    alice_client.post(url, {"title": "Garbage", "body": "Monday.", "action": "draft"})
    assert states_for_article(org_article, ["en"])["en"] == State.IN_TRANSLATION
    alice_client.post(url, {"title": "Garbage", "body": "Monday.", "action": "publish"})
    assert states_for_article(org_article, ["en"])["en"] == State.UP_TO_DATE
    alice_client.post(
        f"{base(org_article.organisation)}a/{org_article.pk}/ja/",
        {
            "title": "ごみの出し方",
            "body": "燃えるごみは月曜日です。",
            "action": "publish",
            "kind": "minor",
        },
    )
    assert states_for_article(org_article, ["en"])["en"] == State.UP_TO_DATE


def test_plain_japanese_with_findings_needs_an_audited_override(
    alice_client: Client, org_article: Article
) -> None:
    url = f"{base(org_article.organisation)}a/{org_article.pk}/ja-x-easy/"
    response = alice_client.post(url, {"title": "ごみ", "body": HARD_PLAIN, "action": "publish"})
    assert response.status_code == 200
    assert "open findings" in response.content.decode()
    assert not Revision.objects.filter(language="ja-x-easy", status="published").exists()
    alice_client.post(
        url,
        {
            "title": "ごみ",
            "body": HARD_PLAIN,
            "action": "publish",
            "override_reason": "法令の引用のため",
        },
    )
    assert Revision.objects.filter(language="ja-x-easy", status="published").exists()
    event = AuditEvent.objects.get(action="guide.plain_override")
    assert event.data["reason"] == "法令の引用のため" and event.data["findings"]


def test_clean_plain_japanese_publishes_without_override(org_article: Article) -> None:
    services.save_revision(
        actor=None,
        article=org_article,
        language="ja-x-easy",
        title="ごみ",
        body="ごみは あさ 出します。",
        publish=True,
    )
    assert not AuditEvent.objects.filter(action="guide.plain_override").exists()


def test_live_findings_via_htmx(alice_client: Client, org_a: Organisation) -> None:
    response = alice_client.post(
        f"{base(org_a)}check/", {"title": "", "body": HARD_PLAIN}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="findings"' in page and "finding-" in page
    assert "<html" not in page


def test_translator_cannot_edit_the_source(org_article: Article, client: Client) -> None:
    from kyosei.conftest import make_user, sign_in_verified

    tina: User = make_user("tina")
    org_services.grant_role(
        actor=None, organisation=org_article.organisation, user=tina, role=Role.TRANSLATOR
    )
    tc = sign_in_verified(client, tina)
    assert tc.get(f"{base(org_article.organisation)}a/{org_article.pk}/ja/").status_code == 404
    assert tc.get(f"{base(org_article.organisation)}a/{org_article.pk}/en/").status_code == 200
    assert tc.get(f"{base(org_article.organisation)}new/").status_code == 404


def test_counter_staff_without_guide_role_is_refused(
    bob_client: Client, org_article: Article
) -> None:
    assert bob_client.get(base(org_article.organisation)).status_code == 404


def test_delete_restore_from_the_editor(alice_client: Client, org_article: Article) -> None:
    url = f"{base(org_article.organisation)}a/{org_article.pk}/"
    alice_client.post(url, {"action": "delete"})
    org_article.refresh_from_db()
    assert org_article.deleted_at is not None
    alice_client.post(url, {"action": "restore"})
    org_article.refresh_from_db()
    assert org_article.deleted_at is None


def test_bulk_export_and_broken_import_via_views(
    alice_client: Client, org_article: Article
) -> None:
    services.save_revision(
        actor=None, article=org_article, language="en", title="Garbage", publish=True
    )
    services.save_revision(
        actor=None, article=org_article, language="ja", title="ごみ", body="新", publish=True
    )
    response = alice_client.get(f"{base(org_article.organisation)}outdated.zip")
    assert response.status_code == 200 and response["X-Kyosei-Outdated"] == "1"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = alice_client.post(
        f"{base(org_article.organisation)}exchange/",
        {"kind": "xliff", "file": SimpleUploadedFile("x.xliff", b"<xliff broken")},
        follow=True,
    )
    assert (
        "cannot be read" in response.content.decode() or "not an XLIFF" in response.content.decode()
    )


def test_create_article_from_the_editor(alice_client: Client, org_a: Organisation) -> None:
    response = alice_client.post(
        f"{base(org_a)}new/",
        {
            "slug": "clinics",
            "chapter": "medical",
            "source_language": "ja",
            "life_events": ["just_arrived"],
        },
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="clinics").life_events == ["just_arrived"]


def test_local_section_is_shown_under_the_national_article(
    alice_client: Client, org_a: Organisation, national: Organisation, client: Client
) -> None:
    garbage = services.create_article(
        actor=None,
        organisation=national,
        slug="garbage",
        chapter="daily_life",
        source_language="en",
    )
    services.save_revision(
        actor=None, article=garbage, language="en", title="Garbage", publish=True
    )
    alice_client.post(
        f"{base(org_a)}new/",
        {
            "slug": "a-garbage",
            "chapter": "daily_life",
            "source_language": "en",
            "parent": garbage.pk,
        },
    )
    local = Article.objects.get(slug="a-garbage")
    assert local.parent == garbage
    services.save_revision(
        actor=None, article=local, language="en", title="Garbage days in A", publish=True
    )
    page = client.get("/en/guide/national-centre/garbage/").content.decode()
    assert "Garbage days in A" in page and org_a.name in page


def test_translation_tasks_per_language(
    alice_client: Client, org_article: Article, alice: User
) -> None:
    from kyosei.guide.models import TranslationTask

    org_services.grant_role(
        actor=None, organisation=org_article.organisation, user=alice, role=Role.TRANSLATOR
    )
    url = f"{base(org_article.organisation)}tasks/"
    alice_client.post(url, {"action": "create", "language": "vi", "assignee": "alice"})
    task = TranslationTask.objects.get()
    assert task.language == "vi" and task.assignee == alice
    alice_client.post(url, {"action": "create", "language": "vi"})  # no duplicate open task
    assert TranslationTask.objects.count() == 1
    page = alice_client.get(url, {"language": "vi"}).content.decode()
    assert "state-missing" in page and "ごみの出し方" in page
    services.save_revision(
        actor=None, article=org_article, language="vi", title="Rác", publish=True
    )
    assert "✓" in alice_client.get(url).content.decode()  # done is derived, not stored
    alice_client.post(url, {"action": "close", "task": task.pk})
    task.refresh_from_db()
    assert task.closed_at is not None
    assert AuditEvent.objects.filter(action="guide.tasks_created").exists()


def test_kana_readings_are_not_checked_as_words() -> None:
    from kyosei.guide import plain

    text = plain.reader_text(
        "在留（ざいりゅう）カード", "", "紹介状（しょうかいじょう：手紙）", "ja-x-easy", {}
    )
    assert "ざいりゅう" not in text and "しょうかいじょう：手紙" in text


def test_editor_sets_sources_and_verified_date(alice_client: Client, org_article: Article) -> None:
    url = f"{base(org_article.organisation)}a/{org_article.pk}/"
    alice_client.post(
        url,
        {
            "action": "sources",
            "sources": "A市 ごみの出し方 | https://www.city.example.jp/gomi/\nnot a source",
            "verified_on": "2026-11-01",
        },
    )
    org_article.refresh_from_db()
    assert [s.url for s in org_article.sources.all()] == ["https://www.city.example.jp/gomi/"]
    assert str(org_article.verified_on) == "2026-11-01"
    response = alice_client.post(
        url, {"action": "sources", "sources": "", "verified_on": "2026-11-02"}, follow=True
    )
    assert "Give at least one source" in response.content.decode()
    assert org_article.sources.count() == 1
