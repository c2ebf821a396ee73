"""What `kommandesk-cli import volunteers` (kommandesk.cli_imports) and `import requests`
(kommandesk.cli_import_requests) share: check the file and import it when that is allowed, and the parts of the
report that read the same (the file and its columns, the rows checked, the problems, the rows skipped).

Nothing heavy at import time: the services come to these functions as arguments."""

from __future__ import annotations

from collections.abc import Callable

from kommandesk.i18n import _, ngettext

EXIT_OK, EXIT_PROBLEM = 0, 1
SHOWN = 50  # the text report lists this many problems (notes, duplicates); --json lists them all


def check_and_run(service, preview, mapping, options) -> tuple[object, object, int]:
    """(report, result, exit code): every row checked; imported when nothing is wrong, or only the valid rows
    when ``options.skip_invalid`` (result None: nothing was imported)."""
    report = service.check(preview, mapping)
    result = None
    if not report.problems or options.skip_invalid:
        result = service.run(preview, mapping, options)
    return report, result, EXIT_PROBLEM if report.problems else EXIT_OK


def file_dict(preview, mapping) -> dict:
    """How the file was read and which column holds which field, for --json."""
    return {"file": str(preview.path), "kind": preview.kind, "encoding": preview.encoding,
            "delimiter": preview.delimiter, "sheet": preview.sheet, "header_row": preview.header_row,
            "mapping": {preview.headers[i]: key for i, key in mapping.items() if key}}


def problem_line(item) -> str:
    if item.column:
        return _("Row {row}, column \u201c{column}\u201d: {message}").format(row=item.row, column=item.column,
                                                                          message=item.message)
    return _("Row {row}: {message}").format(row=item.row, message=item.message)


def print_list(items, line: Callable[[object], str] = problem_line) -> None:
    for item in items[:SHOWN]:
        print("  " + line(item))
    if len(items) > SHOWN:
        print("  " + _("... and {count} more (--json lists them all).").format(count=len(items) - SHOWN))


def print_file(preview, mapping, field_label: Callable[[str], str]) -> None:
    """The file, how it was read, and which column goes to which field."""
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


def print_checked(report) -> None:
    """How many rows were checked, and their problems."""
    print(ngettext("{count} row checked: {valid} without problems.", "{count} rows checked: {valid} without problems.",
                   report.total_rows).format(count=report.total_rows, valid=report.valid_rows))
    if report.problems:
        print(ngettext("{count} problem:", "{count} problems:", len(report.problems)).format(
            count=len(report.problems)))
        print_list(report.problems)


def print_nothing_imported() -> None:
    print(_("Nothing was imported. Correct the file and import it again, or use --skip-invalid to import the "
            "valid rows."))


def print_skipped_invalid(result) -> None:
    """The rows with problems that were left out, and the error file they went to."""
    if result.skipped_invalid:
        print(ngettext("{count} row with problems skipped.", "{count} rows with problems skipped.",
                       result.skipped_invalid).format(count=result.skipped_invalid))
        if result.error_file:
            print(_("They are in {file}: correct them there and import that file.").format(file=result.error_file))
