"""Demo support requests with assignments and hours: pseudonymised (a first name or initials), at shelters in
NRW, needing the languages refugees speak, at appointments in the coming weeks or weekly times.

Every request passes the service's validation; every status has requests, and assignments come in every status
(a declined or cancelled one before a request went back to matching, active ones with hours logged). The same
seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from kommandesk.services.demo.pools import FIRST_NAMES, NRW_PLACES

# origin of the person or family -> (first-name pool, languages they speak: the first is the one needed most)
ORIGINS: tuple[tuple[str, str, tuple[str, ...], float], ...] = (
    ("syria", "arabic", ("ar", "ku"), 22),
    ("afghanistan_dari", "persian", ("prs", "fa"), 14),
    ("afghanistan_pashto", "persian", ("ps", "prs"), 5),
    ("iran", "persian", ("fa",), 6),
    ("ukraine", "ukrainian", ("uk", "ru"), 20),
    ("iraq", "kurdish", ("ku", "ar"), 9),
    ("turkey", "turkish", ("tr", "ku"), 9),
    ("eritrea", "tigrinya", ("ti", "ar"), 7),
    ("somalia", "arabic", ("so", "ar"), 4),
    ("russia", "russian", ("ru",), 4),
)
SITES = (
    "Unterkunft Lindenstraße", "ZUE Bielefeld", "ZUE Mönchengladbach", "EAE Bochum", "ZUE Wickede",
    "Gemeinschaftsunterkunft Kaiserstraße", "Übergangswohnheim Hüttenstraße", "Unterkunft Am Bahnhof",
    "ZUE Düsseldorf-Lichtenbroich", "Unterkunft Ölmühlenweg", "Wohnung (privat)", "Flüchtlingsheim Weststraße",
)
CONTACT_NAMES = ("Yılmaz", "Schneider", "Kowalski", "Becker", "Haddad", "Hoffmann", "Nowak", "Özdemir", "Wagner")
# area key -> weight, how the help is timed, German descriptions
AREAS: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "escort": (5, "appointment", ("Termin bei der Ausländerbehörde, Begleitung und Sprachmittlung.",
                                  "Arzttermin (Kinderarzt), Begleitung gewünscht.", "Termin beim Jobcenter.")),
    "interpreting": (4, "appointment", ("Elterngespräch in der Schule, Sprachmittlung.",
                                        "Gespräch beim Sozialamt, Unterlagen mitbringen.")),
    "language_mentoring": (4, "weekly", ("Deutsch üben im Alltag, einmal pro Woche.",
                                         "Sprachpatenschaft, gern mit Spaziergang.")),
    "homework": (4, "weekly", ("Hausaufgabenhilfe für zwei Kinder (3. und 5. Klasse).",
                               "Lernhilfe Mathe, 8. Klasse.")),
    "housing": (3, "none", ("Suche nach einer Wohnung, Hilfe bei Bewerbungen.",
                            "Wohnungsbesichtigungen begleiten, WBS-Antrag.")),
    "work_training": (2, "none", ("Lebenslauf und Bewerbungen für eine Ausbildung.",
                                  "Anerkennung des Berufsabschlusses (Pflege).")),
    "childcare": (2, "weekly", ("Kinderbetreuung während des Integrationskurses.",)),
    "leisure_sport": (2, "weekly", ("Anschluss an einen Sportverein (Fußball) für den Sohn.",)),
    "everyday": (3, "weekly", ("Einkaufen, Bankkonto, Briefe verstehen.", "Alltagsbegleitung, Post und Anträge.")),
    "donations": (1, "none", ("Möbel für die erste Wohnung.", "Kinderwagen und Winterkleidung.")),
}
CHILDREN_AREAS = ("homework", "childcare")
STATUS_WEIGHTS = (("new", 22), ("matching", 15), ("assigned", 20), ("active", 22), ("completed", 13),
                  ("cancelled", 8))
# the first requests: every request status, and assignments in every status (the last one's status or None)
FIRST: tuple[tuple[str, str | None], ...] = (
    ("active", "active"), ("completed", "completed"), ("assigned", "proposed"), ("matching", "declined"),
    ("new", None), ("cancelled", "cancelled"), ("assigned", "accepted"), ("matching", None), ("active", "active"),
    ("assigned", "contacted"))
ACTIVITIES = ("Begleitung zum Termin", "Sprachpatenschaft", "Hausaufgabenhilfe", "Telefonate und Briefe",
              "Wohnungsbesichtigung", "Einkauf und Behördengang")
CONSENT_TEXT = ("Daten dürfen an die vermittelte ehrenamtliche Person weitergegeben werden; "
                "Kontakt über die Unterkunft.")


@dataclass
class DemoRequests:
    """What the generator made (nothing saved yet): the requests, then assignment plans per request index."""

    requests: list = field(default_factory=list)
    assignments: list[tuple[int, object, list]] = field(default_factory=list)  # (request index, Assignment, hours)


class RequestGenerator:
    """Reproducible demo requests. ``area_ids``: the default areas' keys -> ids; ``pools``: language code ->
    ids of active volunteers who speak it, ``anyone``: ids of all active volunteers (for assignments)."""

    def __init__(self, seed: int, today: dt.date, area_ids: dict[str, str],
                 places: list[tuple[str, str]] | None = None):
        self._rng = random.Random(f"requests-{seed}")
        self._places = places or NRW_PLACES
        self._today = today
        self._area_keys = [key for key in AREAS if key in area_ids]
        self._area_ids = area_ids

    def requests(self, n: int, pools: dict[str, list[str]], anyone: list[str]) -> DemoRequests:
        made = DemoRequests()
        busy: set[str] = set()  # one open assignment per volunteer in the demo
        for index in range(n):
            status, forced = FIRST[index] if index < len(FIRST) else (self._status(), "")
            req, plans = self._request(status, forced, pools, anyone, busy)
            made.requests.append(req)
            made.assignments += [(index, assignment, hours) for assignment, hours in plans]
        return made

    def _status(self) -> str:
        names = [name for name, _w in STATUS_WEIGHTS]
        return self._rng.choices(names, weights=[w for _n, w in STATUS_WEIGHTS])[0]

    def _request(self, status_name: str, forced: str | None, pools, anyone, busy):
        from kommandesk.domain.languages import LanguageSkill, Level
        from kommandesk.domain.requests import (
            GenderPreference, RequestConsent, RequestStatus, SupportRequest, Urgency,
        )

        rng, today = self._rng, self._today
        status = RequestStatus(status_name)
        _origin, pool, spoken, _w = rng.choices(ORIGINS, weights=[o[3] for o in ORIGINS])[0]
        key = rng.choices(self._area_keys, weights=[AREAS[k][0] for k in self._area_keys])[0]
        past = status in (RequestStatus.COMPLETED, RequestStatus.CANCELLED)
        received = today - dt.timedelta(days=rng.randint(60, 200) if past else rng.randint(2, 50))
        needed: tuple = ()
        if rng.random() < 0.88:
            codes = spoken[:2] if len(spoken) > 1 and rng.random() < 0.4 else spoken[:1]
            needed = tuple(LanguageSkill(code, Level(rng.choice(("A2", "B1", "B1", "B2")))) for code in codes)
        postcode, _town = rng.choice(self._places)
        gender_pool = rng.choice(("female", "male"))
        first = rng.choice(FIRST_NAMES[pool][gender_pool])
        person = first if rng.random() < 0.7 else f"{first[0]}. {rng.choice('ABDHKMNRSTY')}."
        appointment, recurrence = self._when(AREAS[key][1], received, status)
        req = SupportRequest(
            person=person, household_size=rng.choice((1, 1, 2, 3, 4, 5, 6)), person_languages=spoken,
            site=rng.choice(SITES),
            site_contact=f"{rng.choice(('Frau', 'Herr'))} {rng.choice(CONTACT_NAMES)} (Sozialdienst)"
            if rng.random() < 0.8 else "",
            area_id=self._area_ids[key], languages=needed,
            gender=rng.choices(list(GenderPreference), weights=(75, 20, 5))[0],
            children=key in CHILDREN_AREAS or rng.random() < 0.15, postcode=postcode,
            appointment=appointment, recurrence=recurrence,
            urgency=Urgency.HIGH if rng.random() < 0.2 else Urgency.NORMAL,
            description=rng.choice(AREAS[key][2]),
            consent=RequestConsent(received, CONSENT_TEXT) if status is not RequestStatus.NEW or rng.random() < 0.7
            else None,  # nobody is asked before the consent is recorded
            status=status, received_on=received)
        candidates = [vid for skill in needed for vid in pools.get(skill.code, [])]
        return self._lifecycle(req, forced, (candidates, anyone), busy)

    def _when(self, kind: str, received: dt.date, status):
        from kommandesk.domain.availability import Period
        from kommandesk.domain.requests import RequestStatus
        from kommandesk.domain.schedule import Appointment, Recurrence

        rng, today = self._rng, self._today
        if kind == "none" or (kind == "weekly" and rng.random() < 0.1):
            return None, None
        if kind == "appointment":
            if status in (RequestStatus.COMPLETED, RequestStatus.ACTIVE, RequestStatus.CANCELLED):
                day = received + dt.timedelta(days=rng.randint(1, 20))
                day = min(day, today)
            else:
                day = today + dt.timedelta(days=rng.randint(1, 28))
            start = dt.time(rng.choice((8, 9, 10, 11, 13, 14, 15)), rng.choice((0, 30)))
            end = dt.time(start.hour + rng.choice((1, 2, 3)), start.minute)
            return Appointment(day, start, end), None
        slots = {(rng.randint(0, 4), rng.choice(list(Period)))}
        if rng.random() < 0.4:
            slots.add((rng.randint(0, 5), rng.choice(list(Period))))
        first = received + dt.timedelta(days=rng.randint(3, 21))
        last = first + dt.timedelta(weeks=rng.choice((8, 12, 26))) if rng.random() < 0.6 else None
        return None, Recurrence(frozenset(slots), first, last)

    def _lifecycle(self, req, forced: str | None, candidates: tuple[list[str], list[str]], busy: set[str]):
        """The request's history, and its assignments with theirs (and hours), along a plausible path.
        ``forced``: the status of the (last) assignment, None for none, "" for a random one."""
        import dataclasses

        from kommandesk.domain.assignments import AssignmentStatus as A
        from kommandesk.domain.requests import RequestStatus as R, RequestStatusChange

        rng, today = self._rng, self._today
        clock = [req.received_on]

        def later(most: int = 10) -> dt.date:
            clock[0] = min(today, clock[0] + dt.timedelta(days=rng.randint(0, most)))
            return clock[0]

        history = [RequestStatusChange(R.NEW, req.received_on)]
        plans: list = []
        status = req.status
        if status is R.NEW:
            return dataclasses.replace(req, history=tuple(history)), plans
        if forced == "":
            earlier = status is R.MATCHING and rng.random() < 0.6 or status in (R.ACTIVE, R.ASSIGNED) \
                and rng.random() < 0.25
        else:
            earlier = status is R.MATCHING and forced is not None
        if status is R.CANCELLED and (forced or (forced == "" and rng.random() < 0.6)):
            path = [A.PROPOSED, A.CONTACTED, A.CANCELLED]
            plans.append(self._assignment(candidates, busy, path, later, history, back_to_matching=False))
            history.append(RequestStatusChange(R.CANCELLED, later(), "Familie ist umgezogen."))
            return dataclasses.replace(req, history=tuple(history)), [p for p in plans if p]
        if status is R.CANCELLED:
            history.append(RequestStatusChange(R.CANCELLED, later(), "Hat sich erledigt."))
            return dataclasses.replace(req, history=tuple(history)), plans
        history.append(RequestStatusChange(R.MATCHING, later(3)))
        if earlier:
            declined = [A.PROPOSED, A.CONTACTED, A.DECLINED] if forced or rng.random() < 0.5 else \
                [A.PROPOSED, A.CANCELLED]
            plans.append(self._assignment(candidates, busy, declined, later, history))
        if status is not R.MATCHING:
            steps = [A.PROPOSED, A.CONTACTED, A.ACCEPTED]
            assigned_steps = steps[:steps.index(A(forced)) + 1] if status is R.ASSIGNED and forced else \
                steps[:rng.randint(1, 3)]
            path = {R.ASSIGNED: assigned_steps,
                    R.ACTIVE: [A.PROPOSED, A.CONTACTED, A.ACCEPTED, A.ACTIVE],
                    R.COMPLETED: [A.PROPOSED, A.CONTACTED, A.ACCEPTED, A.ACTIVE, A.COMPLETED]}[status]
            plans.append(self._assignment(candidates, busy, path, later, history))
        if status is not R.MATCHING and not plans[-1]:  # nobody free: the request waits
            status = R.MATCHING
        plans = [p for p in plans if p]
        return dataclasses.replace(req, status=status, history=tuple(history)), plans

    def _assignment(self, candidates: tuple[list[str], list[str]], busy: set[str], path: list, later,
                    history: list, back_to_matching: bool = True):
        """One assignment along ``path``; the request's history follows it (assigned, active, back, completed)."""
        from kommandesk.domain.assignments import CLOSED, OPEN, Assignment, AssignmentStatusChange, HoursEntry
        from kommandesk.domain.assignments import AssignmentStatus as A
        from kommandesk.domain.requests import RequestStatus as R, RequestStatusChange

        rng = self._rng
        volunteer = None
        for pool in candidates:  # a speaker of a needed language, else anyone active
            for _try in range(20):  # who is not busy yet (the demo gives each volunteer one open assignment)
                pick = rng.choice(pool) if pool else None
                if pick is not None and pick not in busy:
                    volunteer = pick
                    break
            if volunteer is not None:
                break
        if volunteer is None:
            return None
        if path[-1] in OPEN:
            busy.add(volunteer)
        changes, started, ended, hours = [], None, None, []
        for step in path:
            day = later(7)
            changes.append(AssignmentStatusChange(step, day, "Keine Zeit mehr." if step is A.DECLINED else ""))
            if step is A.PROPOSED and history[-1].status is not R.ASSIGNED:
                history.append(RequestStatusChange(R.ASSIGNED, day, "Ehrenamtliche Person vorgeschlagen."))
            if step is A.ACTIVE:
                started = day
                history.append(RequestStatusChange(R.ACTIVE, day, "Begleitung hat begonnen."))
            if step in CLOSED:
                ended = day
        if started is not None:
            last = ended or self._today
            day = started
            while day <= last and len(hours) < 8:
                hours.append(HoursEntry(day, rng.choice((45, 60, 90, 120, 150, 180)), rng.choice(ACTIVITIES)))
                day += dt.timedelta(days=rng.choice((3, 7, 7, 14)))
        if path[-1] is A.COMPLETED:
            history.append(RequestStatusChange(R.COMPLETED, ended, "Hilfe abgeschlossen."))
        elif path[-1] in CLOSED and back_to_matching:
            history.append(RequestStatusChange(R.MATCHING, ended, "Ehrenamtliche Person hat abgesagt."))
        assignment = Assignment(
            request_id="", volunteer_id=volunteer, status=path[-1], proposed_on=changes[0].on, started_on=started,
            ended_on=ended, follow_up_on=self._today + dt.timedelta(days=rng.randint(3, 30))
            if path[-1] in OPEN and rng.random() < 0.5 else None,
            notes=rng.choice(("", "", "Telefonisch erreichbar ab 17 Uhr.", "Erstes Treffen in der Unterkunft.")),
            score=round(rng.uniform(55, 95), 1), history=tuple(changes))
        return assignment, hours


