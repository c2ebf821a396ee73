"""Where the data lives: --data-dir, the environment variable, portable mode (a marker file beside the program of a
bundle, for a USB stick) and the per-user folder; a folder that cannot be written is said clearly."""

from __future__ import annotations

import errno
import sys

import pytest

from kommandesk import paths as paths_mod


@pytest.fixture
def program(tmp_path, monkeypatch):
    """A bundle's folder: sys.frozen set and the executable in it; no data folder chosen."""
    folder = tmp_path / "stick" / "KommanDesk"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "kommandesk-cli"))
    monkeypatch.delenv(paths_mod.ENV_DATA_DIR, raising=False)
    return folder


def test_a_marker_beside_the_program_keeps_the_data_beside_it(program):
    (program / paths_mod.PORTABLE_MARKER).write_text("portable\n", encoding="utf-8")
    paths = paths_mod.resolve()
    assert paths.portable and paths.data_dir == program / "KommanDesk-data"
    assert paths.settings_file.parent == paths.data_dir  # the settings travel with the stick too
    assert paths.prepare() is None and paths.data_dir.is_dir()


def test_without_the_marker_the_user_folder_is_used_even_from_a_read_only_program_folder(program, tmp_path,
                                                                                         monkeypatch):
    user_data = tmp_path / "home" / "data"
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(user_data))
    monkeypatch.setattr("platformdirs.user_config_dir", lambda *a, **k: str(tmp_path / "home" / "config"))
    paths = paths_mod.resolve()
    assert not paths.portable and paths.data_dir == user_data
    assert paths.prepare() is None and not any(program.iterdir())  # nothing written beside the program


def test_the_chosen_folder_wins_over_the_marker(program, tmp_path):
    (program / paths_mod.PORTABLE_MARKER).write_text("", encoding="utf-8")
    paths = paths_mod.resolve(tmp_path / "elsewhere")
    assert not paths.portable and paths.data_dir == tmp_path / "elsewhere"


def test_run_from_the_sources_a_marker_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths_mod.program_folder() is None


def read_only(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(paths_mod.tempfile, "TemporaryFile", refuse)


def test_a_portable_marker_on_a_read_only_stick_says_so_clearly(program, monkeypatch):
    (program / paths_mod.PORTABLE_MARKER).write_text("", encoding="utf-8")
    read_only(monkeypatch)
    message = paths_mod.resolve().prepare()
    assert message.startswith("KommanDesk is set up to keep its data beside the program (the file portable.txt)")
    assert "Read-only file system" in message and "remove portable.txt" in message


def test_a_read_only_chosen_folder_is_named(tmp_path, monkeypatch):
    read_only(monkeypatch)
    message = paths_mod.resolve(tmp_path / "data").prepare()
    assert message == f"The data folder {tmp_path / 'data'} cannot be created: Read-only file system"
