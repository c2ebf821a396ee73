"""Names and places of the build: the version, the platform tag, the bundle folder and the package file names."""

from __future__ import annotations

import ast
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
DIST = ROOT / "dist"
BUNDLE_NAME = "kommandesk"  # dist/kommandesk/: the one-folder bundle
GUI_NAME = "kommandesk"
CLI_NAME = "kommandesk-cli"

_SYSTEMS = {"win32": "windows", "darwin": "macos"}
_MACHINES = {"amd64": "x86_64", "x64": "x86_64", "x86_64": "x86_64", "arm64": "arm64", "aarch64": "arm64"}


def version(root: Path = ROOT) -> str:
    """kommandesk.__version__, read from the source (the one place it is written) without importing the package."""
    tree = ast.parse((root / "kommandesk" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__version__" for t in node.targets):
            return str(ast.literal_eval(node.value))
    raise RuntimeError("kommandesk/__init__.py does not set __version__")


def system_name(platform_name: str | None = None) -> str:
    """'linux', 'windows' or 'macos' (sys.platform by default)."""
    name = sys.platform if platform_name is None else platform_name
    return _SYSTEMS.get(name, "linux" if name.startswith("linux") else name)


def machine_name(machine: str | None = None) -> str:
    """'x86_64' or 'arm64' (platform.machine() by default; Windows says AMD64, Linux on ARM aarch64)."""
    raw = (platform.machine() if machine is None else machine).lower()
    return _MACHINES.get(raw, raw or "unknown")


def platform_tag(platform_name: str | None = None, machine: str | None = None) -> str:
    return f"{system_name(platform_name)}-{machine_name(machine)}"


def package_stem(version_text: str, platform_name: str | None = None, machine: str | None = None) -> str:
    """kommandesk-0.1.0-linux-x86_64: the name every package file of this build starts with."""
    return f"kommandesk-{version_text}-{platform_tag(platform_name, machine)}"


def archive_name(version_text: str, platform_name: str | None = None, machine: str | None = None) -> str:
    """The portable archive: .zip on Windows (Explorer opens it), .tar.gz elsewhere (keeps the executable bits)."""
    suffix = ".zip" if system_name(platform_name) == "windows" else ".tar.gz"
    return package_stem(version_text, platform_name, machine) + suffix


def setup_name(version_text: str, machine: str | None = None) -> str:
    """The Windows installer's base name (Inno Setup adds .exe)."""
    return package_stem(version_text, "win32", machine) + "-setup"


def executable(name: str, platform_name: str | None = None) -> str:
    return name + (".exe" if system_name(platform_name) == "windows" else "")


def bundle_dir(dist: Path = DIST) -> Path:
    return dist / BUNDLE_NAME
