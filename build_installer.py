#!/usr/bin/env python3
"""Build KommanDesk for handing out: a PyInstaller one-folder bundle, its smoke test, and the platform package.

    .venv/bin/python build_installer.py                 translations, bundle, smoke test, package
    .venv/bin/python build_installer.py --smoke-only    only the smoke test of the bundle in dist/kommandesk
    .venv/bin/python build_installer.py --no-package    bundle and smoke test, no archive or setup program
    .venv/bin/python build_installer.py --icon          draw resources/kommandesk.ico again from app.svg

Out come dist/kommandesk/ (the bundle: the programs kommandesk and kommandesk-cli, _internal/, licences/) and
dist/kommandesk-VERSION-linux-x86_64.tar.gz on Linux, dist/kommandesk-VERSION-windows-x86_64-setup.exe on Windows
(with Inno Setup 6; without it dist/kommandesk-VERSION-windows-x86_64.zip). Work files go to build/.

Exit status: 0 done, 1 a problem the message explains (a missing tool, a failed build or smoke test), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

from bundling import naming
from bundling.tools import BuildProblem

ROOT = naming.ROOT


def log(message: str) -> None:
    print(message, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_installer.py", description=__doc__.split("\n\n")[0],
        epilog="\n\n".join(__doc__.split("\n\n")[1:]), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke-only", action="store_true",
                        help="only run the smoke test of the bundle built before (dist/kommandesk)")
    parser.add_argument("--no-smoke", action="store_true", help="build without the smoke test (not for release)")
    parser.add_argument("--no-package", action="store_true", help="no archive or setup program, only the bundle")
    parser.add_argument("--no-install", action="store_true",
                        help="do not install a missing PyInstaller into this environment; say how instead")
    parser.add_argument("--keep-smoke", metavar="DIR", type=Path,
                        help="run the smoke test in DIR and keep its data folders and certificates there")
    parser.add_argument("--icon", action="store_true", help="draw resources/kommandesk.ico from app.svg and stop")
    args = parser.parse_args(argv)
    if args.smoke_only and args.no_smoke:
        parser.error("--smoke-only and --no-smoke contradict each other")
    if args.icon and (args.smoke_only or args.no_smoke or args.no_package or args.keep_smoke):
        parser.error("--icon stands alone")
    return args


# -- the steps -----------------------------------------------------------------------------------------------------
def check_environment() -> None:
    """The build runs in the app's environment (.venv after ./dev.sh setup): the app and Qt must be importable."""
    missing = [name for name in ("kommandesk", "PySide6", "numpy", "scipy", "reportlab")
               if importlib.util.find_spec(name) is None]
    if missing:
        raise BuildProblem(f"This Python ({sys.executable}) does not have {', '.join(missing)}. Set up once with "
                           "./dev.sh setup and build with .venv/bin/python build_installer.py")


def check_tools(system: str, install: bool) -> str:
    from bundling import contents, tools

    version = tools.ensure_pyinstaller(system, install, log)
    if system == "linux":
        missing = tools.missing_linux_tools()
        if missing:
            raise BuildProblem(tools.linux_tools_message(missing))
    if contents.use_scipy_shim(system):
        unexpected = contents.unexpected_scipy_imports(ROOT / "kommandesk")
        if unexpected:
            names = ", ".join(f"{module}.{name}" if name else module for module, name in sorted(unexpected))
            raise BuildProblem(
                f"The app now uses more of scipy than linear_sum_assignment ({names}); the bundle's stand-in scipy "
                "(bundling/scipy_shim) has only that. Add what is needed there, or set use_scipy_shim in "
                "bundling/contents.py to bundle the real scipy.")
    return version


def compile_translations() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "compile"], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildProblem("Compiling the translations failed:\n" + (done.stderr or done.stdout).strip())


def windows_icon(system: str) -> Path | None:
    if system != "windows":
        return None
    from bundling import icon

    if not icon.ICO.is_file():
        icon.write_icon()
    return icon.ICO


