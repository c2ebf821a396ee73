"""The PyInstaller spec file: one analysis of the app (GUI and CLI together), one program in one folder (two on
Windows).

The spec is written anew by every build (build/kommandesk.spec) from :func:`spec_text`; what goes in and what
stays out is decided in :mod:`bundling.contents`, which the spec imports.

Layout of dist/kommandesk/ (PyInstaller's one-folder bundle):

    kommandesk[.exe]        the app (on Windows without a console window)
    kommandesk-cli[.exe]    the command line (Linux, macOS: a link to kommandesk, which then runs the CLI)
    _internal/              Python, Qt, the libraries, kommandesk/assets and kommandesk/locale
    licences/               the licence texts (copied after the build)
    portable.txt            (made by the user, not by the build) keeps the data beside the program
"""

from __future__ import annotations

from pathlib import Path

from bundling.naming import BUNDLE_NAME, CLI_NAME, GUI_NAME, ROOT

ENTRY = "bundling/entry.py"  # relative to the checkout

_TEMPLATE = '''\
# Written by build_installer.py for every build: change bundling/spec.py or bundling/contents.py instead.
import sys

sys.path.insert(0, {root!r})
from PyInstaller.depend.bindepend import get_imports  # noqa: E402

from bundling import contents  # noqa: E402


def needed(path):
    try:
        return [name for name, _where in get_imports(path)]
    except Exception:  # not a binary it can read: it links to nothing we know
        return []


system = {system!r}
shim = contents.use_scipy_shim(system)
a = Analysis(
    [{entry!r}],
    pathex=[str(contents.SCIPY_SHIM), {root!r}] if shim else [{root!r}],
    binaries=[contents.lsap_binary()] if shim else [],
    datas=contents.app_datas(),
    hiddenimports=[*collect_submodules("kommandesk"), *contents.HIDDEN_IMPORTS,
                   *collect_submodules("reportlab.graphics.barcode")],
    hookspath=[str(contents.HOOKS)] if shim else [],
    excludes=contents.excludes(system, sys.executable),
    noarchive=False,
    optimize=0,
)
a.datas = contents.filtered(a.datas)
a.binaries = contents.select_binaries(a.binaries, needed)
a.pure = contents.filtered_modules(a.pure)
pyz = PYZ(a.pure)

programs = [EXE(pyz, a.scripts, [], exclude_binaries=True, name={gui_name!r}, console={gui_console!r},
                icon={icon!r}, strip=False, upx=False)]
if {two_programs!r}:
    programs.append(EXE(pyz, a.scripts, [], exclude_binaries=True, name={cli_name!r}, console=True, icon={icon!r},
                        strip=False, upx=False))
coll = COLLECT(*programs, a.binaries, a.datas, strip=False, upx=False, name={bundle!r})
'''


def two_programs(system: str) -> bool:
    """Windows needs a second program for the command line (the app's has no console); elsewhere kommandesk-cli
    is a link to kommandesk, made after PyInstaller (build_installer.py)."""
    return system == "windows"


def spec_text(system: str, icon: Path | None = None, root: Path = ROOT) -> str:
    """The spec for ``system`` ('linux', 'windows', 'macos'). The app's program opens no console window on
    Windows; elsewhere it keeps stdout (the smoke test reads 'shown' from it)."""
    return "from PyInstaller.utils.hooks import collect_submodules\n" + _TEMPLATE.format(
        system=system, root=str(root), entry=str(root / ENTRY), gui_name=GUI_NAME, cli_name=CLI_NAME,
        gui_console=system != "windows", two_programs=two_programs(system), icon=str(icon) if icon else None,
        bundle=BUNDLE_NAME)
