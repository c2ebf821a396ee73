"""kommandesk-cli: the command line, thin over the services. Never imports Qt.

Exit codes: 0 done, 1 a problem the user can fix (message on stderr), 2 wrong usage,
70 an unexpected error (details in the log file).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from kommandesk import __version__, logs
from kommandesk import paths as paths_mod
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import SUPPORTED_LANGUAGES, _, detect_system_language, set_language
from kommandesk.i18n.argparse_messages import install as install_argparse_messages

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
EXIT_INTERRUPTED = 130  # the shells' code for a stop by Ctrl+C

ORG_OPTIONS = {  # option -> (field, help text)
    "--name": ("name", lambda: _("name of the organisation")),
    "--street": ("street", lambda: _("street and number")),
    "--postcode": ("postcode", lambda: _("postcode (five digits)")),
    "--town": ("town", lambda: _("town")),
    "--phone": ("phone", lambda: _("phone number")),
    "--email": ("email", lambda: _("email address")),
    "--website": ("website", lambda: _("website")),
    "--signatory-name": ("signatory_name", lambda: _("who signs certificates")),
    "--signatory-role": ("signatory_role", lambda: _("role of the signatory")),
    "--certificate-prefix": ("certificate_prefix", lambda: _("prefix of certificate numbers, e.g. KD")),
    "--default-language": ("default_language", lambda: _("language of documents: de or en")),
}
ORG_NUMBER_OPTIONS = {  # option -> (field, help text): the clearance policy
    "--clearance-validity-years": ("clearance_validity_years",
                                   lambda: _("years a police certificate is valid from its issue (1 to 10)")),
    "--clearance-warning-days": ("clearance_warning_days",
                                 lambda: _("days before expiry a certificate shows as expiring (1 to 365)")),
    "--card-weekly-hours": ("card_weekly_hours",  # the Ehrenamtskarte NRW rule (towns vary)
                            lambda: _("Ehrenamtskarte: hours a week on average (1 to 40)")),
    "--card-yearly-hours": ("card_yearly_hours", lambda: _("Ehrenamtskarte: or hours a year (1 to 2000)")),
    "--card-years": ("card_years", lambda: _("Ehrenamtskarte: in each of this many years (1 to 10)")),
    "--unmatched-days": ("unmatched_days",
                         lambda: _("days a request may wait for a volunteer before the Overview lists it (1 to 365)")),
}
DEFAULT_LIST_LIMIT = 50
ENV_COORDINATOR = "KOMMANDESK_COORDINATOR"


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number.").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{value} is not a number of at least 1.").format(value=text))
    return value


def _count(text: str) -> int:
    value = _number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(_("{value} is not a number of at least 0.").format(value=text))
    return value


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{value} is not a whole number.").format(value=text)) from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", metavar=_("DIR"), help=_("folder with the database (default: the user data folder)"))
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES, help=_("language of messages: de or en"))
    parser.add_argument("--coordinator", metavar=_("NAME"), default=os.environ.get(ENV_COORDINATOR, ""),
                        help=_("your name, recorded in the audit trail with each change (default: "
                               "the environment variable {variable})").format(variable=ENV_COORDINATOR))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kommandesk-cli",
                                     description=_("KommanDesk on the command line: volunteers, requests, trainings."))
    _common(parser)
    parser.add_argument("--version", action="version", version=f"KommanDesk {__version__}",
                        help=_("show program's version number and exit"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), title=_("commands"))
    commands.required = True

    info = commands.add_parser("info", help=_("show paths, schema version, record counts and app version"),
                               description=_("Show paths, schema version, record counts and app version."))
    info.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    demo = commands.add_parser("demo", help=_("fill an empty database with generated demo data"),
                               description=_("Fill an empty database with generated, realistic demo data."))
    demo.add_argument("--seed", type=int, default=1, help=_("random seed: the same seed gives the same data"))
    demo.add_argument("--force", action="store_true", help=_("add demo data even if the database is not empty"))
    demo.add_argument("--volunteers", type=_count, default=0, metavar="N",
                      help=_("how many volunteers to generate (default: none)"))
    demo.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    org = commands.add_parser("organisation", help=_("show or change the organisation's details"),
                              description=_("Show or change the organisation's details."))
    org_commands = org.add_subparsers(dest="org_command", metavar=_("ACTION"), title=_("actions"))
    org_commands.required = True
    show = org_commands.add_parser("show", help=_("show the organisation's details"),
                                   description=_("Show the organisation's details."))
    show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    change = org_commands.add_parser("set", help=_("change the organisation's details"),
                                     description=_("Change the organisation's details; fields not given stay."))
    for option, (_field, help_text) in ORG_OPTIONS.items():
        if option == "--default-language":
            change.add_argument(option, choices=SUPPORTED_LANGUAGES, help=help_text())
        else:
            change.add_argument(option, metavar=_("TEXT"), help=help_text())
    for option, (_field, help_text) in ORG_NUMBER_OPTIONS.items():
        change.add_argument(option, type=_number, metavar="N", help=help_text())
    change.add_argument("--logo", metavar=_("FILE"), help=_("PNG or JPEG logo, at most 2 MB"))
    change.add_argument("--remove-logo", action="store_true", help=_("remove the logo"))

    vols = commands.add_parser("volunteers", help=_("list volunteers or show one"),
                               description=_("List volunteers or show one volunteer's profile."))
    vol_commands = vols.add_subparsers(dest="vol_command", metavar=_("ACTION"), title=_("actions"))
    vol_commands.required = True
    vol_list = vol_commands.add_parser(
        "list", help=_("list volunteers"),
        description=_("List volunteers sorted by name; without --status everyone but the archived."))
    from kommandesk.cli_volunteers import add_query_options  # shared with `export volunteers`

    add_query_options(vol_list)
    vol_list.add_argument("--limit", type=_positive_int, default=DEFAULT_LIST_LIMIT, metavar="N",
                          help=_("show at most N volunteers (default: {default})").format(default=DEFAULT_LIST_LIMIT))
    vol_list.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    vol_show = vol_commands.add_parser("show", help=_("show one volunteer's profile"),
                                       description=_("Show one volunteer's profile."))
    vol_show.add_argument("reference", metavar=_("REF"), help=_("the volunteer's reference, e.g. V-2026-0042"))
    vol_show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub in (info, demo, org, show, change, vols, vol_list, vol_show):
        sub.set_defaults(parser=sub)
    from kommandesk.cli_imports import add_import_commands  # import volunteers / json (its own module)

    add_import_commands(commands)
    from kommandesk.cli_exports import add_export_commands  # export volunteers / all (its own module)

    add_export_commands(commands)
    from kommandesk.cli_requests import add_request_commands  # requests list / show (its own module)

    add_request_commands(commands)
    from kommandesk.cli_match import add_match_command  # match REF / match --all (its own module)

    add_match_command(commands)
    from kommandesk.cli_trainings import add_training_commands  # courses / attendance / signin-sheet (own module)

    add_training_commands(commands)
    from kommandesk.cli_certificates import add_certificate_commands  # certificates / service-record / card

    add_certificate_commands(commands)
    from kommandesk.cli_reports import add_report_command  # report --from --to -o FILE (its own module)

    add_report_command(commands)
    from kommandesk.cli_allowances import add_allowance_commands  # allowances add / list / limits (own module)

    add_allowance_commands(commands)
    from kommandesk.cli_backup import add_backup_commands  # backup / restore / check (its own module)

    add_backup_commands(commands)
    from kommandesk.cli_privacy import add_privacy_commands  # privacy export / erase / retention (own module)

    add_privacy_commands(commands)
    from kommandesk.cli_encryption import add_encryption_commands  # encryption on / change / off (own module)

    add_encryption_commands(commands)
    return parser


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _organisation_dict(org) -> dict:
    data = dataclasses.asdict(org)
    logo = data.pop("logo")
    data["logo_bytes"] = len(logo) if logo else 0
    return data


def run_command(args: argparse.Namespace, services) -> int:
    if getattr(args, "handler", None) is not None:  # commands registered by their own module (cli_imports, ...)
        return args.handler(args, services)
    if args.command == "info":
        from kommandesk.services.info import collect

        data = collect(services)
        if args.json:
            _print_json(data)
        else:
            print(_("KommanDesk {version}").format(version=data["app_version"]))
            print(_("Data folder: {path}").format(path=data["paths"]["data_dir"]))
            if data["paths"]["portable"]:
                print(_("Portable: the data is kept beside the program ({marker}).").format(
                    marker=paths_mod.PORTABLE_MARKER))
            print(_("Database: {path}").format(path=data["paths"]["database"]))
            print(_("Log file: {path}").format(path=data["paths"]["log"]))
            print(_("Schema version: {version}").format(version=data["schema_version"]))
            print(_("Organisation: {name}").format(name=data["organisation"] or _("(not set up yet)")))
            for table, count in data["counts"].items():
                print(f"  {table}: {count}")
        return EXIT_OK
    if args.command == "demo":
        from kommandesk.services.demo.seed import fill

        report = fill(services, seed=args.seed, force=args.force, volunteers=args.volunteers)
        if args.json:
            _print_json({"seed": report.seed, "created": report.created})
        else:
            print(_("Demo data created (seed {seed}).").format(seed=report.seed))
            for table, count in report.created.items():
                print(f"  {table}: {count}")
        return EXIT_OK
    if args.command == "organisation":
        return _organisation(args, services)
    if args.command == "volunteers":
        from kommandesk import cli_volunteers

        if args.vol_command == "list":
            return cli_volunteers.list_volunteers(args, services)
        return cli_volunteers.show_volunteer(args, services)
    raise AssertionError(args.command)


def _organisation(args: argparse.Namespace, services) -> int:
    org = services.organisation.get()
    if args.org_command == "show":
        if args.json:
            _print_json(_organisation_dict(org))
        else:
            for key, value in _organisation_dict(org).items():
                print(f"{key}: {value if value is not None else ''}")
        return EXIT_OK
    changes = {field: getattr(args, option[2:].replace("-", "_")) for option, (field, _h) in ORG_OPTIONS.items()}
    changes |= {field: getattr(args, option[2:].replace("-", "_")) for option, (field, _h) in ORG_NUMBER_OPTIONS.items()}
    changes = {key: value for key, value in changes.items() if value is not None}
    if args.logo:
        changes["logo"] = services.organisation.read_logo_file(Path(args.logo))
    elif args.remove_logo:
        changes["logo"] = None
    saved = services.organisation.save(dataclasses.replace(org, **changes))
    print(_("Saved: {name}").format(name=saved.name))
    return EXIT_OK


def _error(message: str) -> None:
    print(_("kommandesk-cli: error: {message}").format(message=message), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Only a first look for --lang, so that every message (usage errors too) is in that language.
    # A bad or missing value is left to the full parser below, which reports it with the real usage.
    pre = argparse.ArgumentParser(prog="kommandesk-cli", add_help=False, exit_on_error=False)
    pre.add_argument("--lang")
    try:
        chosen = pre.parse_known_args(argv)[0].lang
    except argparse.ArgumentError:
        chosen = None
    set_language(chosen if chosen in SUPPORTED_LANGUAGES else detect_system_language())
    install_argparse_messages()
    from kommandesk.cli_certificates import with_issue_action  # `certificates COURSE_REF` = `certificates issue ...`

    args = build_parser().parse_args(with_issue_action(argv))

    paths = paths_mod.resolve(args.data_dir)
    problem = paths.prepare()
    if problem is not None:
        _error(problem)
        return EXIT_PROBLEM
    try:
        logs.setup(paths.log_file)
    except OSError:
        pass  # a read-only folder is reported below when the database is opened
    from kommandesk.services.context import Services

    services = None
    try:
        services = Services.open(paths)
        services.audit.set_actor(None, args.coordinator)  # who the audit trail records (connections opened later too)
        return run_command(args, services)
    except ValidationError as exc:
        options = {field: option for option, (field, _h) in (ORG_OPTIONS | ORG_NUMBER_OPTIONS).items()}
        options["logo"] = "--logo"
        for field, message in exc.errors.items():
            _error(f"{options.get(field, field)}: {message}")
        return EXIT_PROBLEM
    except KommanDeskError as exc:
        _error(exc.message)
        return EXIT_PROBLEM
    except KeyboardInterrupt:  # Ctrl+C: what was finished stays (each certificate, import, ... is whole or absent)
        _error(_("Stopped. What was finished before is kept; nothing is half-written."))
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`... | head`): nothing more to say to it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into a line and a log entry
        logs.get("cli").error("unexpected error:\n%s", traceback.format_exc())
        _error(_("An unexpected error occurred ({kind}). Details are in the log file: {log}").format(
            kind=type(exc).__name__, log=paths.log_file))
        return EXIT_INTERNAL
    finally:
        if services is not None:
            services.close()


if __name__ == "__main__":
    sys.exit(main())
