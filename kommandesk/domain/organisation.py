"""The organisation that uses KommanDesk: its name, address, logo and signatory for certificates."""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kommandesk.domain import validation as v
from kommandesk.i18n import SUPPORTED_LANGUAGES, _

if TYPE_CHECKING:
    from kommandesk.domain.certificates import CardRule

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 4000
CLEARANCE_VALIDITY_YEARS = range(1, 11)  # the clearance policy: validity of a certificate, 1..10 years
CLEARANCE_WARNING_DAYS = range(1, 366)  # ... and how long before expiry it shows as "expiring", 1..365 days
UNMATCHED_DAYS = range(1, 366)  # the Overview lists a request still without a volunteer after this many days
BACKUP_KEEP = range(0, 101)  # backups kept: 0 to 100 daily, weekly and monthly ones (at least one overall)
BACKUP_KEEP_FIELDS = ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly")
MAX_FOLDER_LENGTH = 1000
# retention (GDPR Art. 5(1)(e)): closed requests anonymised after 1 to 120 months, archived volunteers deleted after
# 1 to 30 years, clearance records deleted 1 to 3 months after the activity ended (§ 72a SGB VIII: 3 at the latest)
RETENTION_REQUEST_MONTHS = range(1, 121)
RETENTION_ARCHIVE_YEARS = range(1, 31)
RETENTION_CLEARANCE_MONTHS = range(1, 4)
RETENTION_FIELDS = ("retention_request_months", "retention_archive_years", "retention_clearance_months")
CERTIFICATE_PREFIX = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,9}$")
TEXT_FIELDS = ("name", "street", "postcode", "town", "phone", "email", "website", "signatory_name",
               "signatory_role", "certificate_prefix", "default_language")


@dataclass
class Organisation:
    name: str = ""
    street: str = ""
    postcode: str = ""
    town: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    signatory_name: str = ""
    signatory_role: str = ""
    certificate_prefix: str = "KD"
    default_language: str = "de"
    logo: bytes | None = None
    logo_type: str | None = None  # "png" or "jpeg", set when the logo is accepted
    clearance_validity_years: int = 5  # a police certificate counts this many years from its issue
    clearance_warning_days: int = 60  # shown as "expiring" this many days before
    certificate_birth_date: bool = False  # print the volunteer's date of birth on certificates
    card_weekly_hours: int = 5  # the Ehrenamtskarte NRW rule (towns vary): hours a week on average ...
    card_yearly_hours: int = 250  # ... or hours a year ...
    card_years: int = 2  # ... in each of this many years
    unmatched_days: int = 7  # the Overview: requests waiting longer than this for a volunteer
    backup_folder: str = ""  # where backups go; "" = the data folder's backups folder
    backup_keep_daily: int = 7  # backups kept: the newest of each of the last 7 days ...
    backup_keep_weekly: int = 4  # ... of the last 4 weeks ...
    backup_keep_monthly: int = 12  # ... and of the last 12 months
    retention_request_months: int = 12  # a request closed this long ago is anonymised
    retention_archive_years: int = 2  # a volunteer archived this long ago is deleted
    retention_clearance_months: int = 3  # a clearance record is deleted this long after the activity ended
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None

    def cleaned(self) -> "Organisation":
        changes = {name: v.clean_text(getattr(self, name)) for name in TEXT_FIELDS}
        changes["certificate_prefix"] = changes["certificate_prefix"].upper()
        changes["email"] = changes["email"].lower()
        return dataclasses.replace(self, **changes)

    @property
    def card_rule(self) -> "CardRule":
        from kommandesk.domain.certificates import CardRule

        return CardRule(self.card_weekly_hours, self.card_yearly_hours, self.card_years)

    @property
    def address_line(self) -> str:
        place = " ".join(part for part in (self.postcode, self.town) if part)
        return ", ".join(part for part in (self.street, place) if part)


