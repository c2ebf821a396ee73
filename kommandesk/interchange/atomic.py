"""Write a file so that it appears whole or not at all.

The content goes to a temporary file beside the target (same folder, so the final rename cannot cross drives);
only when it is complete and on disk is it renamed over the target. An exception on the way (a full disk, a bug,
the user cancelling) removes the temporary file and leaves an existing target exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PART_SUFFIX = ".part"


def temporary_beside(path: Path) -> Path:
    """A new, empty file in the target's folder with a name nobody else uses (readable by the owner only)."""
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
