"""Exhaustive transitions of the derived translation state."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from kyosei.core.languages import forget_languages, read_language_file, registry
from kyosei.core.models import Language
from kyosei.guide import services
from kyosei.guide.models import Article, Revision
from kyosei.guide.states import (
    RevisionFacts,
    State,
    state_for,
    state_matrix,
    states_for_article,
)

pytestmark = pytest.mark.django_db


def st(article: Article, lang: str) -> State:
    return states_for_article(article, [lang])[lang]


def write(article: Article, lang: str, **kw: object) -> Revision:
    kw.setdefault("title", f"title {lang}")
    kw.setdefault("body", f"body {lang}")
    return services.save_revision(actor=None, article=article, language=lang, **kw)  # type: ignore[arg-type]


def test_new_article_is_missing_everywhere(article: Article) -> None:
    states = states_for_article(article, [lang.code for lang in registry().languages])
    assert len(states) == len(read_language_file())
    assert set(states.values()) == {State.MISSING}


def test_source_draft_then_publish(article: Article) -> None:
    write(article, "ja")
    assert st(article, "ja") == State.IN_TRANSLATION
    assert st(article, "en") == State.MISSING
    write(article, "ja", publish=True)
    assert st(article, "ja") == State.UP_TO_DATE
    assert st(article, "en") == State.MISSING


def test_cannot_translate_before_the_source_is_published(article: Article) -> None:
    with pytest.raises(ValidationError):
        write(article, "en")


def test_translation_draft_publish_and_major_source_edit(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en")
    assert st(article, "en") == State.IN_TRANSLATION
    write(article, "en", publish=True)
    assert st(article, "en") == State.UP_TO_DATE
    write(article, "ja", publish=True, kind="major")
    assert st(article, "en") == State.OUTDATED
    assert st(article, "ja") == State.UP_TO_DATE
    write(article, "en")
    assert st(article, "en") == State.IN_TRANSLATION
    write(article, "en", publish=True)
    assert st(article, "en") == State.UP_TO_DATE


def test_minor_source_edit_keeps_translations_up_to_date(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    write(article, "ja", publish=True, kind="minor")
    assert st(article, "en") == State.UP_TO_DATE
    write(article, "ja", publish=True, kind="minor")
    assert st(article, "en") == State.UP_TO_DATE
    write(article, "ja", publish=True, kind="major")
    assert st(article, "en") == State.OUTDATED


def test_source_draft_does_not_outdate_translations(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    write(article, "ja", kind="major")
    assert st(article, "en") == State.UP_TO_DATE
    assert st(article, "ja") == State.UP_TO_DATE


def test_translation_based_on_an_old_source_is_outdated(article: Article) -> None:
    first = write(article, "ja", publish=True)
    write(article, "ja", publish=True)
    write(article, "en", publish=True, based_on=first)
    assert st(article, "en") == State.OUTDATED


def test_machine_draft_is_unreviewed_until_approved(article: Article, alice: object) -> None:
    write(article, "ja", publish=True)
    draft = write(article, "vi", origin="machine")
    assert st(article, "vi") == State.MACHINE_DRAFT
    with pytest.raises(ValidationError):
        write(article, "vi", origin="machine", publish=True)
    approved = services.approve_machine_draft(actor=alice, revision=draft)
    assert approved.reviewed_by == alice
    assert st(article, "vi") == State.UP_TO_DATE


def test_human_draft_over_machine_draft_is_in_translation(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "vi", origin="machine")
    write(article, "vi")
    assert st(article, "vi") == State.IN_TRANSLATION


def test_machine_draft_over_outdated_translation(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "th", publish=True)
    write(article, "ja", publish=True)
    assert st(article, "th") == State.OUTDATED
    write(article, "th", origin="machine")
    assert st(article, "th") == State.MACHINE_DRAFT


def test_move_and_metadata_edits_do_not_change_states(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    write(article, "ja", publish=True)
    before = states_for_article(article, ["ja", "en", "ko"])
    services.update_article(actor=None, article=article, chapter="housing", slug="moved")
    services.update_article(actor=None, article=article, life_events=["lost_job"], position=3)
    article.refresh_from_db()
    assert article.chapter == "housing"
    assert states_for_article(article, ["ja", "en", "ko"]) == before


def test_source_language_change(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    write(article, "ko", publish=True)
    write(article, "ja", publish=True)  # en and ko are outdated now
    with pytest.raises(ValidationError):
        services.change_source_language(actor=None, article=article, language="en")
    write(article, "en", publish=True)
    services.change_source_language(actor=None, article=article, language="en")
    assert st(article, "en") == State.UP_TO_DATE
    assert st(article, "ja") == State.UP_TO_DATE  # the old source had the same content
    assert st(article, "ko") == State.OUTDATED
    write(article, "en", publish=True, kind="major")
    assert st(article, "ja") == State.OUTDATED
    write(article, "ja", publish=True)  # a translation from en now
    assert Revision.objects.filter(article=article).last().based_on.language == "en"  # type: ignore[union-attr]
    assert st(article, "ja") == State.UP_TO_DATE


def test_withdrawn_language_is_missing_and_can_be_republished(article: Article) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    services.withdraw_language(actor=None, article=article, language="en")
    assert st(article, "en") == State.MISSING
    assert services.live_revision(article, "en") is None
    write(article, "en", publish=True)
    assert st(article, "en") == State.UP_TO_DATE
    with pytest.raises(ValidationError):
        services.withdraw_language(actor=None, article=article, language="ja")


def test_deletion_and_restore_keep_states(article: Article, national: object) -> None:
    write(article, "ja", publish=True)
    write(article, "en", publish=True)
    write(article, "ja", publish=True)
    write(article, "ko", origin="machine")
    codes = [lang.code for lang in registry().languages]
    before = states_for_article(article, codes)
    services.delete_article(actor=None, article=article)
    article.refresh_from_db()
    assert article.deleted_at is not None
    assert not Article.objects.filter(pk=article.pk, deleted_at__isnull=True).exists()
    assert not article.search_docs.exists()
    services.restore_article(actor=None, article=article)
    article.refresh_from_db()
    assert article.deleted_at is None
    assert states_for_article(article, codes) == before
    assert set(article.search_docs.values_list("language", flat=True)) == {"ja", "en"}


def test_language_added_later_is_missing_without_code_change(article: Article) -> None:
    write(article, "ja", publish=True)
    Language.objects.create(
        code="fr", native_name="Français", name_en="French", direction="ltr", position=300
    )
    forget_languages()
    codes = [lang.code for lang in registry().languages]
    assert "fr" in codes
    assert states_for_article(article, codes)["fr"] == State.MISSING
    write(article, "fr", publish=True, title="Déménagement")
    assert st(article, "fr") == State.UP_TO_DATE


def test_unknown_language_is_refused(article: Article) -> None:
    with pytest.raises(ValidationError):
        write(article, "xx-nope", publish=True)


def test_matrix_uses_one_query(
    national: object, article: Article, django_assert_num_queries: object
) -> None:
    other = services.create_article(
        actor=None, organisation=article.organisation, slug="b", chapter="tax", source_language="en"
    )
    write(article, "ja", publish=True)
    write(other, "en", publish=True)
    write(other, "ja", origin="machine")
    with django_assert_num_queries(1):  # type: ignore[operator]
        matrix = state_matrix([article, other], ["ja", "en"])
    assert matrix[article.pk] == {"ja": State.UP_TO_DATE, "en": State.MISSING}
    assert matrix[other.pk] == {"en": State.UP_TO_DATE, "ja": State.MACHINE_DRAFT}


def test_every_history_gives_exactly_one_consistent_state() -> None:
    """Brute force over short histories: state is total and agrees with the rules."""
    steps = [
        ("ja", "published", "human", True, "major"),
        ("ja", "published", "human", True, "minor"),
        ("ja", "draft", "human", False, "major"),
        ("en", "published", "human", False, ""),
        ("en", "draft", "human", False, ""),
        ("en", "draft", "machine", False, ""),
        ("en", "withdrawn", "human", False, ""),
    ]
    for history in itertools.product(steps, repeat=4):
        revs: list[RevisionFacts] = []
        version = 0
        for seq, (lang, status, origin, _src, kind) in enumerate(history, start=1):
            if lang == "ja":
                new_version = seq if kind == "major" or version == 0 else version
                if status == "published":
                    version = new_version
                revs.append(RevisionFacts(1, lang, seq, status, origin, False, new_version))
            else:
                revs.append(RevisionFacts(1, lang, seq, status, origin, False, version))
        state = state_for("ja", "en", revs)
        assert state in State.values
        en = [r for r in revs if r.language == "en"]
        if not en:
            assert state == State.MISSING
        if (
            en
            and en[-1].status == "draft"
            and not any(
                r.status == "published" and r.content_version >= version and r.content_version
                for r in en
            )
        ):
            # The newest English action is a draft and nothing current is live.
            settled = [r for r in en if r.status != "draft"]
            if (
                not settled
                or settled[-1].status != "published"
                or (settled[-1].content_version < version)
            ):
                expected = (
                    State.MACHINE_DRAFT if en[-1].origin == "machine" else State.IN_TRANSLATION
                )
                assert state == expected, history
