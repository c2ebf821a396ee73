"""A damaged database on start (app.run): the app says so and offers the newest good backup; the damaged file is
moved aside, never overwritten; Quit leaves everything as it was. A file that is not ours is no damage."""

from __future__ import annotations

import pytest

from kommandesk import app as app_mod
from kommandesk import paths as paths_mod
from kommandesk.services.backups import BackupService
from kommandesk.services.context import Services
from kommandesk.ui.dialogs import backups as dialogs
from tests.ui.test_app import isolated_run, problems, run_until_shown  # noqa: F401,F811 - fixtures
from tests.unit.backup_data import add_volunteer, damage_one_page, flip_pages, names, text_file


@pytest.fixture
def data(tmp_path):
    """A data folder whose database has Amira and Bogdan, with a backup made when only Amira was there."""
    paths = paths_mod.resolve(tmp_path / "data")
    paths.ensure()
    services = Services.open(paths)
    try:
        for n in range(40):  # enough pages that one damaged page is not the schema's
            add_volunteer(services, f"Filler{n}", "Zeta")
        add_volunteer(services, "Amira")
        BackupService.of(services).backup_now()
        add_volunteer(services, "Bogdan")
    finally:
        services.close()
    return paths


@pytest.fixture
def answers(monkeypatch):
    """ask_damaged answered from a list; each call is recorded (path, problem, backup, folders)."""
    asked = []

    def install(*replies):
        queue = list(replies)

        def ask(path, problem, backup, folders):
            asked.append({"path": path, "problem": problem, "backup": backup, "folders": folders})
            return queue.pop(0)

        monkeypatch.setattr(dialogs, "ask_damaged", ask)
        return asked

    return install


def shown_names(argv):
    def action(window, seen):
        seen["names"] = {n for n in names(window.services) if not n.startswith("Filler")}
        seen["message"] = window.statusBar().currentMessage()
        window.close()

    return run_until_shown(argv, action)


@pytest.mark.parametrize("damage", [damage_one_page, flip_pages], ids=["quick-check-fails", "does-not-open"])
def test_the_newest_good_backup_is_offered_and_restored_the_damaged_file_kept(data, isolated_run, answers,
                                                                              problems, damage):
    damage(data.db_file)
    damaged_bytes = data.db_file.read_bytes()
    asked = answers(dialogs.RESTORE)

    code, seen = shown_names(["--data-dir", str(data.data_dir)])

    assert code == 0 and problems == []
    assert asked[0]["path"] == data.db_file
    assert asked[0]["problem"]
    (backup,) = data.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert asked[0]["backup"].path == backup
    assert seen["names"] == {"Amira"}  # as in the backup
    (aside,) = data.data_dir.glob("kommandesk-damaged-*.sqlite3")
    assert aside.read_bytes() == damaged_bytes  # never overwritten, never deleted
    assert "was restored" in seen["message"] and str(aside) in seen["message"]
    assert "the database is damaged" in (data.log_dir / "kommandesk.log").read_text(encoding="utf-8")


def test_quit_leaves_the_damaged_file_as_it_is(data, isolated_run, answers, problems):
    damage_one_page(data.db_file)
    before = data.db_file.read_bytes()
    answers(dialogs.QUIT)

    code = app_mod.run(["--data-dir", str(data.data_dir)])

    assert code == 1
    assert data.db_file.read_bytes() == before
    assert list(data.data_dir.glob("kommandesk-damaged-*")) == []


def test_without_a_backup_a_file_can_be_chosen(data, isolated_run, answers, problems, monkeypatch, tmp_path):
    (backup,) = data.backup_dir.glob("kommandesk-backup-*.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    moved = backup.rename(stick / backup.name)
    flip_pages(data.db_file)
    chosen = iter([tmp_path / "notes.txt", moved])
    text_file(tmp_path / "notes.txt")
    monkeypatch.setattr(dialogs, "ask_backup_file", lambda parent, folder: next(chosen))
    asked = answers(dialogs.CHOOSE, dialogs.CHOOSE)

    code, seen = shown_names(["--data-dir", str(data.data_dir)])

    assert code == 0
    assert asked[0]["backup"] is None and asked[0]["folders"] == [data.backup_dir]
    assert len(asked) == 2  # the text file was refused, then asked again
    assert problems[0][0] == "This backup cannot be restored"
    assert "not a database file" in problems[0][1]
    assert seen["names"] == {"Amira"}


def test_the_offer_in_words(data, qapp):
    from kommandesk.services.backups import newest_good_backup

    backup = newest_good_backup([data.backup_dir])
    box, answers = dialogs.damaged_box(data.db_file, "database disk image is malformed", backup, [data.backup_dir])
    assert box.windowTitle() == "The database is damaged"
    assert str(data.db_file) in box.text()
    assert "newest good backup was made on" in box.informativeText()
    assert "database disk image is malformed" in box.informativeText()
    assert sorted(answers.values()) == [dialogs.CHOOSE, dialogs.QUIT, dialogs.RESTORE]
    box, answers = dialogs.damaged_box(data.db_file, "malformed", None, [data.backup_dir])
    assert f"No good backup was found in {data.backup_dir}" in box.informativeText()
    assert sorted(answers.values()) == [dialogs.CHOOSE, dialogs.QUIT]


def test_a_sound_database_starts_without_asking(data, isolated_run, answers, problems):
    asked = answers()
    code, seen = shown_names(["--data-dir", str(data.data_dir)])
    assert code == 0 and asked == [] and problems == []
    assert seen["names"] == {"Amira", "Bogdan"}