def fill_requests(services, n: int, *, seed: int, today: dt.date | None = None,
                  places: list[tuple[str, str]] | None = None) -> tuple[int, int]:
    """``n`` generated requests with assignments and hours, in one transaction; (requests, assignments) made."""
    import dataclasses

    from kommandesk.domain.volunteers import Status
    from kommandesk.services.geo import postcode_coordinates
    from kommandesk.services.volunteers import VolunteerQuery
    from kommandesk.store.assignments_repo import AssignmentRepository
    from kommandesk.store.requests_repo import RequestRepository

    if n <= 0:
        return 0, 0
    today = today or dt.date.today()
    volunteers = services.volunteers
    area_ids = {area.key: area.id for area in volunteers.areas() if area.key}
    active = frozenset({Status.ACTIVE})
    codes = sorted({code for _o, _p, spoken, _w in ORIGINS for code in spoken})
    pools = {code: [row.id for row in volunteers.page(VolunteerQuery(language=code, statuses=active), 0, 2000)]
             for code in codes}
    anyone = [row.id for row in volunteers.page(VolunteerQuery(statuses=active), 0, 2000)]
    made = RequestGenerator(seed, today, area_ids, places).requests(n, pools, anyone)
    requests, assignments = RequestRepository(services.store), AssignmentRepository(services.store)
    with services.store.db.atomic():
        ids = requests.insert_many([(req, postcode_coordinates(req.postcode)) for req in made.requests], today.year)
        planned = [dataclasses.replace(assignment, request_id=ids[index]) for index, assignment, _h in made.assignments]
        assignment_ids = assignments.insert_many(planned)
        assignments.insert_hours([dataclasses.replace(entry, assignment_id=aid)
                                  for aid, (_i, _a, hours) in zip(assignment_ids, made.assignments)
                                  for entry in hours])
    return len(ids), len(assignment_ids)