def sniff_image_type(data: bytes) -> str | None:
    """'png' or 'jpeg' from the file's first bytes, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def validate(org: Organisation) -> dict[str, str]:
    """Field name -> translated message for every problem; empty when the record can be saved."""
    errors: dict[str, str] = {}

    def add(field: str, message: str | None) -> None:
        if message and field not in errors:
            errors[field] = message

    add("name", v.check_required(org.name))
    for field in ("name", "street", "town", "signatory_name", "signatory_role", "website"):
        add(field, v.check_length(getattr(org, field), 200))
    add("postcode", v.check_postcode(org.postcode))
    add("email", v.check_email(org.email))
    add("phone", v.check_phone(org.phone))
    if not CERTIFICATE_PREFIX.match(org.certificate_prefix):
        add("certificate_prefix",
            _("Use 1 to 10 capital letters, digits or hyphens, starting with a letter or digit (example: KD)."))
    if org.default_language not in SUPPORTED_LANGUAGES:
        add("default_language", _("Choose German or English."))
    if org.logo is not None:
        add("logo", check_logo_bytes(org.logo))
    if not _whole_number_in(org.clearance_validity_years, CLEARANCE_VALIDITY_YEARS):
        add("clearance_validity_years", _("Between {low} and {high} years, please.").format(
            low=CLEARANCE_VALIDITY_YEARS[0], high=CLEARANCE_VALIDITY_YEARS[-1]))
    if not _whole_number_in(org.clearance_warning_days, CLEARANCE_WARNING_DAYS):
        add("clearance_warning_days", _("Between {low} and {high} days, please.").format(
            low=CLEARANCE_WARNING_DAYS[0], high=CLEARANCE_WARNING_DAYS[-1]))
    if not _whole_number_in(org.unmatched_days, UNMATCHED_DAYS):
        add("unmatched_days", _("Between {low} and {high} days, please.").format(
            low=UNMATCHED_DAYS[0], high=UNMATCHED_DAYS[-1]))
    from kommandesk.domain.certificates import validate_card_rule

    for field, message in validate_card_rule(org.card_rule).items():
        add(field, message)
    for field, message in validate_backup_settings(org).items():
        add(field, message)
    for field, message in validate_retention_settings(org).items():
        add(field, message)
    return errors


def validate_retention_settings(org: Organisation) -> dict[str, str]:
    """The retention fields alone (Settings saves them on their own, like the backups)."""
    errors: dict[str, str] = {}
    if not _whole_number_in(org.retention_request_months, RETENTION_REQUEST_MONTHS):
        errors["retention_request_months"] = _("Between {low} and {high} months, please.").format(
            low=RETENTION_REQUEST_MONTHS[0], high=RETENTION_REQUEST_MONTHS[-1])
    if not _whole_number_in(org.retention_archive_years, RETENTION_ARCHIVE_YEARS):
        errors["retention_archive_years"] = _("Between {low} and {high} years, please.").format(
            low=RETENTION_ARCHIVE_YEARS[0], high=RETENTION_ARCHIVE_YEARS[-1])
    if not _whole_number_in(org.retention_clearance_months, RETENTION_CLEARANCE_MONTHS):
        errors["retention_clearance_months"] = _(
            "Between {low} and {high} months, please: the law allows keeping the record for three months at "
            "most after the activity ended.").format(low=RETENTION_CLEARANCE_MONTHS[0],
                                                     high=RETENTION_CLEARANCE_MONTHS[-1])
    return errors


def validate_backup_settings(org: Organisation) -> dict[str, str]:
    """The backup fields alone (Settings saves them on their own): a complete folder path or none (the data
    folder's), and 0 to 100 daily, weekly and monthly backups kept, at least one overall. Whether the folder exists
    and can be written is checked when a backup is made."""
    errors: dict[str, str] = {}
    folder = org.backup_folder
    if not isinstance(folder, str):
        errors["backup_folder"] = _("Choose a folder for the backups.")
    elif len(folder) > MAX_FOLDER_LENGTH:
        errors["backup_folder"] = v.check_length(folder, MAX_FOLDER_LENGTH)
    elif folder.strip() and not os.path.isabs(folder.strip()):
        errors["backup_folder"] = _("Choose the folder with the button, or type its complete path; leave it empty "
                                    "for the backups folder in the data folder.")
    for field in BACKUP_KEEP_FIELDS:
        if not _whole_number_in(getattr(org, field), BACKUP_KEEP):
            errors[field] = _("Between {low} and {high} backups, please.").format(
                low=BACKUP_KEEP[0], high=BACKUP_KEEP[-1])
    if not errors.keys() & set(BACKUP_KEEP_FIELDS) and sum(getattr(org, f) for f in BACKUP_KEEP_FIELDS) == 0:
        errors["backup_keep_daily"] = _("Keep at least one backup: set one of the three numbers above 0.")
    return errors


def _whole_number_in(value: object, allowed: range) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in allowed


def check_logo_bytes(data: bytes) -> str | None:
    """Size and file type of a logo; decoding is checked by the service that loads it."""
    if len(data) > MAX_LOGO_BYTES:
        return _("The logo is too large: at most 2 MB, please.")
    if sniff_image_type(data) is None:
        return _("The logo must be a PNG or JPEG image.")
    return None
