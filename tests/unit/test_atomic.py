"""Writing a file whole or not at all: what a killed write leaves beside its target (a hidden temporary file with
the content so far, personal data in plain text) is removed by the next write to that target once it is an hour
old, and nothing else is touched."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kommandesk.domain.volunteers import Volunteer
from kommandesk.interchange.atomic import STALE_AFTER_S, remove_stale_temporaries, replacing, temporary_beside
from kommandesk.services.exports import ExportService

HOUR = 3600


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look last written ``seconds`` ago."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def hidden(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir() if entry.name.startswith("."))


def left_by_a_killed_write(target: Path, content: str = "Zyphrona Quixbeltrand, 0151 000000") -> Path:
    """A temporary file of ``target`` as a write killed half-way leaves it (made the way the write makes it)."""
    part = temporary_beside(target)
    part.write_text(content, encoding="utf-8")
    return part


def test_an_hour_old_temporary_file_of_the_target_is_removed_by_the_next_write(tmp_path):
    target = tmp_path / "data.json"
    stale = left_by_a_killed_write(target)
    age(stale, HOUR + 60)
    with replacing(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
    assert not stale.exists()
    assert target.read_text(encoding="utf-8") == "new"
    assert hidden(tmp_path) == []


def test_a_young_temporary_file_is_kept_another_program_may_still_be_writing_it(tmp_path):
    target = tmp_path / "data.json"
    young = left_by_a_killed_write(target)
    age(young, HOUR - 60)
    with replacing(target) as temporary:
        temporary.write_text("new", encoding="utf-8")
    assert young.exists()
    assert remove_stale_temporaries(target) == []
    assert remove_stale_temporaries(target, older_than_s=30) == [young]
    assert STALE_AFTER_S == HOUR


def test_only_the_targets_own_temporary_files_are_removed(tmp_path):
    target = tmp_path / "data.json"
    others = [tmp_path / name for name in (
        ".data.json.x.abcd1234.part",  # a temporary file of another target (data.json.x)
        ".other.json.abcd1234.part",  # of another target
        ".data.json.abcd123.part",  # not a name the write makes (7 random characters)
        ".data.json.ABCD1234.part",  # nor this (capitals)
        ".kommandesk-backup-20260101T000000Z.sqlite3.1-abcd1234.part",  # a backup's (store/backup.py)
        "data.json.abcd1234.part",  # not hidden: the user's file
        "data.json", "notes.part")]
    for path in others:
        path.write_text("someone else's", encoding="utf-8")
    folder_like_ours = tmp_path / ".data.json.abcd1234.part"
    folder_like_ours.mkdir()
    ours = [left_by_a_killed_write(target) for _ in range(2)]
    for path in (*others, folder_like_ours, *ours):
        age(path, 2 * HOUR)
    assert sorted(remove_stale_temporaries(target)) == sorted(ours)
    assert all(path.exists() for path in (*others, folder_like_ours))


def test_a_name_with_pattern_characters_is_taken_literally(tmp_path):
    target = tmp_path / "Daten [2026] (alle).json"
    stale = left_by_a_killed_write(target)
    lookalike = tmp_path / ".Daten 2 (alle).json.abcd1234.part"
    lookalike.write_text("someone else's", encoding="utf-8")
    for path in (stale, lookalike):
        age(path, 2 * HOUR)
    assert remove_stale_temporaries(target) == [stale]
    assert lookalike.exists()


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need extra rights on Windows")
def test_a_link_named_like_a_temporary_file_is_left_and_what_it_points_to_too(tmp_path):
    target = tmp_path / "data.json"
    elsewhere = tmp_path / "keep.txt"
    elsewhere.write_text("keep", encoding="utf-8")
    link = tmp_path / ".data.json.abcd1234.part"
    link.symlink_to(elsewhere)
    age(elsewhere, 2 * HOUR)
    assert remove_stale_temporaries(target) == []
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "keep"


def test_a_missing_folder_removes_nothing_and_raises_nothing(tmp_path):
    assert remove_stale_temporaries(tmp_path / "gone" / "data.json") == []


def test_a_whole_database_export_killed_half_way_leaves_nothing_after_the_next_export(paths, services, tmp_path):
    """A real crash: a child process exports the whole database and dies (no clean-up runs) while writing."""
    services.volunteers.create(Volunteer(first_name="Zyphrona", last_name="Quixbeltrand", town="Köln"))
    out = tmp_path / "out"
    out.mkdir()
    target = out / "data.json"
    child = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from kommandesk import paths
        from kommandesk.services.exports import ExportService

        def die(done, total):
            if done:
                os._exit(9)

        ExportService(paths.resolve(Path({str(paths.data_dir)!r}))).export_all(Path({str(target)!r}), progress=die)
    """)
    done = subprocess.run([sys.executable, "-c", child], cwd=Path(__file__).parents[2], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 9, done.stderr
    (left,) = [out / name for name in hidden(out)]
    assert left.name.startswith(".data.json.") and left.name.endswith(".part") and not target.exists()

    ExportService(paths).export_all(target)  # soon after: the left file might still be another export's
    assert left.exists() and target.exists()
    age(left, HOUR + 1)
    ExportService(paths).export_all(target)
    assert hidden(out) == [] and "Quixbeltrand" in target.read_text(encoding="utf-8")
