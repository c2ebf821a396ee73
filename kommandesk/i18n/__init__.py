"""Translations for KommanDesk: gettext catalogues (babel compiles them; the standard library reads them).

English is the source language. ``_``, ``ngettext``, ``pgettext`` and ``N_`` are
the markers that ``pybabel extract`` looks for. The active language can be
switched at run time with :func:`set_language`; messages are looked up at the
moment ``_`` is called, so code must call ``_`` when it shows a text, not at
import time (use ``N_`` there and translate later).
"""

from __future__ import annotations

import gettext
import io
import os
from pathlib import Path

from kommandesk.package_data import package_file


DOMAIN = "kommandesk"
SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("de", "en")

_SOURCE_CATALOGUES = Path(__file__).resolve().parents[2] / "translations"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_cache: dict[str, gettext.NullTranslations] = {}


def _load(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    compiled = package_file("locale", language, "LC_MESSAGES", f"{DOMAIN}.mo")
    if compiled.is_file():
        with compiled.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    po_file = _SOURCE_CATALOGUES / f"{language}.po"
    if po_file.is_file():  # a source checkout whose catalogues were not compiled yet
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale=language, domain=DOMAIN)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    raise FileNotFoundError(f"no catalogue for language {language!r}")


def normalise_language(code: str | None) -> str:
    """Map 'de_DE.UTF-8', 'de-AT', 'DE' to 'de'; anything unsupported to English."""
    if not code:
        return SOURCE_LANGUAGE
    short = code.replace("-", "_").split("_")[0].split(".")[0].lower()
    return short if short in SUPPORTED_LANGUAGES else SOURCE_LANGUAGE


def detect_system_language(environ: dict[str, str] | None = None) -> str:
    """German on a German system, else English (POSIX variables, then the C library's locale)."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            # LANGUAGE may list several, in order of preference ("fr:de"): the first we have wins
            for entry in value.split(":"):
                short = entry.replace("-", "_").split("_")[0].split(".")[0].lower()
                if short in SUPPORTED_LANGUAGES:
                    return short
            return SOURCE_LANGUAGE
    if environ is None:
        import locale

        lang, _enc = locale.getlocale()
        return normalise_language(lang)
    return SOURCE_LANGUAGE


def translations(language: str) -> gettext.NullTranslations:
    """The messages of ``language`` ('de' or 'en'; others fall back to English) without making it the active
    language: documents are written in their own language whatever the window shows."""
    language = normalise_language(language)
    if language not in _cache:
        _cache[language] = _load(language)
    return _cache[language]


def set_language(language: str) -> str:
    """Make ``language`` ('de' or 'en') the active one; returns the language now active."""
    global _current, _language
    language = normalise_language(language)
    _current = translations(language)
    _language = language
    return language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _current.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now."""
    return message


__all__ = [
    "N_",
    "SUPPORTED_LANGUAGES",
    "_",
    "current_language",
    "detect_system_language",
    "ngettext",
    "normalise_language",
    "pgettext",
    "set_language",
]
