"""Korean says 津波 as JMA's Korean dictionary does, 지진해일 (JMA: 津波警報 "지진해일 경보",
津波注意報 "지진해일 주의보", 大津波警報 "대형 지진해일 경보"), and only so. Before, the ko
catalog said 쓰나미 in 45 entries and 지진해일 in 22: a tsunami information message spoke of
쓰나미 and, one sentence later, of the 지진해일 경보 it is about."""

from __future__ import annotations

import json
import re

import polib

from kyosei.alerts.tests.test_wording_source import LOCALE, shown
from kyosei.testing_shared import shared_dir

OTHER_WORD = "쓰나미"


def _jma_term() -> str:
    path = shared_dir("jma", "multilingual", what="JMA multilingual dictionary")
    words = json.loads(
        (path / "jma_multilingual_dictionary_excerpt_2026-03-26.json").read_text("utf-8")
    )["words"]
    found = [words[ja]["ko"] for ja in ("津波警報", "津波注意報", "大津波警報")]
    term = str(found[1]).split()[0]
    assert all(term in text for text in found), found
    return term


def test_every_korean_alert_text_about_tsunamis_uses_jmas_term() -> None:
    """Catches: 쓰나미 in any Korean text an alert shows (or in the alerts pages' labels), and
    a tsunami text that loses the word."""
    term = _jma_term()
    alert_texts = shown()
    catalog = polib.pofile(str(LOCALE / "ko" / "LC_MESSAGES" / "django.po"))
    checked = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        about_tsunami = re.search(r"tsunami", entry.msgid, re.IGNORECASE)
        if (entry.msgctxt, entry.msgid) not in alert_texts and not about_tsunami:
            continue
        assert OTHER_WORD not in entry.msgstr, entry.msgid
        if about_tsunami and (entry.msgctxt, entry.msgid) in alert_texts:
            checked += 1
            assert term in entry.msgstr, (entry.msgid, entry.msgstr)
    assert checked > 40
