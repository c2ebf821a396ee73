"""A course with sessions and registered volunteers, built through the real TrainingService (check-in and grid
tests)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kommandesk.domain.trainings import Session, TimeUnit

NAMES = (("Şükrü", "Yılmaz"), ("Anna", "Berg"), ("Jürgen", "Müller"), ("Małgorzata", "Łukasiewicz"),
         ("Johanna", "Schmidt"), ("Farid", "Ahmadi"))
DAY = dt.date(2026, 3, 2)


def make_course(services, names=NAMES, sessions: int = 3, capacity: int | None = None,
                unit: TimeUnit = TimeUnit.HOURS, title: str = "Grundkurs Flüchtlingshilfe", place: str = "Raum 1"):
    """(course, [SessionRow], {last name: Participant}): sessions of 90 minutes a week apart."""
    trainings = services.trainings
    course = dataclasses.replace(trainings.new_course(), title=title, capacity=capacity or max(len(names), 1),
                                 unit=unit)
    course = trainings.create_course(course)
    for n in range(sessions):
        trainings.add_session(Session(course.id, DAY + dt.timedelta(days=7 * n), dt.time(10, 0), dt.time(11, 30),
                                      place=place, trainer="Frau Peters"))
    for first, last in names:
        vol = dataclasses.replace(services.volunteers.new(), first_name=first, last_name=last, town="Köln",
                                  postcode="50667")
        vol = services.volunteers.create(vol, confirmed_duplicate=True)
        trainings.register(course.id, vol.id)
    people = {p.last_name: p for p in trainings.participants(course.id)}
    return course, trainings.sessions(course.id), people
