"""PDF documents (reportlab): sign-in sheets, later certificates and reports.

A document is written in its own language (German or English), whatever the language of the user interface:
:func:`catalogue` gives that language's messages without switching the application's language, so a document made
on a worker thread never changes what the window shows.
"""

from __future__ import annotations

import gettext


def catalogue(language: str) -> gettext.NullTranslations:
    """The messages of ``language`` ('de' or 'en'; anything else falls back to English)."""
    from kommandesk import i18n

    language = i18n.normalise_language(language)
    # i18n keeps one catalogue per language; load it through the same path set_language uses (not public there yet)
    if language not in i18n._cache:
        i18n._cache[language] = i18n._load(language)
    return i18n._cache[language]
