"""The tools a build needs, and what to say when one is missing.

PyInstaller comes from the optional dependency group ``build`` in pyproject.toml. A missing PyInstaller is installed
into the running environment (.venv) by the build itself, after saying so: the coordinator or colleague who runs
the build should not have to know pip. ``--no-install`` turns that off (CI, offline machines) and prints the
command instead.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bundling.naming import ROOT

PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10"  # when pyproject.toml cannot be read
PIP_COMMAND = ".venv/bin/pip install -e '.[build]'"  # README and messages; Windows: .venv\Scripts\pip
DEBIAN_TOOLS = {"objdump": "binutils", "ldd": "libc-bin", "strip": "binutils"}


class BuildProblem(Exception):
    """A build that cannot go on; the message says what to do."""


def pip_command(system: str) -> str:
    if system == "windows":
        return ".venv\\Scripts\\pip install -e .[build]"
    return PIP_COMMAND


def pyinstaller_missing_message(system: str) -> str:
    return ("PyInstaller is not installed in this environment. Set up once with ./dev.sh setup, then install the "
            f"build tools with:\n    {pip_command(system)}")


def pyinstaller_version() -> str | None:
    """The installed PyInstaller's version, or None."""
    if importlib.util.find_spec("PyInstaller") is None:
        return None
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pyinstaller")
    except PackageNotFoundError:
        return None


def build_requirements(root: Path = ROOT) -> list[str]:
    """The optional dependency group ``build`` of pyproject.toml (the one place the PyInstaller version is set)."""
    import tomllib

    try:
        with (root / "pyproject.toml").open("rb") as fh:
            group = tomllib.load(fh)["project"]["optional-dependencies"]["build"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return [PYINSTALLER_REQUIREMENT]
    return [str(item) for item in group] or [PYINSTALLER_REQUIREMENT]


def minimum_version(requirements: list[str], name: str = "pyinstaller") -> tuple[int, ...]:
    """(6, 10) from 'pyinstaller>=6.10'; () when no lower bound is given."""
    for requirement in requirements:
        match = re.match(rf"^\s*{name}\s*(\[[^\]]*\])?\s*(.*)$", requirement, re.IGNORECASE)
        if match:
            bound = re.search(r">=\s*([\d.]+)", match.group(2))
            if bound:
                return tuple(int(piece) for piece in bound.group(1).strip(".").split("."))
    return ()


def too_old(version_text: str, minimum: tuple[int, ...] = (6, 10)) -> bool:
    numbers = []
    for piece in version_text.split(".")[:len(minimum)]:
        digits = "".join(ch for ch in piece if ch.isdigit()) or "0"
        numbers.append(int(digits))
    return tuple(numbers) < minimum


def ensure_pyinstaller(system: str, install: bool, log, python: str = sys.executable, root: Path = ROOT) -> str:
    """The PyInstaller version to build with; installs the ``build`` group when it is missing or too old and
    ``install`` allows it, else raises :class:`BuildProblem` with the command to run."""
    requirements = build_requirements(root)
    minimum = minimum_version(requirements)
    found = pyinstaller_version()
    if found is not None and not too_old(found, minimum):
        return found
    if not install:
        raise BuildProblem(pyinstaller_missing_message(system) if found is None else
                           f"PyInstaller {found} is too old (needs {' '.join(requirements)}). Update it with:\n"
                           f"    {pip_command(system)}")
    log(f"Installing the build tools into this environment ({', '.join(requirements)}: pyproject.toml's 'build' "
        "group) ...")
    done = subprocess.run([python, "-m", "pip", "install", "-q", *requirements], cwd=root, capture_output=True,
                          text=True)
    importlib.invalidate_caches()
    found = pyinstaller_version()
    if done.returncode != 0 or found is None or too_old(found, minimum):
        details = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise BuildProblem("Installing PyInstaller failed (no network?). " + pyinstaller_missing_message(system)
                           + ("\npip said:\n    " + "\n    ".join(details) if details else ""))
    return found


def missing_linux_tools(which=shutil.which) -> dict[str, str]:
    """{tool: Debian package} for the programs PyInstaller runs on Linux to find and strip libraries."""
    return {tool: package for tool, package in DEBIAN_TOOLS.items() if which(tool) is None}


def linux_tools_message(missing: dict[str, str]) -> str:
    packages = " ".join(sorted(set(missing.values())))
    tools = ", ".join(sorted(missing))
    return (f"PyInstaller needs {tools} to find the libraries of the bundle. Install them with:\n"
            f"    sudo apt-get install {packages}")


def inno_missing_message() -> str:
    return ("Inno Setup is not installed, so no setup program is made; the bundle is packed as a .zip instead. "
            "For a setup program install Inno Setup 6 (its ISCC.exe is found in Program Files or on PATH) and "
            "build again.")
