"""Screenshots of the first-start assistant, each step; called by scripts/screenshots.py (``shoot_first_run``).
Files written into ``folder`` from ``first_number`` on::

    NN-first-run-language.png             step 1, the language (as on a first start)
    NN-first-run-organisation.png         step 2 filled in with a generated organisation and its logo
    NN-first-run-organisation-errors.png  .. after Next with an empty name and the postcode "12"
    NN-first-run-passphrase.png           step 3 with encryption chosen and a too short passphrase refused
    NN-first-run-start.png                step 4, the three ways to start
    NN-first-run-again-start.png          step 4 of the assistant opened again over the demo data: no demo data

The assistant is shown over the demo database but never finished: nothing is written. Returns the next free number.

Alone (for a quick look): ``.venv/bin/python scripts/shots_first_run.py --out shots-preview --lang de --lang en``.
"""

from __future__ import annotations

import sys
from pathlib import Path

GENERATED_SEED = 11  # another generated organisation than the demo database's own


def _wizard(window, org, *, first_start: bool, demo_possible: bool):
    from kommandesk.i18n import current_language
    from kommandesk.services.encryption import EncryptionService
    from kommandesk.services.first_run import Outcome
    from kommandesk.tasks import TaskRunner
    from kommandesk.ui.dialogs.first_run.wizard import FirstRunWizard, Setup

    services = window.services
    setup = Setup(services.organisation, org, current_language(), lambda _choice: None,
                  lambda _choices: lambda: Outcome(), first_start=first_start,  # never finished here
                  encrypted=EncryptionService(services.paths).is_encrypted(), demo_possible=demo_possible,
                  log_file=services.paths.log_file)
    wizard = FirstRunWizard(setup, window, runner=TaskRunner(synchronous=True))
    wizard.show()
    return wizard


def generated_organisation():
    import random

    from kommandesk.services.demo.people import PeopleGenerator
    from kommandesk.services.demo.seed import demo_organisation

    return demo_organisation(random.Random(GENERATED_SEED), PeopleGenerator(GENERATED_SEED))


def shoot_first_run(shooter, window, folder: Path, first_number: int) -> int:
    from kommandesk.domain.organisation import Organisation
    from kommandesk.ui.dialogs.first_run.wizard import ORGANISATION, PASSPHRASE, START

    number = first_number

    def save(widget, name: str) -> None:
        nonlocal number
        shooter.save(widget, folder / f"{number:02d}-first-run-{name}.png")
        number += 1

    wizard = _wizard(window, Organisation(), first_start=True, demo_possible=True)
    try:
        save(wizard, "language")
        wizard.next_button.click()
        form = wizard.organisation_step.form
        form.load(generated_organisation())  # as if typed: a generated centre with its logo
        save(wizard, "organisation")
        for name, value in (("name", ""), ("postcode", "12")):
            form.fields[name].editor.setText(value)
        wizard.next_button.click()
        if wizard.step != ORGANISATION:
            raise RuntimeError("the assistant went on with an empty name and the postcode '12'")
        save(wizard, "organisation-errors")
        form.load(generated_organisation())
        wizard.next_button.click()
        step = wizard.passphrase_step
        step.encrypt.setChecked(True)
        for field in step.fields.values():
            field.editor.setText("short")
        wizard.next_button.click()
        if wizard.step != PASSPHRASE:
            raise RuntimeError("the assistant took a passphrase of five characters")
        save(wizard, "passphrase")
        step.encrypt.setChecked(False)
        wizard.next_button.click()
        if wizard.step != START:
            raise RuntimeError("the assistant did not reach its last step")
        save(wizard, "start")
    finally:
        wizard.hide()
        wizard.deleteLater()

    again = _wizard(window, window.services.organisation.get(), first_start=False, demo_possible=False)
    try:
        for _step in range(START):
            again.next_button.click()
        if again.step != START:
            raise RuntimeError("the assistant opened again did not reach its last step")
        save(again, "again-start")
    finally:
        again.hide()
        again.deleteLater()
    return number


def main(argv: list[str] | None = None) -> int:
    """Only these screenshots, through screenshots.py's start-up (demo data, languages chosen in Settings)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import screenshots

    class FirstRunOnly(screenshots.Shooter):
        def pages(self, window):
            return iter(())

        def shoot_extras(self, window, folder: Path, pages: int) -> None:
            shoot_first_run(self, window, folder, 1)

    screenshots.Shooter = FirstRunOnly
    return screenshots.main([*(argv if argv is not None else sys.argv[1:]), "--no-switch-check"])


if __name__ == "__main__":
    sys.exit(main())
