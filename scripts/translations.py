#!/usr/bin/env python3
"""Keep the gettext catalogues in step with the code.

    python scripts/translations.py extract   # code -> translations/kommandesk.pot
    python scripts/translations.py update    # pot -> translations/de.po (new entries empty, obsolete dropped)
    python scripts/translations.py compile   # de.po -> kommandesk/locale/de/LC_MESSAGES/kommandesk.mo

Compiled .mo files are build output (set-up and the installer make them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kommandesk"
POT = ROOT / "translations" / "kommandesk.pot"
LANGUAGES = ("de",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def extract(target: Path | None = None) -> Catalog:
    """Write the template of every marked string in the code to ``target`` (default: translations/kommandesk.pot)."""
    target = POT if target is None else Path(target)
    catalog = Catalog(project="KommanDesk", msgid_bugs_address="", copyright_holder="KommanDesk",
                      charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        catalog.add(message, None, [(f"kommandesk/{filename}", lineno)], auto_comments=comments, context=context)
    with target.open("wb") as fh:
        write_po(fh, catalog, width=120, omit_header=False, sort_output=False, include_lineno=False)
    return catalog


def update() -> None:
    with POT.open("rb") as fh:
        template = read_po(fh)
    for language in LANGUAGES:
        po = ROOT / "translations" / f"{language}.po"
        if po.exists():
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=language)
        else:
            catalog = Catalog(locale=language, project="KommanDesk", charset="utf-8", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with po.open("wb") as fh:
            write_po(fh, catalog, width=120, include_lineno=False, ignore_obsolete=True)


def compile_catalogues() -> None:
    for language in LANGUAGES:
        po = ROOT / "translations" / f"{language}.po"
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        target = PACKAGE / "locale" / language / "LC_MESSAGES" / "kommandesk.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as fh:
            write_mo(fh, catalog)


def main(argv: list[str]) -> int:
    commands = {"extract": extract, "update": update, "compile": compile_catalogues}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
