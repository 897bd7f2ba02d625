"""Permission-filtered reads for the guide: outsiders get 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kyosei.guide.models import Article, Revision
from kyosei.orgs.access import organisation_for
from kyosei.orgs.models import Organisation, Role

EDITORS = {Role.ORG_ADMIN, Role.EDITOR}
TRANSLATORS = {Role.ORG_ADMIN, Role.EDITOR, Role.TRANSLATOR}


def guide_organisation(user: Any, slug: str) -> tuple[Organisation, set[str]]:
    return organisation_for(user, slug, roles=TRANSLATORS)


def articles_of(organisation: Organisation) -> QuerySet[Article]:
    return Article.objects.filter(organisation=organisation, deleted_at__isnull=True)


def article_of(organisation: Organisation, pk: int | str, *, deleted: bool = False) -> Article:
    article = (
        Article.objects.filter(organisation=organisation, pk=pk)
        .select_related("organisation")
        .first()
    )
    if article is None or (article.deleted_at is not None and not deleted):
        raise Http404
    return article


def revision_of(organisation: Organisation, pk: int | str) -> Revision:
    revision = (
        Revision.objects.filter(article__organisation=organisation, pk=pk)
        .select_related("article", "article__organisation")
        .first()
    )
    if revision is None:
        raise Http404
    return revision


def public_articles(municipality: Organisation | None = None) -> QuerySet[Article]:
    """National articles plus, when a municipality is chosen, its local ones."""
    scope = Q(organisation__kind=Organisation.Kind.NATIONAL_CENTRE)
    if municipality is not None:
        scope |= Q(organisation=municipality)
    return Article.objects.filter(scope, deleted_at__isnull=True, organisation__is_public=True)
