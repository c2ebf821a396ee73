"""`kommandesk-cli certificates|service-record|ehrenamtskarte`: thin over the certificate services. Never imports Qt.

    certificates COURSE_REF --out DIR [--lang de|en|both] [--one-pdf] [--include VOLUNTEER_REF ... --reason TEXT]
                                                   issue the course's certificates (short for `certificates issue`)
    certificates verify NUMBER_OR_QR_TEXT [--json] exit 0 when valid, 1 when revoked or unknown
    certificates list [--search TEXT] [--kind K]... [--limit N] [--json]
    certificates reprint NUMBER -o FILE.pdf        the identical document again
    certificates revoke NUMBER --reason TEXT
    service-record VOLUNTEER_REF --from D --to D -o FILE.pdf [--lang de|en|both]
    ehrenamtskarte VOLUNTEER_REF [--json] [-o FILE.pdf [--lang de|en|both]]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
from pathlib import Path

from kommandesk.cli_requests import date_text, plain, print_json, table
from kommandesk.domain.certificates import LANGUAGES, Kind, Validity
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _, ngettext

EXIT_OK, EXIT_PROBLEM = 0, 1
ACTIONS = ("issue", "verify", "list", "reprint", "revoke")
GLOBAL_WITH_VALUE = ("--data-dir", "--lang")  # the options before the command that take a value
KIND_VALUES = tuple(kind.value for kind in Kind)
DEFAULT_LIST_LIMIT = 50
DASH = "\u2013"
_ISO_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GERMAN_SHAPE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def with_issue_action(argv: list[str]) -> list[str]:
    """`certificates K-2026-0007 --out DIR` means `certificates issue K-2026-0007 --out DIR`: argparse cannot have
    a sub-command and a free positional in the same place, so the word is put in before parsing."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            return argv
        if not token.startswith("-"):
            break
        takes_value = "=" not in token and len(token) > 2 and any(o.startswith(token) for o in GLOBAL_WITH_VALUE)
        index += 2 if takes_value else 1
    if index + 1 < len(argv) and argv[index] == "certificates" \
            and argv[index + 1] not in (*ACTIONS, "-h", "--help"):
        return [*argv[:index + 1], "issue", *argv[index + 1:]]
    return argv


def day_argument(text: str) -> dt.date:
    """A date on the command line: 2026-03-01 (or 01.03.2026)."""
    german = _GERMAN_SHAPE.match(text.strip())
    try:
        if german:
            return dt.date(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        if _ISO_SHAPE.match(text.strip()):
            return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a day of the calendar: check the day and the "
                                           "month.").format(value=text)) from None
    raise argparse.ArgumentTypeError(_("{value} is not a date: write it as YYYY-MM-DD, for example "
                                       "{example}.").format(value=text, example="2026-03-01"))


# -- the parser ----------------------------------------------------------------------------------------------------

