"""Languages a person speaks, with a level: CEFR A1..C2, or native."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache

from kommandesk.i18n import N_, _, pgettext
from kommandesk.i18n.language_codes import BABEL_KEYS

_CODE = re.compile(r"^[a-z]{2,3}$")


class Level(str, Enum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"

    @property
    def rank(self) -> int:
        return list(Level).index(self)

    def at_least(self, other: "Level") -> bool:
        return self.rank >= other.rank

    def label(self) -> str:
        return pgettext("language level", "native speaker") if self is Level.NATIVE else self.value

    @classmethod
    def parse(cls, text: str) -> "Level":
        """'b2', 'B2', 'native', 'Muttersprache', 'mother tongue' -> Level; ValueError otherwise."""
        value = (text or "").strip()
        for level in cls:
            if value.upper() == level.value.upper():
                return level
        if value.casefold() in {"native", "muttersprache", "mother tongue", "muttersprachlich", "native speaker",
                                "erstsprache", "first language"}:
            return cls.NATIVE
        raise ValueError(value)


LEVEL_HELP = N_("A level is one of A1, A2, B1, B2, C1, C2 or native.")


@cache
def known_codes() -> frozenset[str]:
    """ISO 639 codes (two or three letters) that babel names, in any UI language."""
    from babel import Locale

    not_languages = {"und", "zxx", "mul", "mis"}  # undetermined, no linguistic content, multiple, uncoded
    return frozenset(code for code in Locale("en").languages
                     if _CODE.match(code) and code not in not_languages) | frozenset(BABEL_KEYS)


def is_known_code(code: str) -> bool:
    return bool(_CODE.match(code or "")) and code in known_codes()


@dataclass(frozen=True)
class LanguageSkill:
    code: str  # ISO 639-1 where there is one ("ar", "fa", "uk"), else ISO 639-2/3 ("prs" for Dari)
    level: Level


def check_skills(skills: list[LanguageSkill]) -> str | None:
    """A translated problem with the list, or None."""
    seen = set()
    for skill in skills:
        if not is_known_code(skill.code):
            return _("Unknown language code: {code}.").format(code=skill.code)
        if not isinstance(skill.level, Level):  # e.g. "D5" from an import: the store could not keep it
            return _(LEVEL_HELP)
        if skill.code in seen:
            return _("The language {code} is listed twice.").format(code=skill.code)
        seen.add(skill.code)
    return None
