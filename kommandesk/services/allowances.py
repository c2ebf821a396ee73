"""The Ehrenamtspauschale: allowances paid to volunteers, each calendar year's total against the tax-free limit,
and the limits by year.

Going over the limit is allowed (the part above it is taxable) but never by accident: ``record`` raises
``OverLimit`` with the year's figures until it is called again with ``confirmed=True``. The GUI asks a question,
the CLI wants --force. The rules live in domain/allowances.py, the SQL in store/allowances_repo.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kommandesk.domain import allowances as rules
from kommandesk.domain.allowances import Allowance, YearCheck
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.validation import clean_text
from kommandesk.i18n import _
from kommandesk.store.allowances_repo import AllowanceRepository
from kommandesk.store.db import Store

if TYPE_CHECKING:
    from kommandesk.services.volunteers import VolunteerService


def money(cents: int) -> str:
    """An amount in the UI language: '960,00 €' / '€960.00'."""
    from kommandesk.i18n.formatting import format_cents

    return format_cents(cents)


def year_text(check: YearCheck) -> str:
    """One calendar year's payments against its limit, in a sentence (the volunteer form, the CLI)."""
    if check.limit_cents is None:
        return _("Paid in {year}: {paid}. No tax-free limit is set for this year.").format(
            year=check.year, paid=money(check.total_cents))
    if check.exceeds:
        return _("Paid in {year}: {paid}, {over} above the tax-free limit of {limit}.").format(
            year=check.year, paid=money(check.total_cents), over=money(check.over_cents),
            limit=money(check.limit_cents))
    return _("Paid in {year}: {paid} of the tax-free limit of {limit}; {left} left tax-free.").format(
        year=check.year, paid=money(check.total_cents), limit=money(check.limit_cents),
        left=money(check.left_cents))


def over_limit_text(check: YearCheck) -> str:
    """What going over the limit means, with the figures (the question or the hint follows it)."""
    return _("With this payment of {amount}, the allowances paid in {year} come to {total}: {over} above the "
             "tax-free limit of {limit}. The part above the limit is taxable.").format(
        amount=money(check.adding_cents), year=check.year, total=money(check.total_cents),
        over=money(check.over_cents), limit=money(check.limit_cents or 0))


class OverLimit(KommanDeskError):
    """The payment would take its calendar year's total above the tax-free limit; ``check`` holds the figures.
    Record it with ``confirmed=True`` once the user agreed."""

    def __init__(self, check: YearCheck):
        self.check = check
        super().__init__(over_limit_text(check))


@dataclass(frozen=True)
class AllowanceRow:
    """A payment with the volunteer it was paid to (the list over all volunteers)."""

    allowance: Allowance
    reference: str
    name: str


def _without_currency(text: str) -> str:
    """'€120.50' / 'EUR 120' as English users write them (the domain reads '120,50 €' and '120 EUR')."""
    for sign in ("\u20ac", "EUR"):
        if text.upper().startswith(sign):
            return text[len(sign):].strip()
    return text


def amount_from_text(text: str) -> int:
    """Cents from an amount typed in German or English ('120,50', '1.200', '960 €'); ValidationError({"amount"})
    when it is not an amount or outside what one payment may be."""
    stripped = (text or "").strip()
    negative = stripped.startswith(("-", "\u2212"))
    cents = rules.parse_amount(_without_currency(stripped[1:] if negative else stripped))
    if cents is None:
        raise ValidationError({"amount": _("{value} is not an amount of money: type it like 120,50 or "
                                           "120.50.").format(value=stripped) if stripped
                               else _("Enter the amount paid.")})
    return -cents if negative else cents


def limit_from_text(text: str) -> int:
    """Cents of a yearly limit typed by a user (0 allowed); ValidationError({"amount"}) when it is not one."""
    stripped = (text or "").strip()
    cents = rules.parse_amount(_without_currency(stripped))
    if cents is None:
        raise ValidationError({"amount": _("{value} is not an amount of money: type it like 960 or "
                                           "960,00.").format(value=stripped) if stripped
                               else _("Enter the tax-free limit of the year.")})
    return cents