def add_certificate_commands(commands: argparse._SubParsersAction) -> None:
    """The commands `certificates` (issue, verify, list, reprint, revoke), `service-record` and `ehrenamtskarte`."""
    from kommandesk.cli import _positive_int

    certificates = commands.add_parser(
        "certificates", help=_("issue a course's certificates of attendance; verify, list, reprint or revoke "
                               "certificates"),
        description=_("Issue the certificates of attendance of a course (`certificates COURSE_REF --out DIR` is "
                      "short for `certificates issue COURSE_REF --out DIR`), or verify, list, reprint or revoke "
                      "certificates of the register."))
    actions = certificates.add_subparsers(dest="certificate_command", metavar=_("ACTION"), title=_("actions"))
    actions.required = True

    issue = actions.add_parser(
        "issue", help=_("issue the certificates of attendance of a course"),
        description=_("Issue a certificate of attendance to every participant who reached the course's minimum "
                      "attendance; participants with a valid certificate for the course get theirs again, "
                      "unchanged. Without --one-pdf one file per person, with it only one PDF for printing."))
    issue.add_argument("reference", metavar=_("COURSE_REF"), help=_("the course's reference, e.g. K-2026-0007"))
    issue.add_argument("--out", required=True, metavar=_("DIR"), help=_("the folder to write the files to"))
    _language_option(issue)
    issue.add_argument("--one-pdf", action="store_true",
                       help=_("write all certificates into one PDF for printing instead of one file per person"))
    issue.add_argument("--include", action="extend", nargs="+", metavar=_("VOLUNTEER_REF"),
                       help=_("also issue to these participants below the minimum attendance (needs --reason)"))
    issue.add_argument("--reason", metavar=_("TEXT"),
                       help=_("why the participants given with --include get a certificate (kept in the register)"))
    issue.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    verify = actions.add_parser(
        "verify", help=_("check a certificate by its number or the text of its QR code"),
        description=_("Check a certificate by its number or the text of its QR code. Exit code 0 when it is "
                      "valid, 1 when it is revoked or unknown."))
    verify.add_argument("text", nargs="+", metavar=_("NUMBER_OR_QR_TEXT"),
                        help=_("e.g. KD-2026-00012 or the QR code's text \"KommanDesk KD-2026-00012 7K3QX9\""))
    verify.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    listing = actions.add_parser("list", help=_("list the certificates of the register"),
                                 description=_("List the certificates of the register, the newest first."))
    listing.add_argument("--search", metavar=_("TEXT"), default="",
                         help=_("words to search for in number, name and title"))
    listing.add_argument("--kind", action="append", choices=KIND_VALUES, metavar=_("KIND"),
                         help=_("only this kind (may be given more than once): {choices}").format(
                             choices=", ".join(KIND_VALUES)))
    listing.add_argument("--valid-only", action="store_true", help=_("leave out revoked certificates"))
    listing.add_argument("--limit", type=_positive_int, default=DEFAULT_LIST_LIMIT, metavar="N",
                         help=_("show at most N certificates (default: {default})").format(default=DEFAULT_LIST_LIMIT))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    reprint = actions.add_parser("reprint", help=_("write a certificate of the register again"),
                                 description=_("Write a certificate of the register again, identical to the "
                                               "original."))
    reprint.add_argument("number", metavar=_("NUMBER"), help=_("the certificate's number, e.g. KD-2026-00012"))
    reprint.add_argument("-o", "--output", required=True, metavar=_("FILE"),
                         help=_("the file to write, e.g. certificate.pdf"))

    revoke = actions.add_parser("revoke", help=_("revoke a certificate"),
                                description=_("Revoke a certificate: it stays in the register and verifies as "
                                              "revoked, with the date and the reason."))
    revoke.add_argument("number", metavar=_("NUMBER"), help=_("the certificate's number, e.g. KD-2026-00012"))
    revoke.add_argument("--reason", required=True, metavar=_("TEXT"), help=_("why it is revoked"))

    record = commands.add_parser(
        "service-record", help=_("write a volunteer's service record for a period as PDF"),
        description=_("Write a volunteer's service record (Ehrenamtsnachweis) as PDF: the hours logged in the "
                      "period by area of help, the trainings completed in it and the total. It is numbered and "
                      "kept in the register."))
    record.add_argument("reference", metavar=_("VOLUNTEER_REF"), help=_("the volunteer's reference, e.g. V-2026-0042"))
    record.add_argument("--from", dest="first", required=True, type=day_argument, metavar=_("DATE"),
                        help=_("the first day of the period, e.g. 2025-01-01"))
    record.add_argument("--to", dest="last", required=True, type=day_argument, metavar=_("DATE"),
                        help=_("the last day of the period (included), e.g. 2025-12-31"))
    record.add_argument("-o", "--output", required=True, metavar=_("FILE"),
                        help=_("the file to write, e.g. record.pdf"))
    _language_option(record)

    card = commands.add_parser(
        "ehrenamtskarte", help=_("check a volunteer's hours against the rule of the Ehrenamtskarte NRW"),
        description=_("Check whether a volunteer's logged hours meet the organisation's rule for the "
                      "Ehrenamtskarte NRW, year by year; with -o also write the organisation's confirmation of "
                      "the hours as PDF (only when the rule is met)."))
    card.add_argument("reference", metavar=_("VOLUNTEER_REF"), help=_("the volunteer's reference, e.g. V-2026-0042"))
    card.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    card.add_argument("-o", "--output", metavar=_("FILE"), help=_("write the confirmation to this file, e.g. "
                                                                  "confirmation.pdf"))
    _language_option(card)
    for sub in (certificates, issue, verify, listing, reprint, revoke, record, card):
        sub.set_defaults(parser=sub, handler=run_certificates)


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help=_("language of the document: de, en or both (German and English on one page); "
                               "default: the organisation's language for documents"))


def run_certificates(args: argparse.Namespace, services) -> int:
    if args.command == "service-record":
        return write_service_record(args, services)
    if args.command == "ehrenamtskarte":
        return ehrenamtskarte(args, services)
    return {"issue": issue_course, "verify": verify, "list": list_register, "reprint": reprint,
            "revoke": revoke}[args.certificate_command](args, services)


# -- shared --------------------------------------------------------------------------------------------------------

