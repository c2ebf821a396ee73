"""`kommandesk-cli allowances`: the Ehrenamtspauschale, thin over services.allowances. Never imports Qt.

    allowances add REF --date D --amount A [--note T] [--force] [--json]
    allowances list [REF] [--year Y] [--json]
    allowances limits [--set YEAR=AMOUNT]... [--remove YEAR]... [--json]

A payment that takes its calendar year above the tax-free limit is refused (exit 1, the figures on stderr) unless
--force is given. Amounts are typed as in German or English (120,50 / 120.50 / 1.200,00 / 1,200.00).
"""

from __future__ import annotations

import argparse

from kommandesk.cli_requests import plain, print_json, table
from kommandesk.domain.allowances import Allowance, YearCheck
from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _, ngettext

EXIT_OK, EXIT_PROBLEM = 0, 1
ADD_OPTIONS = {"paid_on": "--date", "amount": "--amount", "note": "--note"}


def add_allowance_commands(commands: argparse._SubParsersAction) -> None:
    """The command `allowances` (add, list, limits)."""
    from kommandesk.cli import _number

    allowances = commands.add_parser(
        "allowances", help=_("record allowances paid to volunteers (Ehrenamtspauschale) and the tax-free limits"),
        description=_("Record allowances paid to volunteers (Ehrenamtspauschale), list them, and show or change "
                      "the tax-free limit by year."))
    actions = allowances.add_subparsers(dest="allowance_command", metavar=_("ACTION"), title=_("actions"))
    actions.required = True

    add = actions.add_parser(
        "add", help=_("record a payment to a volunteer"),
        description=_("Record an allowance paid to a volunteer. A payment that takes the calendar year's total "
                      "above the tax-free limit is refused unless --force is given."))
    add.add_argument("reference", metavar=_("REF"), help=_("the volunteer's reference, e.g. V-2026-0042"))
    add.add_argument("--date", required=True, metavar=_("DATE"), help=_("the day it was paid, e.g. 2026-03-01"))
    add.add_argument("--amount", required=True, metavar=_("AMOUNT"), help=_("the amount in euros, e.g. 120,50"))
    add.add_argument("--note", default="", metavar=_("TEXT"), help=_("a note, e.g. what it was paid for"))
    add.add_argument("--force", action="store_true",
                     help=_("record it even when the year's total goes above the tax-free limit"))
    add.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    listing = actions.add_parser(
        "list", help=_("list payments"),
        description=_("List the payments, the newest first: everyone's, or one volunteer's with each year's "
                      "total against the tax-free limit."))
    listing.add_argument("reference", nargs="?", metavar=_("REF"), help=_("only this volunteer's payments"))
    listing.add_argument("--year", type=_number, metavar=_("YEAR"), help=_("only the payments of this year"))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    limits = actions.add_parser(
        "limits", help=_("show or change the tax-free limit by year"),
        description=_("Show the tax-free limit by year, or change it. A year takes the limit of the greatest year "
                      "set up to it."))
    limits.add_argument("--set", action="append", default=[], metavar=_("YEAR=AMOUNT"),
                        help=_("set the limit from this year on, e.g. 2026=960 (may be given more than once)"))
    limits.add_argument("--remove", action="append", default=[], metavar=_("YEAR"),
                        help=_("remove the limit set for this year (may be given more than once)"))
    limits.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub in (allowances, add, listing, limits):
        sub.set_defaults(parser=sub, handler=run_allowances)


def run_allowances(args: argparse.Namespace, services) -> int:
    if args.allowance_command == "add":
        return add_payment(args, services)
    if args.allowance_command == "list":
        return list_payments(args, services)
    return show_limits(args, services)


def _refuse(errors: dict[str, str], options: dict[str, str]) -> int:
    from kommandesk.cli import _error

    for field, message in errors.items():
        _error(f"{options.get(field, field)}: {message}")
    return EXIT_PROBLEM


def money(cents: int) -> str:
    from kommandesk.services.allowances import money as formatted

    return formatted(cents)


def _year_json(check: YearCheck) -> dict:
    return {"year": check.year, "paid_cents": check.total_cents, "limit_cents": check.limit_cents,
            "left_cents": check.left_cents, "over_cents": check.over_cents}


# -- add ------------------------------------------------------------------------------------------------------------

