"""The first start: what the first-start assistant (ui/dialogs/first_run/) asked for, and doing it.

The assistant asks for the language (applied at once, like Settings does), the organisation's details, an optional
passphrase, and how to start: import a list, try demo data, or start empty. :class:`Choices` holds the answers;
nothing is written before the assistant's last step. Then:

- :func:`prepare` adds the demo data (when chosen) and saves the organisation, on a connection of its own (it runs
  on a worker thread: the demo data takes half a second);
- :func:`apply` does the same and then encrypts the database (when a passphrase was given). Encrypting writes the
  file anew, so no other connection may be open: the first start closes its own before and opens the database
  again afterwards (this process knows the key then). An assistant opened again later over an open window leaves
  the encryption to the window's own switch (ui/session.py), as Settings > Encryption does.

Demo data and the organisation: the details typed in the assistant are kept, and the demo's invented organisation
is not used. The coordinator typed them a moment before, and the demo's certificates and letters then show their
own letterhead and logo, which is what trying KommanDesk out is about; only the people are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.paths import Paths

START_IMPORT, START_DEMO, START_EMPTY = "import", "demo", "empty"
STARTS = (START_IMPORT, START_DEMO, START_EMPTY)
DEMO_SEED = 1  # the same demo data on every computer: easier to explain, easier to help with
DEMO_VOLUNTEERS = 200  # about a district's volunteers; 0.5 s to generate (see fill_demo)
NOT_DATA = ("organisation", "audit_log")  # demo data may still be added when only these hold rows


@dataclass(frozen=True)
class Choices:
    """What was chosen in the assistant. ``organisation``: as typed (None: leave the saved one); ``passphrase``
    and ``confirmation``: a new passphrase typed twice (None: no encryption); ``start``: one of STARTS."""

    language: str | None = None
    organisation: Organisation | None = None
    passphrase: str | None = None
    confirmation: str | None = None
    start: str = START_EMPTY

    @property
    def encrypt(self) -> bool:
        return self.passphrase is not None


@dataclass
class Outcome:
    """What was done: the demo data's counts (None: none added), whether the organisation was saved, whether the
    database is encrypted now."""

    demo: dict[str, int] | None = None
    organisation_saved: bool = False
    encrypted: bool = False


def demo_possible(services) -> bool:
    """Whether demo data may be added: nobody and nothing recorded yet. Unlike exports.is_empty, the organisation's
    details (and the audit trail of saving them) do not count: the assistant keeps them beside the demo data."""
    from kommandesk.services.exports import CATALOGUES
    from kommandesk.store import transfer

    counts = transfer.counts(services.store.conn)
    if any(count for table, count in counts.items() if table not in CATALOGUES + NOT_DATA):
        return False
    return all(area.key is not None for area in services.volunteers.areas(include_retired=True))


def demo_refused() -> str:
    return _("Demo data can only be added while KommanDesk holds no volunteers, requests or trainings.")


def save_organisation(services, org: Organisation) -> bool:
    """Save ``org`` when it differs from the saved details (ValidationError, with messages by field, when it cannot
    be saved); whether it was saved."""
    cleaned, _errors = services.organisation.validate(org)
    if services.organisation.is_configured() and cleaned == services.organisation.get():
        return False
    services.organisation.save(org)
    return True


def fill_demo(services) -> dict[str, int]:
    """The demo data (DEMO_VOLUNTEERS volunteers with their requests, trainings, certificates and allowances) in a
    database that holds none yet; KommanDeskError otherwise. The organisation saved before is kept."""
    from kommandesk.services.demo.seed import fill

    if not demo_possible(services):
        raise KommanDeskError(demo_refused())
    kept = services.organisation.get() if services.organisation.is_configured() else None
    report = fill(services, seed=DEMO_SEED, volunteers=DEMO_VOLUNTEERS, force=True)
    if kept is not None:
        services.organisation.save(kept)  # the demo's own organisation only where none was set
    return report.created


def prepare(paths: Paths, choices: Choices) -> Outcome:
    """The demo data (when chosen), then the organisation, on a connection of its own (for a worker thread)."""
    from kommandesk.services.context import Services

    outcome = Outcome()
    services = Services.open(paths)
    try:
        if choices.start == START_DEMO:
            outcome.demo = fill_demo(services)
        if choices.organisation is not None:
            outcome.organisation_saved = save_organisation(services, choices.organisation)
    finally:
        services.close()
    return outcome


def apply(paths: Paths, choices: Choices) -> Outcome:
    """Everything chosen at the first start: :func:`prepare`, then the encryption. No other connection to the
    database may be open (the caller closes its own before and opens the database again afterwards: this process
    knows the key then). A refused passphrase (ValidationError) is found before anything is written."""
    from kommandesk.services.encryption import EncryptionService, check_new
    from kommandesk.domain.errors import ValidationError

    if choices.encrypt:
        errors = check_new(choices.passphrase, choices.confirmation or "")
        if errors:
            raise ValidationError(errors)
    outcome = prepare(paths, choices)
    if choices.encrypt:
        EncryptionService(paths).switch_on(choices.passphrase, choices.confirmation or "", lambda: None)
        outcome.encrypted = True
    return outcome
