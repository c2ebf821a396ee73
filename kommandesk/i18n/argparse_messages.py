"""Python's argparse messages, marked for extraction so that the CLI's help and errors are German too.

:func:`install` points argparse's own gettext calls at KommanDesk's catalogue.
The strings below must match argparse's msgids exactly (Python 3.11 to 3.13).
"""

from __future__ import annotations

import argparse

from kommandesk.i18n import N_, _, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
)

PLURALS = (("expected %s argument", "expected %s arguments"),)


def _plural_markers() -> None:  # pragma: no cover - only read by the extractor
    ngettext("expected %s argument", "expected %s arguments", 2)


def install() -> None:
    """Route argparse's messages through the active KommanDesk language."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
