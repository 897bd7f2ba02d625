"""Catalog checks CI runs: every variant fully translated, for real, placeholders intact."""

import re
from pathlib import Path

import polib

PLACEHOLDER_RE = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
# Strings that are legitimately identical in a translation: brand names, SI units, and words
# some languages share with English (Portuguese "latitude").
SAME_AS_SOURCE_ALLOWED = {"Kyosei", "OK", "%(km)s km", "latitude", "longitude"}
SOURCE_LANGUAGE = "en"
SHORTER = {"ja_X-easy"}  # catalogs whose texts may use fewer placeholders than the msgid


def _has_words(text: str) -> bool:
    """Digits and punctuation (", ", "5+") need no translation; words do."""
    return any(ch.isalpha() for ch in PLACEHOLDER_RE.sub("", text))


def catalogs(locale_dirs: list[Path]) -> list[Path]:
    return sorted(p for d in locale_dirs for p in d.glob("*/LC_MESSAGES/django.po"))


def problems_in(po_path: Path) -> list[str]:
    found: list[str] = []
    po = polib.pofile(str(po_path))
    where = po_path.parent.parent.name
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{where}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{label} is fuzzy")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(t.strip() for t in translations):
            found.append(f"{label} is not translated")
            continue
        if (
            _has_words(entry.msgid)
            and entry.msgid not in SAME_AS_SOURCE_ALLOWED
            and (entry.msgstr == entry.msgid)
        ):
            found.append(f"{label} is an English copy")
        # A plural form may use the singular's placeholders or the plural's: a language with one
        # plural form (Japanese, Chinese, …) must use the plural's for every count.
        sources = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        expected = [set(PLACEHOLDER_RE.findall(source)) for source in sources]
        for text in translations:
            used = set(PLACEHOLDER_RE.findall(text))
            # Plain Japanese may leave a detail out (a shorter alert reads better), never add one.
            if used not in expected and not (where in SHORTER and any(used <= e for e in expected)):
                found.append(f"{label} has different placeholders")
    return found


def missing_catalogs(locale_dirs: list[Path], language_codes: list[str]) -> list[str]:
    from django.utils.translation import to_locale

    present = {p.parent.parent.name for p in catalogs(locale_dirs)}
    return [
        code
        for code in language_codes
        if code != SOURCE_LANGUAGE and to_locale(code) not in present
    ]


def compile_all(locale_dirs: list[Path]) -> int:
    count = 0
    for po_path in catalogs(locale_dirs):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        count += 1
    return count
