"""What goes into one cell of an exported sheet: the column kinds, formula neutralisation, dates.

Formula injection: a spreadsheet program treats a text cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (``=HYPERLINK(...)`` typed into a volunteer's notes would become a live link; ``=cmd|...`` once ran
programs). Leading spaces and tabs do not protect (Excel skips them), and a text that starts with a tab or a carriage
return is treated the same way by some programs. Such a text is *neutralised*:

* in CSV it gets a leading apostrophe (``'=1+1``): Excel shows the text and does not evaluate it;
* in XLSX it is written as a string cell with the "quote prefix" style (what Excel itself does when you type
  ``'=1+1``): Excel shows ``=1+1`` as text, and it stays text when the cell is edited.

The rule lives here so that every export (and the importer's error file) applies the same one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from babel import Locale

FORMULA_STARTS = ("=", "+", "-", "@")
_LEADING_BLANKS = " \t\r\n"


class Kind(str, Enum):
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """One column of an exported sheet: its header (already translated), what its cells hold, and a width (in
    characters) to start from; the XLSX writer widens a column to its longest value up to ``max_width``."""

    header: str
    kind: Kind = Kind.TEXT
    width: int = 10
    max_width: int = 50


def is_formula_like(text: str) -> bool:
    """True for a text a spreadsheet could take for a formula: it starts with = + - @ (also after leading spaces
    or tabs), or with a tab or a carriage return."""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    return text.lstrip(_LEADING_BLANKS)[:1] in FORMULA_STARTS


def csv_text(text: str) -> str:
    """The text as it goes into a CSV cell: a leading apostrophe when it could be taken for a formula."""
    return "'" + text if is_formula_like(text) else text


# -- dates ------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=8)
def date_pattern(language: str) -> str:
    """The babel pattern dates are written with in ``language``: its short pattern with the full year
    (German ``dd.MM.y`` -> 01.02.1985, English ``M/d/y`` -> 2/1/1985), as the app's date fields show them."""
    pattern = Locale.parse(language).date_formats["short"].pattern
    return re.sub(r"y+", "y", pattern)


def excel_date_format(language: str) -> str:
    """The Excel number format for dates in ``language`` (``dd.mm.yyyy`` for German)."""
    return re.sub(r"y+", "yyyy", date_pattern(language)).replace("M", "m")


@lru_cache(maxsize=8)
def _date_formatter(language: str):
    from babel.dates import parse_pattern

    return parse_pattern(date_pattern(language)), Locale.parse(language)


@lru_cache(maxsize=32768)
def date_text(day: dt.date, language: str) -> str:
    """A date as the UI language writes it (babel's pattern, parsed once; cached: an export repeats days)."""
    pattern, locale = _date_formatter(language)
    return pattern.apply(day, locale)
