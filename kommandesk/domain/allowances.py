"""The Ehrenamtspauschale (§ 3 Nr. 26a EStG): allowances paid to a volunteer are tax-free up to a yearly limit.

The limit is a setting by calendar year: a year takes the limit of the greatest year set up to it (720 EUR from
2013, 840 EUR from 2021, 960 EUR from 2026 when a database is created). Going over the limit is not forbidden,
the part above it is taxable: KommanDesk warns before recording such a payment and lists these volunteers in the
reports. Money is kept in integer cents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kommandesk.domain import validation as v
from kommandesk.i18n import _

DEFAULT_LIMITS: tuple[tuple[int, int], ...] = ((2013, 72_000), (2021, 84_000), (2026, 96_000))  # year, cents
MAX_AMOUNT_CENTS = 10_000_00  # one payment of at most 10,000 EUR: more is a typing error
MAX_NOTE = 200
LIMIT_YEARS = range(2000, 2101)
MAX_LIMIT_CENTS = 100_000_00

_AMOUNT = re.compile(r"^(\d{1,3}(?:([.,' ])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$")


@dataclass(frozen=True)
class Allowance:
    volunteer_id: str
    paid_on: dt.date
    amount_cents: int
    note: str = ""
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class YearCheck:
    """A calendar year's allowances for one volunteer, with one more payment (``adding``) considered."""

    year: int
    paid_cents: int  # recorded so far in the year (without ``adding``)
    adding_cents: int
    limit_cents: int | None  # None: no limit is set for the year

    @property
    def total_cents(self) -> int:
        return self.paid_cents + self.adding_cents

    @property
    def over_cents(self) -> int:
        """How far the year's total goes above the limit (0 when it does not)."""
        if self.limit_cents is None:
            return 0
        return max(0, self.total_cents - self.limit_cents)

    @property
    def exceeds(self) -> bool:
        return self.over_cents > 0

    @property
    def left_cents(self) -> int | None:
        """What may still be paid tax-free in the year (None without a limit)."""
        if self.limit_cents is None:
            return None
        return max(0, self.limit_cents - self.total_cents)


def limit_for(year: int, limits: Mapping[int, int]) -> int | None:
    """The limit in cents for ``year``: that of the greatest year set up to it; None before the first."""
    known = [y for y in limits if y <= year]
    return limits[max(known)] if known else None


def check_year(year: int, paid_cents: int, adding_cents: int, limits: Mapping[int, int]) -> YearCheck:
    return YearCheck(year, paid_cents, adding_cents, limit_for(year, limits))


def parse_amount(text: str) -> int | None:
    """'120' / '120,50' / '120.5' / '1.200,00' / '1,200.00' / '960 €' -> cents; None when it is not an amount.

    A separator followed by exactly three digits groups thousands; followed by one or two it marks the cents.
    """
    value = (text or "").strip().replace("\u00a0", " ").removesuffix("€").removesuffix("EUR").strip()
    match = _AMOUNT.match(value)
    if not match:
        return None
    whole, group_sep, decimal_sep, cents = match.groups()
    if group_sep and decimal_sep == group_sep:
        return None  # '1.200.50'
    euros = int(re.sub(r"[.,' ]", "", whole))
    return euros * 100 + (int(cents.ljust(2, "0")) if cents else 0)


def validate(allowance: Allowance, today: dt.date) -> dict[str, str]:
    """Field name -> translated message for what cannot be saved."""
    errors: dict[str, str] = {}
    if allowance.paid_on > today:
        errors["paid_on"] = _("A payment cannot be recorded for a day in the future.")
    if not 0 < allowance.amount_cents <= MAX_AMOUNT_CENTS:
        errors["amount"] = _("Enter an amount above 0 and at most 10,000 EUR.")
    message = v.check_length(allowance.note, MAX_NOTE)
    if message:
        errors["note"] = message
    return errors


def validate_limit(year: int, amount_cents: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if year not in LIMIT_YEARS:
        errors["year"] = _("Enter a year from {low} to {high}.").format(low=LIMIT_YEARS[0], high=LIMIT_YEARS[-1])
    if not 0 <= amount_cents <= MAX_LIMIT_CENTS:
        errors["amount"] = _("Enter a limit from 0 to 100,000 EUR.")
    return errors
