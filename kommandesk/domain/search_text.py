"""Text folded for searching: "lodz", "sukru", "muller" find "Łódź", "Şükrü", "Müller".

Case is folded, diacritics are stripped (NFKD), and the letters that NFKD does not decompose are mapped by hand.
German umlauts fold to the bare vowel (ü -> u), so "muller" finds "Müller". The stored text also carries the
German spelling of its umlauts (ü -> ue) where it differs, so "mueller" finds "Müller" as well.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPECIAL = str.maketrans({
    "ß": "ss", "ẞ": "ss", "ł": "l", "Ł": "l", "ı": "i", "İ": "i", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d", "ħ": "h", "Ħ": "h",
    "ŀ": "l", "Ŀ": "l", "ŧ": "t", "Ŧ": "t",
})
_TOKEN = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)  # names, towns and language names repeat: a bulk import folds each once
def fold(text: str) -> str:
    """Lower-case, without diacritics, special letters mapped: the form stored in the search column."""
    text = (text or "").translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_SPECIAL)


def tokens(query: str) -> list[str]:
    """The folded words of a query, in order, without duplicates."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(fold(query)):
        seen.setdefault(token, None)
    return list(seen)


_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


@lru_cache(maxsize=65536)
def searchable(*parts: str) -> str:
    """What goes into a search column: every word folded once, plus the German spelling of the words with an
    umlaut ("Müller" -> "muller mueller")."""
    seen: dict[str, None] = {}
    for word in " ".join(p for p in parts if p).split():
        seen.setdefault(fold(word), None)
        seen.setdefault(fold(word.translate(_GERMAN)), None)
    return " ".join(seen)
