"""Loose ends found by the security crawl: no existence oracle on feedback, no 500 on a
duplicate article address."""

import pytest
from django.test import Client

from kyosei.accounts.models import User
from kyosei.guide import services
from kyosei.guide.models import Article, Feedback
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation, Role

pytestmark = pytest.mark.django_db


def test_feedback_on_an_unpublished_article_answers_as_for_a_missing_one(
    client: Client, national: Organisation
) -> None:
    """Mutation caught: dropping the live-revision check in `views.feedback` (302 again)."""
    draft_only = services.create_article(
        actor=None, organisation=national, slug="secret", chapter="daily_life", source_language="ja"
    )
    services.save_revision(actor=None, article=draft_only, language="ja", title="下書き")
    missing = client.post("/en/guide/national-centre/nope/feedback/", {"helpful": "yes"})
    unpublished = client.post("/en/guide/national-centre/secret/feedback/", {"helpful": "yes"})
    assert missing.status_code == unpublished.status_code == 404
    assert unpublished.content == missing.content.replace(b"/nope/", b"/secret/")
    assert not Feedback.objects.exists()


@pytest.fixture
def editor(alice: User, org_a: Organisation) -> User:
    org_services.grant_role(actor=None, organisation=org_a, user=alice, role=Role.EDITOR)
    return alice


def test_an_existing_address_is_a_form_error_not_a_500(
    alice_client: Client, editor: User, org_a: Organisation, org_b: Organisation
) -> None:
    """Mutation caught: removing `_check_slug` from `create_article` (IntegrityError, 500)."""
    services.create_article(
        actor=None, organisation=org_a, slug="gomi", chapter="daily_life", source_language="ja"
    )
    url = f"/en/staff/o/{org_a.slug}/guide/new/"
    form = {"slug": "gomi", "chapter": "daily_life", "source_language": "ja"}
    response = alice_client.post(url, form)
    assert response.status_code == 200
    assert "An article with this address already exists" in response.content.decode()
    assert Article.objects.filter(organisation=org_a, slug="gomi").count() == 1
    # Another organisation may use the same address.
    services.create_article(
        actor=None, organisation=org_b, slug="gomi", chapter="daily_life", source_language="ja"
    )
    bad = alice_client.post(url, {**form, "slug": "ごみ 出し"})
    assert bad.status_code == 200
    assert "may contain only letters" in bad.content.decode()
