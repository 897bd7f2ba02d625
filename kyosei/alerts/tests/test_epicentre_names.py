"""Epicentres are named as JMA names them in each language, from JMA's own multilingual
dictionary (epi.json, loaded by `kyosei alerts import-dictionary`; the shared excerpt holds
its entries 011, 350 and 287), on JMA's real telegrams of 2010-07-05 (岩手県沖):
32-35_08_07 (VXSE53) and 32-35_08_06 (VXSE52).

Before, the names were our own ("Off Miyagi Prefecture", ko "미야기현 앞바다"), and twelve
languages put a "near" before them: pt-BR "perto de Ao largo da Província de Miyagi", ko
"미야기현 앞바다 부근" — the "near Off …" of issue #11."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from kyosei.alerts.areas import JMA_DICTIONARY_LANGUAGES, area_name
from kyosei.alerts.ingest import ingest
from kyosei.alerts.models import Notice
from kyosei.alerts.render import render
from kyosei.alerts.tests.conftest import sample_bytes
from kyosei.alerts.tests.telegrams import only
from kyosei.core.languages import registry
from kyosei.testing_shared import shared_dir

pytestmark = pytest.mark.django_db

VXSE53 = "32-35_08_07_240613_VXSE53.xml"  # 岩手県沖 (286), max intensity 4
VXSE52 = "32-35_08_06_240613_VXSE52.xml"  # its hypocentre information
# The word each catalog used for "near" before an epicentre.
NEAR = {
    "es": "cerca de", "pt-BR": "perto de", "fil": "malapit", "id": "dekat", "vi": "gần",
    "th": "ใกล้", "zh-Hans": "附近", "zh-Hant": "附近", "mn": "орчим", "my": "အနီး",
    "ne": "नजिक", "km": "ជិត", "ko": "부근", "en": "near",
}  # fmt: skip


def _dictionary() -> tuple[Path, dict[str, dict[str, str]]]:
    path = shared_dir("jma", "multilingual", what="JMA multilingual dictionary")
    path = path / "jma_multi_epi_json_excerpt.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    return path, {code: entry for code, entry in entries.items() if not code.startswith("_")}


def _as_miyagi(raw: bytes) -> bytes:
    """The same telegram with its epicentre 宮城県沖 (287), an entry of the excerpt."""
    changed = raw.replace("<Name>岩手県沖</Name>".encode(), "<Name>宮城県沖</Name>".encode())
    changed = changed.replace(
        '<Code type="震央地名">286<'.encode(), '<Code type="震央地名">287<'.encode()
    )
    assert changed.count("宮城県沖".encode()) == 1 and changed.count(b">287<") == 1
    return changed


def _hypocentre_notice(samples: Path, miyagi: bool) -> Notice:
    shaken, located = sample_bytes(samples, VXSE53), sample_bytes(samples, VXSE52)
    if miyagi:
        shaken, located = _as_miyagi(shaken), _as_miyagi(located)
    assert ingest(shaken, source="feed").notices
    notice = only(ingest(located, source="feed").notices)
    assert notice.template == "earthquake_hypocentre.issue"
    return notice


def test_epicentre_names_are_jmas_dictionary_entries(codes: None) -> None:
    """Catches: names from our own file where JMA's dictionary has one (en "Off Miyagi
    Prefecture" against JMA's "Off the Coast of Miyagi Prefecture"), and a language key of
    JMA's file mapped to the wrong language."""
    path, entries = _dictionary()
    call_command("alerts", "import-dictionary", str(path))
    for code, entry in entries.items():
        assert area_name("epicentre", code, "ja") == entry["japanese"]
        for key, language in JMA_DICTIONARY_LANGUAGES.items():
            assert area_name("epicentre", code, language) == entry[key].strip(), (code, key)
    assert area_name("epicentre", "287", "en") == "Off the Coast of Miyagi Prefecture"
    # The import keeps them: importing the code tables again does not forget them.
    call_command("alerts", "import-codes", str(shared_dir("jma", "codes", what="codes")))
    assert area_name("epicentre", "287", "ko") == entries["287"]["korean"]


def test_a_real_telegram_names_its_epicentre_as_jma_does_and_never_near_it(
    codes: None, samples: Path
) -> None:
    """Catches: a "near" word before the epicentre in any language ("perto de Ao largo da
    costa da Província de Miyagi"), and the dictionary not used when messages are made."""
    path, entries = _dictionary()
    call_command("alerts", "import-dictionary", str(path))
    notice = _hypocentre_notice(samples, miyagi=True)
    for key, language in JMA_DICTIONARY_LANGUAGES.items():
        message = render(notice, language)
        name = entries["287"][key].strip()
        assert name in message.title and name in message.body, language
        assert NEAR[language] not in message.title + message.body, (language, message.body)
    assert render(notice, "en").title == (
        "Earthquake located: Off the Coast of Miyagi Prefecture, magnitude 6.3"
    )


def test_an_epicentre_jma_has_not_named_falls_back_to_our_names(codes: None, samples: Path) -> None:
    """Documented fallback: without JMA's entry (岩手県沖 is not in the excerpt), the name of
    data/area_names/<language>.json (in English JMA's own pattern, "Off the Coast of …"),
    else the Japanese name transliterated; still no "near" in any language."""
    path, _entries = _dictionary()
    call_command("alerts", "import-dictionary", str(path))
    notice = _hypocentre_notice(samples, miyagi=False)
    assert "Off the Coast of Iwate Prefecture" in render(notice, "en").body
    for language in registry().languages:
        message = render(notice, language.code)
        near = NEAR.get(language.code)
        assert near is None or near not in message.title + message.body, language.code
    assert area_name("epicentre", "9999", "en", fallback="架空沖") == "架空沖"
