"""Demo allowances (Ehrenamtspauschale): a few active volunteers paid a monthly allowance well below the tax-free
limit, and one language mediator paid per assignment whose total this year is above it (the Overview, the volunteer
form and the report have someone to show). Everything goes through AllowanceService, so the payments pass the same
checks as typed ones; the one above the limit is recorded as confirmed. The same seed gives the same payments."""

from __future__ import annotations

import datetime as dt
import random

NOTES = ("Begleitung zu Behördenterminen", "Hausaufgabenhilfe", "Sprachcafé", "Fahrdienst", "Patenschaft")
MONTHLY_CENTS = (2500, 4000, 5000, 6000)
PAID = 5  # volunteers with a monthly allowance
OVER_PAYMENTS = (35_000, 30_000, 40_000)  # the mediator this year: 1,050 EUR


def _month_day(today: dt.date, months_back: int) -> dt.date:
    """The 15th of the month ``months_back`` before this one (today when the 15th is still to come)."""
    month = today.month - 1 - months_back
    day = dt.date(today.year + month // 12, month % 12 + 1, 15)
    return min(day, today)


def fill_allowances(services, *, seed: int, today: dt.date | None = None) -> int:
    """Payments to active volunteers; how many were recorded (none without active volunteers)."""
    from kommandesk.domain.allowances import Allowance
    from kommandesk.domain.volunteers import Status
    from kommandesk.services.volunteers import VolunteerQuery

    service = services.allowances
    today = today or service.today()
    rows = services.volunteers.page(VolunteerQuery(statuses=frozenset({Status.ACTIVE})), 0, PAID + 1)
    if not rows:
        return 0
    rng = random.Random(seed * 31 + 8)
    made = 0
    with services.store.db.atomic():
        mediator, others = rows[0], rows[1:]
        start = dt.date(today.year, 1, 1)
        span = (today - start).days
        for number, cents in enumerate(OVER_PAYMENTS):
            day = start + dt.timedelta(days=span * number // len(OVER_PAYMENTS))
            service.record(Allowance(mediator.id, day, cents, "Sprachmittlung, Einsätze im Quartal"), confirmed=True)
            made += 1
        for row in others:
            cents, note = rng.choice(MONTHLY_CENTS), rng.choice(NOTES)
            for months_back in range(rng.randint(2, 6)):
                service.record(Allowance(row.id, _month_day(today, months_back), cents, note))
                made += 1
    return made
