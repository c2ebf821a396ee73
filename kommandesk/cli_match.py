"""`kommandesk-cli match REF` and `kommandesk-cli match --all [--apply]`: thin over services.matching.
Never imports Qt; numpy and scipy are loaded by the matching service when a match runs.

    match REF [--limit N] [--json]      the ranked candidates with one line per score part, the near misses
                                        with the rule they fail, and notes
    match --all [--json] [--apply]      one volunteer proposed for every open request; nothing is written
                                        unless --apply (then the proposed assignments are created)
"""

from __future__ import annotations

import argparse
import dataclasses

from kommandesk.cli_requests import plain, print_json, table
from kommandesk.i18n import _, current_language, ngettext

EXIT_OK = 0
DEFAULT_LIMIT = 20


def add_match_command(commands: argparse._SubParsersAction) -> None:
    from kommandesk.cli import _positive_int

    match = commands.add_parser(
        "match", help=_("find volunteers for a request, or propose volunteers for all open requests"),
        description=_("Find the volunteers who fit a request, with the reasons; or, with --all, propose one "
                      "volunteer for every open request at once (nothing is assigned unless --apply)."))
    match.add_argument("reference", nargs="?", metavar=_("REF"), help=_("the request's reference, e.g. A-2026-0107"))
    match.add_argument("--all", action="store_true", help=_("propose volunteers for all open requests at once"))
    match.add_argument("--limit", type=_positive_int, default=DEFAULT_LIMIT, metavar="N",
                       help=_("show at most N candidates and N near misses (default: {default})").format(
                           default=DEFAULT_LIMIT))
    match.add_argument("--apply", action="store_true",
                       help=_("with --all: create the proposed assignments"))
    match.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    match.set_defaults(parser=match, handler=run_match)


def check_arguments(args: argparse.Namespace) -> None:
    """Exactly one of REF and --all; --apply only with --all (a usage error otherwise: exit 2)."""
    parser: argparse.ArgumentParser = args.parser
    if args.all and args.reference:
        parser.error(_("give either a request's reference or --all, not both"))
    if not args.all and not args.reference:
        parser.error(_("give a request's reference (e.g. A-2026-0107) or --all"))
    if args.apply and not args.all:
        parser.error(_("--apply works only with --all"))


def run_match(args: argparse.Namespace, services) -> int:
    check_arguments(args)
    if args.all:
        return _match_all(args, services)
    return _match_one(args, services)


def score_text(score: float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(score, format="0.0", locale=current_language())


def _match_one(args: argparse.Namespace, services) -> int:
    req = services.requests.get_by_reference(args.reference)
    result = services.matching.rank(req.id, limit=args.limit, near_limit=args.limit)
    notes = list(result.notes)
    if args.json:
        data = plain(dataclasses.asdict(result))
        data["excluded"] = {rule.value: count for rule, count in result.excluded.items()}
        data["notes"] = notes
        print_json(data)
        return EXIT_OK
    print(_("Request {reference}: {person}").format(reference=result.reference, person=req.person))
    if result.candidates:
        print(_("Candidates ({shown} of {total}):").format(shown=len(result.candidates),
                                                            total=result.total_candidates))
        for rank, candidate in enumerate(result.candidates, start=1):
            print("  " + _("{rank}. {score}  {reference}  {name}").format(
                rank=rank, score=score_text(candidate.score), reference=candidate.reference, name=candidate.name))
            for part in candidate.parts:
                print("       " + _("{part}: {text} (+{points})").format(
                    part=part.part.label(), text=part.text, points=score_text(part.points)))
    else:
        print(_("No volunteer passes every rule."))
    if result.near_misses:
        print(_("Near misses, each failing one rule ({shown} of {total}):").format(
            shown=len(result.near_misses), total=result.total_near_misses))
        for miss in result.near_misses:
            print("  " + _("{reference}  {name}: {rule}: {reason} (would score {score})").format(
                reference=miss.reference, name=miss.name, rule=miss.rule.label(), reason=miss.reason,
                score=score_text(miss.score)))
    excluded = [(rule, count) for rule, count in result.excluded.items() if count]
    if excluded:
        print(_("Volunteers excluded by each rule:"))
        for rule, count in excluded:
            print("  " + _("{rule}: {count}").format(rule=rule.label(), count=count))
    for note in notes:
        print(_("Note: {note}").format(note=note))
    return EXIT_OK


def _match_all(args: argparse.Namespace, services) -> int:
    proposal = services.matching.propose_all()
    served = len({row.request_id for row in proposal.rows})
    open_requests = served + len(proposal.unserved)
    created = services.matching.apply(proposal.rows) if args.apply and proposal.rows else []
    if args.json:
        data = plain(dataclasses.asdict(proposal))
        data |= {"served": served, "open_requests": open_requests, "applied": bool(args.apply),
                 "created": len(created)}
        print_json(data)
        return EXIT_OK
    if proposal.rows:
        headers = [_("Request"), _("Person"), _("Urgency"), _("Volunteer"), _("Score")]
        rows = [[row.request_reference, row.person, row.urgency.label(),
                 f"{row.volunteer_reference} {row.volunteer_name}", score_text(row.score)] for row in proposal.rows]
        for line in table(headers, rows):
            print(line)
    else:
        print(_("No volunteer can be proposed for any open request."))
    if proposal.unserved:
        print(ngettext("{count} request no one can serve:", "{count} requests no one can serve:",
                       len(proposal.unserved)).format(count=len(proposal.unserved)))
        for item in proposal.unserved:
            print("  " + _("{reference} {person} ({urgency}): {reason}").format(
                reference=item.reference, person=item.person, urgency=item.urgency.label(), reason=item.reason))
    print(_("Served: {served} of {total} open requests (one at a time, best first: {greedy}).").format(
        served=served, total=open_requests, greedy=proposal.greedy_served))
    print(_("Time: {total} ms in all, of which the solver {solver} ms.").format(
        total=_milliseconds(proposal.seconds_total), solver=_milliseconds(proposal.seconds_solver)))
    if args.apply:
        print(ngettext("{count} assignment created.", "{count} assignments created.", len(created)).format(
            count=len(created)))
    elif proposal.rows:
        print(_("Nothing was assigned. Run again with --apply to create these assignments."))
    return EXIT_OK


def _milliseconds(seconds: float) -> str:
    from babel.numbers import format_decimal

    return format_decimal(seconds * 1000, format="#,##0.##", locale=current_language())
