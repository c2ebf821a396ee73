"""The licences folder of the bundle: the texts in resources/licences, the DejaVu licence, Python's licence, and
the licence files of every Python package the app needs (its dependencies, read from the installed metadata, so
that they match what the bundle holds)."""

from __future__ import annotations

import re
import shutil
import sysconfig
from importlib import metadata
from pathlib import Path

from bundling.naming import ROOT

LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|notice|authors)", re.IGNORECASE)
ALSO_SHIPPED = ("pyinstaller",)  # its start program is in every executable of the bundle
NOT_BUNDLED = {"pip", "setuptools"}  # required by a dependency's own command line, left out of the bundle


def _name(requirement: str) -> str | None:
    """The distribution name of a requirement, or None for one that only an extra asks for."""
    if "extra ==" in requirement.replace("extra==", "extra =="):
        return None
    match = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def app_requirements(root: Path = ROOT) -> list[str]:
    """The app's dependencies as pyproject.toml lists them (the installed metadata may be older)."""
    import tomllib

    with (root / "pyproject.toml").open("rb") as fh:
        return list(tomllib.load(fh)["project"]["dependencies"])


def runtime_distributions(root: Path = ROOT) -> list[metadata.Distribution]:
    """The app's installed dependencies, all the way down (extras and tools left out), sorted by name."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [name for name in map(_name, app_requirements(root)) if name]
    while todo:
        try:
            dist = metadata.distribution(todo.pop())
        except metadata.PackageNotFoundError:
            continue  # a dependency for another platform
        key = dist.metadata["Name"].lower().replace("_", "-")
        if key in seen or key in NOT_BUNDLED:
            continue
        seen[key] = dist
        todo += [name for name in map(_name, dist.requires or []) if name]
    return [seen[key] for key in sorted(seen)]


def licence_files(dist: metadata.Distribution) -> list[tuple[Path, str]]:
    """(file, path to give it in the folder) for a distribution's licence files: everything under its
    .dist-info/licenses/ and files named LICENSE*, COPYING*, NOTICE*, AUTHORS* in its .dist-info."""
    found = []
    for entry in dist.files or []:
        parts = Path(str(entry)).parts
        if not parts or not parts[0].endswith(".dist-info"):
            continue
        inner = parts[1:]
        if inner[:1] == ("licenses",) and len(inner) > 1:
            found.append((Path(dist.locate_file(entry)), "/".join(inner[1:])))
        elif len(inner) == 1 and LICENCE_FILE.match(inner[0]):
            found.append((Path(dist.locate_file(entry)), inner[0]))
    unique = {target: source for source, target in found if source.is_file()}
    return [(source, target) for target, source in sorted(unique.items())]


def write_licences(target: Path, root: Path = ROOT) -> list[str]:
    """Fill ``target`` (dist/kommandesk/licences); returns the folder names of the packages whose files went in."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "resources" / "licences", target)
    shutil.copy2(root / "kommandesk" / "assets" / "fonts" / "DejaVu-LICENSE.txt", target / "DejaVu-LICENSE.txt")
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_licence.is_file():
        (target / "python").mkdir()
        shutil.copy2(python_licence, target / "python" / "LICENSE.txt")
    written = []
    extra = []
    for name in ALSO_SHIPPED:
        try:
            extra.append(metadata.distribution(name))
        except metadata.PackageNotFoundError:
            pass
    for dist in [*runtime_distributions(root), *extra]:
        files = licence_files(dist)
        if not files:
            continue
        folder = target / f"{dist.metadata['Name'].lower()}-{dist.version}"
        for source, relative in files:
            destination = folder / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
        written.append(folder.name)
    babel_unicode = _babel_unicode_licence()
    if babel_unicode is not None:
        babel_folder = next((target / name for name in written if name.startswith("babel-")), target / "babel")
        babel_folder.mkdir(exist_ok=True)
        shutil.copy2(babel_unicode, babel_folder / "LICENSE.unicode")
    return written


def _babel_unicode_licence() -> Path | None:
    import importlib.util

    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "locale-data" / "LICENSE.unicode"
    return path if path.is_file() else None
