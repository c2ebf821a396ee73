"""Which field a column header names, as lists of volunteers (:mod:`kommandesk.interchange.volunteer_columns`) and of
requests (:mod:`kommandesk.interchange.request_columns`) have them: German and English variants of each field,
matched whatever the case, the diacritics, spaces and hyphens, with or without the German spelling "ae" for "ä"."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cached_property, lru_cache

from kommandesk.domain.search_text import fold

_GERMAN_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[0-9a-z]+")


@lru_cache(maxsize=65536)
def header_key(text: str) -> str:
    """'E-Mail-Adresse' -> 'emailadresse': folded, only letters and digits (cached: an import repeats the same
    words ten thousand times)."""
    return _NOT_ALNUM.sub("", fold(text or ""))


def header_keys(text: str) -> set[str]:
    """The keys of a header as written and in the German spelling without umlauts."""
    return {header_key(text), header_key(text.translate(_GERMAN_SPELLING))}


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text or "")))


class HeaderFields:
    """The fields of one kind of list: ``variants`` field -> the headers that name it; the fields in ``multi``
    may come from several columns (they are joined). The look-up tables are built at the first guess."""

    def __init__(self, variants: Mapping[str, tuple[str, ...]], multi: Collection[str]):
        self._variants = variants
        self._multi = multi

    @cached_property
    def _exact(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for field, variants in self._variants.items():
            for variant in variants:
                for key in header_keys(variant):
                    table.setdefault(key, field)
        return table

    @cached_property
    def _prefixes(self) -> tuple[tuple[tuple[str, ...], str], ...]:
        """(words of a variant, field), longest first: 'Telefon privat' starts with the words of 'Telefon'."""
        found: dict[tuple[str, ...], str] = {}
        for field, variants in self._variants.items():
            for variant in variants:
                for words in (_words(variant), _words(variant.translate(_GERMAN_SPELLING))):
                    if words:
                        found.setdefault(words, field)
        return tuple(sorted(found.items(), key=lambda item: -len(item[0])))

    def guess_field(self, header: str) -> str | None:
        """The field a header names, or None: a variant exactly (ignoring case, diacritics, spaces and
        punctuation), else the longest variant whose words the header starts with."""
        key = header_key(header)
        if not key:
            return None
        exact = self._exact
        if key in exact:
            return exact[key]
        words = _words(header)
        for variant, field in self._prefixes:
            if words[:len(variant)] == variant:
                return field
        return None

    def fields_named(self, cells: list[str]) -> set[str]:
        """The different fields a row names (a header has short cells)."""
        fields = {self.guess_field(cell) for cell in cells if cell and len(cell) <= 80}
        fields.discard(None)
        return fields

    def guess_mapping(self, headers: list[str]) -> tuple[dict[int, str | None], set[str]]:
        """(column index -> field key, the fields taken): the first column of a field wins (a repeated header
        stays unassigned), except for the fields that may come from several columns."""
        mapping: dict[int, str | None] = {}
        taken: set[str] = set()
        for index, header in enumerate(headers):
            field = self.guess_field(header)
            if field is not None and (field not in taken or field in self._multi):
                mapping[index] = field
                taken.add(field)
            else:
                mapping[index] = None
        return mapping, taken