def document_language(args: argparse.Namespace, services) -> str:
    return getattr(args, "lang", None) or services.organisation.get().default_language


def options_of(error: ValidationError, options: dict[str, str]) -> KommanDeskError:
    """A service's field errors named by the command's options ('--to: ...')."""
    return KommanDeskError("\n".join(f"{options.get(field, field)}: {message}"
                                     for field, message in error.errors.items()))


def row_data(row) -> dict:
    data = plain(dataclasses.asdict(row))
    data["validity"] = row.validity.value
    return data


def validity_text(row) -> str:
    if row.revoked_on is None:
        return Validity.VALID.label()
    return _("revoked on {date}").format(date=date_text(row.revoked_on))


# -- certificates issue --------------------------------------------------------------------------------------------

def issue_course(args: argparse.Namespace, services) -> int:
    if args.include and not args.reason:
        args.parser.error(_("--include needs --reason: say why people below the minimum attendance get a "
                            "certificate."))
    if args.reason and not args.include:
        args.parser.error(_("--reason belongs to --include: name the participants below the minimum with "
                            "--include VOLUNTEER_REF."))
    course = services.trainings.get_course_by_reference(args.reference)
    batch = services.certificates  # plan / issue_course hand over to services/certificate_batch.py
    include = included(args.include or (), args.reason or "", course, batch.plan(course.id), services)
    result = batch.issue_course(course.id, language=document_language(args, services),
                                folder=Path(args.out).expanduser().absolute(), one_pdf=args.one_pdf,
                                per_person=not args.one_pdf, include=include)
    written = [*result.files, *([result.bundle] if result.bundle else [])]
    if args.json:
        print_json({"course": course.reference, "issued": [row_data(row) for row in result.issued],
                    "reprinted": [row_data(row) for row in result.reprinted],
                    "files": [str(path) for path in written], "below_skipped": list(result.below_skipped),
                    "not_reprinted": list(getattr(result, "not_reprinted", ()))})
        return EXIT_OK
    rows = [*result.issued, *result.reprinted]
    if rows:
        lines = [[row.number, row.person_name, _("new") if row in result.issued else _("again (unchanged)")]
                 for row in sorted(rows, key=lambda row: row.number)]
        for line in table([_("Number"), _("Name"), _("Issued")], lines):
            print(line)
    print(ngettext("{count} new certificate for {course}.", "{count} new certificates for {course}.",
                   len(result.issued)).format(count=len(result.issued), course=course.reference))
    if result.reprinted:
        print(ngettext("{count} certificate issued before was put in again, unchanged.",
                       "{count} certificates issued before were put in again, unchanged.",
                       len(result.reprinted)).format(count=len(result.reprinted)))
    print(ngettext("{count} file written:", "{count} files written:", len(written)).format(count=len(written)))
    for path in written:
        print(f"  {path}")
    for message in getattr(result, "not_reprinted", ()):
        print(message)
    if result.below_skipped:
        print(ngettext("Below the minimum attendance, no certificate: {names}",
                       "Below the minimum attendance, no certificates: {names}",
                       len(result.below_skipped)).format(names=", ".join(result.below_skipped)))
    return EXIT_OK


def included(references, reason: str, course, plan, services) -> dict[str, str]:
    """--include: volunteer references -> {registration id: reason} for the participants below the minimum.
    Participants who reach the minimum get their certificate anyway."""
    by_volunteer = {row.participant.volunteer_id: row for row in plan.rows}
    include: dict[str, str] = {}
    for reference in references:
        volunteer = services.volunteers.get_by_reference(reference)
        row = by_volunteer.get(volunteer.id)
        if row is None:
            raise KommanDeskError(_("{name} ({reference}) is not a participant of {course}: only participants can "
                                    "be included.").format(name=volunteer.full_name, reference=volunteer.reference,
                                                           course=course.reference))
        if row.state == "below":
            include[row.participant.registration_id] = reason
    return include


# -- certificates verify / list / reprint / revoke -----------------------------------------------------------------

def verify(args: argparse.Namespace, services) -> int:
    result = services.certificates.verify(" ".join(args.text))
    if args.json:
        print_json({"validity": result.validity.value, "message": result.message,
                    "certificate": row_data(result.row) if result.row is not None else None})
    else:
        print(result.message)
    return EXIT_OK if result.validity is Validity.VALID else EXIT_PROBLEM


