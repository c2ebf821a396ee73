"""`kommandesk-cli demo`: fill an empty database with generated, realistic NRW data.

Every area adds its filler here when its tables arrive (volunteers, requests, courses).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from kommandesk import paths as paths_mod

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.paths import Paths
from kommandesk.services.context import Services
from kommandesk.services.demo.people import PeopleGenerator, ascii_fold
from kommandesk.services.demo.pools import NRW_PLACES, STREETS


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
    )


def is_empty(services: Services) -> bool:
    return not any(services.store.table_counts().values())


def fill(services: Services, *, seed: int, force: bool = False) -> DemoReport:
    """Generate demo data; refuses a database that already holds data unless ``force``."""
    if not force and not is_empty(services):
        raise KommanDeskError(
            _("The database already holds data; demo data is only added to an empty database. "
              "Use --force to add it anyway."))
    rng = random.Random(seed)
    people = PeopleGenerator(seed)
    report = DemoReport(seed=seed)
    services.organisation.save(demo_organisation(rng, people))
    report.created["organisation"] = 1
    return report


def fill_folder(data_dir: Path, *, seed: int) -> Paths:
    """A data folder with a fresh database holding the demo data (screenshots, benchmarks, first-run tries)."""
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        fill(services, seed=seed)
    finally:
        services.close()
    return paths
