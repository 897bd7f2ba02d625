"""The catalogs are the one source of the wording residents receive (messages.py holds only the
English msgids): every alert text shown is a catalog entry `kyosei i18n check` checks, and no
catalog holds an alert entry that is never shown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib
import pytest
from django.utils import translation
from django.utils.functional import Promise

import kyosei
from kyosei.alerts import messages as m

ALERT_CONTEXTS = {"alert", "alert list separator", "alert group separator", "intensity"}
LOCALE = Path(kyosei.__file__).parent / "locale"


def _promises(value: Any) -> Iterator[Promise]:
    if isinstance(value, Promise):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _promises(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _promises(item)
    elif isinstance(value, m.Template):
        yield value.title
        yield value.body


def shown() -> set[tuple[str, str]]:
    """(context, msgid) of every text an alert can show."""
    return {tuple(p._args) for name in dir(m) for p in _promises(getattr(m, name))}  # type: ignore[attr-defined]


@pytest.mark.parametrize("catalog", sorted(LOCALE.glob("*/LC_MESSAGES/django.po")), ids=str)
def test_each_catalog_holds_exactly_the_alert_texts_that_are_shown(catalog: Path) -> None:
    """Catches: a template or term added in messages.py without its catalog entry (it would
    be shown in English), and dead alert entries (the 269 Japanese entries never shown)."""
    entries = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(catalog))
        if e.msgctxt in ALERT_CONTEXTS and not e.obsolete
    }
    assert entries == shown()


def test_japanese_comes_from_the_catalog_not_from_python() -> None:
    """Catches: Japanese texts written in Python again (they would bypass the catalogs)."""
    source = Path(m.__file__).read_text(encoding="utf-8")
    assert not any("\u3040" <= ch <= "\u30ff" for ch in source)
    with translation.override("ja"):
        assert str(m.TSUNAMI_CATEGORIES["major_warning"]) == "大津波警報"
    with translation.override("ja-x-easy"):
        assert str(m.TSUNAMI_CATEGORIES["major_warning"]) == "おおつなみ けいほう"


def test_every_plain_japanese_alert_text_passes_yasashii_with_the_disaster_profile() -> None:
    """Catches: a Plain Japanese alert text too long (over 30 characters a sentence) or vague
    (かもしれません) for a disaster (the 弘前大学 rules of yasashii's `disaster` profile). A
    placeholder is checked as 〇〇, the blank an editor sees; the names filled in at alert time
    are JMA's and not part of the wording."""
    from yasashii import check

    failing = []
    for context, msgid in sorted(shown()):
        with translation.override("ja-x-easy"):
            text = re.sub(r"%\(\w+\)s", "〇〇", translation.pgettext(context, msgid))
        errors = [f.rule for f in check(text, profile="disaster").findings if f.severity == "error"]
        if errors:
            failing.append((text, errors))
    assert not failing, failing[:5]
