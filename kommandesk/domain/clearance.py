"""The extended police certificate (erweitertes Führungszeugnis, § 72a SGB VIII) for work with children.

Only what the law allows is recorded: when it was issued, when and by whom it was inspected, and the result.
Never a copy. The certificate must be at most three months old when inspected; it is valid for five years from
issue by default (an organisation setting), and shows as "expiring" within 60 days (a setting) of that date.
The record is due for deletion three months after the volunteer's activity ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kommandesk.i18n import _, pgettext


class ClearanceResult(str, Enum):
    NO_RELEVANT_ENTRY = "no_relevant_entry"
    RELEVANT_ENTRY = "relevant_entry"

    def label(self) -> str:
        return {ClearanceResult.NO_RELEVANT_ENTRY: pgettext("clearance result", "no relevant entry"),
                ClearanceResult.RELEVANT_ENTRY: pgettext("clearance result", "relevant entry")}[self]


class ClearanceState(str, Enum):
    NONE = "none"
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    RELEVANT_ENTRY = "relevant_entry"  # inspected, and it must not be used for work with children

    def label(self) -> str:
        return {ClearanceState.NONE: pgettext("clearance", "none"), ClearanceState.VALID: pgettext("clearance", "valid"),
                ClearanceState.EXPIRING: pgettext("clearance", "expiring soon"),
                ClearanceState.EXPIRED: pgettext("clearance", "expired"),
                ClearanceState.RELEVANT_ENTRY: pgettext("clearance", "relevant entry")}[self]


@dataclass(frozen=True)
class ClearancePolicy:
    validity_years: int = 5
    warning_days: int = 60
    max_age_at_inspection_months: int = 3
    deletion_after_months: int = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it has fewer days): 31 May + 3 -> 31 Aug."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Clearance:
    issued_on: dt.date | None = None
    inspected_on: dt.date | None = None
    inspected_by: str = ""
    result: ClearanceResult | None = None
    self_commitment_on: dt.date | None = None  # Selbstverpflichtungserklärung

    @property
    def recorded(self) -> bool:
        return self.issued_on is not None

    def expires_on(self, policy: ClearancePolicy) -> dt.date | None:
        return add_months(self.issued_on, 12 * policy.validity_years) if self.issued_on else None

    def state(self, today: dt.date, policy: ClearancePolicy) -> ClearanceState:
        if self.issued_on is None or self.inspected_on is None or self.result is None:
            return ClearanceState.NONE
        if self.result is ClearanceResult.RELEVANT_ENTRY:
            return ClearanceState.RELEVANT_ENTRY
        expires = self.expires_on(policy)
        if today >= expires:
            return ClearanceState.EXPIRED
        if (expires - today).days <= policy.warning_days:
            return ClearanceState.EXPIRING
        return ClearanceState.VALID

    def valid_throughout(self, first: dt.date, last: dt.date, policy: ClearancePolicy) -> bool:
        """Valid on every day from ``first`` to ``last`` (matching: a request that involves children)."""
        if self.state(first, policy) not in (ClearanceState.VALID, ClearanceState.EXPIRING):
            return False
        return last < self.expires_on(policy)

    def warnings(self, policy: ClearancePolicy) -> list[str]:
        """Things the coordinator should know but that do not stop saving."""
        found = []
        if self.issued_on and self.inspected_on and \
                self.inspected_on > add_months(self.issued_on, policy.max_age_at_inspection_months):
            found.append(_("The certificate was more than {months} months old when it was inspected; "
                           "ask for a new one.").format(months=policy.max_age_at_inspection_months))
        return found


def check(clearance: Clearance, today: dt.date) -> dict[str, str]:
    """Field name -> translated message for what cannot be saved."""
    errors: dict[str, str] = {}
    if clearance.issued_on and clearance.issued_on > today:
        errors["clearance_issued_on"] = _("The date of issue cannot be in the future.")
    if clearance.inspected_on and clearance.inspected_on > today:
        errors["clearance_inspected_on"] = _("The date of inspection cannot be in the future.")
    if clearance.inspected_on and not clearance.issued_on:
        errors["clearance_issued_on"] = _("Enter when the certificate was issued.")
    if clearance.issued_on and clearance.inspected_on and clearance.inspected_on < clearance.issued_on:
        errors["clearance_inspected_on"] = _("The certificate cannot have been inspected before it was issued.")
    if clearance.inspected_on and not clearance.inspected_by.strip():
        errors["clearance_inspected_by"] = _("Enter who inspected the certificate.")
    if clearance.inspected_on and clearance.result is None:
        errors["clearance_result"] = _("Choose the result of the inspection.")
    if clearance.self_commitment_on and clearance.self_commitment_on > today:
        errors["clearance_self_commitment_on"] = _("The date cannot be in the future.")
    return errors


def deletion_due(activity_ended_on: dt.date | None, clearance: Clearance, policy: ClearancePolicy) -> dt.date | None:
    """When the clearance record must be deleted: some months after the activity ended (None while active)."""
    if activity_ended_on is None or not clearance.recorded:
        return None
    return add_months(activity_ended_on, policy.deletion_after_months)