def run_pyinstaller(system: str, icon: Path | None) -> None:
    from bundling import spec

    naming.BUILD.mkdir(exist_ok=True)
    spec_file = naming.BUILD / "kommandesk.spec"
    spec_file.write_text(spec.spec_text(system, icon), encoding="utf-8")
    log_file = naming.BUILD / "pyinstaller.log"
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(naming.DIST), "--workpath", str(naming.BUILD / "pyinstaller"), str(spec_file)]
    with log_file.open("w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        tail = log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-20:]
        raise BuildProblem(f"PyInstaller failed (exit status {done.returncode}); the end of {log_file}:\n"
                           + "\n".join(tail))


def finish_bundle(system: str) -> None:
    from bundling import licences, shrink

    bundle = naming.bundle_dir()
    if system != "windows":  # one program for both: started as kommandesk-cli it runs the command line
        cli = bundle / naming.CLI_NAME
        cli.unlink(missing_ok=True)
        cli.symlink_to(naming.GUI_NAME)
    if system == "linux":
        saved = shrink.strip_debug(bundle / "_internal", log)
        if saved:
            log(f"  debugging information stripped from the libraries: {saved / 1e6:.1f} MB less")
    written = licences.write_licences(bundle / "licences")
    log(f"  licences: resources/licences and the files of {len(written)} packages")


def bundle_size(folder: Path) -> int:
    """Bytes of every file in ``folder`` (links counted as links), as ``du -sb`` counts them less the folders."""
    return sum(path.lstat().st_size for path in folder.rglob("*") if not path.is_dir() or path.is_symlink())


def package(system: str, version: str) -> Path:
    from bundling import archive, inno, tools

    bundle = naming.bundle_dir()
    if system == "windows":
        iscc = inno.find_iscc()
        if iscc is not None:
            return make_setup(iscc, version, bundle)
        log(tools.inno_missing_message())
    target = naming.DIST / naming.archive_name(version)
    return archive.make_archive(bundle, target, archive.source_date_epoch(ROOT))


def make_setup(iscc: Path, version: str, bundle: Path) -> Path:
    from bundling import inno, icon

    name = naming.setup_name(version)
    script = naming.BUILD / "kommandesk.iss"
    script.write_text(inno.iss_script(version, bundle, naming.DIST, name, icon.ICO if icon.ICO.is_file() else None,
                                      ROOT / "resources" / "licences" / "GPL-3.0.txt"), encoding="utf-8-sig")
    done = subprocess.run([str(iscc), "/Q", str(script)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise BuildProblem(f"Inno Setup failed on {script}:\n" + (done.stderr or done.stdout).strip())
    return naming.DIST / f"{name}.exe"


def smoke(keep: Path | None) -> None:
    from bundling.smoke import run_smoke

    bundle = naming.bundle_dir()
    if not (bundle / naming.executable(naming.GUI_NAME)).is_file():
        raise BuildProblem(f"There is no bundle in {bundle} to test: build it first with "
                           ".venv/bin/python build_installer.py")
    if not run_smoke(bundle, log, keep):
        raise BuildProblem("The smoke test failed: the bundle is not fit to hand out (see above).")


# -- the command ---------------------------------------------------------------------------------------------------
def build(args: argparse.Namespace) -> None:
    system = naming.system_name()
    version = naming.version()
    began = time.perf_counter()
    check_environment()
    pyinstaller = check_tools(system, install=not args.no_install)
    log(f"Building KommanDesk {version} for {naming.platform_tag()} with PyInstaller {pyinstaller} ...")
    compile_translations()
    run_pyinstaller(system, windows_icon(system))
    finish_bundle(system)
    bundle = naming.bundle_dir()
    built = time.perf_counter() - began
    log(f"Bundle: {bundle} ({bundle_size(bundle) / 1e6:.1f} MB) in {built:.0f} s.")
    if not args.no_smoke:
        smoke(args.keep_smoke)
    if not args.no_package:
        made = package(system, version)
        log(f"Package: {made} ({made.stat().st_size / 1e6:.1f} MB).")
    log(f"Done in {time.perf_counter() - began:.0f} s.")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        if args.icon:
            from bundling.icon import write_icon

            log(f"Icon written: {write_icon()}")
        elif args.smoke_only:
            smoke(args.keep_smoke)
        else:
            build(args)
    except BuildProblem as problem:
        print(f"build_installer.py: {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build_installer.py: stopped.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
