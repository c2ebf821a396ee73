"""Write a file so that it appears whole or not at all.

The content goes to a temporary file beside the target (same folder, so the final rename cannot cross drives);
only when it is complete and on disk is it renamed over the target. An exception on the way (a full disk, a bug,
the user cancelling) removes the temporary file and leaves an existing target exactly as it was. A process killed
half-way cannot clean up: its temporary file (the whole content so far, personal data in plain text) stays hidden
beside the target until the next write to that target removes it (:func:`remove_stale_temporaries`).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART_SUFFIX = ".part"
STALE_AFTER_S = 3600  # a temporary file this old is left by a write that died: a running one keeps writing to it
_RANDOM = "[a-z0-9_]{8}"  # what tempfile.mkstemp puts between prefix and suffix


def remove_stale_temporaries(path: Path, older_than_s: float = STALE_AFTER_S) -> list[Path]:
    """Remove the temporary files of ``path`` (named as :func:`temporary_beside` names them, nothing else) last
    written ``older_than_s`` or more ago; returns those removed. A file that cannot be removed (open in another
    program, no permission) is left; a folder that cannot be listed removes nothing."""
    pattern = re.compile(re.escape(f".{path.name}.") + _RANDOM + re.escape(PART_SUFFIX))
    removed: list[Path] = []
    try:
        with os.scandir(path.parent) as found:
            candidates = [Path(entry.path) for entry in found
                          if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)]
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        try:
            if now - candidate.lstat().st_mtime >= older_than_s:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


def temporary_beside(path: Path) -> Path:
    """A new, empty file in the target's folder with a name nobody else uses (readable by the owner only). Stale
    temporary files of the same target, left by a write that was killed, are removed first."""
    remove_stale_temporaries(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    os.close(fd)
    return Path(name)


def _sync(path: Path) -> None:
    with path.open("r+b") as fh:
        os.fsync(fh.fileno())


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write to; it replaces ``path`` when the block ends without an exception.

    ``os.replace`` raises ``PermissionError`` on Windows when the target is open in another program (Excel
    locks the files it shows); the temporary file is removed then too and the error is raised to the caller.
    """
    temporary = temporary_beside(path)
    try:
        yield temporary
        _sync(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
