"""`kommandesk-cli demo`: fill an empty database with generated, realistic NRW data.

Every area adds its filler here when its tables arrive (volunteers, requests, courses).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from pathlib import Path

from kommandesk import paths as paths_mod

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.paths import Paths
from kommandesk.services.context import Services
from kommandesk.services.demo.people import PeopleGenerator, VolunteerGenerator, ascii_fold
from kommandesk.services.demo.pools import NRW_PLACES, STREETS, region_places
from kommandesk.services.demo.requests import fill_requests
from kommandesk.services.demo.certificates import fill_certificates
from kommandesk.services.demo.allowances import fill_allowances
from kommandesk.services.demo.logo import demo_logo
from kommandesk.services.demo.trainings import fill_trainings


@dataclass
class DemoReport:
    seed: int
    created: dict[str, int] = field(default_factory=dict)


def demo_organisation(rng: random.Random, people: PeopleGenerator) -> Organisation:
    postcode, town = rng.choice(NRW_PLACES)
    head = people.person()
    slug = "".join(ch for ch in ascii_fold(town).lower() if ch.isalnum())
    return Organisation(
        name=f"Kommunales Integrationszentrum {town}",
        street=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
        postcode=postcode,
        town=town,
        phone=f"+49 {rng.randint(200, 299)} {rng.randint(100000, 999999)}",
        email=f"ki@{slug}.example.org",
        website=f"https://{slug}.example.org",
        signatory_name=f"{head.first_name} {head.last_name}",
        signatory_role="Leitung des Kommunalen Integrationszentrums",
        certificate_prefix="KD",
        default_language="de",
        logo=demo_logo("KI"),
    )


BATCH = 5000  # volunteers built and inserted per batch (memory stays flat for 50,000)


def fill_volunteers(services: Services, n: int, *, seed: int, today: datetime.date | None = None,
                    places: list[tuple[str, str]] | None = None) -> int:
    """``n`` generated volunteers, inserted in one transaction (nothing is left half-done)."""
    from kommandesk.services.geo import postcode_coordinates
    from kommandesk.store.volunteers_repo import VolunteerRepository

    if n <= 0:
        return 0
    today = today or datetime.date.today()
    area_ids = {area.key: area.id for area in services.volunteers.areas() if area.key}
    coordinators = [f"{p.first_name} {p.last_name}" for p in PeopleGenerator(seed + 1, today).people(3)]
    generator = VolunteerGenerator(seed, today, area_ids, coordinators, places)
    repo = VolunteerRepository(services.store)
    with services.store.db.atomic():
        done = 0
        while done < n:
            batch = generator.volunteers(min(BATCH, n - done))
            repo.insert_many([(vol, postcode_coordinates(vol.postcode)) for vol in batch], today.year)
            done += len(batch)
    return done


def fill(services: Services, *, seed: int, force: bool = False, volunteers: int = 0) -> DemoReport:
    """Generate demo data; refuses a database that already holds data unless ``force``."""
    from kommandesk.services.exports import is_empty

    if not force and not is_empty(services):
        raise KommanDeskError(
            _("The database already holds data; demo data is only added to an empty database. "
              "Use --force to add it anyway."))
    rng = random.Random(seed)
    people = PeopleGenerator(seed)
    report = DemoReport(seed=seed)
    organisation = services.organisation.save(demo_organisation(rng, people))
    report.created["organisation"] = 1
    if volunteers > 0:
        places = region_places(organisation.postcode)  # most people live near the integration centre
        report.created["volunteers"] = fill_volunteers(services, volunteers, seed=seed, places=places)
        made, assigned = fill_requests(services, demo_request_count(volunteers), seed=seed, places=places)
        report.created["requests"] = made
        report.created["assignments"] = assigned
        report.created.update(fill_trainings(services, seed=seed))
        report.created.update(fill_certificates(services))
        report.created["allowances"] = fill_allowances(services, seed=seed)
    return report


def demo_request_count(volunteers: int) -> int:
    """About one request per ten volunteers, and at least ten (every status) when there are volunteers."""
    return max(10, volunteers // 10) if volunteers > 0 else 0


def fill_folder(data_dir: Path, *, seed: int, volunteers: int = 0) -> Paths:
    """A data folder with a fresh database holding the demo data (screenshots, benchmarks, first-run tries)."""
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        fill(services, seed=seed, volunteers=volunteers)
    finally:
        services.close()
    return paths
