"""Small reusable field checks shared by every form (translated messages; no Qt)."""

from __future__ import annotations

import re

from kommandesk.i18n import _

EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]{2,}$")
PHONE = re.compile(r"^\+?[0-9 ()/\-]{5,30}$")
GERMAN_POSTCODE = re.compile(r"^[0-9]{5}$")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0 and C1 controls (tab and line breaks kept)


def clean_text(value: str | None, *, multiline: bool = False) -> str:
    """Trim, drop control characters; single-line fields also lose line breaks."""
    text = CONTROL_CHARS.sub("", value or "")
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def check_required(value: str) -> str | None:
    return None if value.strip() else _("This field is required.")


def check_length(value: str, maximum: int) -> str | None:
    if len(value) > maximum:
        return _("At most {maximum} characters, please (now {length}).").format(maximum=maximum, length=len(value))
    return None


def check_email(value: str) -> str | None:
    if value and not EMAIL.match(value):
        return _("This is not a valid email address (example: name@example.org).")
    return None


def check_phone(value: str) -> str | None:
    if value and (not PHONE.match(value) or sum(ch.isdigit() for ch in value) < 5):
        return _("This is not a valid phone number (digits, spaces, + - / and brackets).")
    return None


def check_postcode(value: str) -> str | None:
    if value and not GERMAN_POSTCODE.match(value):
        return _("A German postcode has exactly five digits.")
    return None