class AllowanceService:
    def __init__(self, store: Store, volunteers: "VolunteerService", today: Callable[[], date] | None = None):
        self._store = store
        self._volunteers = volunteers
        self._today = today or volunteers.today
        self._repo = AllowanceRepository(store)

    def today(self) -> date:
        return self._today()

    # -- limits ------------------------------------------------------------------------------------------------

    def limits(self) -> dict[int, int]:
        """Year -> tax-free limit in cents as set; a later year takes the greatest year set up to it."""
        return self._repo.limits()

    def limit_for(self, year: int) -> int | None:
        return rules.limit_for(year, self.limits())

    def set_limit(self, year: int, cents: int) -> None:
        self.change_limits({year: cents}, ())

    def remove_limit(self, year: int) -> None:
        self.change_limits({}, (year,))

    def change_limits(self, changed: Mapping[int, int], removed: Collection[int] = ()) -> None:
        """Set and remove limits in one step: all of them or, when one is refused, none."""
        for year, cents in changed.items():
            errors = rules.validate_limit(year, cents)
            if errors:
                raise ValidationError(errors)
        known = self.limits()
        missing = sorted(year for year in removed if year not in known)
        if missing:
            raise KommanDeskError(_("No tax-free limit is set for {year}.").format(year=missing[0]))
        with self._store.db.atomic():
            self._repo.change_limits(dict(changed), [year for year in removed if year not in changed])

    # -- payments ----------------------------------------------------------------------------------------------

    def for_volunteer(self, volunteer_id: str) -> list[Allowance]:
        """The volunteer's payments, newest first."""
        return self._repo.of_volunteer(volunteer_id)

    def listing(self, volunteer_id: str | None = None, year: int | None = None) -> list[AllowanceRow]:
        """Payments with their volunteer (everyone's, or one volunteer's; all years or one), newest first."""
        return [AllowanceRow(row.allowance, row.reference, _("{first_name} {last_name}").format(
            first_name=row.first_name, last_name=row.last_name)) for row in self._repo.listing(volunteer_id, year)]

    def year_check(self, volunteer_id: str, year: int, adding_cents: int = 0) -> YearCheck:
        """The year's payments so far against its limit, with ``adding_cents`` more."""
        return rules.check_year(year, self._repo.paid_in_year(volunteer_id, year), adding_cents, self.limits())

    def years(self, volunteer_id: str) -> list[YearCheck]:
        """A row per calendar year with payments, the latest first."""
        limits = self.limits()
        totals = self._repo.totals_by_year(volunteer_id)
        return [rules.check_year(year, totals[year], 0, limits) for year in sorted(totals, reverse=True)]

    def validate(self, allowance: Allowance) -> dict[str, str]:
        """Field (paid_on, amount, note) -> translated message for what stops recording."""
        return rules.validate(_cleaned(allowance), self._today())

    def record(self, allowance: Allowance, confirmed: bool = False) -> Allowance:
        """Record a payment. ValidationError for bad values, KommanDeskError for an unknown volunteer,
        OverLimit when the year's total would go above the limit and ``confirmed`` is False."""
        cleaned = _cleaned(allowance)
        errors = rules.validate(cleaned, self._today())
        if errors:
            raise ValidationError(errors)
        if cleaned.id is not None:
            raise KommanDeskError(_("This payment has been recorded already."))
        self._volunteers.get(cleaned.volunteer_id)  # "This volunteer does not exist (any more)."
        with self._store.db.atomic():
            check = self.year_check(cleaned.volunteer_id, cleaned.paid_on.year, cleaned.amount_cents)
            if check.exceeds and not confirmed:
                raise OverLimit(check)
            return self._repo.insert(cleaned)

    def delete(self, allowance_id: str) -> None:
        with self._store.db.atomic():
            if not self._repo.delete(allowance_id):
                raise KommanDeskError(_("This payment does not exist (any more)."))


def _cleaned(allowance: Allowance) -> Allowance:
    return dataclasses.replace(allowance, note=clean_text(allowance.note))


def allowances_of(volunteers: "VolunteerService") -> AllowanceService:
    """The allowance service over the same database as ``volunteers`` (for the volunteer form and the settings
    page, which are handed only the volunteer service)."""
    return AllowanceService(volunteers.store, volunteers)
