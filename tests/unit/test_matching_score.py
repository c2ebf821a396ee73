"""The score: each part's value and text, the weights, and the order of the candidates."""

from __future__ import annotations

import dataclasses

import pytest

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.matching import Candidate, MatchWeights, Part, validate_weights
from kommandesk.domain.matching.rank import explain_one, rank
from kommandesk.domain.matching.score import facts_of

from tests.unit.matching_helpers import AREA, BONN, COLOGNE, TODAY, held, pool_of, request, volunteer


def candidate(req, vol, *, coordinates=None, assignments=(), trainings=None, weights=MatchWeights(),
              place=COLOGNE) -> Candidate:
    pool = pool_of([vol], coordinates, assignments, trainings)
    found = explain_one(facts_of(req, place, TODAY), pool, weights, 0)
    assert isinstance(found, Candidate), found
    return found


def line(found: Candidate, part: Part):
    return next(p for p in found.parts if p.part is part)


@pytest.mark.parametrize("level,value,text", [
    (Level.B1, 0.0, "speaks Dari B1 (needed B1)"),
    (Level.C1, 2 / 3, "speaks Dari C1 (needed B1)"),
    (Level.NATIVE, 1.0, "speaks Dari as a native speaker (needed B1)"),
])
def test_language_part_rewards_a_level_above_the_minimum(level, value, text):
    part = line(candidate(request(), volunteer(languages=(LanguageSkill("prs", level),))), Part.LANGUAGE)
    assert part.value == pytest.approx(value, abs=1e-3) and part.text == text


def test_language_part_takes_the_best_needed_language_and_is_full_without_one():
    req = request(languages=(LanguageSkill("prs", Level.B1), LanguageSkill("fa", Level.A2)))
    vol = volunteer(languages=(LanguageSkill("prs", Level.B1), LanguageSkill("fa", Level.C2)))
    part = line(candidate(req, vol), Part.LANGUAGE)
    assert part.value == 1.0 and part.text == "speaks Persian C2 (needed A2)"
    part = line(candidate(request(languages=()), volunteer()), Part.LANGUAGE)
    assert part.value == 1.0 and part.text == "no language needed"


def test_distance_part():
    vol = volunteer(travel_radius_km=50)
    part = line(candidate(request(), vol, coordinates={vol.id: BONN}), Part.DISTANCE)
    assert part.value == pytest.approx(1 - 24.8 / 50, abs=0.01) and part.text == "24.8 km away"
    free = volunteer(travel_radius_km=None)
    part = line(candidate(request(), free, coordinates={free.id: BONN}), Part.DISTANCE)
    assert part.value == pytest.approx(1 - 24.8 / 25, abs=0.01)  # 25 km scale without a radius
    here = line(candidate(request(), free, coordinates={free.id: COLOGNE}), Part.DISTANCE)
    assert here.value == 1.0 and here.text == "0 km away"
    unknown = line(candidate(request(), free, coordinates={}), Part.DISTANCE)
    assert unknown.value == 0.5 and unknown.text == "distance unknown"


def test_experience_part():
    listed = line(candidate(request(), volunteer()), Part.EXPERIENCE)
    assert listed.value == 0.5 and listed.text == "offers this area of help"
    vol = volunteer(areas=())
    nothing = line(candidate(request(), vol), Part.EXPERIENCE)
    assert nothing.value == 0 and nothing.text == "no experience in this area of help recorded"
    past = [held(vol, request(id=f"old-{n}", reference=f"A-2025-{n:04d}", person=f"P{n}"), AssignmentStatus.COMPLETED)
            for n in range(3)]
    done = line(candidate(request(), vol, assignments=past), Part.EXPERIENCE)
    assert done.value == pytest.approx(0.3) and done.text == "completed 3 assignments in this area of help"
    vol = volunteer()
    many = [held(vol, request(id=f"old-{n}", reference=f"A-2025-{n:04d}", person=f"P{n}"), AssignmentStatus.COMPLETED)
            for n in range(7)]
    full = line(candidate(request(), vol, assignments=many), Part.EXPERIENCE)
    assert full.value == 1.0  # 0.5 + at most 5 completed / 10
    assert full.text == "offers this area of help and completed 7 assignments in it"
    other_area = [held(vol, request(id="x", reference="A-2025-0100", area_id="area-other", person="Q"),
                       AssignmentStatus.COMPLETED)]
    assert line(candidate(request(), vol, assignments=other_area), Part.EXPERIENCE).value == 0.5


