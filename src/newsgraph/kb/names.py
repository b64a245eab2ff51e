"""Name normal forms: how two spellings of one name come to compare equal.

Three levels, from strict to loose:

``fold(text)``
    lower case, diacritics and punctuation dropped, possessive "'s" removed, space folded:
    "Lukashenko's" -> "lukashenko", "Khürelsükh" -> "khurelsukh".
``normal_form(text)``
    ``fold`` + transliteration rules for names romanised from Cyrillic (and similar):
    ks/x, kh/h, initial ts/t (Belarusian), ou/ov before a consonant (Belarusian ў), j/y,
    -iy/-yy/-ii/-ey/-y endings, -enka/-enko, -ander/-andr. Aleksandr and Alexander,
    Sergey and Sergei, Zelensky/Zelenskyy/Zelenskiy, Tikhanovskaya/Tsikhanouskaya,
    Lukashenko/Lukashenka share a normal form. Used for alias lookup and actor keys.
``skeleton(text)``
    the consonant skeleton of the normal form (first letter kept): Aliaksandr and
    Aleksandr meet here. Loose: only ever used together with a fuzzy-ratio check.

Honorifics (Mr, Ms, Dr, President ...) are removed by :func:`strip_honorifics`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "normal_form", "skeleton", "strip_honorifics", "strip_possessive",
           "name_tokens", "HONORIFICS"]

_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i", "ʼ": "'",
                          "’": "'", "‘": "'", "`": "'", "ʹ": "'"})
# Cyrillic to Latin, one common romanisation: enough for the normal form to meet the
# English spellings ("Лукашенко" -> "lukashenko", "Аляксандр" -> "alyaksandr").
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ye", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
_CYRILLIC.update({k.upper(): v.capitalize() for k, v in list(_CYRILLIC.items())})
_SPECIAL_CYR = str.maketrans(_CYRILLIC)
_POSSESSIVE = re.compile(r"(?:'s|')$|(?:'s|')(?=\s)", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACE = re.compile(r"\s+")

#: Titles and forms of address dropped before a name is looked up.
HONORIFICS = frozenset("""
mr mrs ms miss dr prof sir dame lord lady madam mister herr frau monsieur mme mlle sheikh
president prime minister premier chancellor king queen prince princess emperor pope
general gen col colonel lt maj major capt captain adm admiral marshal sgt sergeant
senator sen rep representative gov governor mayor judge justice ambassador secretary
deputy foreign defence defense interior finance vice chairman chairwoman speaker
comrade father rev reverend patriarch archbishop bishop ayatollah imam
""".split())


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no diacritics, no possessive, letters/digits and single spaces only."""
    text = text.translate(_SPECIAL)
    if not text.isascii():  # plain ASCII needs no transliteration or accent stripping
        text = text.translate(_SPECIAL_CYR)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = _POSSESSIVE.sub("", text.strip()).lower()
    text = text.replace("-", " ").replace(".", " ")
    text = _NON_WORD.sub("", text)
    return _SPACE.sub(" ", text).strip()


def strip_possessive(text: str) -> str:
    """ "Lukashenko's" -> "Lukashenko"; "Makei’" -> "Makei"."""
    return _POSSESSIVE.sub("", text.translate(_SPECIAL).strip())


def strip_honorifics(text: str) -> str:
    """Drop leading titles: "Mr. Lavrov" -> "Lavrov", "President Putin" -> "Putin".

    The last word is never dropped (a name may itself be a title word: "Speaker").
    """
    words = text.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        words.pop(0)
    return " ".join(words)


# Ordered rewrites on a folded word; each keeps variants together, none is meant to be a
# faithful transliteration.
_WORD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^ts(?=[iey])"), "t"),       # Tsikhanouskaya / Tikhanovskaya
    (re.compile(r"ck"), "k"),
    (re.compile(r"ks"), "x"),                 # Aleksandr / Alexander
    (re.compile(r"kh"), "h"),                 # Khrushchev / Hrushchev
    (re.compile(r"([aeiou])u(?=[bcdfghklmnpqrstvwxz])"), r"\1v"),  # Belarusian ў
    (re.compile(r"w"), "v"),
    (re.compile(r"j"), "y"),
    (re.compile(r"(?:iy|yy|ii|ey|ei|y)$"), "i"),  # Zelenskiy / Zelensky, Sergey / Sergei
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),  # Tokayev / Tokaev
    (re.compile(r"(?<=[a-z])ya"), "ia"),      # Alyaksandr / Aliaksandr
    (re.compile(r"(?<=[a-z])(?:ii|iy)(?=[a-z])"), "i"),
    (re.compile(r"enka$"), "enko"),           # Lukashenka / Lukashenko
    (re.compile(r"ander$"), "andr"),          # Alexander / Aleksandr
    (re.compile(r"aja$"), "aya"),
    (re.compile(r"(.)\1+"), r"\1"),           # doubled letters
]


@lru_cache(maxsize=1 << 16)
def _word_form(word: str) -> str:
    for pattern, repl in _WORD_RULES:
        word = pattern.sub(repl, word)
    return word


def name_tokens(text: str) -> list[str]:
    """The normal-form words of a name (honorifics kept; strip them first if needed)."""
    return [_word_form(w) for w in fold(text).split()]


def normal_form(text: str) -> str:
    """The transliteration-aware normal form of a name: see the module docstring."""
    return " ".join(name_tokens(text))


_VOWELS = re.compile(r"[aeiouy]")


def skeleton(text: str) -> str:
    """Consonant skeleton of each normal-form word, first letter kept: "alxndr lkshnk"."""
    return " ".join(w[0] + _VOWELS.sub("", w[1:]) for w in name_tokens(text) if w)
