"""`kommandesk-cli export volunteers FILE` and `kommandesk-cli export all FILE.json`: thin over
services.exports. Never imports Qt.

    export volunteers FILE [--status S]... [--search TEXT] [--json]   .xlsx, .csv or .json by the file's suffix
    export all FILE.json [--json]                                     every table (see services/exports.py)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kommandesk.domain.errors import KommanDeskError
from kommandesk.cli_volunteers import add_query_options, query_of
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number

EXIT_OK = 0


def add_export_commands(commands: argparse._SubParsersAction) -> None:
    """Add the `export` command to the CLI's sub-commands."""
    export = commands.add_parser("export", help=_("export volunteers to Excel, CSV or JSON, or the whole database"),
                                 description=_("Export the volunteers list, or every table of the database."))
    what = export.add_subparsers(dest="export_command", metavar=_("WHAT"), title=_("what to export"))
    what.required = True
    volunteers = what.add_parser(
        "volunteers", help=_("the volunteers list (.xlsx, .csv or .json by the file name)"),
        description=_("Export the volunteers list sorted by name; without --status everyone but the archived. "
                      "The format follows the file name: .xlsx (Excel), .csv (for German Excel) or .json."))
    volunteers.add_argument("file", metavar=_("FILE"), help=_("the file to write, e.g. volunteers.xlsx"))
    add_query_options(volunteers)
    volunteers.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    everything = what.add_parser(
        "all", help=_("every table of the database, as JSON (to move the data to another installation)"),
        description=_("Write every table of the database to a JSON file, which `kommandesk-cli import json` "
                      "reads into an empty database. The file holds personal data: keep it safe."))
    everything.add_argument("file", metavar=_("FILE"), help=_("the file to write, e.g. data.json"))
    everything.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for parser in (export, volunteers, everything):
        parser.set_defaults(parser=parser, handler=run_export)


def run_export(args: argparse.Namespace, services) -> int:
    from kommandesk.services.exports import ExportService

    exporter = ExportService(services.paths)
    path = Path(args.file).expanduser().absolute()
    if args.export_command == "volunteers":
        count = exporter.export_volunteers(path, query_of(args))
        if args.json:
            print(json.dumps({"exported": count, "file": str(path)}, ensure_ascii=False, indent=2))
        else:
            print(ngettext("{count} volunteer exported to {file}.", "{count} volunteers exported to {file}.",
                           count).format(count=format_number(count), file=path))
        return EXIT_OK
    if path.suffix.lower() != ".json":
        raise KommanDeskError(_("Choose a file name ending in .json (not {name}).").format(name=path.name))
    counts = exporter.export_all(path)
    if args.json:
        print(json.dumps({"file": str(path), "tables": counts}, ensure_ascii=False, indent=2))
    else:
        print(_("Every table was exported to {file}:").format(file=path))
        for table, count in counts.items():
            print(f"  {table}: {count}")
    return EXIT_OK
