"""Readings of numbers with counters (14日 → じゅうよっか, 3本 → さんぼん)."""

from __future__ import annotations

_DIGIT = ["", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう"]
_HUNDREDS = {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}
_THOUSANDS = {3: "さんぜん", 8: "はっせん"}
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

_DAYS = {
    2: "ふつか",
    3: "みっか",
    4: "よっか",
    5: "いつか",
    6: "むいか",
    7: "なのか",
    8: "ようか",
    9: "ここのか",
    10: "とおか",
    14: "じゅうよっか",
    20: "はつか",
    24: "にじゅうよっか",
}
_PEOPLE = {1: "ひとり", 2: "ふたり", 4: "よにん"}
_HOURS = {4: "よじ", 7: "しちじ", 9: "くじ"}
_MONTHS = {4: "しがつ", 7: "しちがつ", 9: "くがつ"}
# Counters whose first sound changes after 1, 3, 6, 8, 10: (plain, after-small-tsu, after-ん).
_SOUND_CHANGE = {
    "本": ("ほん", "ぽん", "ぼん"),
    "分": ("ふん", "ぷん", "ぷん"),
    "杯": ("はい", "ぱい", "ばい"),
    "匹": ("ひき", "ぴき", "びき"),
    "回": ("かい", "かい", "かい"),
    "個": ("こ", "こ", "こ"),
    "階": ("かい", "かい", "がい"),
    "歳": ("さい", "さい", "さい"),
    "才": ("さい", "さい", "さい"),
    "冊": ("さつ", "さつ", "さつ"),
    "軒": ("けん", "けん", "げん"),
    "件": ("けん", "けん", "けん"),
    "泊": ("はく", "ぱく", "ぱく"),
}
_SMALL_TSU = {1: "いっ", 6: "ろっ", 8: "はっ"}


def parse_number(text: str) -> int | None:
    digits = text.translate(_FULLWIDTH).replace(",", "")
    if digits.isdigit():
        return int(digits)
    if text == "十":
        return 10
    if len(text) == 1 and text in _KANJI_DIGITS:
        return _KANJI_DIGITS[text]
    return None


def number_kana(n: int) -> str:
    if n == 0:
        return "ぜろ"
    if n >= 10000:
        man, rest = divmod(n, 10000)
        return number_kana(man) + "まん" + (number_kana(rest) if rest else "")
    out = ""
    thousands, n = divmod(n, 1000)
    if thousands:
        out += _THOUSANDS.get(thousands, ("" if thousands == 1 else _DIGIT[thousands]) + "せん")
    hundreds, n = divmod(n, 100)
    if hundreds:
        out += _HUNDREDS.get(hundreds, ("" if hundreds == 1 else _DIGIT[hundreds]) + "ひゃく")
    tens, ones = divmod(n, 10)
    if tens:
        out += ("" if tens == 1 else _DIGIT[tens]) + "じゅう"
    return out + _DIGIT[ones]


def counter_reading(n: int, counter: str, after_month: bool = False) -> str | None:
    """Reading of number+counter. Rule for 1日: ついたち right after 〜月, else いちにち."""
    if n <= 0 or n > 99999:
        return None
    if counter == "日":
        if n == 1:
            return "ついたち" if after_month else "いちにち"
        if n in _DAYS:
            return _DAYS[n]
        head, last = divmod(n, 10)
        base = number_kana(head * 10) if head else ""
        tail = {7: "しち", 9: "く", 4: "よっ"}.get(last, _DIGIT[last])
        return base + tail + ("か" if last == 4 else "にち")
    if counter == "人":
        return _PEOPLE.get(n, number_kana(n) + "にん")
    if counter == "時":
        if n in _HOURS:
            return _HOURS[n]
        if n % 10 in (4, 7, 9) and n > 10:
            return number_kana(n - n % 10) + _HOURS[n % 10]
        return number_kana(n) + "じ"
    if counter == "月":
        return _MONTHS.get(n, number_kana(n) + "がつ")
    if counter == "円":
        return number_kana(n).removesuffix("よん") + ("よえん" if n % 10 == 4 else "えん")
    if counter == "年":
        return number_kana(n).removesuffix("よん") + ("よねん" if n % 10 == 4 else "ねん")
    if counter in _SOUND_CHANGE:
        return _sound_changed(n, counter)
    return None


def _sound_changed(n: int, counter: str) -> str:
    plain, tsu, after_n = _SOUND_CHANGE[counter]
    if counter in ("歳", "才") and n == 20:
        return "はたち"
    last = n % 10
    head = number_kana(n - last) if n >= 10 else ""
    if last == 0:
        return (
            number_kana(n)[:-1] + "っ" + tsu
            if number_kana(n).endswith("う")
            else (number_kana(n) + plain)
        )
    if last in _SMALL_TSU and (last != 6 or counter not in ("歳", "才", "冊")):
        return head + _SMALL_TSU[last] + tsu
    if last == 3:
        return head + "さん" + after_n
    if last == 4 and counter == "分":
        return head + "よん" + after_n
    return head + _DIGIT[last] + plain
