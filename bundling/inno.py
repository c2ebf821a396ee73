"""The Windows installer: an Inno Setup script for the bundle, compiled with ISCC when Inno Setup is installed.

Installs for the current user without administrator rights by default (office PCs where coordinators are no
administrators); an administrator can choose "for all users" in the first dialog. German and English wizard.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

APP_ID = "{{6F1B2C8E-4D3A-4E57-9A61-2B7C0D5E8F14}"  # never change: Windows finds earlier installs by it
PUBLISHER = "KommanDesk"
ISCC_FOLDERS = ("Inno Setup 6", "Inno Setup 5")


def find_iscc(environ: dict[str, str] | None = None, which=shutil.which) -> Path | None:
    """ISCC.exe on PATH or in Inno Setup's usual folders (Program Files, the user's local programs)."""
    env = os.environ if environ is None else environ
    found = which("ISCC") or which("iscc")
    if found:
        return Path(found)
    bases = [env.get(name) for name in ("ProgramFiles(x86)", "ProgramFiles")]
    if env.get("LOCALAPPDATA"):
        bases.append(str(Path(env["LOCALAPPDATA"]) / "Programs"))
    for base in filter(None, bases):
        for folder in ISCC_FOLDERS:
            candidate = Path(base) / folder / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def _quoted(text: str) -> str:
    """A value in an Inno Setup script: in double quotes, an inner double quote doubled; braces that are not
    constants doubled by the caller where needed."""
    if any(ch in text for ch in "\r\n"):
        raise ValueError(f"a line break cannot go into an Inno Setup script: {text!r}")
    return '"' + text.replace('"', '""') + '"'


def _path(path: Path) -> str:
    """A path for the script: Windows separators, braces doubled (a folder named {x} is not a constant)."""
    return str(path).replace("/", "\\").replace("{", "{{")


def iss_script(version: str, bundle: Path, output_dir: Path, output_name: str, icon: Path | None,
               licence: Path | None = None, gui_exe: str = "kommandesk.exe") -> str:
    """The .iss text that packs ``bundle`` (dist/kommandesk) into ``output_dir/output_name.exe``."""
    if not version or any(ch in version for ch in '"{}\r\n'):
        raise ValueError(f"not a usable version: {version!r}")
    setup = [
        f"AppId={APP_ID}",
        "AppName=KommanDesk",
        f"AppVersion={version}",
        f"AppVerName=KommanDesk {version}",
        f"AppPublisher={PUBLISHER}",
        f"VersionInfoVersion={_numeric_version(version)}",
        "DefaultDirName={autopf}\\KommanDesk",
        "DefaultGroupName=KommanDesk",
        "DisableProgramGroupPage=yes",
        "PrivilegesRequired=lowest",
        "PrivilegesRequiredOverridesAllowed=dialog",
        "ArchitecturesAllowed=x64compatible",
        "ArchitecturesInstallIn64BitMode=x64compatible",
        f"OutputDir={_path(output_dir)}",
        f"OutputBaseFilename={output_name}",
        "Compression=lzma2/max",
        "SolidCompression=yes",
        "WizardStyle=modern",
        f"UninstallDisplayIcon={{app}}\\{gui_exe}",
    ]
    if icon is not None:
        setup.append(f"SetupIconFile={_path(icon)}")
    if licence is not None:
        setup.append(f"LicenseFile={_path(licence)}")
    source = _path(bundle)
    lines = [
        "; Written by build_installer.py for every build: change bundling/inno.py instead.",
        "[Setup]", *setup, "",
        "[Languages]",
        'Name: "german"; MessagesFile: "compiler:Languages\\German.isl"',
        'Name: "english"; MessagesFile: "compiler:Default.isl"',
        "",
        "[Tasks]",
        'Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; '
        "Flags: unchecked",
        "",
        "[Files]",
        f"Source: {_quoted(source + chr(92) + '*')}; DestDir: \"{{app}}\"; "
        "Flags: ignoreversion recursesubdirs createallsubdirs",
        "",
        "[Icons]",
        f'Name: "{{autoprograms}}\\KommanDesk"; Filename: "{{app}}\\{gui_exe}"',
        f'Name: "{{autodesktop}}\\KommanDesk"; Filename: "{{app}}\\{gui_exe}"; Tasks: desktopicon',
        "",
        "[Run]",
        f'Filename: "{{app}}\\{gui_exe}"; Description: "{{cm:LaunchProgram,KommanDesk}}"; '
        "Flags: nowait postinstall skipifsilent",
        "",
    ]
    return "\r\n".join(lines)


def _numeric_version(version: str) -> str:
    """'0.1.0' -> '0.1.0.0', '1.2.0rc1' -> '1.2.0.0': Windows file versions are four numbers."""
    numbers = []
    for piece in version.split(".")[:4]:
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        numbers.append(digits or "0")
    return ".".join((numbers + ["0"] * 4)[:4])
