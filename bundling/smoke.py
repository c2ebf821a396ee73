"""The smoke test of a built bundle: its files are there, the app starts and shows its window on a new data folder,
and the command line makes demo data, runs the matching solver and writes certificates with a Turkish and an
Arabic name whose PDFs embed the font. Run by every build and on its own (``build_installer.py --smoke-only``).

Every check prints one line; the first failure ends the test with what went wrong.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bundling import naming

TIMEOUT = 120
# Files the app reads from the bundle, relative to _internal/ (PyInstaller's contents folder).
REQUIRED_FILES = (
    "kommandesk/assets/fonts/DejaVuSans.ttf",
    "kommandesk/assets/fonts/DejaVuSans-Bold.ttf",
    "kommandesk/assets/fonts/DejaVu-LICENSE.txt",
    "kommandesk/assets/icons/app.svg",
    "kommandesk/locale/de/LC_MESSAGES/kommandesk.mo",
    "babel/global.dat",
    "babel/locale-data/root.dat",
    "babel/locale-data/de.dat",
    "babel/locale-data/en.dat",
)
REQUIRED_PATTERNS = ("**/qtbase_de.qm",)  # Qt's own German (dialog buttons); the folder differs by platform
ARABIC_FORMS = (0xFB50, 0xFEFF)  # Arabic presentation forms: the letters were joined before drawing


class SmokeFailure(Exception):
    pass


@dataclass
class Smoke:
    bundle: Path
    log: Callable[[str], None] = print
    system: str = field(default_factory=naming.system_name)
    results: list[str] = field(default_factory=list)

    @property
    def gui(self) -> Path:
        return self.bundle / naming.executable(naming.GUI_NAME, _platform(self.system))

    @property
    def cli(self) -> Path:
        return self.bundle / naming.executable(naming.CLI_NAME, _platform(self.system))

    def ok(self, message: str) -> None:
        self.results.append(message)
        self.log(f"  ok  {message}")

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("KOMMANDESK_DATA_DIR", "PYTHONPATH", "PYTHONHOME", "QT_PLUGIN_PATH", "QT_SCALE_FACTOR"):
            env.pop(name, None)
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def run(self, work: Path) -> None:
        self.check_files()
        if self.system == "linux":
            self.check_libraries()
        self.check_gui(work / "new-data")
        self.check_cli_info(work / "new-data")
        self.check_demo_and_matching(work / "demo-data")
        self.check_encryption(work / "demo-data")
        self.check_certificates(work / "course-data", work / "certificates")

    # -- the checks ------------------------------------------------------------------------------------------------
    def check_files(self) -> None:
        for program in (self.gui, self.cli):
            if not program.is_file():
                raise SmokeFailure(f"the bundle has no {program.name} (looked in {self.bundle})")
        contents = self.bundle / "_internal"
        missing = [name for name in REQUIRED_FILES if not (contents / name).is_file()]
        missing += [pattern for pattern in REQUIRED_PATTERNS if next(contents.glob(pattern), None) is None]
        if not (self.bundle / "licences").is_dir() or not any((self.bundle / "licences").iterdir()):
            missing.append("licences/")
        if missing:
            raise SmokeFailure("files missing from the bundle: " + ", ".join(missing))
        self.ok(f"the bundle has both programs and the {len(REQUIRED_FILES) + len(REQUIRED_PATTERNS)} files the app "
                "reads (fonts, icons, translations, babel's data, Qt's German), and the licences")

    def check_libraries(self) -> None:
        """Every library a binary of the bundle links to is found, in the bundle or (for those the bundle takes
        from the system, bundling/contents.py HOST_LIBRARIES) on this machine. Catches a library pruned too
        eagerly: Qt skips a plugin it cannot load without a word."""
        from bundling.contents import HOST_LIBRARIES

        if shutil.which("ldd") is None:
            self.ok("(ldd is missing: the libraries were not checked)")
            return
        contents = self.bundle / "_internal"
        env = {**self.env(), "LD_LIBRARY_PATH": os.pathsep.join(
            str(folder) for folder in (contents, contents / "PySide6" / "Qt" / "lib"))}
        checked, missing = 0, set()
        for path in sorted(contents.rglob("*.so*")):
            if path.is_symlink() or not path.is_file():
                continue
            done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env, timeout=60)
            checked += 1
            for line in done.stdout.splitlines():
                name, _arrow, where = line.strip().partition(" => ")
                if where.strip() == "not found" and not HOST_LIBRARIES.match(name):
                    missing.add(f"{name} (for {path.relative_to(contents)})")
        if missing:
            raise SmokeFailure("libraries missing from the bundle: " + ", ".join(sorted(missing)))
        self.ok(f"every library the {checked} binaries of the bundle link to is in the bundle or is one it takes "
                "from the system")

    def check_gui(self, data_dir: Path) -> None:
        began = time.perf_counter()
        # --no-assistant: the first-start assistant would wait for someone to answer it
        done = self._run([self.gui, "--data-dir", str(data_dir), "--lang", "de", "--no-assistant"],
                         extra_env={"KOMMANDESK_SMOKE_TEST": "1"})
        seconds = time.perf_counter() - began
        said_shown = "shown" in done.stdout.split()
        # A Windows program without a console has no stdout: there the exit status alone says it (the app quits
        # only from its window-shown callback; a start-up problem shows a dialog nobody can answer: the timeout).
        if done.returncode != 0 or not (said_shown or self.system == "windows"):
            raise SmokeFailure(f"the app did not start and show its window (exit status {done.returncode}):\n"
                               + _tail(done))
        if not (data_dir / "kommandesk.sqlite3").is_file():
            raise SmokeFailure(f"the app started but made no database in the new data folder {data_dir}")
        self.ok(f"the app started offscreen on a new data folder, made its database and showed its window "
                f"({seconds:.1f} s)")

    def check_cli_info(self, data_dir: Path) -> None:
        done = self._run([self.cli, "--data-dir", str(data_dir), "info", "--json"])
        try:
            info = json.loads(done.stdout)
        except ValueError:
            raise SmokeFailure("kommandesk-cli info --json did not answer with JSON:\n" + _tail(done)) from None
        expected = naming.version()
        found = json.dumps(info)
        if done.returncode != 0 or expected not in found:
            raise SmokeFailure(f"kommandesk-cli info does not report version {expected}:\n" + _tail(done))
        self.ok(f"the command line reads the app's database and reports version {expected}")

    def check_demo_and_matching(self, data_dir: Path) -> None:
        done = self._run([self.cli, "--data-dir", str(data_dir), "--lang", "en", "demo", "--seed", "7",
                          "--volunteers", "60"])
        if done.returncode != 0:
            raise SmokeFailure("kommandesk-cli demo failed (postcode table, Pillow, reportlab):\n" + _tail(done))
        done = self._run([self.cli, "--data-dir", str(data_dir), "--lang", "en", "match", "--all", "--json"])
        if done.returncode != 0:
            raise SmokeFailure("kommandesk-cli match --all failed (numpy, the scipy solver):\n" + _tail(done))
        self.ok("the command line made demo data (postcode table, logo) and proposed volunteers for every open "
                "request (numpy, scipy's assignment solver)")

    def check_encryption(self, data_dir: Path) -> None:
        passphrase = "smoke test passphrase 7"
        done = self._run([self.cli, "--data-dir", str(data_dir), "--lang", "en", "encryption", "on"],
                         extra_env={"KOMMANDESK_NEW_PASSPHRASE": passphrase})
        if done.returncode != 0:
            raise SmokeFailure("kommandesk-cli encryption on failed (SQLCipher):\n" + _tail(done))
        if (data_dir / "kommandesk.sqlite3").read_bytes()[:16] == b"SQLite format 3\x00":
            raise SmokeFailure("kommandesk-cli encryption on left the database readable without the passphrase")
        done = self._run([self.cli, "--data-dir", str(data_dir), "--lang", "en", "volunteers", "list", "--json"],
                         extra_env={"KOMMANDESK_PASSPHRASE": passphrase})
        if done.returncode != 0 or not done.stdout.strip().startswith(("{", "[")):
            raise SmokeFailure("the encrypted database cannot be read with its passphrase:\n" + _tail(done))
        self.ok("the command line encrypted the database (SQLCipher) and read it again with the passphrase")

    def check_certificates(self, data_dir: Path, out_dir: Path) -> None:
        prepared = self.prepare_data(data_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        done = self._run([self.cli, "--data-dir", str(data_dir), "--lang", "de", "certificates", prepared["course"],
                          "--out", str(out_dir)])
        if done.returncode != 0:
            raise SmokeFailure("kommandesk-cli certificates failed:\n" + _tail(done))
        pdfs = sorted(out_dir.glob("*.pdf"))
        if len(pdfs) != 2:
            raise SmokeFailure(f"expected 2 certificates in {out_dir}, found {[p.name for p in pdfs]}")
        by_name = {"turkish": _one(pdfs, "Yılmaz"), "arabic": _one(pdfs, "حداد")}
        for key, pdf in by_name.items():
            if pdf is None:
                raise SmokeFailure(f"no certificate file for {prepared[key]} among {[p.name for p in pdfs]}")
            data = pdf.read_bytes()
            if len(data) < 1000 or not data.startswith(b"%PDF-"):
                raise SmokeFailure(f"{pdf.name} is not a PDF ({len(data)} bytes)")
            self.check_fonts(pdf)
        notes = self.check_text(by_name["turkish"], prepared["turkish"], by_name["arabic"], prepared["arabic"])
        self.ok(f"the command line wrote certificates for {prepared['turkish']} and {prepared['arabic']}: PDFs "
                f"with DejaVu Sans embedded{notes}")

    def check_fonts(self, pdf: Path) -> None:
        if shutil.which("pdffonts") is None:
            if b"/FontFile2" not in pdf.read_bytes() or b"DejaVuSans" not in pdf.read_bytes():
                raise SmokeFailure(f"{pdf.name} does not embed DejaVu Sans")
            return
        listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60).stdout
        embedded = [line for line in listing.splitlines()[2:] if "DejaVuSans" in line and " yes " in f" {line} "]
        if not embedded:
            raise SmokeFailure(f"{pdf.name} does not embed DejaVu Sans; pdffonts says:\n{listing}")

    def check_text(self, turkish_pdf: Path, turkish: str, arabic_pdf: Path, arabic: str) -> str:
        if shutil.which("pdftotext") is None:
            return " (pdftotext is not installed: the names in the text were not checked)"
        text = " ".join(_pdf_text(turkish_pdf).split())
        if turkish not in text:
            raise SmokeFailure(f"{turkish_pdf.name} does not show {turkish!r} (ş, ı, ü lost?); its text:\n"
                               f"{text[:400]}")
        raw = _pdf_text(arabic_pdf)
        shaped = any(ARABIC_FORMS[0] <= ord(ch) <= ARABIC_FORMS[1] for ch in raw)
        plain = " ".join(unicodedata.normalize("NFKC", raw).replace("\u202b", "").replace("\u202c", "").split())
        if not shaped or not (arabic in plain or arabic[::-1] in plain):
            raise SmokeFailure(f"{arabic_pdf.name} does not show {arabic!r} with joined letters; its text:\n"
                               f"{raw[:400]}")
        return ", the Turkish name as text and the Arabic one with joined letters (pdftotext)"

    def prepare_data(self, data_dir: Path) -> dict[str, str]:
        """The course data, made in this process with the development package (the build's environment)."""
        from bundling.smoke_data import prepare

        return prepare(data_dir)

    # -- running the bundle ----------------------------------------------------------------------------------------
    def _run(self, command: list, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        env = {**self.env(), **(extra_env or {})}
        try:
            done = subprocess.run([str(part) for part in command], capture_output=True, env=env, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise SmokeFailure(f"{Path(str(command[0])).name} {' '.join(map(str, command[1:]))} did not finish "
                               f"within {TIMEOUT} s") from None
        return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8", "replace"),
                                           done.stderr.decode("utf-8", "replace"))


def _platform(system: str) -> str:
    return {"windows": "win32", "macos": "darwin"}.get(system, system)


def _one(pdfs: list[Path], part: str) -> Path | None:
    return next((pdf for pdf in pdfs if part in pdf.name), None)


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout


def _tail(done: subprocess.CompletedProcess, lines: int = 25) -> str:
    text = "\n".join(part for part in (done.stdout.strip(), done.stderr.strip()) if part)
    return "\n".join(text.splitlines()[-lines:]) or "(no output)"


def run_smoke(bundle: Path, log: Callable[[str], None] = print, keep: Path | None = None) -> bool:
    """All checks on ``bundle`` in a new temporary folder (or ``keep``, left in place to look at); True if all
    passed. Failures are logged, not raised."""
    smoke = Smoke(bundle=bundle, log=log)
    log(f"Smoke test of {bundle}:")
    began = time.perf_counter()
    try:
        if keep is not None:
            work = keep / time.strftime("smoke-%Y%m%d-%H%M%S")
            work.mkdir(parents=True)
            log(f"  (its folders and certificates are kept in {work})")
            smoke.run(work)
        else:
            with tempfile.TemporaryDirectory(prefix="kommandesk-smoke-") as work:
                smoke.run(Path(work))
    except SmokeFailure as failure:
        log(f"  FAILED  {failure}")
        return False
    log(f"Smoke test passed: {len(smoke.results)} checks in {time.perf_counter() - began:.1f} s.")
    return True
