"""`kommandesk-cli privacy`: data protection (GDPR), thin over services.privacy. Never imports Qt.

    privacy export REF -o DIR [--json]            everything about the person: a readable PDF and JSON (Art. 15)
    privacy erase REF --confirm REF [--json]      erase the volunteer, or the requester's data of a request (Art. 17)
    privacy retention [--apply] [--json]          what the retention rules would do; --apply does it

REF is a volunteer's reference (V-2026-0042) or a request's (A-2026-0107). An erasure needs the reference typed again
with --confirm; without it, with another text, or for a reference that does not exist: a line on stderr, exit 1,
nothing changed.
"""

from __future__ import annotations

import argparse

from kommandesk.i18n import _

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_privacy_commands(commands: argparse._SubParsersAction) -> None:
    """The command `privacy` (export, erase, retention)."""
    privacy = commands.add_parser(
        "privacy", help=_("data protection: export or erase a person's data, apply the retention rules"),
        description=_("Data protection (GDPR): export everything stored about a person, erase a person, and the "
                      "retention rules."))
    actions = privacy.add_subparsers(dest="privacy_command", metavar=_("ACTION"), title=_("actions"))
    actions.required = True

    export = actions.add_parser(
        "export", help=_("write everything stored about a person as PDF and JSON"),
        description=_("Write everything stored about a volunteer (V-...) or the requester of a request (A-...) into "
                      "a folder: a readable PDF and a JSON file (GDPR Art. 15)."))
    export.add_argument("reference", metavar=_("REF"), help=_("a volunteer's or a request's reference"))
    export.add_argument("-o", "--output", required=True, metavar=_("DIR"), help=_("the folder to write into"))
    export.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    erase = actions.add_parser(
        "erase", help=_("erase a person for good"),
        description=_("Erase a volunteer (V-...) with everything personal, or the requester's data of a closed "
                      "request (A-...), for good (GDPR Art. 17). What the volunteer did stays counted without "
                      "them; the request stays as an anonymous count. Type the reference again with --confirm."))
    erase.add_argument("reference", metavar=_("REF"), help=_("a volunteer's or a request's reference"))
    erase.add_argument("--confirm", metavar=_("REF"), help=_("the same reference again, to confirm"))
    erase.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    retention = actions.add_parser(
        "retention", help=_("show or apply the retention rules"),
        description=_("Show what the retention rules would do today: closed requests to anonymise, clearance "
                      "records to delete, archived volunteers to delete. --apply does it, in one step."))
    retention.add_argument("--apply", action="store_true", help=_("do it now"))
    retention.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub, handler in ((export, run_export), (erase, run_erase), (retention, run_retention)):
        sub.set_defaults(parser=sub, handler=handler)


def _service(services):
    return services.privacy


def run_export(args: argparse.Namespace, services) -> int:
    from pathlib import Path

    from kommandesk.cli_requests import print_json

    pdf, data = _service(services).export_person(args.reference, Path(args.output))
    if args.json:
        print_json({"pdf": str(pdf), "json": str(data)})
    else:
        print(_("Written: {path}").format(path=pdf))
        print(_("Written: {path}").format(path=data))
    return EXIT_OK


def run_erase(args: argparse.Namespace, services) -> int:
    from kommandesk.cli import _error
    from kommandesk.cli_requests import print_json
    from kommandesk.domain.errors import ValidationError
    from kommandesk.services.privacy import count_lines

    try:
        result = _service(services).erase(args.reference, args.confirm)
    except ValidationError as exc:
        _error("--confirm: " + exc.errors.get("confirm", exc.message))
        return EXIT_PROBLEM
    if args.json:
        print_json({"kind": result.kind.value, "reference": result.reference, "counts": result.counts})
        return EXIT_OK
    print(_("{reference} was erased.").format(reference=result.reference))
    for line in count_lines(result.kind, result.counts):
        print(f"  {line}")
    return EXIT_OK


def _candidates(candidates) -> list[dict]:
    return [{"reference": c.reference, "due_on": c.due_on.isoformat()} for c in candidates]


def run_retention(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_requests import print_json

    service = _service(services)
    plan = service.apply_retention() if args.apply else service.retention_preview()
    if args.json:
        print_json({"today": plan.today.isoformat(), "applied": bool(args.apply),
                    "requests": _candidates(plan.requests), "clearances": _candidates(plan.clearances),
                    "volunteers": _candidates(plan.volunteers), "held_back": _candidates(plan.held_back)})
        return EXIT_OK
    from kommandesk.services.privacy import retention_lines

    for line in retention_lines(plan, args.apply):
        print(line)
    if not args.apply and not plan.empty:
        print(_("Run with --apply to do it."))
    return EXIT_OK
