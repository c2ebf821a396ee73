"""`kommandesk-cli import volunteers FILE`, `import requests FILE` (kommandesk.cli_import_requests) and
`kommandesk-cli import json FILE`: thin over the services.

Never imports Qt; nothing heavy at import time (the parser is built for every command, `info` included):
openpyxl and the import service are loaded when an import runs.

Exit codes: 0 everything was imported (a dry run: no problems found; likely duplicates skipped as asked do not
count as problems), 1 problems were found (nothing imported, or only the valid rows with --skip-invalid).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kommandesk.cli_import_report import (EXIT_OK, check_and_run, file_dict, print_checked, print_file, print_list,
                                          print_nothing_imported, print_skipped_invalid)
from kommandesk.cli_requests import print_json
from kommandesk.i18n import _, ngettext


def add_import_commands(commands: argparse._SubParsersAction) -> None:
    """The `import` command with its actions `volunteers` and `json`."""
    imp = commands.add_parser("import", help=_("import volunteers or requests from Excel or CSV, or a whole "
                                              "database from JSON"),
                              description=_("Import volunteers or support requests from an Excel workbook (.xlsx) "
                                            "or a CSV file, or a whole database from a JSON file."))
    actions = imp.add_subparsers(dest="import_command", metavar=_("WHAT"), title=_("what to import"))
    actions.required = True
    vols = actions.add_parser(
        "volunteers", help=_("import volunteers from .xlsx or .csv"),
        description=_("Import volunteers from .xlsx or .csv. Every row is checked with the rules of the form "
                      "first; if a row has a problem, nothing is imported (unless --skip-invalid). Likely "
                      "duplicates are skipped (unless --include-duplicates)."))
    vols.add_argument("file", metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    vols.add_argument("--dry-run", action="store_true", help=_("only check the file; import nothing"))
    vols.add_argument("--skip-invalid", action="store_true",
                      help=_("import the valid rows and write the others to an error file to correct"))
    vols.add_argument("--include-duplicates", action="store_true",
                      help=_("also import rows that look like volunteers who exist already"))
    vols.add_argument("--mapping", metavar=_("MAPPING.json"),
                      help=_("which column holds which field (JSON: header -> field), instead of the guess"))
    vols.add_argument("--error-file", metavar=_("FILE"),
                      help=_("where --skip-invalid writes the rows with problems (default: beside the file)"))
    vols.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    reqs = actions.add_parser(
        "requests", help=_("import support requests from .xlsx or .csv"),
        description=_("Import support requests from .xlsx or .csv. Every row is checked with the rules of the "
                      "form first; if a row has a problem, nothing is imported (unless --skip-invalid). "
                      "References are given by KommanDesk: a reference in the file that exists already is a "
                      "problem, any other is replaced by a new one."))
    reqs.add_argument("file", metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    reqs.add_argument("--dry-run", action="store_true", help=_("only check the file; import nothing"))
    reqs.add_argument("--skip-invalid", action="store_true",
                      help=_("import the valid rows and write the others to an error file to correct"))
    reqs.add_argument("--error-file", metavar=_("FILE"),
                      help=_("where --skip-invalid writes the rows with problems (default: beside the file)"))
    reqs.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    whole = actions.add_parser(
        "json", help=_("import a whole database from a JSON export into an empty database"),
        description=_("Import a whole database, written by \u201cexport all\u201d, into an empty database."))
    whole.add_argument("file", metavar=_("FILE"), help=_("the .json file"))
    whole.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub in (imp, vols, reqs, whole):
        sub.set_defaults(parser=sub, handler=run_import)


def run_import(args: argparse.Namespace, services) -> int:
    if args.import_command == "json":
        return _import_json(args, services)
    if args.import_command == "requests":
        from kommandesk.cli_import_requests import import_requests

        return import_requests(args, services)
    return _import_volunteers(args, services)


def _import_json(args: argparse.Namespace, services) -> int:
    from kommandesk.services.exports import ExportService

    counts = ExportService(services.paths).import_all(Path(args.file))
    if args.json:
        print_json({"imported": counts})
    else:
        print(_("Imported from {file}:").format(file=args.file))
        for table, count in counts.items():
            print(f"  {table}: {count}")
    return EXIT_OK


def _import_volunteers(args: argparse.Namespace, services) -> int:
    from kommandesk.services.imports import ImportOptions, ImportService, field_label, report_dict

    service = ImportService(services.paths)
    preview = service.preview(Path(args.file))
    mapping = ImportService.load_mapping(Path(args.mapping), preview) if args.mapping else preview.mapping
    options = ImportOptions(skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                            include_duplicates=args.include_duplicates,
                            error_file=Path(args.error_file) if args.error_file else None)
    report, result, code = check_and_run(service, preview, mapping, options)
    if args.json:
        data = {**file_dict(preview, mapping), **report_dict(report, result)}
        data.setdefault("imported", 0)
        data["dry_run"] = args.dry_run
        print_json(data)
        return code
    print_file(preview, mapping, field_label)
    print_checked(report)
    if report.duplicates:
        print(ngettext("{count} likely duplicate:", "{count} likely duplicates:", len(report.duplicates)).format(
            count=len(report.duplicates)))
        print_list(report.duplicates, lambda duplicate: _("Row {row}: {name}, {reason}").format(
            row=duplicate.row, name=duplicate.name, reason=duplicate.reason))
    if result is None:
        print_nothing_imported()
        return code
    if result.dry_run:
        print(ngettext("Dry run: {count} volunteer would be imported; nothing was changed.",
                       "Dry run: {count} volunteers would be imported; nothing was changed.",
                       result.imported).format(count=result.imported))
    else:
        print(ngettext("{count} volunteer imported.", "{count} volunteers imported.", result.imported).format(
            count=result.imported))
    if result.skipped_duplicates:
        print(ngettext("{count} likely duplicate skipped (--include-duplicates imports it).",
                       "{count} likely duplicates skipped (--include-duplicates imports them).",
                       result.skipped_duplicates).format(count=result.skipped_duplicates))
    print_skipped_invalid(result)
    return code