def list_register(args: argparse.Namespace, services) -> int:
    rows = services.certificates.register(search=args.search or "",
                                          kinds=frozenset(Kind(kind) for kind in args.kind or ()),
                                          include_revoked=not args.valid_only)
    shown = rows[:args.limit]
    if args.json:
        print_json({"total": len(rows), "certificates": [row_data(row) for row in shown]})
        return EXIT_OK
    if not rows:
        print(_("No certificates found."))
        return EXIT_OK
    lines = [[row.number, row.kind.label(), row.person_name, row.title, date_text(row.issued_on), row.language,
              validity_text(row)] for row in shown]
    for line in table([_("Number"), _("Kind"), _("Name"), _("Title"), _("Issued on"), _("Language"), _("Status")],
                      lines):
        print(line)
    if len(shown) < len(rows):
        print(_("{shown} of {count} certificates shown; use --limit or --search.").format(shown=len(shown),
                                                                                       count=len(rows)))
    else:
        print(ngettext("{count} certificate.", "{count} certificates.", len(rows)).format(count=len(rows)))
    return EXIT_OK


def reprint(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_trainings import output_path, write

    path = output_path(args.output, ".pdf")
    row = services.certificates.get(args.number)
    write(path, services.certificates.reprint(row.number))
    print(_("{number} ({name}) written to {file}, identical to the original.").format(
        number=row.number, name=row.person_name, file=path))
    if row.revoked_on is not None:
        print(_("Note: {number} was revoked on {date}: {reason}").format(
            number=row.number, date=date_text(row.revoked_on), reason=row.revoke_reason))
    return EXIT_OK


def revoke(args: argparse.Namespace, services) -> int:
    try:
        row = services.certificates.revoke(args.number, args.reason)
    except ValidationError as exc:
        raise options_of(exc, {"reason": "--reason"}) from None
    print(_("{number} ({name}) revoked on {date}: {reason}").format(
        number=row.number, name=row.person_name, date=date_text(row.revoked_on), reason=row.revoke_reason))
    return EXIT_OK


# -- service-record ------------------------------------------------------------------------------------------------

def write_service_record(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_trainings import output_path
    from kommandesk.services.service_records import hours

    path = output_path(args.output, ".pdf")
    volunteer = services.volunteers.get_by_reference(args.reference)
    try:
        row = services.service_records.issue_service_record(volunteer.id, args.first, args.last,
                                                            document_language(args, services), path)
    except ValidationError as exc:
        raise options_of(exc, {"first": "--from", "last": "--to"}) from None
    total = services.certificates.content(row.number).total_minutes
    print(_("Service record {number} for {name}, {first} to {last}: {hours} hours, written to {file}.").format(
        number=row.number, name=row.person_name, first=date_text(args.first), last=date_text(args.last),
        hours=hours(total), file=path))
    return EXIT_OK


# -- ehrenamtskarte ------------------------------------------------------------------------------------------------

def ehrenamtskarte(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_trainings import output_path
    from kommandesk.services.service_records import hours, rule_text

    path = output_path(args.output, ".pdf") if args.output else None
    volunteer = services.volunteers.get_by_reference(args.reference)
    check = services.service_records.card_check(volunteer.id)
    if args.json and path is None:
        data = plain(dataclasses.asdict(check))
        data |= {"volunteer": volunteer.reference, "name": volunteer.full_name, "total_minutes": check.total_minutes}
        print_json(data)
        return EXIT_OK
    if not args.json:
        print(_("{name} ({reference}), rule: {rule}").format(name=volunteer.full_name,
                                                             reference=volunteer.reference, rule=rule_text(check.rule)))
        lines = [[_("{first} to {last}").format(first=date_text(year.first_day), last=date_text(year.last_day)),
                  hours(year.minutes), hours(year.weekly_minutes), _("yes") if year.met else _("no")]
                 for year in check.years]
        for line in table([_("Year"), _("Hours"), _("Hours a week"), _("Met")], lines):
            print(line)
        if check.meets:
            print(_("The rule is met."))
        elif check.first_logged is None:
            print(_("The rule is not met: no hours are logged for {name}.").format(name=volunteer.full_name))
        else:
            print(_("The rule is not met (hours logged since {date}).").format(date=date_text(check.first_logged)))
    if path is None:
        return EXIT_OK
    row = services.service_records.issue_hours_confirmation(volunteer.id, document_language(args, services), path)
    if args.json:
        data = plain(dataclasses.asdict(check))
        data |= {"volunteer": volunteer.reference, "name": volunteer.full_name, "total_minutes": check.total_minutes,
                 "certificate": row_data(row), "file": str(path)}
        print_json(data)
    else:
        print(_("Confirmation {number} written to {file}.").format(number=row.number, file=path))
    return EXIT_OK
