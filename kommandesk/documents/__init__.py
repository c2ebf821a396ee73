"""PDF documents (reportlab): sign-in sheets, later certificates and reports.

A document is written in its own language (German or English), whatever the language of the user interface:
:func:`catalogue` gives that language's messages without switching the application's language, so a document made
on a worker thread never changes what the window shows.
"""

from __future__ import annotations

import gettext


def catalogue(language: str) -> gettext.NullTranslations:
    """The messages of ``language`` ('de' or 'en'; anything else falls back to English)."""
    from kommandesk.i18n import translations

    return translations(language)