def test_trainings_part_is_zero_until_trainings_are_recorded():
    vol = volunteer()
    none = line(candidate(request(), vol), Part.TRAININGS)
    assert none.value == 0 and none.text == "no relevant trainings recorded"
    some = line(candidate(request(), vol, trainings={AREA: {vol.id: 2}}), Part.TRAININGS)
    assert some.value == pytest.approx(2 / 3, abs=1e-3) and some.text == "2 relevant trainings completed"


def test_workload_part():
    vol = volunteer(max_assignments=4)
    idle = line(candidate(request(), vol), Part.WORKLOAD)
    assert idle.value == 1.0 and idle.text == "no current assignments"
    busy = [held(vol, request(id=f"b{n}", reference=f"A-2026-01{n:02d}", appointment=None, person=f"B{n}"))
            for n in range(2)]
    part = line(candidate(request(), vol, assignments=busy), Part.WORKLOAD)
    assert part.value == 0.5 and part.text == "2 current assignments"


def test_continuity_part_for_the_same_family():
    vol = volunteer()
    before = request(id="old", reference="A-2025-0031", appointment=None)  # same person and site
    part = line(candidate(request(), vol, assignments=[held(vol, before, AssignmentStatus.COMPLETED)]),
                Part.CONTINUITY)
    assert part.value == 1.0 and part.text == "helped this family before (A-2025-0031)"
    declined = [held(vol, before, AssignmentStatus.DECLINED)]
    part = line(candidate(request(), vol, assignments=declined), Part.CONTINUITY)
    assert part.value == 0 and part.text == "has not helped this family before"
    elsewhere = request(id="old2", reference="A-2025-0032", site="Heim Süd", appointment=None)
    assert line(candidate(request(), vol, assignments=[held(vol, elsewhere, AssignmentStatus.COMPLETED)]),
                Part.CONTINUITY).value == 0


def test_score_is_the_weighted_mean_and_points_add_up():
    found = candidate(request(), volunteer(), coordinates={})
    weights = MatchWeights()
    total = sum(weights.of(p) for p in Part)
    expected = 100 * sum(weights.of(p.part) * p.value for p in found.parts) / total
    assert found.score == pytest.approx(expected, abs=0.05)
    assert sum(p.points for p in found.parts) == pytest.approx(found.score, abs=0.1)
    assert [p.part for p in found.parts] == list(Part)


def test_weights_change_the_order():
    near = volunteer("Nahe", languages=(LanguageSkill("prs", Level.B1),))
    fluent = volunteer("Flink", languages=(LanguageSkill("prs", Level.NATIVE),))
    coordinates = {near.id: COLOGNE, fluent.id: BONN}
    pool = pool_of([near, fluent], coordinates)
    facts = facts_of(request(), COLOGNE, TODAY)
    by_distance = rank(facts, pool, MatchWeights(language=0, distance=10, experience=0, trainings=0, workload=0,
                                                 continuity=0))
    by_language = rank(facts, pool, MatchWeights(language=10, distance=0, experience=0, trainings=0, workload=0,
                                                 continuity=0))
    assert [c.volunteer_id for c in by_distance.candidates] == [near.id, fluent.id]
    assert [c.volunteer_id for c in by_language.candidates] == [fluent.id, near.id]
    assert by_language.candidates[0].score == 100.0


def test_near_misses_carry_the_score_they_would_have():
    from kommandesk.domain.volunteers import Status

    pool = pool_of([volunteer(status=Status.PAUSED)])
    result = rank(facts_of(request(), COLOGNE, TODAY), pool, MatchWeights())
    assert result.near_misses[0].score > 0


@pytest.mark.parametrize("changes,field", [
    (dict(language=11), "language"), (dict(distance=-1), "distance"), (dict(workload=float("nan")), "workload"),
    (dict(trainings="2"), "trainings"), (dict(continuity=True), "continuity"),
])
def test_weights_outside_0_to_10_are_refused(changes, field):
    errors = validate_weights(dataclasses.replace(MatchWeights(), **changes))
    assert errors == {field: "Between 0 and 10, please."}


def test_all_weights_zero_is_refused_on_every_field():
    errors = validate_weights(MatchWeights(0, 0, 0, 0, 0, 0))
    assert set(errors) == {p.value for p in Part}
    assert errors["language"] == "At least one weight must be above 0."
    assert validate_weights(MatchWeights(0, 0, 0, 0, 0, 0.5)) == {}


def test_weights_from_stored_values_fall_back_to_defaults():
    assert MatchWeights.from_dict({"language": 5, "distance": "x", "other": 3}) == dataclasses.replace(
        MatchWeights(), language=5.0)
    assert MatchWeights.from_dict({p.value: 0 for p in Part}) == MatchWeights()
    assert MatchWeights.from_dict([]) == MatchWeights()
