"""`kommandesk-cli encryption on|change|off` and the passphrase of an encrypted database: from the environment
variable, or typed on a terminal (three wrong tries stop with exit 1, nothing changed)."""

from __future__ import annotations

import json

import pytest

from kommandesk.cli_encryption import ENV_NEW_PASSPHRASE, ENV_PASSPHRASE
from kommandesk.store import encryption as crypt

SECRET = "correct horse battery"
OTHER = "another passphrase"


@pytest.fixture(autouse=True)
def _no_keys(monkeypatch):
    monkeypatch.delenv(ENV_PASSPHRASE, raising=False)
    monkeypatch.delenv(ENV_NEW_PASSPHRASE, raising=False)
    crypt.KEYS.clear()
    yield
    crypt.KEYS.clear()


def encrypted(run, monkeypatch, data_dir):
    assert run("demo", "--volunteers", "3")[0] == 0
    monkeypatch.setenv(ENV_NEW_PASSPHRASE, SECRET)
    code, out, err = run("encryption", "on")
    assert code == 0, err
    assert "now encrypted" in out
    monkeypatch.delenv(ENV_NEW_PASSPHRASE)
    crypt.KEYS.clear()  # as a new process: nothing known
    return data_dir / "kommandesk.sqlite3"


def volunteer_count(run) -> int:
    code, out, err = run("info", "--json")
    assert code == 0, err
    return json.loads(out)["counts"]["volunteers"]


def test_the_environment_variable_opens_an_encrypted_database(run, monkeypatch, data_dir):
    db = encrypted(run, monkeypatch, data_dir)
    assert not db.read_bytes().startswith(b"SQLite format 3")

    monkeypatch.setenv(ENV_PASSPHRASE, SECRET)
    assert volunteer_count(run) == 3


def test_without_a_passphrase_and_without_a_terminal_it_says_which_variable_to_set(run, monkeypatch, data_dir):
    encrypted(run, monkeypatch, data_dir)
    code, out, err = run("info")
    assert code == 1 and out == ""
    assert ENV_PASSPHRASE in err and "encrypted" in err


def test_a_wrong_passphrase_in_the_variable_is_refused(run, monkeypatch, data_dir):
    db = encrypted(run, monkeypatch, data_dir)
    before = db.read_bytes()
    monkeypatch.setenv(ENV_PASSPHRASE, "wrong wrong")
    code, _out, err = run("info")
    assert code == 1 and "The passphrase is wrong" in err
    assert db.read_bytes() == before


def test_three_wrong_passphrases_on_a_terminal_stop_with_exit_1(run, monkeypatch, data_dir):
    db = encrypted(run, monkeypatch, data_dir)
    before = db.read_bytes()
    typed = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": typed.append(prompt) or "guess")

    code, out, err = run("info")
    assert code == 1 and out == ""
    assert len(typed) == 3 and "wrong three times" in err
    assert db.read_bytes() == before


def test_the_right_passphrase_on_the_second_try_opens(run, monkeypatch, data_dir):
    encrypted(run, monkeypatch, data_dir)
    answers = iter(["guess", SECRET])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert volunteer_count(run) == 3


def test_change_and_off_keep_the_data(run, monkeypatch, data_dir):
    db = encrypted(run, monkeypatch, data_dir)
    monkeypatch.setenv(ENV_PASSPHRASE, SECRET)
    monkeypatch.setenv(ENV_NEW_PASSPHRASE, OTHER)
    code, out, err = run("encryption", "change")
    assert code == 0, err
    crypt.KEYS.clear()
    monkeypatch.setenv(ENV_PASSPHRASE, OTHER)
    assert volunteer_count(run) == 3

    code, out, err = run("encryption", "off")
    assert code == 0, err
    assert db.read_bytes().startswith(b"SQLite format 3")
    crypt.KEYS.clear()
    monkeypatch.delenv(ENV_PASSPHRASE)
    assert volunteer_count(run) == 3


def test_bad_requests_are_refused_with_exit_1(run, monkeypatch, data_dir):
    assert run("info")[0] == 0
    code, _out, err = run("encryption", "off")
    assert code == 1 and "not encrypted" in err
    code, _out, err = run("encryption", "on")  # no terminal, no variable
    assert code == 1 and ENV_NEW_PASSPHRASE in err
    monkeypatch.setenv(ENV_NEW_PASSPHRASE, "short")
    code, _out, err = run("encryption", "on")
    assert code == 1 and "at least 8 characters" in err
    assert (data_dir / "kommandesk.sqlite3").read_bytes().startswith(b"SQLite format 3")
