"""After PyInstaller: debugging information out of the libraries that carry it (Linux).

A Python built from source (pyenv and the like) and some extension modules keep their debugging information:
libpython 23 MB instead of 6.5 MB, SQLCipher's module 21 MB instead of 9 MB. ``strip --strip-debug`` removes only
that; the symbols other libraries link against stay. Libraries whose search path was rewritten to $ORIGIN by the
wheel's repair tool (Pillow's, numpy's) are left alone: binutils can damage such files, and they carry no
debugging information anyway.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == ELF_MAGIC
    except OSError:
        return False


def wants_strip(objdump_output: str) -> bool:
    """From ``objdump -h -p FILE``: the file has debugging sections and no $ORIGIN search path."""
    has_debug = any(line.split()[1:2] and line.split()[1].startswith(".debug_") for line in objdump_output.splitlines())
    repaired = any(("RPATH" in line or "RUNPATH" in line) and "$ORIGIN" in line for line in objdump_output.splitlines())
    return has_debug and not repaired


def strip_debug(bundle: Path, log: Callable[[str], None] = print) -> int:
    """Strip the debugging information from the bundle's libraries; returns the bytes saved."""
    if shutil.which("strip") is None or shutil.which("objdump") is None:
        log("  (strip or objdump is missing: the libraries keep their debugging information; "
            "sudo apt-get install binutils)")
        return 0
    saved = 0
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or ".so" not in path.name or not is_elf(path):
            continue
        listing = subprocess.run(["objdump", "-h", "-p", str(path)], capture_output=True, text=True).stdout
        if not wants_strip(listing):
            continue
        before = path.stat().st_size
        done = subprocess.run(["strip", "--strip-debug", str(path)], capture_output=True, text=True)
        if done.returncode == 0:
            saved += before - path.stat().st_size
    return saved
