"""Matching: rank the volunteers for one request, explain one volunteer, assign (with an override reason when a
rule fails), and propose volunteers for all unassigned requests at once.

The engine is kommandesk.domain.matching (numpy, scipy: imported when matching first runs, never at start-up).
The volunteers are read into a columnar pool once and kept until the database changes (SQLite's data_version
for other connections, ``total_changes`` for this one).

Threads: a store belongs to the thread that opened it. ``propose_all(..., paths=services.paths)`` opens its own
database connection on the calling thread (a worker thread of tasks.py) and closes it at the end, as the import
service does; without ``paths`` it uses this service's store and must run on the thread that opened it.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kommandesk.domain.assignments import Assignment
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.matching.model import (
    RULES, Candidate, MatchResult, MatchWeights, NearMiss, Proposal, ProposalRow, Rule, Unserved, cleaned_weights,
    validate_weights,
)
from kommandesk.domain.requests import SupportRequest, Urgency
from kommandesk.i18n import _, ngettext
from kommandesk.store.db import Store

if TYPE_CHECKING:
    from kommandesk.domain.matching.pool import Pool
    from kommandesk.domain.matching.score import RequestFacts
    from kommandesk.paths import Paths
    from kommandesk.services.requests import RequestService
    from kommandesk.services.volunteers import VolunteerService


class ProposalCancelled(KommanDeskError):
    """propose_all stopped because ``cancelled()`` said so; nothing was written."""

    def __init__(self) -> None:
        super().__init__(_("Matching all open requests was cancelled."))


class MatchingService:
    def __init__(self, store: Store, requests: "RequestService", volunteers: "VolunteerService"):
        from kommandesk.store.matching_repo import MatchingRepository

        self._store = store
        self._requests = requests
        self._volunteers = volunteers
        self._repo = MatchingRepository(store)
        self._lock = threading.Lock()
        self._cached: tuple[tuple[int, int], tuple, "Pool"] | None = None  # (db version, profiles, pool)

    # -- weights -----------------------------------------------------------------------------------------------

    def weights(self) -> MatchWeights:
        text = self._repo.weights_text()
        if not text:
            return MatchWeights()
        try:
            return MatchWeights.from_dict(json.loads(text))
        except ValueError:
            return MatchWeights()

    def save_weights(self, weights: MatchWeights) -> MatchWeights:
        errors = validate_weights(weights)
        if errors:
            raise ValidationError(errors)
        weights = cleaned_weights(weights)
        if not self._repo.save_weights_text(json.dumps(weights.as_dict(), sort_keys=True)):
            raise KommanDeskError(_("Enter the organisation's details in Settings first: the weights are kept "
                                    "with them."))
        return weights

    # -- the pool ----------------------------------------------------------------------------------------------

    def pool(self) -> "Pool":
        """Every volunteer but the archived ones, as columns; rebuilt only when the database changed, and then
        only the assignments when no profile (nor the clearance policy) changed."""
        from kommandesk.domain.matching.pool import build_pool, with_assignments

        version = self._repo.version()
        with self._lock:
            cached = self._cached
        if cached is not None and cached[0] == version:
            return cached[2]
        profiles = self._profiles()
        if cached is not None and cached[1] == profiles:  # only assignments (or requests) changed
            pool = with_assignments(cached[2], self._repo.assignments())
        else:
            pool = build_pool(self._repo.source(), profiles[1])
        with self._lock:
            self._cached = (version, profiles, pool)
        return pool

    def load_pool(self, paths: "Paths") -> tuple[tuple, "Pool"]:
        """Read the pool on a connection of its own: call it on a worker thread when the Matching page opens,
        and hand the result to ``adopt_pool`` on this service's thread. Reading 50,000 profiles takes about
        0.6 s; ranking with a pool in memory takes milliseconds."""
        from kommandesk.domain.matching.pool import build_pool
        from kommandesk.services.context import Services
        from kommandesk.services.volunteers import VolunteerService
        from kommandesk.store.matching_repo import MatchingRepository

        services = Services.open(paths)
        try:
            policy = VolunteerService(services.store, services.organisation).policy()
            version, source = MatchingRepository(services.store).snapshot_source()
            return (version, policy), build_pool(source, policy)
        finally:
            services.close()

    def adopt_pool(self, profiles: tuple, pool: "Pool") -> bool:
        """Keep a pool read by ``load_pool`` if it is current and this service has no current one. Its
        assignments are read again on first use (cheap)."""
        current = self._profiles()
        if profiles != current:  # a profile changed while it was read
            return False
        with self._lock:
            if self._cached is not None and self._cached[1] == current:
                return False
            self._cached = ((-1, -1), profiles, pool)
        return True

    def needs_reading(self) -> bool:
        """True when the next ranking would read every profile (none read yet, or a profile changed): the
        Matching page then reads them on a worker thread first."""
        with self._lock:
            cached = self._cached
        return cached is None or cached[1] != self._profiles()

    def _profiles(self) -> tuple:
        return self._repo.volunteers_version(), self._volunteers.policy()

    def _facts(self, req: SupportRequest) -> tuple["RequestFacts", tuple[str, ...]]:
        from kommandesk.domain.matching.score import facts_of
        from kommandesk.services.geo import postcode_coordinates

        place = postcode_coordinates(req.postcode)
        notes = []
        if not req.postcode.strip():
            notes.append(_("The request has no postcode: distances are unknown."))
        elif place is None:
            notes.append(_("The postcode {postcode} is not in the table: distances are unknown.").format(
                postcode=req.postcode))
        return facts_of(req, place, self._requests.today()), tuple(notes)

    # -- one request -------------------------------------------------------------------------------------------

    def rank(self, request_id: str, limit: int = 20, near_limit: int = 20) -> MatchResult:
        from kommandesk.domain.matching.rank import rank
        from kommandesk.domain.matching.score import evaluate

        req = self._requests.get(request_id)
        pool = self.pool()
        facts, notes = self._facts(req)
        notes = (*_blockers(req), *notes)
        ev = evaluate(facts, pool)
        already = int(ev.already.sum())
        if already:
            notes += (ngettext("{count} volunteer already assigned to this request is not listed.",
                               "{count} volunteers already assigned to this request are not listed.",
                               already).format(count=already),)
        return rank(facts, pool, self.weights(), limit=max(0, limit), near_limit=max(0, near_limit), notes=notes,
                    evaluation=ev)

    def _judge(self, request_id: str, volunteer_id: str) -> tuple[Candidate | NearMiss | list[str], list[Rule]]:
        from kommandesk.domain.matching.rank import explain_one
        from kommandesk.domain.matching.score import evaluate

        req = self._requests.get(request_id)
        pool = self.pool()
        i = pool.position(volunteer_id)
        if i is None:  # archived (or unknown: get() says so)
            vol = self._volunteers.get(volunteer_id)
            return [_("not active ({status})").format(status=vol.status.label())], [Rule.ACTIVE]
        facts, _notes = self._facts(req)
        ev = evaluate(facts, pool)
        return explain_one(facts, pool, self.weights(), i, ev), ev.failed(i)

    def explain(self, request_id: str, volunteer_id: str) -> Candidate | NearMiss | list[str]:
        """One volunteer against the request: a Candidate, a NearMiss, or the reasons of the 2+ rules failed."""
        return self._judge(request_id, volunteer_id)[0]

    def assign(self, request_id: str, volunteer_id: str, override_reason: str = "") -> Assignment:
        """Propose the volunteer for the request. A volunteer failing a rule needs the coordinator's reason,
        recorded with the (first) rule overridden."""
        from kommandesk.domain.validation import clean_text

        verdict, failed = self._judge(request_id, volunteer_id)
        if isinstance(verdict, Candidate):
            return self._requests.assign(request_id, volunteer_id, score=verdict.score)
        reasons = [verdict.reason] if isinstance(verdict, NearMiss) else verdict
        if not clean_text(override_reason, multiline=True):
            raise ValidationError({"override_reason": _("Write why you assign despite: {reason}.").format(
                reason="; ".join(reasons))})
        score = verdict.score if isinstance(verdict, NearMiss) else None
        return self._requests.assign(request_id, volunteer_id, score=score, override_rule=failed[0].value,
                                     override_reason=override_reason)

    # -- all unassigned requests -------------------------------------------------------------------------------

    def propose_all(self, progress: Callable[[int, int], None] | None = None,
                    cancelled: Callable[[], bool] | None = None, paths: "Paths | None" = None) -> Proposal:
        """Volunteers for every unassigned request at once (nothing is written: see ``apply``).

        ``paths``: open a connection of its own for the run (call it so from a worker thread)."""
        if paths is not None:
            return self._on_own_connection(paths, progress, cancelled)
        return self._propose(progress, cancelled)

    def _on_own_connection(self, paths: "Paths", progress, cancelled) -> Proposal:
        from kommandesk.services.context import Services
        from kommandesk.services.requests import RequestService
        from kommandesk.services.volunteers import VolunteerService

        services = Services.open(paths)
        try:
            volunteers = VolunteerService(services.store, services.organisation, today=self._volunteers.today)
            requests = RequestService(services.store, volunteers, today=self._requests.today)
            return MatchingService(services.store, requests, volunteers)._propose(progress, cancelled)
        finally:
            services.close()

    def _propose(self, progress, cancelled) -> Proposal:
        import numpy as np

        from kommandesk.domain.matching.explain import part_lines
        from kommandesk.domain.matching.optimal import Demand, greedy, solve
        from kommandesk.domain.matching.score import RULE_ROW, evaluate, part_values, scores

        began = time.perf_counter()
        requests, blocked = [], []
        for req in self._requests.unassigned():  # without the family's consent nothing may be passed on
            (requests if req.consent is not None else blocked).append(req)
        pool = self.pool()
        weights = self.weights()
        total = len(requests)
        demands, kept = [], []
        for done, req in enumerate(requests):
            if cancelled is not None and cancelled():
                raise ProposalCancelled()
            facts, _notes = self._facts(req)
            ev = evaluate(facts, pool)
            idx = np.flatnonzero((ev.nfail == 0) & ~ev.already)
            values = part_values(facts, pool, ev, idx)
            score, points = scores(values, weights)
            demands.append(Demand(req.urgency is Urgency.HIGH, idx, score, facts.occupancy))
            kept.append((req, facts, ev, idx, values, points))
            if progress is not None and (done % 10 == 0 or done + 1 == total):
                progress(done + 1, total)
        if cancelled is not None and cancelled():
            raise ProposalCancelled()
        capacity = np.maximum(pool.max_assignments - pool.open_count, 0)
        solution = solve(demands, capacity)
        greedy_served = len(greedy(demands, capacity))

        rows, unserved = [], []
        active = pool.active_ok
        for r, (req, facts, ev, idx, values, points) in enumerate(kept):
            v = solution.chosen.get(r)
            if v is not None:
                pos = int(np.flatnonzero(idx == v)[0])
                rows.append(ProposalRow(
                    request_id=req.id, request_reference=req.reference, person=req.person, urgency=req.urgency,
                    volunteer_id=pool.ids[v], volunteer_reference=pool.references[v], volunteer_name=pool.names[v],
                    score=round(float(demands[r].scores[pos]), 1),
                    parts=part_lines(facts, pool, ev, v, values[:, pos], points[:, pos])))
                continue
            unserved.append(_unserved(req, ev, active, idx.size, RULE_ROW))
        unserved += [Unserved(req.id, req.reference, req.person, req.urgency, None, 0, _(
            "No consent of the family is recorded: record it before a volunteer is proposed.")) for req in blocked]
        return Proposal(rows=tuple(rows), unserved=tuple(unserved), seconds_total=time.perf_counter() - began,
                        seconds_solver=solution.seconds_solver, greedy_served=greedy_served)

    def apply(self, rows: Sequence[ProposalRow]) -> list[Assignment]:
        """The accepted rows as assignments, in one transaction (all or nothing)."""
        return self._requests.assign_many([(row.request_id, row.volunteer_id, row.score) for row in rows])


def _blockers(req: SupportRequest) -> tuple[str, ...]:
    """What stops the request from being assigned now, whoever fits."""
    from kommandesk.domain.requests import OPEN

    notes = []
    if req.status not in OPEN:
        notes.append(_("The request is {status}: open it again before you assign a volunteer.").format(
            status=req.status.label()))
    if req.consent is None:
        notes.append(_("No consent of the family is recorded: record it before you assign a volunteer."))
    return tuple(notes)


def _unserved(req: SupportRequest, ev, active, fitting: int, rule_row: dict) -> Unserved:
    """Why no one was proposed: the rule that excluded the most active volunteers, or that those who fit went to
    other requests."""
    if fitting:
        return Unserved(req.id, req.reference, req.person, req.urgency, None, 0, ngettext(
            "The one volunteer who fits is proposed for another request.",
            "The {count} volunteers who fit are proposed for other requests (more urgent ones first).",
            fitting).format(count=fitting))
    shown = ~ev.already
    total_active = int((active & shown).sum())
    if total_active == 0:
        total = int(shown.sum())
        return Unserved(req.id, req.reference, req.person, req.urgency, Rule.ACTIVE, total,
                        _("No volunteer fits: no volunteer is active with consent recorded."))
    best, count = None, -1
    for rule in RULES[1:]:
        failing = int((ev.fails[rule_row[rule]] & active & shown).sum())
        if failing > count:
            best, count = rule, failing
    return Unserved(req.id, req.reference, req.person, req.urgency, best, count, ngettext(
        "No volunteer fits: {excluded} of {total} active volunteer fails '{rule}'.",
        "No volunteer fits: {excluded} of {total} active volunteers fail '{rule}'.",
        total_active).format(excluded=count, total=total_active, rule=best.label()))
