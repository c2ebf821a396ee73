"""The hard rules of matching: each passes and fails, and a failure names itself with figures."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.matching import Candidate, MatchWeights, NearMiss, Part, Rule
from kommandesk.domain.matching.rank import explain_one, rank
from kommandesk.domain.matching.score import evaluate, facts_of
from kommandesk.domain.requests import GenderPreference
from kommandesk.domain.schedule import Appointment, Recurrence
from kommandesk.domain.volunteers import Gender, Status

from tests.unit.matching_helpers import BONN, COLOGNE, TODAY, TUESDAY, held, pool_of, request, volunteer


def judge(req, vol, *, others=(), coordinates=None, assignments=(), place=COLOGNE):
    pool = pool_of([vol, *others], coordinates, assignments)
    facts = facts_of(req, place, TODAY)
    return explain_one(facts, pool, MatchWeights(), pool.position(vol.id))


def failed(req, vol, **kwargs) -> tuple[Rule, str]:
    verdict = judge(req, vol, **kwargs)
    assert isinstance(verdict, NearMiss), verdict
    return verdict.rule, verdict.reason


def test_a_volunteer_who_fits_everything_is_a_candidate():
    assert isinstance(judge(request(), volunteer()), Candidate)


@pytest.mark.parametrize("changes,reason", [
    (dict(status=Status.PAUSED), "not active (paused)"),
    (dict(consent=None), "no consent recorded"),
])
def test_active_with_consent(changes, reason):
    assert failed(request(), volunteer(**changes)) == (Rule.ACTIVE, reason)


def test_language_at_the_level_or_above_and_alternatives():
    req = request(languages=(LanguageSkill("prs", Level.B1), LanguageSkill("fa", Level.B2)))
    assert isinstance(judge(req, volunteer(languages=(LanguageSkill("fa", Level.B2),))), Candidate)
    assert isinstance(judge(req, volunteer(languages=(LanguageSkill("prs", Level.NATIVE),))), Candidate)
    assert failed(request(), volunteer(languages=(LanguageSkill("prs", Level.A2),))) == (
        Rule.LANGUAGE, "speaks Dari A2 (needed B1)")
    rule, reason = failed(request(), volunteer(languages=(LanguageSkill("ar", Level.C2),)))
    assert (rule, reason) == (Rule.LANGUAGE, "speaks none of the needed languages (Dari)")


def test_no_language_needed_passes_everyone():
    assert isinstance(judge(request(languages=()), volunteer(languages=())), Candidate)


def test_clearance_only_when_children_are_involved():
    none = volunteer(clearance=Clearance())
    assert isinstance(judge(request(children=False), none), Candidate)
    assert failed(request(children=True), none) == (Rule.CLEARANCE, "no clearance recorded")
    relevant = volunteer(clearance=Clearance(dt.date(2025, 1, 10), dt.date(2025, 1, 20), "Ute",
                                             ClearanceResult.RELEVANT_ENTRY))
    assert failed(request(children=True), relevant) == (Rule.CLEARANCE, "the clearance shows a relevant entry")
    assert isinstance(judge(request(children=True), volunteer()), Candidate)


def test_clearance_expired_or_expiring_within_the_period():
    expired = volunteer(clearance=Clearance(dt.date(2021, 3, 3), dt.date(2021, 3, 10), "Ute",
                                            ClearanceResult.NO_RELEVANT_ENTRY))
    assert failed(request(children=True), expired) == (Rule.CLEARANCE, "clearance expired on Mar 3, 2026")
    expiring = volunteer(clearance=Clearance(dt.date(2021, 5, 1), dt.date(2021, 5, 10), "Ute",
                                             ClearanceResult.NO_RELEVANT_ENTRY))
    weekly = request(children=True, appointment=None,
                     recurrence=Recurrence(frozenset({(1, Period.MORNING)}), TUESDAY, dt.date(2026, 6, 30)))
    assert failed(weekly, expiring) == (
        Rule.CLEARANCE, "clearance expires on May 1, 2026, before the help ends (Jun 30, 2026)")
    # the same certificate is enough for the single appointment before it expires
    assert isinstance(judge(request(children=True), expiring), Candidate)


def test_availability_weekly_grid_and_by_arrangement():
    mornings_only = volunteer(availability=Availability(frozenset({(1, Period.MORNING)})))
    assert isinstance(judge(request(), mornings_only), Candidate)
    late = request(appointment=Appointment(TUESDAY, dt.time(11, 0), dt.time(13, 0)))  # morning and afternoon
    assert failed(late, mornings_only) == (Rule.AVAILABILITY, "not available on Tuesday afternoon")
    assert isinstance(judge(late, volunteer(availability=Availability(by_arrangement=True))), Candidate)


def test_availability_absences():
    away = volunteer(availability=Availability(frozenset({(1, Period.MORNING)}), absences=(
        Absence(dt.date(2026, 3, 16), dt.date(2026, 3, 20)),)))
    assert failed(request(), away) == (Rule.AVAILABILITY, "absent from Mar 16, 2026 to Mar 20, 2026")
    later = volunteer(availability=Availability(frozenset({(1, Period.MORNING)}), absences=(
        Absence(dt.date(2026, 4, 1), dt.date(2026, 4, 30)),)))
    assert isinstance(judge(request(), later), Candidate)
    weekly = request(appointment=None, recurrence=Recurrence(frozenset({(1, Period.MORNING)}), dt.date(2026, 3, 10)))
    assert failed(weekly, away)[0] is Rule.AVAILABILITY  # the second Tuesday falls in the absence
    assert isinstance(judge(weekly, later), Candidate)  # absences after the first 14 days do not count


def test_no_fixed_time_needs_no_availability():
    nobody = volunteer(availability=Availability(absences=(Absence(dt.date(2026, 3, 1), dt.date(2026, 12, 31)),)))
    assert isinstance(judge(request(appointment=None), nobody), Candidate)


def test_gender_preference():
    assert isinstance(judge(request(gender=GenderPreference.FEMALE), volunteer(gender=Gender.FEMALE)), Candidate)
    assert isinstance(judge(request(gender=GenderPreference.ANY), volunteer(gender=Gender.MALE)), Candidate)
    assert failed(request(gender=GenderPreference.FEMALE), volunteer(gender=Gender.MALE)) == (
        Rule.GENDER, "the family asked for a woman")
    assert failed(request(gender=GenderPreference.MALE), volunteer(gender=Gender.DIVERSE)) == (
        Rule.GENDER, "the family asked for a man")


def test_distance_within_the_travel_radius():
    vol = volunteer(travel_radius_km=10)
    assert isinstance(judge(request(), vol, coordinates={vol.id: COLOGNE}), Candidate)
    rule, reason = failed(request(), vol, coordinates={vol.id: BONN})
    assert rule is Rule.DISTANCE
    assert reason == "24.8 km away (travels up to 10 km)"
    assert isinstance(judge(request(), vol, coordinates={}), Candidate)  # the volunteer's place unknown
    assert isinstance(judge(request(), vol, coordinates={vol.id: BONN}, place=None), Candidate)  # the request's
    no_limit = volunteer(travel_radius_km=None)
    assert isinstance(judge(request(), no_limit, coordinates={no_limit.id: BONN}), Candidate)


def test_capacity():
    vol = volunteer(max_assignments=1)
    other = request(id="req-9", reference="A-2026-0009", appointment=None)
    assert failed(request(), vol, assignments=[held(vol, other)]) == (
        Rule.CAPACITY, "already has 1 of 1 assignments")
    closed = [held(vol, other, AssignmentStatus.COMPLETED), held(vol, other, AssignmentStatus.DECLINED)]
    assert isinstance(judge(request(), vol, assignments=closed), Candidate)
    assert failed(request(), volunteer(max_assignments=0)) == (Rule.CAPACITY, "already has 0 of 0 assignments")


def test_overlap_with_an_open_assignment():
    vol = volunteer(max_assignments=3)
    same_time = request(id="req-7", reference="A-2026-0007", appointment=Appointment(TUESDAY, dt.time(10), dt.time(12)))
    assert failed(request(), vol, assignments=[held(vol, same_time)]) == (
        Rule.OVERLAP, "busy with A-2026-0007 at the same time")
    after = request(id="req-8", reference="A-2026-0008", appointment=Appointment(TUESDAY, dt.time(11), dt.time(12)))
    assert isinstance(judge(request(), vol, assignments=[held(vol, after)]), Candidate)
    weekly = request(id="req-6", reference="A-2026-0006", appointment=None,
                     recurrence=Recurrence(frozenset({(1, Period.MORNING)}), dt.date(2026, 3, 1)))
    assert failed(request(), vol, assignments=[held(vol, weekly)]) == (
        Rule.OVERLAP, "busy with A-2026-0006 at the same time")
    done = [held(vol, same_time, AssignmentStatus.COMPLETED)]
    assert isinstance(judge(request(), vol, assignments=done), Candidate)


def test_two_failed_rules_give_every_reason():
    verdict = judge(request(gender=GenderPreference.MALE), volunteer(status=Status.PAUSED))
    assert verdict == ["not active (paused)", "the family asked for a man"]


def test_near_misses_fail_exactly_one_rule_and_excluded_counts_each_rule():
    fits = volunteer("Anna")
    paused = volunteer("Paula", status=Status.PAUSED)
    weak = volunteer("Wanda", languages=(LanguageSkill("prs", Level.A1),))
    both = volunteer("Berta", status=Status.PAUSED, languages=())
    pool = pool_of([fits, paused, weak, both])
    result = rank(facts_of(request(), COLOGNE, TODAY), pool, MatchWeights())
    assert [c.volunteer_id for c in result.candidates] == [fits.id]
    assert result.total_candidates == 1
    assert {m.volunteer_id: m.rule for m in result.near_misses} == {paused.id: Rule.ACTIVE, weak.id: Rule.LANGUAGE}
    assert result.total_near_misses == 2
    assert result.excluded[Rule.ACTIVE] == 2 and result.excluded[Rule.LANGUAGE] == 2
    assert result.excluded[Rule.GENDER] == 0


def test_limits_cut_the_lists_but_not_the_totals():
    vols = [volunteer(f"V{n}") for n in range(5)] + [volunteer(f"P{n}", status=Status.PAUSED) for n in range(4)]
    result = rank(facts_of(request(), COLOGNE, TODAY), pool_of(vols), MatchWeights(), limit=2, near_limit=3)
    assert len(result.candidates) == 2 and result.total_candidates == 5
    assert len(result.near_misses) == 3 and result.total_near_misses == 4


def test_the_rule_matrix_marks_every_volunteer():
    vols = [volunteer(), volunteer(status=Status.PAUSED, gender=Gender.MALE)]
    ev = evaluate(facts_of(request(gender=GenderPreference.FEMALE), COLOGNE, TODAY), pool_of(vols))
    assert ev.fails.shape == (len(Rule), 2)
    assert ev.nfail.tolist() == [0, 2]
    assert ev.failed(1) == [Rule.ACTIVE, Rule.GENDER]


def test_archived_volunteers_are_not_in_the_pool():
    gone = volunteer(status=Status.ARCHIVED)
    assert pool_of([gone, volunteer()]).position(gone.id) is None


def test_rule_labels_are_short_sentences():
    assert Rule.LANGUAGE.label() == "speaks a needed language"
    assert all(rule.label() for rule in Rule)


def test_a_request_without_an_id_is_checked_too():
    req = dataclasses.replace(request(), id=None, reference=None)
    assert isinstance(judge(req, volunteer()), Candidate)


def test_the_explanations_are_in_the_coordinators_language(german):
    """The same judgement reads in German once German is chosen (rule names, reasons, score parts, dates)."""
    expired = volunteer(clearance=Clearance(dt.date(2021, 3, 3), dt.date(2021, 3, 10), "Ute",
                                            ClearanceResult.NO_RELEVANT_ENTRY))
    assert failed(request(children=True), expired) == (Rule.CLEARANCE, "Führungszeugnis am 03.03.2026 abgelaufen")
    assert failed(request(), volunteer(languages=(LanguageSkill("prs", Level.A2),))) == (
        Rule.LANGUAGE, "spricht Dari A2 (benötigt: B1)")
    assert Rule.LANGUAGE.label() == "spricht eine benötigte Sprache"
    parts = {line.part: line.text for line in judge(request(), volunteer()).parts}
    assert parts[Part.LANGUAGE] == "spricht Dari C1 (benötigt: B1)"
    assert parts[Part.WORKLOAD] == "keine laufenden Vermittlungen"
    assert parts[Part.CONTINUITY] == "hat dieser Familie noch nicht geholfen"
