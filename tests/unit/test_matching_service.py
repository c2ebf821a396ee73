"""The matching service over a real database: ranking, explaining, assigning with and without an override, the
pool kept until the data changes, the weights in the organisation record, and proposing for all requests."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.availability import Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.matching import Candidate, MatchWeights, NearMiss, Rule
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.requests import GenderPreference, RequestConsent, RequestStatus, SupportRequest, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Gender, Status, Volunteer
from kommandesk.services.matching import MatchingService, ProposalCancelled
from kommandesk.services.requests import RequestService
from kommandesk.services.volunteers import VolunteerService

TODAY = dt.date(2026, 3, 16)
TUESDAY = dt.date(2026, 3, 24)
ALL_WEEK = frozenset((day, period) for day in range(7) for period in Period)


@pytest.fixture
def volunteers(services) -> VolunteerService:
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


@pytest.fixture
def requests(services, volunteers) -> RequestService:
    return RequestService(services.store, volunteers, today=lambda: TODAY)


@pytest.fixture
def matching(services, requests, volunteers) -> MatchingService:
    services.organisation.save(Organisation(name="KI Köln"))
    return MatchingService(services.store, requests, volunteers)


@pytest.fixture
def area(volunteers) -> str:
    return next(a.id for a in volunteers.areas() if a.key == "escort")


@pytest.fixture
def add_volunteer(volunteers, area):
    def add(first: str, **changes) -> Volunteer:
        vol = Volunteer(first_name=first, last_name="Berg", gender=Gender.FEMALE, status=Status.ACTIVE,
                        postcode="50667", registered_on=TODAY,
                        consent=Consent(dt.date(2025, 1, 1), frozenset({ConsentPurpose.CONTACT}), "v1"),
                        languages=(LanguageSkill("prs", Level.C1),), areas=(area,),
                        availability=Availability(ALL_WEEK), max_assignments=1,
                        clearance=Clearance(dt.date(2025, 1, 10), dt.date(2025, 1, 20), "Ute",
                                            ClearanceResult.NO_RELEVANT_ENTRY))
        return volunteers.create(dataclasses.replace(vol, **changes), confirmed_duplicate=True)
    return add


@pytest.fixture
def add_request(requests, area):
    def add(person: str = "Farida", **changes) -> SupportRequest:
        req = SupportRequest(person=person, site="Heim Nord", area_id=area,
                             languages=(LanguageSkill("prs", Level.B1),), postcode="50667",
                             appointment=Appointment(TUESDAY, dt.time(9), dt.time(11)),
                             consent=RequestConsent(TODAY, "contact via the site"), received_on=TODAY)
        return requests.create(dataclasses.replace(req, **changes))
    return add


def test_rank_lists_candidates_near_misses_and_counts(matching, add_volunteer, add_request):
    anna = add_volunteer("Anna")
    paula = add_volunteer("Paula", languages=(LanguageSkill("prs", Level.A2),))
    add_volunteer("Gone", status=Status.INACTIVE, languages=())
    req = add_request()
    result = matching.rank(req.id)
    assert result.reference == req.reference and result.notes == ()
    assert [c.volunteer_id for c in result.candidates] == [anna.id]
    assert result.candidates[0].name == "Anna Berg" and result.candidates[0].reference == anna.reference
    assert [(m.volunteer_id, m.rule, m.reason) for m in result.near_misses] == [
        (paula.id, Rule.LANGUAGE, "speaks Dari A2 (needed B1)")]
    assert result.excluded[Rule.LANGUAGE] == 2 and result.excluded[Rule.ACTIVE] == 1
    line = next(p for p in result.candidates[0].parts if p.part.value == "distance")
    assert line.text == "0 km away"


def test_an_unknown_postcode_is_a_note_not_a_failure(matching, add_volunteer, add_request):
    add_volunteer("Anna", travel_radius_km=5)
    result = matching.rank(add_request(postcode="99999").id)
    assert result.notes == ("The postcode 99999 is not in the table: distances are unknown.",)
    assert result.total_candidates == 1
    assert next(p for p in result.candidates[0].parts if p.part.value == "distance").text == "distance unknown"
    assert matching.rank(add_request("Olga", postcode="").id).notes == (
        "The request has no postcode: distances are unknown.",)


def test_an_unknown_request_is_a_clear_error(matching):
    with pytest.raises(KommanDeskError):
        matching.rank("no-such-request")


def test_explain_one_volunteer(matching, add_volunteer, add_request):
    anna = add_volunteer("Anna")
    ben = add_volunteer("Ben", gender=Gender.MALE, status=Status.PAUSED)
    paula = add_volunteer("Paula", status=Status.PAUSED)
    req = add_request(gender=GenderPreference.FEMALE)
    assert isinstance(matching.explain(req.id, anna.id), Candidate)
    miss = matching.explain(req.id, paula.id)
    assert isinstance(miss, NearMiss) and miss.reason == "not active (paused)"
    assert matching.explain(req.id, ben.id) == ["not active (paused)", "the family asked for a woman"]
    archived = add_volunteer("Archie")
    matching._volunteers.archive(archived.id, "moved away")
    assert matching.explain(req.id, archived.id) == ["not active (archived)"]


def test_assign_a_candidate_records_the_score(matching, requests, add_volunteer, add_request):
    anna = add_volunteer("Anna")
    req = add_request()
    expected = matching.rank(req.id).candidates[0].score
    assignment = matching.assign(req.id, anna.id)
    assert assignment.status is AssignmentStatus.PROPOSED and assignment.score == pytest.approx(expected, abs=0.01)
    assert assignment.override_rule is None
    assert requests.get(req.id).status is RequestStatus.ASSIGNED


def test_assign_despite_a_rule_needs_a_reason_and_records_it(matching, requests, add_volunteer, add_request):
    paula = add_volunteer("Paula", languages=(LanguageSkill("prs", Level.A2),))
    req = add_request()
    with pytest.raises(ValidationError) as caught:
        matching.assign(req.id, paula.id, override_reason="  ")
    assert caught.value.errors == {
        "override_reason": "Write why you assign despite: speaks Dari A2 (needed B1)."}
    assert requests.assignments_of_request(req.id) == []  # nothing half-saved
    assert requests.get(req.id).status is RequestStatus.NEW
    assignment = matching.assign(req.id, paula.id, override_reason="Her Dari is good enough for this visit.")
    assert assignment.override_rule == Rule.LANGUAGE.value
    assert assignment.override_reason == "Her Dari is good enough for this visit."
    assert assignment.score is not None


def test_assigning_twice_is_refused(matching, add_volunteer, add_request):
    anna = add_volunteer("Anna", max_assignments=3)
    req = add_request()
    matching.assign(req.id, anna.id)
    with pytest.raises(KommanDeskError):
        matching.assign(req.id, anna.id, override_reason="again")
    # and the volunteer already on it is not offered again
    result = matching.rank(req.id)
    assert result.total_candidates == 0 and result.notes[-1] == (
        "1 volunteer already assigned to this request is not listed.")


def test_the_pool_is_kept_until_the_database_changes(matching, add_volunteer, add_request):
    add_volunteer("Anna")
    req = add_request()
    first = matching.pool()
    assert matching.pool() is first
    matching.rank(req.id)
    assert matching.pool() is first
    berta = add_volunteer("Berta")
    second = matching.pool()
    assert second is not first and second.n == 2
    assert matching.rank(req.id).total_candidates == 2
    matching.assign(req.id, berta.id)  # only assignments changed: the profiles' columns are reused
    third = matching.pool()
    assert third is not second and third.slots is second.slots
    assert third.open_count.tolist() == [0, 1]
    matching._volunteers.change_status(berta.id, Status.PAUSED, "holiday")  # a profile changed: all read again
    fourth = matching.pool()
    assert fourth.slots is not third.slots and fourth.active_ok.tolist() == [True, False]


def test_an_assignment_takes_the_place_and_the_time(matching, add_volunteer, add_request):
    anna = add_volunteer("Anna", max_assignments=2)
    first = add_request()
    second = add_request("Olga", appointment=Appointment(TUESDAY, dt.time(10), dt.time(12)))
    matching.assign(first.id, anna.id)
    miss = matching.explain(second.id, anna.id)
    assert isinstance(miss, NearMiss) and miss.reason == f"busy with {first.reference} at the same time"


def test_weights_are_saved_in_the_organisation(matching):
    assert matching.weights() == MatchWeights()
    saved = matching.save_weights(MatchWeights(language=5, distance=0, experience=1, trainings=0, workload=2,
                                               continuity=3))
    assert matching.weights() == saved and saved.language == 5.0


def test_bad_weights_are_refused_with_nothing_saved(matching):
    with pytest.raises(ValidationError) as caught:
        matching.save_weights(dataclasses.replace(MatchWeights(), distance=12))
    assert caught.value.errors == {"distance": "Between 0 and 10, please."}
    with pytest.raises(ValidationError) as caught:
        matching.save_weights(MatchWeights(0, 0, 0, 0, 0, 0))
    assert len(caught.value.errors) == 6
    assert matching.weights() == MatchWeights()


def test_weights_need_the_organisation_record(services, requests, volunteers):
    service = MatchingService(services.store, requests, volunteers)
    assert service.weights() == MatchWeights()
    with pytest.raises(KommanDeskError):
        service.save_weights(MatchWeights(language=3))


def test_propose_all_serves_urgent_first_and_names_why_others_are_not(matching, requests, add_volunteer,
                                                                     add_request):
    anna = add_volunteer("Anna")
    normal = add_request("Farida")
    urgent = add_request("Zahra", urgency=Urgency.HIGH, appointment=Appointment(TUESDAY, dt.time(14), dt.time(15)))
    arabic = add_request("Omar", languages=(LanguageSkill("ar", Level.B1),))
    seen = []
    proposal = matching.propose_all(progress=lambda done, total: seen.append((done, total)))
    assert [(row.request_id, row.volunteer_id) for row in proposal.rows] == [(urgent.id, anna.id)]
    assert proposal.rows[0].parts and proposal.rows[0].urgency is Urgency.HIGH
    unserved = {u.request_id: u for u in proposal.unserved}
    assert unserved[normal.id].rule is None
    assert unserved[normal.id].reason == "The one volunteer who fits is proposed for another request."
    assert unserved[arabic.id].rule is Rule.LANGUAGE and unserved[arabic.id].excluded == 1
    assert unserved[arabic.id].reason == "No volunteer fits: 1 of 1 active volunteer fails 'speaks a needed language'."
    assert seen[-1] == (3, 3)
    assert proposal.greedy_served == 1 and proposal.seconds_solver <= proposal.seconds_total
    assert requests.assignments_of_request(urgent.id) == []  # nothing written until applied
    made = matching.apply(proposal.rows)
    assert [a.volunteer_id for a in made] == [anna.id]
    assert requests.get(urgent.id).status is RequestStatus.ASSIGNED


def test_propose_all_can_be_cancelled(matching, add_volunteer, add_request):
    add_volunteer("Anna")
    add_request()
    with pytest.raises(ProposalCancelled):
        matching.propose_all(cancelled=lambda: True)


def test_propose_all_on_a_worker_thread_opens_its_own_connection(matching, paths, add_volunteer, add_request):
    import threading

    anna = add_volunteer("Anna")
    req = add_request()
    found = {}
    worker = threading.Thread(target=lambda: found.update(proposal=matching.propose_all(paths=paths)))
    worker.start()
    worker.join()
    proposal = found["proposal"]
    assert [(row.request_id, row.volunteer_id) for row in proposal.rows] == [(req.id, anna.id)]


def test_a_pool_read_on_a_worker_thread_is_adopted_and_ranks_like_one_read_here(tmp_path):
    """The Matching page reads the pool on a worker thread (its own connection) so the first ranking is quick."""
    import threading

    from kommandesk.paths import Paths
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill
    from kommandesk.services.volunteers import VolunteerQuery

    paths = Paths(tmp_path / "data", tmp_path / "config")
    paths.ensure()
    services = Services.open(paths)
    try:
        fill(services, seed=3, volunteers=60)
        request_id = services.requests.unassigned()[0].id
        loaded = {}
        worker = threading.Thread(target=lambda: loaded.update(result=services.matching.load_pool(paths)))
        worker.start()
        worker.join()
        assert services.matching.needs_reading()
        assert services.matching.adopt_pool(*loaded["result"])
        assert not services.matching.needs_reading()
        assert not services.matching.adopt_pool(*loaded["result"])  # one is current: a second is not taken
        adopted = services.matching.rank(request_id)
        fresh = Services.open(paths)
        try:
            assert adopted == fresh.matching.rank(request_id)
        finally:
            fresh.close()
        vol = services.volunteers.get(services.volunteers.page(VolunteerQuery(), 0, 1)[0].id)
        stale = services.matching.load_pool(paths)
        services.volunteers.update(dataclasses.replace(vol, notes="moved to Bonn"))
        assert services.matching.needs_reading()  # a profile changed: read again ...
        assert not services.matching.adopt_pool(*stale)  # ... and a pool read before the change is not taken
    finally:
        services.close()


def test_a_request_without_consent_is_ranked_with_a_note_and_not_proposed(matching, add_volunteer, add_request):
    """Nothing of the family may be passed to a volunteer before their consent is recorded."""
    anna = add_volunteer("Anna")
    waiting = add_request("Omid", consent=None)
    result = matching.rank(waiting.id)
    assert [c.volunteer_id for c in result.candidates] == [anna.id]  # who would fit is shown ...
    assert result.notes == ("No consent of the family is recorded: record it before you assign a volunteer.",)
    proposal = matching.propose_all()  # ... but the run proposes no one
    assert proposal.rows == ()
    assert [(u.request_id, u.reason) for u in proposal.unserved] == [
        (waiting.id, "No consent of the family is recorded: record it before a volunteer is proposed.")]


def test_a_closed_request_says_so_when_ranked(matching, requests, add_volunteer, add_request):
    add_volunteer("Anna")
    req = add_request()
    requests.change_status(req.id, RequestStatus.CANCELLED, "family moved away")
    assert matching.rank(req.id).notes[0] == "The request is cancelled: open it again before you assign a volunteer."


def test_a_completed_course_tagged_with_the_request_s_area_gives_trainings_points(
        matching, services, volunteers, add_volunteer, add_request, area):
    from kommandesk.domain.trainings import Course, CourseStatus, Presence, Session
    from kommandesk.services.trainings import TrainingService

    anna, berta = add_volunteer("Anna"), add_volunteer("Berta")
    req = add_request()
    before = {c.volunteer_id: c for c in matching.rank(req.id).candidates}
    trainings = TrainingService(services.store, volunteers, today=lambda: TODAY, user=lambda: "Ute")
    other_area = next(a.id for a in volunteers.areas() if a.id != area)
    for title, areas in (("Begleitung", (area,)), ("Anderes", (other_area,))):
        course = trainings.create_course(Course(title=title, areas=areas, status=CourseStatus.OPEN))
        session = trainings.add_session(Session(course.id, TODAY, dt.time(9), dt.time(12), place=title))
        registration = trainings.register(course.id, anna.id)
        trainings.record(session.id, registration.id, Presence.PRESENT)
        trainings.complete_course(course.id)
    after = {c.volunteer_id: c for c in matching.rank(req.id).candidates}  # the pool is read again

    def part(candidate):
        return next(p for p in candidate.parts if p.part.value == "trainings")

    assert part(before[anna.id]).points == 0 and part(after[berta.id]).points == 0
    assert part(after[anna.id]).points > 0 and part(after[anna.id]).text == "1 relevant training completed"
    assert after[anna.id].score > before[anna.id].score
