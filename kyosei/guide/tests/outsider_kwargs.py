"""Org A objects for the URL parameters of the guide's staff views (see console's outsider test)."""

from kyosei.guide import services
from kyosei.guide.models import Article
from kyosei.orgs.models import Organisation


def kwargs_for(org: Organisation) -> dict[str, object]:
    article = Article.objects.filter(organisation=org, slug="outsider-check").first()
    if article is None:
        article = services.create_article(
            actor=None,
            organisation=org,
            slug="outsider-check",
            chapter="daily_life",
            source_language="ja",
        )
        services.save_revision(
            actor=None, article=article, language="ja", title="確認", publish=True
        )
    draft = services.save_revision(
        actor=None, article=article, language="en", title="Check", origin="machine"
    )
    return {"article": article.pk, "language": "en", "revision": draft.pk}
