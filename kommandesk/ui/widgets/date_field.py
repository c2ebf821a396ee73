"""A date typed in the UI language's format (01.02.1985 in German, 2/1/1985 in English, 1985-02-01 in both),
checked as it is typed, with the message right beside the field.

Dates are shown with a four-digit year (the locale's short pattern with ``y`` for ``yy``): "2/1/85" would be
read back as 2085 by babel. A typed two-digit year is placed in the century that keeps the date within 80
years before and 20 years after today (85 -> 1985, 27 -> 2027).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from babel import Locale
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

from kommandesk.i18n import _, current_language, pgettext
from kommandesk.i18n.formatting import format_date, parse_date
from kommandesk.ui.widgets.form_field import FieldWithError

_ISO_LOOSE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_FOUR_DIGITS = re.compile(r"\d{4}")
_DIGITS = re.compile(r"\d+")


def edit_pattern() -> str:
    """The babel pattern a date is shown with for editing: the locale's short one, with the full year."""
    pattern = Locale.parse(current_language()).date_formats["short"].pattern
    return re.sub(r"y+", "y", pattern)


def format_hint() -> str:
    """What goes where, for the empty field: "TT.MM.JJJJ" in German, "MM/DD/YYYY" in English."""
    parts = {"d": pgettext("date format", "DD"), "M": pgettext("date format", "MM"),
             "y": pgettext("date format", "YYYY")}
    return re.sub(r"d+|M+|y+", lambda match: parts[match.group(0)[0]], edit_pattern())


def format_for_edit(value: dt.date) -> str:
    return format_date(value, edit_pattern())


def read_date(text: str, today: dt.date | None = None) -> dt.date:
    """The date in ``text`` (UI language's format or ISO); ValueError when it is not one."""
    loose = _ISO_LOOSE.match(text)
    if loose:
        year, month, day = (int(part) for part in loose.groups())
        return dt.date(year, month, day)
    groups = _DIGITS.findall(text)
    if not groups or any(len(group) == 3 or len(group) > 4 for group in groups):  # no year has three digits
        raise ValueError(text)
    try:
        value = parse_date(text)
    except (ValueError, IndexError, LookupError) as exc:  # babel raises IndexError for "1/2"
        raise ValueError(text) from exc
    if not _FOUR_DIGITS.search(text):  # a two-digit year: babel puts it in 20xx
        today = today or dt.date.today()
        year = value.year % 100 + (today.year // 100) * 100
        if year > today.year + 20:
            year -= 100
        elif year < today.year - 80:
            year += 100
        try:
            value = value.replace(year=year)
        except ValueError as exc:  # 29 February
            raise ValueError(text) from exc
    return value


class DateField(FieldWithError):
    """``value()`` is the date, or None when empty; ``valid()`` is False while the text is not a date."""

    edited = Signal()  # the user typed (not emitted by set_value)

    def __init__(self, *, required: bool = False, today: Callable[[], dt.date] = dt.date.today, parent=None,
                 name: str = ""):
        self.line = QLineEdit()
        if name:
            self.line.setObjectName(name)
        self.line.setMaxLength(40)
        super().__init__(self.line, parent, width_chars=11)
        # the field is as wide as its row (the message may use it all); the line stays as wide as a date
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._required = required
        self._today = today
        self._problem: str | None = None
        example = dt.date(today().year - 1, 12, 31)
        self.line.setPlaceholderText(format_hint())
        self.line.setToolTip(_("Type a date like {example} or {iso}.").format(
            example=format_for_edit(example), iso=example.isoformat()))
        self.line.textEdited.connect(self._edited)
        self.line.textEdited.connect(self.edited)  # after _edited: the message is up to date for listeners
        self.line.editingFinished.connect(self._tidy)

    def add_beside(self, widget: QWidget) -> None:
        """Show ``widget`` (a badge) right after the line, above the message."""
        row = self.layout().itemAt(0).layout()
        row.insertWidget(1, widget)

    # -- value ------------------------------------------------------------------------------------------------
    def value(self) -> dt.date | None:
        """The date typed, None when empty or not a date (see ``valid()``)."""
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return read_date(text, self._today())
        except ValueError:
            return None

    def set_value(self, value: dt.date | None) -> None:
        self.line.setText(format_for_edit(value) if value else "")
        self._problem = None
        self.set_error(None)

    def text(self) -> str:
        return self.line.text()

    def problem(self) -> str | None:
        """Why the text is not a date (translated), or None when it is one (or empty and optional)."""
        text = self.line.text().strip()
        if not text:
            return _("Enter a date.") if self._required else None
        try:
            read_date(text, self._today())
        except ValueError:
            example = format_for_edit(dt.date(self._today().year - 1, 12, 31))
            return _("This is not a date. Type it like {example}.").format(example=example)
        return None

    def valid(self) -> bool:
        return self.problem() is None

    def check(self) -> bool:
        """Show the problem with the text beside the field (or clear it); True when the text is fine."""
        self._problem = self.problem()
        self.set_error(self._problem)
        return self._problem is None

    # -- typing -----------------------------------------------------------------------------------------------
    def _edited(self, _text: str) -> None:
        text = self.line.text().strip()
        # while typing, a half-typed date is not yet wrong: only say so once it cannot become one,
        # or when a message is already shown (it then goes away as soon as the date is right)
        if self.error.isVisible() or not text or self._looks_complete(text):
            self.check()

    @staticmethod
    def _looks_complete(text: str) -> bool:
        return bool(_FOUR_DIGITS.search(text)) or any(not (ch.isdigit() or ch in "./- ") for ch in text)

    def _tidy(self) -> None:
        """On leaving the field: show any problem, and write a date typed as 1.2.85 the way it is read."""
        if self.check() and self.value() is not None:
            tidy = format_for_edit(self.value())
            if tidy != self.line.text():
                self.line.setText(tidy)
