"""`kommandesk-cli import requests FILE`: thin over services.request_imports (registered by cli_imports).

Exit codes as `import volunteers`: 0 everything was imported (a dry run: no problems found; notes such as a
postcode not in the table are not problems), 1 problems were found (nothing imported, or only the valid rows
with --skip-invalid).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kommandesk.cli_requests import print_json
from kommandesk.i18n import _, ngettext

EXIT_OK, EXIT_PROBLEM = 0, 1
SHOWN = 50  # the text report lists this many problems and notes; --json lists them all


def import_requests(args: argparse.Namespace, services) -> int:
    from kommandesk.services.imports import ImportOptions
    from kommandesk.services.request_imports import RequestImportService, report_dict

    service = RequestImportService(services.paths)
    preview = service.preview(Path(args.file))
    mapping = preview.mapping
    report = service.check(preview, mapping)
    options = ImportOptions(skip_invalid=args.skip_invalid, dry_run=args.dry_run,
                            error_file=Path(args.error_file) if args.error_file else None)
    result = None
    if not report.problems or args.skip_invalid:
        result = service.run(preview, mapping, options)
    code = EXIT_PROBLEM if report.problems else EXIT_OK
    if args.json:
        data = {"file": str(preview.path), "kind": preview.kind, "encoding": preview.encoding,
                "delimiter": preview.delimiter, "sheet": preview.sheet, "header_row": preview.header_row,
                "mapping": {preview.headers[i]: key for i, key in mapping.items() if key},
                **report_dict(report, result)}
        data.setdefault("imported", 0)
        data.setdefault("created", [])
        data["dry_run"] = args.dry_run
        print_json(data)
        return code
    _print_report(preview, mapping, report, result)
    return code


def _line(item) -> str:
    if item.column:
        return _("Row {row}, column \u201c{column}\u201d: {message}").format(row=item.row, column=item.column,
                                                                          message=item.message)
    return _("Row {row}: {message}").format(row=item.row, message=item.message)


def _print_list(items) -> None:
    for item in items[:SHOWN]:
        print("  " + _line(item))
    if len(items) > SHOWN:
        print("  " + _("... and {count} more (--json lists them all).").format(count=len(items) - SHOWN))


def _print_report(preview, mapping, report, result) -> None:
    from kommandesk.services.request_imports import field_label

    print(_("File: {file}").format(file=preview.path))
    if preview.kind == "xlsx":
        print(_("Sheet \u201c{sheet}\u201d, header in row {row}.").format(sheet=preview.sheet, row=preview.header_row))
    else:
        delimiters = {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}
        print(_("CSV ({encoding}, separated by {delimiter}), header in row {row}.").format(
            encoding=preview.encoding, delimiter=delimiters.get(preview.delimiter, preview.delimiter),
            row=preview.header_row))
    print(_("Columns:"))
    for index, key in sorted(mapping.items()):
        if key:
            print("  " + _("{column} -> {field}").format(column=preview.headers[index], field=field_label(key)))
    ignored = [preview.headers[i] for i, key in sorted(mapping.items()) if not key]
    if ignored:
        print("  " + _("not imported: {columns}").format(columns=", ".join(ignored)))
    print(ngettext("{count} row checked: {valid} without problems.", "{count} rows checked: {valid} without problems.",
                   report.total_rows).format(count=report.total_rows, valid=report.valid_rows))
    if report.problems:
        print(ngettext("{count} problem:", "{count} problems:", len(report.problems)).format(
            count=len(report.problems)))
        _print_list(report.problems)
    if report.notes:
        print(ngettext("{count} note:", "{count} notes:", len(report.notes)).format(count=len(report.notes)))
        _print_list(report.notes)
    if result is None:
        print(_("Nothing was imported. Correct the file and import it again, or use --skip-invalid to import the "
                "valid rows."))
        return
    if result.dry_run:
        print(ngettext("Dry run: {count} request would be imported; nothing was changed.",
                       "Dry run: {count} requests would be imported; nothing was changed.",
                       result.imported).format(count=result.imported))
    else:
        print(ngettext("{count} request imported.", "{count} requests imported.", result.imported).format(
            count=result.imported))
        if result.created:
            print("  " + _("References {first} to {last}.").format(first=result.created[0].reference,
                                                                 last=result.created[-1].reference))
    if result.skipped_invalid:
        print(ngettext("{count} row with problems skipped.", "{count} rows with problems skipped.",
                       result.skipped_invalid).format(count=result.skipped_invalid))
        if result.error_file:
            print(_("They are in {file}: correct them there and import that file.").format(file=result.error_file))
