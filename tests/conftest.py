"""Shared fixtures: headless Qt, one fresh data folder and database per test, English unless a test asks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from kommandesk import i18n, paths as paths_mod  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Nothing a test does may reach the real user folders; every test starts in English, with no passphrase known
    and nobody to ask for one (the CLI and the GUI install a process-wide asker: it must not leak into the next
    test)."""
    from kommandesk.store import encryption

    monkeypatch.setenv(paths_mod.ENV_DATA_DIR, str(tmp_path / "default-data"))
    # Encrypted databases in tests derive their key in 4,000 rounds instead of 256,000 (0.1-0.2 s per connection:
    # the encryption tests open dozens); tests/unit/test_encryption.py checks the real setting once.
    monkeypatch.setattr(encryption, "CIPHER_SETTINGS", (*encryption.CIPHER_SETTINGS, ("kdf_iter", "4000")))
    monkeypatch.setenv("LANGUAGE", "en")
    i18n.set_language("en")
    encryption.KEYS.clear()
    yield
    i18n.set_language("en")
    encryption.KEYS.clear()


@pytest.fixture
def german():
    i18n.set_language("de")
    yield
    i18n.set_language("en")


@pytest.fixture
def paths(tmp_path):
    p = paths_mod.resolve(tmp_path / "data")
    p.ensure()
    return p


@pytest.fixture(scope="session")
def _new_database(tmp_path_factory):
    """A new database as the app creates it (every migration run, catalogues seeded), made once per test run."""
    from kommandesk.services.context import Services

    made = paths_mod.resolve(tmp_path_factory.mktemp("new-database"))
    made.ensure()
    Services.open(made).close()  # the last connection to close folds the write-ahead log into the file
    return made.db_file


@pytest.fixture
def new_database(_new_database):
    """Put a copy of the new database into a data folder (the tests' fresh database in 3 ms instead of 50 ms of
    migrations); the migrations themselves are tested on files they create (tests/unit/test_store_db.py)."""

    def place(data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        target = data_dir / _new_database.name
        if not target.exists():
            shutil.copyfile(_new_database, target)

    return place


@pytest.fixture
def services(paths, new_database):
    from kommandesk.services.context import Services

    new_database(paths.data_dir)
    opened = Services.open(paths)
    yield opened
    opened.close()
