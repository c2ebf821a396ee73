"""`kommandesk-cli report`: the report for the funder over a period. Thin over services.reports; never imports Qt.

    report --from D --to D [-o FILE.pdf|FILE.xlsx] [--area NAME]... [--site TEXT] [--json]

Without -o a readable summary (every section's key figures and the warnings) goes to stdout; --json prints the
whole report as JSON (with -o the file is written too). A bad date, a period that ends before it starts, an unknown
area or a target that cannot be written: one line on stderr, exit code 1, no file. A period in which nothing
happened is an honest report of zeros, exit code 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _

EXIT_OK = 0


def add_report_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help=_("make the report for the funder over a period (summary, PDF or Excel)"),
        description=_("Make the report for the funder over a period: volunteers, requests, assignments and "
                      "hours, trainings and allowances. Without -o a summary is printed; with -o the whole "
                      "report is written as PDF or Excel (one sheet per table)."))
    report.add_argument("--from", dest="first", required=True, metavar=_("DATE"),
                        help=_("the first day of the period, e.g. 2026-01-01"))
    report.add_argument("--to", dest="last", required=True, metavar=_("DATE"),
                        help=_("the last day of the period (included), e.g. 2026-12-31"))
    report.add_argument("-o", "--output", metavar=_("FILE"),
                        help=_("write the report to this file: a name ending in .pdf or .xlsx"))
    report.add_argument("--area", action="append", metavar=_("NAME"),
                        help=_("only this area of help (its German or English name; may be given more than once)"))
    report.add_argument("--site", default="", metavar=_("TEXT"), help=_("only this site (as the requests name it)"))
    report.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    report.set_defaults(parser=report, handler=run_report)


def run_report(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_certificates import options_of
    from kommandesk.cli_requests import area_id_of, print_json
    from kommandesk.domain.reports import ReportFilter, check_period, report_to_json
    from kommandesk.services.report_export import check_target, export_report

    try:
        period = check_period(_day(args.first, "--from"), _day(args.last, "--to"))
    except ValidationError as exc:
        raise options_of(exc, {"from": "--from", "to": "--to"}) from None
    path = check_target(Path(args.output)) if args.output else None  # before the work: a wrong name fails fast
    area_ids = frozenset(area_id_of(name, services) for name in args.area or ())
    report = services.reports.build(period, ReportFilter(area_ids, args.site or ""))
    if path is not None:
        export_report(report, path)
    if args.json:
        print_json(report_to_json(report))
    elif path is not None:
        print(_("{title}, {first} to {last}, written to {file}.").format(
            title=report.title, first=_date(period.first), last=_date(period.last), file=path))
    else:
        for line in summary_lines(report):
            print(line)
    return EXIT_OK


def _day(text: str, option: str):
    from kommandesk.cli_certificates import day_argument

    try:
        return day_argument(text)
    except argparse.ArgumentTypeError as exc:
        raise KommanDeskError(f"{option}: {exc}") from None


def _date(day) -> str:
    from kommandesk.cli_requests import date_text

    return date_text(day)


def summary_lines(report) -> list[str]:
    """The report as a few readable lines: title, organisation, period, filters, warnings, each section's
    figures (numbers in the report's language)."""
    from kommandesk.domain.reports import format_value

    lines = [report.title]
    if report.organisation:
        lines.append(report.organisation)
    lines.append(_("Period: {first} to {last}").format(first=_date(report.period.first),
                                                       last=_date(report.period.last)))
    if report.filters:
        lines.append(_("Filters: {filters}").format(filters=report.filters))
    if report.empty:
        lines.append(_("Nothing was recorded in this period: the sections below show zeros."))
    lines.extend(report.warnings)
    width = max((len(figure.label) for section in report.sections for figure in section.figures), default=0)
    for section in report.sections:
        lines.append("")
        lines.append(section.title)
        for figure in section.figures:
            value = format_value(figure.value, figure.kind, report.language)
            lines.append(f"  {(figure.label + ':').ljust(width + 1)}  {value}")
    return lines
