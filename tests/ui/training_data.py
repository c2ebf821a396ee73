"""Courses, sessions and people for the Trainings page tests (a fresh database each test)."""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.trainings import Course, Session
from kommandesk.domain.volunteers import Volunteer

SOON = dt.date.today() + dt.timedelta(days=3)


def course(services, title="Basic course: supporting refugees", capacity=2, **values):
    return services.trainings.create_course(Course(title=title, capacity=capacity, **values))


def session(services, course_id, day=SOON, start=(18, 0), end=(20, 0), place="Town hall, room 2", **values):
    return services.trainings.add_session(Session(course_id, day, dt.time(*start), dt.time(*end), place=place,
                                                  **values))


def person(services, first, last, email=""):
    return services.volunteers.create(Volunteer(first_name=first, last_name=last, email=email),
                                      confirmed_duplicate=True)


def people(services):
    return [person(services, "Anna", "Berg", "anna@example.org"),
            person(services, "Şükrü", "Yılmaz", "sukru@example.org"),
            person(services, "Jan", "Nowak")]
