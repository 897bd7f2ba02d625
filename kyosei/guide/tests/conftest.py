from datetime import date

import pytest

from kyosei.guide import services
from kyosei.guide.models import Article
from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation


@pytest.fixture
def national(db: None) -> Organisation:
    return org_services.create_organisation(
        actor=None,
        slug="national-centre",
        name="外国人共生センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )


@pytest.fixture
def article(national: Organisation) -> Article:
    return services.create_article(
        actor=None,
        organisation=national,
        slug="moving-in",
        chapter="municipal",
        source_language="ja",
        life_events=["just_arrived"],
        verified_on=date(2026, 11, 1),
    )


@pytest.fixture
def later_language(db: None) -> str:
    """A language added after the content was written: every article falls back for it."""
    from kyosei.core.languages import forget_languages
    from kyosei.core.models import Language

    Language.objects.create(
        code="fr", native_name="Français", name_en="French", direction="ltr", position=300
    )
    forget_languages()
    return "fr"