def add_payment(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_certificates import day_argument
    from kommandesk.services.allowances import OverLimit, amount_from_text, year_text

    errors: dict[str, str] = {}
    day = None
    try:
        day = day_argument(args.date)
    except argparse.ArgumentTypeError as exc:
        errors["paid_on"] = str(exc)
    cents = 0
    try:
        cents = amount_from_text(args.amount)
    except ValidationError as exc:
        errors.update(exc.errors)
    vol = services.volunteers.get_by_reference(args.reference)  # an unknown reference: the message, exit 1
    service = services.allowances
    allowance = Allowance(volunteer_id=vol.id, paid_on=day or service.today(), amount_cents=cents, note=args.note)
    errors.update({field: message for field, message in service.validate(allowance).items()
                   if field not in errors and not (field == "paid_on" and day is None)})
    if errors:
        return _refuse(errors, ADD_OPTIONS)
    try:
        saved = service.record(allowance, confirmed=args.force)
    except OverLimit as exc:
        from kommandesk.cli import _error

        _error(exc.message + " " + _("Nothing was recorded; add --force to record it anyway."))
        return EXIT_PROBLEM
    except ValidationError as exc:
        return _refuse(exc.errors, ADD_OPTIONS)
    check = service.year_check(vol.id, saved.paid_on.year)
    if args.json:
        print_json({"allowance": plain(_allowance_json(saved)) | {"volunteer_reference": vol.reference},
                    "year": _year_json(check)})
        return EXIT_OK
    from kommandesk.i18n.formatting import format_date

    print(_("Recorded: {amount} paid to {name} ({reference}) on {day}.").format(
        amount=money(saved.amount_cents), name=vol.full_name, reference=vol.reference, day=format_date(saved.paid_on)))
    print(year_text(check))
    return EXIT_OK


def _allowance_json(allowance: Allowance) -> dict:
    return {"id": allowance.id, "paid_on": allowance.paid_on, "amount_cents": allowance.amount_cents,
            "note": allowance.note}


# -- list -----------------------------------------------------------------------------------------------------------

def list_payments(args: argparse.Namespace, services) -> int:
    from kommandesk.i18n.formatting import format_date
    from kommandesk.services.allowances import year_text

    service = services.allowances
    vol = services.volunteers.get_by_reference(args.reference) if args.reference else None
    rows = service.listing(vol.id if vol else None, args.year)
    years = [check for check in service.years(vol.id) if args.year in (None, check.year)] if vol else []
    if args.json:
        print_json({"total": len(rows), "allowances": [
            plain(_allowance_json(row.allowance)) | {"volunteer_reference": row.reference, "volunteer": row.name}
            for row in rows], "years": [_year_json(check) for check in years]})
        return EXIT_OK
    if not rows:
        print(_("No payments recorded."))
        return EXIT_OK
    headers = [_("Paid on"), _("Reference"), _("Volunteer"), _("Amount"), _("Note")]
    lines = [[format_date(row.allowance.paid_on), row.reference, row.name, money(row.allowance.amount_cents),
              row.allowance.note] for row in rows]
    for line in table(headers, lines):
        print(line)
    print(ngettext("{count} payment, {amount} in total.", "{count} payments, {amount} in total.", len(rows)).format(
        count=len(rows), amount=money(sum(row.allowance.amount_cents for row in rows))))
    for check in years:
        print(year_text(check))
    return EXIT_OK


# -- limits ---------------------------------------------------------------------------------------------------------

def _year(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def parse_changes(settings: list[str], removals: list[str]) -> tuple[dict[int, int], list[int], dict[str, str]]:
    """--set YEAR=AMOUNT and --remove YEAR as typed -> (changed, removed, option -> message)."""
    from kommandesk.domain.allowances import validate_limit
    from kommandesk.services.allowances import limit_from_text

    changed: dict[int, int] = {}
    errors: dict[str, str] = {}
    for text in settings:
        year_part, equals, amount_part = text.partition("=")
        year = _year(year_part)
        if not equals or year is None:
            errors.setdefault("--set", _("{value} is not YEAR=AMOUNT, e.g. 2026=960.").format(value=text))
            continue
        try:
            cents = limit_from_text(amount_part)
        except ValidationError as exc:
            errors.setdefault("--set", exc.errors["amount"])
            continue
        problems = validate_limit(year, cents)
        if problems:
            errors.setdefault("--set", next(iter(problems.values())))
            continue
        changed[year] = cents
    removed = []
    for text in removals:
        year = _year(text)
        if year is None:
            errors.setdefault("--remove", _("{value} is not a year.").format(value=text))
        else:
            removed.append(year)
    return changed, removed, errors


def show_limits(args: argparse.Namespace, services) -> int:
    service = services.allowances
    changed, removed, errors = parse_changes(args.set, args.remove)
    if errors:
        return _refuse(errors, {})
    if changed or removed:
        try:
            service.change_limits(changed, removed)
        except ValidationError as exc:
            return _refuse(exc.errors, {"year": "--set", "amount": "--set"})
    limits = service.limits()
    if args.json:
        print_json({"limits": [{"year": year, "amount_cents": cents} for year, cents in sorted(limits.items())]})
        return EXIT_OK
    if changed or removed:
        print(_("Saved."))
    if not limits:
        print(_("No tax-free limit is set: payments are recorded without a check."))
        return EXIT_OK
    for line in table([_("From the year"), _("Tax-free limit")],
                      [[str(year), money(cents)] for year, cents in sorted(limits.items())]):
        print(line)
    print(_("A year takes the limit of the greatest year set up to it."))
    return EXIT_OK
