"""Shared fixtures: headless Qt, one fresh data folder and database per test, English unless a test asks."""

from __future__ import annotations

import os

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


@pytest.fixture
def services(paths):
    from kommandesk.services.context import Services

    opened = Services.open(paths)
    yield opened
    opened.close()
