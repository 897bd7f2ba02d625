"""Kana readings → Hepburn romaji and → Hangul, for municipality names nobody has translated.

JMA's code tables give every municipality a kana reading; these converters make a name readable
in Latin-script languages and in Korean before a human translation exists. They are deliberately
simple (no macrons; ou/oo → o, uu → u, as on road signs: Tokyo, Oizumi).
"""

from __future__ import annotations

import unicodedata

_BASE = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o",
    "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so",
    "た": "ta", "ち": "chi", "つ": "tsu", "て": "te", "と": "to",
    "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no",
    "は": "ha", "ひ": "hi", "ふ": "fu", "へ": "he", "ほ": "ho",
    "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo",
    "や": "ya", "ゆ": "yu", "よ": "yo",
    "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro",
    "わ": "wa", "ゐ": "i", "ゑ": "e", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go",
    "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze", "ぞ": "zo",
    "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do",
    "ば": "ba", "び": "bi", "ぶ": "bu", "べ": "be", "ぼ": "bo",
    "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po",
    "ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o", "ゔ": "vu",
}  # fmt: skip
_YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_YOON_STEM = {"し": "sh", "ち": "ch", "じ": "j", "ぢ": "j"}


def _hiragana(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        code = ord(ch)
        out.append(chr(code - 0x60) if 0x30A1 <= code <= 0x30F6 else ch)
    return "".join(out)


def _syllables(kana: str) -> list[tuple[str, str]]:
    """(kana, romaji) units, with ゃゅょ merged into the preceding syllable."""
    units: list[tuple[str, str]] = []
    for ch in _hiragana(kana):
        if ch in _YOON and units and units[-1][1].endswith("i") and units[-1][0] != "い":
            prev_kana, prev = units.pop()
            stem = _YOON_STEM.get(prev_kana[-1], prev[:-1] + "y")
            units.append((prev_kana + ch, stem + _YOON[ch]))
        else:
            units.append((ch, _BASE.get(ch, ch)))
    return units


def romaji(kana: str) -> str:
    """Hepburn romanisation without macrons: "はままつし" → "hamamatsushi"."""
    units = _syllables(kana)
    out: list[str] = []
    for index, (unit, roman) in enumerate(units):
        following = units[index + 1][1] if index + 1 < len(units) else ""
        if unit == "っ":
            out.append("t" if following.startswith("ch") else following[:1])
            continue
        if unit == "ー":
            continue
        if unit == "ん" and following[:1] in set("aiueoy"):
            out.append("n'")
            continue
        previous = out[-1] if out else ""
        # Long vowels: drop the second vowel of おう/おお/うう, as in common place-name spelling.
        if roman in {"u", "o"} and previous.endswith("o") and unit in {"う", "お"}:
            continue
        if roman == "u" and previous.endswith("u") and unit == "う":
            continue
        out.append(roman)
    return "".join(out)


_SUFFIXES = (
    ("市", "し", "-shi"),
    ("区", "く", "-ku"),
    ("町", "ちょう", "-cho"),
    ("町", "まち", "-machi"),
    ("村", "むら", "-mura"),
    ("村", "そん", "-son"),
)
_DIRECTIONS = ("ほくぶ", "なんぶ", "とうぶ", "せいぶ", "ちゅうぶ", "ほくせいぶ", "なんとうぶ")


def romanised_place(name: str, kana: str) -> str:
    """A municipality name in Latin letters: 浜松市/はままつし → "Hamamatsu-shi",
    浜松市南部/はままつしなんぶ → "Hamamatsu-shi Nanbu", 大泉町/おおいずみまち → "Oizumi-machi"."""
    reading = _hiragana(kana)
    tail = ""
    for direction in _DIRECTIONS:
        if reading.endswith(direction) and len(reading) > len(direction):
            tail = " " + romaji(direction).capitalize()
            reading = reading[: -len(direction)]
            name = name[:-2] if len(name) > 2 else name
            break
    for kanji, suffix_kana, latin in _SUFFIXES:
        if name.endswith(kanji) and reading.endswith(suffix_kana) and len(reading) > 2:
            stem = romaji(reading[: -len(suffix_kana)])
            return stem[:1].upper() + stem[1:] + latin + tail
    stem = romaji(reading)
    return stem[:1].upper() + stem[1:] + tail


# Korean transcription of Japanese (외래어 표기법): initial k/t/ch unaspirated, medial aspirated.
# Jamo indices: initial ㄱ0 ㄴ2 ㄷ3 ㄹ5 ㅁ6 ㅂ7 ㅅ9 ㅆ10 ㅇ11 ㅈ12 ㅊ14 ㅋ15 ㅌ16 ㅍ17 ㅎ18;
# vowel ㅏ0 ㅑ2 ㅔ5 ㅗ8 ㅘ9 ㅛ12 ㅜ13 ㅠ17 ㅡ18 ㅣ20; final ㄴ4 ㅅ19.
_HANGUL_VOWEL = {"a": 0, "e": 5, "i": 20, "o": 8, "u": 13, "ya": 2, "yu": 17, "yo": 12}
_HANGUL_INITIAL = {
    "": (11, 11), "k": (0, 15), "g": (0, 0), "s": (9, 9), "z": (12, 12), "t": (3, 16),
    "d": (3, 3), "n": (2, 2), "h": (18, 18), "f": (18, 18), "b": (7, 7), "p": (17, 17),
    "m": (6, 6), "r": (5, 5), "w": (11, 11), "y": (11, 11), "ch": (12, 14), "j": (12, 12),
    "ts": (10, 10), "sh": (9, 9),
}  # fmt: skip


def _split(roman: str) -> tuple[str, str]:
    for onset in ("ch", "ts", "sh"):
        if roman.startswith(onset):
            return onset, roman[len(onset) :]
    if roman[:1] in "aiueo":
        return "", roman
    return roman[:1], roman[1:]


def hangul(kana: str) -> str:
    """Korean transcription: "はままつ" → "하마마쓰", "おおいずみ" → "오이즈미"."""
    out: list[list[int]] = []  # [initial, vowel, final] per syllable block
    units = _syllables(kana)
    for index, (unit, roman) in enumerate(units):
        previous = units[index - 1][1] if index else ""
        if unit == "ー" or (unit in {"う", "お"} and previous.endswith("o")):
            continue  # long vowels are not written
        if unit in {"っ", "ん"}:
            if out:
                out[-1][2] = 19 if unit == "っ" else 4
            continue
        onset, vowel = _split(roman)
        if onset == "y":
            onset, vowel = "", "y" + vowel
        if onset == "w":
            onset, vowel = "", "wa"
        if onset == "sh" and vowel in {"a", "u", "o"}:
            vowel = "y" + vowel  # しゃ/しゅ/しょ → 샤/슈/쇼
        initials = _HANGUL_INITIAL.get(onset)
        if initials is None:
            continue
        initial = initials[1 if out else 0]
        vowel_index = 9 if vowel == "wa" else _HANGUL_VOWEL.get(vowel)
        if roman in {"su", "tsu", "zu"}:
            vowel_index = 18  # す/つ/ず → 스/쓰/즈
        if vowel_index is None:
            continue
        out.append([initial, vowel_index, 0])
    return "".join(chr(0xAC00 + (i * 21 + v) * 28 + f) for i, v, f in out)


# Devanagari (Nepali), Cyrillic (Mongolian) and Urdu transcription, from the romaji above: a
# Nepali, Mongolian or Urdu reader gets the place's sound in their own script, not Latin letters
# (Tokyo → टोकियो / Токио / ٹوکیو, Hamamatsu → हामामात्सु / Хамамацу / ہاماماتسو). Japanese a
# is written long (ा) in Nepali, as Nepali media write Japanese names; Urdu writes t and d as
# ٹ and ڈ (ٹوکیو, سینڈائی) and leaves doubled consonants unmarked, as Urdu media do.
_DEVANAGARI_ONSET = {
    "": "", "k": "क", "g": "ग", "s": "स", "sh": "श", "z": "ज", "j": "ज", "t": "ट", "d": "ड",
    "ts": "त्स", "ch": "च", "n": "न", "h": "ह", "f": "फ", "b": "ब", "p": "प", "m": "म",
    "y": "य", "r": "र", "w": "व", "v": "भ",
}  # fmt: skip
_DEVANAGARI_VOWEL = {
    "a": ("आ", "ा"),
    "i": ("इ", "ि"),
    "u": ("उ", "ु"),
    "e": ("ए", "े"),
    "o": ("ओ", "ो"),
}
# Bengali transcription follows the spellings Bangladeshi and Indian media use for Japanese
# names (কিয়োটো, হামামাৎসু, কানাগাওয়া, সুনামি): t/d as ট/ড, ts as ৎস (স at the start), a long
# (া), ya/yo/wa with য়.
_YA = "\u09af\u09bc"  # য় as NFC writes it (U+09DF is excluded from composition)
_BENGALI_ONSET = {
    "": "", "k": "ক", "g": "গ", "s": "স", "sh": "শ", "z": "জ", "j": "জ", "t": "ট", "d": "ড",
    "ts": "ৎস", "ch": "চ", "n": "ন", "h": "হ", "f": "ফ", "b": "ব", "p": "প", "m": "ম",
    "y": "", "r": "র", "w": "", "v": "ভ",
}  # fmt: skip
_BENGALI_VOWEL = {
    "a": ("আ", "া"),
    "i": ("ই", "ি"),
    "u": ("উ", "ু"),
    "e": ("এ", "ে"),
    "o": ("ও", "ো"),
}
_CYRILLIC_ONSET = {
    "": "", "k": "к", "g": "г", "s": "с", "sh": "ш", "z": "з", "j": "дж", "t": "т", "d": "д",
    "ts": "ц", "ch": "ч", "n": "н", "h": "х", "f": "ф", "b": "б", "p": "п", "m": "м",
    "y": "й", "r": "р", "w": "в", "v": "в",
}  # fmt: skip
_CYRILLIC_VOWEL = {"a": "а", "i": "и", "u": "у", "e": "э", "o": "о"}
_CYRILLIC_Y = {"a": "я", "u": "ю", "o": "ё", "e": "е"}
# Sinhala transcription: Japanese a is written long (ා), as Sinhala media write Japanese names
# (ඔසාකා, හිරෝෂිමා); t and d are dental (ත, ද); a palatal syllable takes the yansaya (ක්‍යො);
# ん is න්; after a vowel, i is written යි and an e after i යෙ (Oita → ඔයිතා, Mie → මියෙ).
_SINHALA_ONSET = {
    "": "", "k": "ක", "g": "ග", "s": "ස", "sh": "ෂ", "z": "ස", "j": "ජ", "t": "ත", "d": "ද",
    "ts": "ත්ස", "ch": "ච", "n": "න", "h": "හ", "f": "ෆ", "b": "බ", "p": "ප", "m": "ම",
    "y": "ය", "r": "ර", "w": "ව", "v": "ව",
}  # fmt: skip
_SINHALA_VOWEL = {
    "a": ("ආ", "\u0dcf"),
    "i": ("ඉ", "\u0dd2"),
    "u": ("උ", "\u0dd4"),
    "e": ("එ", "\u0dd9"),
    "o": ("ඔ", "\u0ddc"),
}
_SINHALA_VIRAMA = "\u0dca"
_SINHALA_YANSAYA = "\u0dca\u200d\u0dba"
_ONSETS = ("sh", "ch", "ts", "k", "g", "s", "z", "j", "t", "d", "n", "h", "f", "b", "p", "m", "y",
           "r", "w", "v")  # fmt: skip


def _romaji_units(roman: str) -> list[tuple[str, bool, str, bool]]:
    """(onset, palatal, vowel, geminated) per syllable; ("n", False, "", False) for ん."""
    units: list[tuple[str, bool, str, bool]] = []
    i, doubled = 0, False
    roman = roman.lower()
    while i < len(roman):
        if roman[i] in "aiueo":
            units.append(("", False, roman[i], doubled))
            i, doubled = i + 1, False
            continue
        onset = next((o for o in _ONSETS if roman.startswith(o, i)), "")
        if not onset:
            i += 1  # an apostrophe or a character we cannot read
            continue
        rest = roman[i + len(onset) :]
        if rest[:1] == onset[:1] and onset != "n":  # っ: a doubled consonant
            doubled = True
            i += 1
            continue
        if onset == "n" and (not rest or rest[0] not in "aiueoy" or rest.startswith("'")):
            units.append(("n", False, "", False))
            i += 1
            continue
        palatal = rest[:1] == "y" and onset not in {"y"} and rest[1:2] in {"a", "u", "o"}
        vowel_at = i + len(onset) + (1 if palatal else 0)
        vowel = roman[vowel_at : vowel_at + 1]
        if vowel not in {"a", "i", "u", "e", "o"}:
            i += len(onset)
            continue
        units.append((onset, palatal, vowel, doubled))
        i, doubled = vowel_at + 1, False
    return units


def devanagari(roman: str) -> str:
    """Nepali transcription of a romanised Japanese name: "hamamatsu" → "हामामात्सु"."""
    out = []
    for onset, palatal, vowel, doubled in _romaji_units(roman):
        if onset == "n" and not vowel:
            out.append("न्")
            continue
        consonant = _DEVANAGARI_ONSET.get(onset, "")
        if doubled and consonant:
            out.append(consonant[:1] + "्")
        if palatal:
            consonant += "्य"
        independent, sign = _DEVANAGARI_VOWEL[vowel]
        out.append(consonant + sign if consonant else independent)
    text = "".join(out)
    return text[:-2] + "न" if text.endswith("न्") else text


def bengali(roman: str) -> str:
    """Bengali transcription of a romanised Japanese name: "hamamatsu" → "হামামাৎসু"."""
    units = _romaji_units(roman)
    out: list[str] = []
    for index, (onset, palatal, vowel, doubled) in enumerate(units):
        independent, sign = _BENGALI_VOWEL.get(vowel, ("", ""))
        if onset == "n" and not vowel:
            following = units[index + 1][0] if index + 1 < len(units) else ""
            out.append({"g": "ঙ্", "t": "ন্", "d": "ন্"}.get(following, "ন"))  # বুঙ্গো, কান্টো
        elif not onset and vowel in {"a", "e"} and out and not out[-1].endswith("ন"):
            out.append(_YA + sign)  # between vowels: মিয়ে, জোয়েৎসু, আরিয়াকে
        elif palatal:  # kyo → কিয়ো (কিয়োটো), kyu → কিউ (কিউশু)
            out.append(_BENGALI_ONSET[onset] + "ি" + (independent if vowel == "u" else _YA + sign))
        elif onset == "w":  # wa → ওয়া (কানাগাওয়া)
            out.append("ও" + _YA + sign if vowel != "o" else "ও")
        elif onset == "y":  # ya → ইয়া at the start (ইয়োকোহামা), য়া inside (ওকায়ামা)
            out.append(("" if out else "ই") + (_YA + sign if out or vowel != "u" else independent))
        else:
            consonant = "স" if onset == "ts" and not out else _BENGALI_ONSET.get(onset, "")
            if doubled and consonant and onset != "ts":
                out.append(consonant + "্")
            out.append(consonant + sign if consonant else independent)
    return "".join(out)


def cyrillic(roman: str) -> str:
    """Mongolian transcription of a romanised Japanese name: "hamamatsu" → "Хамамацу"."""
    out = []
    for onset, palatal, vowel, doubled in _romaji_units(roman):
        if onset == "n" and not vowel:
            out.append("н")
            continue
        consonant = _CYRILLIC_ONSET.get(onset, "")
        if doubled and consonant:
            out.append(consonant[-1])
        if onset == "y" or palatal:
            out.append(("" if onset == "y" else consonant) + _CYRILLIC_Y.get(vowel, vowel))
        else:
            out.append(consonant + _CYRILLIC_VOWEL[vowel])
    text = "".join(out)
    return text[:1].upper() + text[1:]


# Thai, Khmer and Burmese transcription, from the romaji units above, so a Thai, Khmer or
# Burmese reader gets the place's sound in their own script (as JMA writes its own names:
# 北海道 ฮกไกโด / ហុកកៃដូ / ဟိုကိုင်းဒို). Thai follows the Royal Institute's rules for
# Japanese (k, t, ch, p aspirated at the start of a word, plain inside it; a final vowel
# short: โอซากะ); "ai" is one vowel (ไ, ៃ, ိုင်း).
_THAI_ONSET = {
    "": ("อ", "อ"), "k": ("ค", "ก"), "g": ("ก", "ง"), "s": ("ซ", "ซ"), "sh": ("ช", "ช"),
    "z": ("ซ", "ซ"), "j": ("จ", "จ"), "t": ("ท", "ต"), "d": ("ด", "ด"), "ts": ("ส", "ส"),
    "ch": ("ช", "จ"), "n": ("น", "น"), "h": ("ฮ", "ฮ"), "f": ("ฟ", "ฟ"), "b": ("บ", "บ"),
    "p": ("พ", "ป"), "m": ("ม", "ม"), "y": ("ย", "ย"), "r": ("ร", "ร"), "w": ("ว", "ว"),
    "v": ("บ", "บ"),
}  # fmt: skip
_THAI_FINAL = {"k": "ก", "g": "ก", "t": "ต", "ts": "ต", "ch": "ต", "p": "ป", "s": "ส", "sh": "ส"}


def _with_ai(units: list[tuple[str, bool, str, bool]]) -> list[tuple[str, bool, str, bool]]:
    """Japanese あい/かい… read as one syllable "ai": (onset, palatal, "ai", doubled)."""
    out: list[tuple[str, bool, str, bool]] = []
    for unit in units:
        onset, _palatal, vowel, doubled = unit
        if onset == "" and vowel == "i" and not doubled and out and out[-1][2] == "a":
            previous = out.pop()
            out.append((previous[0], previous[1], "ai", previous[3]))
            continue
        out.append(unit)
    return out


def _thai_closed(syllable: str, final: str) -> str:
    """A syllable closed by a final consonant (ん, っ) has a short vowel: มา → มัน, เซ → เซ็น,
    โฮ → ฮก."""
    if syllable.endswith("า"):
        return syllable[:-1] + "ั" + final
    if syllable.startswith("โ") and len(syllable) == 2:
        return syllable[1:] + final
    if syllable.startswith("เ") and len(syllable) == 2:
        return syllable + "็" + final
    return syllable + final


def thai(roman: str) -> str:
    """Thai transcription of a romanised Japanese name: "osaka" → "โอซากะ"."""
    units = _with_ai(_romaji_units(roman))
    out: list[str] = []
    for index, (onset, palatal, vowel, doubled) in enumerate(units):
        last = index == len(units) - 1
        if onset == "n" and not vowel:
            out[-1:] = [_thai_closed(out[-1], "น")] if out else ["น"]
            continue
        if out and (doubled and onset in _THAI_FINAL or onset == "ts"):
            out[-1] = _thai_closed(out[-1], _THAI_FINAL[onset])
        consonant = _THAI_ONSET.get(onset, ("อ", "อ"))[0 if not out else 1]
        if palatal and onset not in {"sh", "ch", "j"}:
            out.append(
                {"a": f"เ{consonant}ีย", "u": f"{consonant}ิว", "o": f"เ{consonant}ียว"}.get(
                    vowel, consonant + "ิ"
                )
            )
            continue
        if vowel == "a":
            out.append(consonant + ("ะ" if last else "า"))
        elif vowel == "ai":
            out.append("ไ" + consonant)
        elif vowel == "i":
            out.append(consonant + "ิ")
        elif vowel == "u":
            out.append(consonant + ("ึ" if onset in {"s", "ts", "z"} else "ุ"))
        elif vowel == "e":
            out.append("เ" + consonant + ("ะ" if last else ""))
        else:
            out.append("โ" + consonant + ("ะ" if last else ""))
    return "".join(out)


# Khmer: a consonant of the first series before a, e, o (ក, ស, ត …; the second-series ones
# with ៉), of the second series before i, u (គ, ន, ម …; the first-series ones with ៊), as in
# JMA's ហុកកៃដូ, តូហូគូ, ស៊ីកូគូ, អូគីណាវ៉ា, មីយ៉ាហ្គី.
_KHMER_ONSET = {
    "": ("អ", "អ៊"), "k": ("ក", "គ"), "g": ("ហ្គ", "ហ្គ"), "s": ("ស", "ស៊"), "sh": ("ស", "ស៊"),
    "z": ("ហ្ស", "ហ្ស៊"), "j": ("ហ្ស", "ជ"), "t": ("ត", "ទ"), "d": ("ដ", "ឌ"),
    "ts": ("ត្ស", "ត្ស៊"), "ch": ("ឆ", "ឈ"), "n": ("ណ", "ន"), "h": ("ហ", "ហ៊"),
    "f": ("ហ្វ", "ហ្វ៊"), "b": ("ប", "ប៊"), "p": ("ប៉", "ព"), "m": ("ម៉", "ម"), "y": ("យ៉", "យ"),
    "r": ("រ៉", "រ"), "w": ("វ៉", "វ"), "v": ("វ៉", "វ"),
}  # fmt: skip
_KHMER_VOWEL = {"a": "ា", "ai": "ៃ", "i": "ី", "u": "ូ", "e": "េ", "o": "ូ"}
_KHMER_FINAL = {"k": "ក់", "g": "ក់", "t": "ត់", "ts": "ត់", "ch": "ត់", "p": "ប់", "s": "ស់"}


def khmer(roman: str) -> str:
    """Khmer transcription of a romanised Japanese name: "okinawa" → "អូគីណាវ៉ា"."""
    out: list[str] = []
    for onset, palatal, vowel, doubled in _with_ai(_romaji_units(roman)):
        if onset == "n" and not vowel:
            out.append("ន់")
            continue
        if doubled and out and onset in _KHMER_FINAL:
            out.append(_KHMER_FINAL[onset])
        first, second = _KHMER_ONSET.get(onset, ("អ", "អ៊"))
        consonant = second if vowel in {"i", "u"} else first
        if palatal:
            consonant = second.rstrip("៊") + "្យ"
        out.append(consonant + _KHMER_VOWEL[vowel])
    return "".join(out)


# Burmese, as in JMA's ဟိုကိုင်းဒို, ကန်တို, ချုဂိုကု, အိုကီနာဝါ, ရှီရီဘေရှီ; ါ after the letters
# that would read otherwise with ာ (ဂ ဒ ပ ဝ).
_BURMESE_ONSET = {
    "": "အ", "k": "က", "g": "ဂ", "s": "ဆ", "sh": "ရှ", "z": "ဇ", "j": "ဂျ", "t": "တ", "d": "ဒ",
    "ts": "ဆ", "ch": "ချ", "n": "န", "h": "ဟ", "f": "ဖ", "b": "ဘ", "p": "ပ", "m": "မ",
    "y": "ယ", "r": "ရ", "w": "ဝ", "v": "ဗ",
}  # fmt: skip
_BURMESE_TALL_AA = {"ဂ", "ဒ", "ပ", "ဝ"}
_BURMESE_FINAL = {"k": "က်", "g": "က်", "t": "တ်", "ts": "တ်", "ch": "တ်", "p": "ပ်", "s": "တ်"}


def burmese(roman: str) -> str:
    """Burmese transcription of a romanised Japanese name: "kyushu" → "ကျုရှု"."""
    out: list[str] = []
    for onset, palatal, vowel, doubled in _with_ai(_romaji_units(roman)):
        if onset == "n" and not vowel:
            out[-1:] = [out[-1].rstrip("ာါ") + "န်"] if out else ["န်"]
            continue
        if doubled and out and onset in _BURMESE_FINAL:
            out[-1] = out[-1].rstrip("ာါ") + _BURMESE_FINAL[onset]
        consonant = _BURMESE_ONSET.get(onset, "အ")
        if palatal and onset not in {"sh", "ch", "j"}:
            consonant += "ျ"
        if vowel == "a":
            out.append(consonant + ("ါ" if consonant in _BURMESE_TALL_AA else "ာ"))
        elif vowel == "ai":
            out.append(consonant + "ိုင်း")
        elif vowel == "i":
            out.append(consonant + "ီ")
        elif vowel == "u":
            out.append(consonant + "ု")
        elif vowel == "e":
            out.append(consonant + "ေ")
        else:
            out.append(consonant + "ို")
    return "".join(out)


# Kovalenko's system, the usual Ukrainian spelling of Japanese names: し → сі, ち → ті, じ → дзі,
# が → ґа; い after a vowel → й (ї after і); ん → м before б, п, м and н’ before я, ю, йо.
_UKRAINIAN_ONSET = {
    "": "", "k": "к", "g": "ґ", "s": "с", "sh": "с", "z": "дз", "j": "дз", "t": "т", "d": "д",
    "ts": "ц", "ch": "т", "n": "н", "h": "х", "f": "ф", "b": "б", "p": "п", "m": "м",
    "y": "", "r": "р", "w": "в", "v": "в",
}  # fmt: skip
_UKRAINIAN_VOWEL = {"a": "а", "i": "і", "u": "у", "e": "е", "o": "о"}
_UKRAINIAN_SOFT = {"a": "я", "i": "і", "u": "ю", "e": "е", "o": "ьо"}


def ukrainian(roman: str) -> str:
    """Ukrainian transcription of a romanised Japanese name: "niigata" → "Ніїґата"."""
    units = _romaji_units(roman)
    out = []
    for index, (onset, palatal, vowel, doubled) in enumerate(units):
        following = units[index + 1][0] if index + 1 < len(units) else ""
        if onset == "n" and not vowel:
            out.append("м" if following in {"b", "p", "m"} else "н’" if following == "y" else "н")
            continue
        consonant = _UKRAINIAN_ONSET.get(onset, "")
        if doubled and consonant:
            out.append(consonant[-1])
        previous = units[index - 1] if index else None
        if not onset and vowel == "i" and previous is not None and previous[2]:
            out.append("ї" if previous[2] == "i" else "й")
        elif onset == "y":
            out.append("йо" if vowel == "o" else _UKRAINIAN_SOFT[vowel])
        elif palatal or onset in {"sh", "ch", "j"}:
            out.append(consonant + _UKRAINIAN_SOFT[vowel])
        else:
            out.append(consonant + _UKRAINIAN_VOWEL[vowel])
    text = "".join(out)
    return text[:1].upper() + text[1:]


def sinhala(roman: str) -> str:
    """Sinhala transcription of a romanised Japanese name: "hamamatsu" → "හාමාමාත්සු"."""
    units = _romaji_units(roman)
    out = []
    previous = ""
    for index, (onset, palatal, vowel, doubled) in enumerate(units):
        if onset == "n" and not vowel:
            out.append("න" + _SINHALA_VIRAMA)
            previous = ""
            continue
        consonant = _SINHALA_ONSET.get(onset, "")
        if doubled and consonant:
            out.append(consonant[:1] + _SINHALA_VIRAMA)
        if palatal:
            consonant += _SINHALA_YANSAYA
        independent, sign = _SINHALA_VOWEL[vowel]
        following = units[index + 1] if index + 1 < len(units) else None
        if vowel == "a" and following is not None and following[:3] == ("", False, "i"):
            independent, sign = "අ", ""  # ai is written short: Saitama → සයිතාමා
        if not consonant and (vowel == "i" and previous or vowel == "e" and previous == "i"):
            consonant = "ය"
        out.append(consonant + sign if consonant else independent)
        previous = vowel
    return "".join(out)


_URDU_ONSET = {
    "": "", "k": "ک", "g": "گ", "s": "س", "sh": "ش", "z": "ز", "j": "ج", "t": "ٹ", "d": "ڈ",
    "ts": "تس", "ch": "چ", "n": "ن", "h": "ہ", "f": "ف", "b": "ب", "p": "پ", "m": "م",
    "y": "ی", "r": "ر", "w": "و", "v": "و",
}  # fmt: skip
# A vowel after a consonant, at the start of the word, after another vowel; e is ے at the end.
_URDU_VOWEL = {
    "a": ("ا", "آ", "آ"),
    "i": ("ی", "ای", "ئی"),
    "u": ("و", "او", "ؤ"),
    "e": ("ی", "ای", "ئی"),
    "o": ("و", "او", "ؤ"),
}


def urdu(roman: str) -> str:
    """Urdu transcription of a romanised Japanese name: "hamamatsu" → "ہاماماتسو"."""
    out: list[str] = []
    units = _romaji_units(roman)
    previous = ""
    for index, (onset, palatal, vowel, _doubled) in enumerate(units):
        if onset == "n" and not vowel:
            out.append("ن")
            previous = "n"
            continue
        final = index == len(units) - 1
        after_consonant, initial, after_vowel = _URDU_VOWEL[vowel]
        if onset:
            consonant = _URDU_ONSET.get(onset, "")
            if onset == "y" and previous in {"i", "e"}:
                consonant = ""  # み+や: میا, not مییا
            letter = "ے" if vowel == "e" and final else after_consonant
            out.append(consonant + ("ی" if palatal else "") + letter)
        elif not out:
            out.append(initial)
        elif vowel == previous or (previous, vowel) == ("e", "i"):
            continue  # a long vowel is written once: Niigata → نیگاٹا, Reihoku → ریہوکو
        elif previous in {"i", "e"} and vowel == "a":
            out.append("ا")  # Ariake → آریاکے
        elif previous in {"a", "i", "e"} and vowel in {"o", "u"}:
            out.append("و")  # Aomori → آوموری, Miura → میورا
        else:
            out.append("ئے" if vowel == "e" and final else after_vowel)
        previous = vowel
    return "".join(out)
