"""Render every page of the main window, in German and English, to PNG files you can look at.

    .venv/bin/python scripts/screenshots.py                  # writes screenshots/de/*.png and screenshots/en/*.png
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --lang en
    .venv/bin/python scripts/screenshots.py --scale 2        # high-DPI check (QT_SCALE_FACTOR=2)

The app is started through ``kommandesk.app.run`` (the real start-up path) over a fresh temporary data folder
filled with the demo data (``kommandesk.services.demo.seed.fill(services, seed=7)``), so the pages show a real
organisation. The first language is set at start (``--lang``); every further language is chosen at run time in
the Settings page's language box, as a user would. Files written per language::

    <out>/<lang>/01-overview.png … 08-settings.png   every sidebar page, in sidebar order (window 1200x760)
    <out>/<lang>/09-settings-errors.png              Settings after saving an empty name and the postcode "12"
    <out>/<lang>/10-about.png                        Help > About
    <out>/<lang>/11-unsaved-changes.png              the question when leaving Settings with changes (Qt's buttons)
    <out>/<lang>/12-context-menu.png                 a text field's context menu (Qt's own strings)

Language switch check (skip with ``--no-switch-check``): the first language is chosen once more at the end and its
pages are rendered again, and every language reached by switching is also started fresh in a second process; a page
that differs from its fresh start (status bar excluded, it shows the temporary folder) keeps a text the switch
did not update. The script names the page and writes ``<lang>/switch-check-<nn>-<key>.png`` to compare with.

Exit status: 0 all written and the check passed, 1 the check found a page, 2 the script could not finish.

Qt runs headless (``QT_QPA_PLATFORM=offscreen``) unless QT_QPA_PLATFORM is already set, e.g. to ``xcb`` under
Xvfb. Offscreen Qt draws text through fontconfig and, without any font, draws nothing and says nothing: the script
stops when Qt finds no font (Debian/Ubuntu: ``apt-get install fonts-dejavu-core``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LANGUAGES = ("de", "en")
WATCHDOG_SECONDS = 120
ROUND_TRIP = "_round-trip"  # pages of the first language after switching away and back (removed at the end)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots",
                        help="folder for the PNG files (default: screenshots/ in the source tree)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES,
                        help="a language to render; repeat for several, the first is set at start (default: de en)")
    parser.add_argument("--size", default="1200x760", help="window size WIDTHxHEIGHT (default: 1200x760)")
    parser.add_argument("--scale", type=float, default=None, help="device pixel ratio (sets QT_SCALE_FACTOR)")
    parser.add_argument("--no-switch-check", dest="switch_check", action="store_false",
                        help="skip comparing the pages after a language switch with a fresh start")
    parser.add_argument("--pages-only", action="store_true", help=argparse.SUPPRESS)  # the fresh-start reference
    args = parser.parse_args(argv)
    args.lang = list(dict.fromkeys(args.lang or LANGUAGES))
    try:
        args.width, args.height = (int(part) for part in args.size.lower().split("x"))
    except ValueError:
        parser.error("--size must look like 1200x760")
    return args


def prepare_data(data_dir: Path) -> None:
    """A fresh database with the demo organisation (and whatever the demo filler adds later)."""
    from kommandesk.services.demo.seed import fill_folder

    fill_folder(data_dir, seed=7, volunteers=120)


def settle(rounds: int = 3) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


class Shooter:
    """Called by ``run(on_shown=...)`` inside the app's event loop; writes the PNG files."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.written: list[Path] = []
        self.error: BaseException | None = None
        self.status_bar_top: int | None = None  # physical pixels
        self.page_files: list[str] = []  # 01-overview.png ... in sidebar order

    def __call__(self, window) -> None:
        from PySide6.QtWidgets import QApplication

        def record(kind, error, tb) -> None:  # instead of the app's dialog, which nobody would answer here
            self.error = self.error or error
            QApplication.instance().quit()

        sys.excepthook = record
        try:
            check_fonts()
            window.resize(self.args.width, self.args.height)
            settle()
            ratio = window.devicePixelRatioF()
            self.status_bar_top = int(window.statusBar().geometry().top() * ratio)
            for language in self.args.lang:
                self.choose_language(window, language)
                folder = self.args.out / language
                folder.mkdir(parents=True, exist_ok=True)
                for old in folder.glob("[0-9][0-9]-*.png"):
                    old.unlink()
                for number, key in self.pages(window):
                    self.save(window, folder / f"{number:02d}-{key}.png")
                    if language == self.args.lang[0]:
                        self.page_files.append(f"{number:02d}-{key}.png")
                if not self.args.pages_only:
                    self.shoot_extras(window, folder, len(window.pages))
            if self.args.switch_check and len(self.args.lang) > 1:
                self.choose_language(window, self.args.lang[0])
                folder = self.args.out / ROUND_TRIP
                for number, key in self.pages(window):
                    self.save(window, folder / f"{number:02d}-{key}.png", record=False)
        except BaseException as exc:  # noqa: BLE001 - the app's excepthook would open a dialog nobody can close
            self.error = exc
        finally:
            QApplication.instance().quit()

    # -- helpers --------------------------------------------------------------------------------------
    def save(self, widget, path: Path, record: bool = True) -> None:
        settle()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not widget.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        if record:
            self.written.append(path)

    @staticmethod
    def with_modal(trigger: Callable[[], object], handle: Callable[[object], None]) -> None:
        """Call ``trigger``, which opens a modal dialog and waits; ``handle`` gets the dialog and must close it."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        state: dict[str, object] = {"done": False, "error": None}

        def poll() -> None:
            if state["done"]:
                return
            dialog = QApplication.activeModalWidget()
            if dialog is None or not dialog.isVisible():
                QTimer.singleShot(20, poll)
                return
            state["done"] = True
            try:
                settle()
                handle(dialog)
            except BaseException as exc:  # noqa: BLE001 - raised again below, outside the dialog's loop
                state["error"] = exc
                dialog.close()

        QTimer.singleShot(0, poll)
        trigger()
        if not state["done"]:
            state["done"] = True
            raise RuntimeError("the expected dialog did not open")
        if state["error"] is not None:
            raise state["error"]

    @staticmethod
    def choose_language(window, language: str) -> None:
        from kommandesk.i18n import current_language

        window.settings_page.choose_ui_language(language)
        settle()
        if current_language() != language:
            raise RuntimeError(f"choosing {language!r} in Settings left the app in {current_language()!r}")

    @staticmethod
    def pages(window) -> Iterator[tuple[int, str]]:
        """Open every page as a user would: the window active, focus in the sidebar."""
        for number, page in enumerate(window.pages, start=1):
            if not window.show_page(page.key):
                raise RuntimeError(f"the page {page.key!r} cannot be opened")
            window.activateWindow()  # a closed dialog leaves the window inactive (paler selection colour)
            window.sidebar.setFocus()
            settle()
            yield number, page.key

    # -- the extra screens ----------------------------------------------------------------------------
    def shoot_extras(self, window, folder: Path, pages: int) -> None:
        self.shoot_settings_errors(window, folder / f"{pages + 1:02d}-settings-errors.png",
                                   folder / f"{pages + 3:02d}-unsaved-changes.png")
        self.shoot_about(window, folder / f"{pages + 2:02d}-about.png")
        self.shoot_context_menu(window, folder / f"{pages + 4:02d}-context-menu.png")
        self.shoot_volunteers(window, folder, pages + 5)
        self.shoot_import(window, folder, pages + 10)
        from shots_matching import shoot_matching  # scripts/ is on the path: this script's folder
        from shots_requests import shoot_requests

        from shots_trainings import shoot_trainings

        from shots_certificates import shoot_certificates

        from shots_reports import shoot_reports

        from shots_first_run import shoot_first_run

        after_requests = shoot_requests(self, window, folder, pages + 13)
        after_matching = shoot_matching(self, window, folder, after_requests)
        after_trainings = shoot_trainings(self, window, folder, after_matching)
        after_certificates = shoot_certificates(self, window, folder, after_trainings)
        after_reports = shoot_reports(self, window, folder, after_certificates)
        shoot_first_run(self, window, folder, after_reports)
        window.show_page(window.pages[0].key)
        settle()

    def shoot_volunteers(self, window, folder: Path, first: int) -> None:
        """The list with a search and filters; one profile's tabs; a new profile with validation errors."""
        import dataclasses

        from PySide6.QtWidgets import QLineEdit

        from kommandesk.domain.languages import Level
        from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

        page = window.page("volunteers")
        window.show_page("volunteers")
        filters = page.filters
        filters.language.setCurrentIndex(filters.language.findData("ar"))
        filters.min_level.setCurrentIndex(filters.min_level.findData(Level.B1))
        settle()
        self.save(window, folder / f"{first:02d}-volunteers-filtered.png")
        filters.reset()
        settle()

        service = window.services.volunteers
        row = page.model.row_at(0)
        dialog = VolunteerDialog(service, service.get(row.id), window)
        dialog.resize(1100, 720)
        dialog.show()
        for offset, (tab, name) in enumerate(((0, "person"), (2, "availability"), (3, "clearance")), start=1):
            dialog.tabs.setCurrentIndex(tab)
            self.save(dialog, folder / f"{first + offset:02d}-volunteer-{name}.png")
        dialog.hide()
        dialog.deleteLater()

        new = VolunteerDialog(service, dataclasses.replace(service.new()), window)
        new.resize(1100, 720)
        new.show()
        for name, value in (("first_name", "   "), ("last_name", "Becker"), ("email", "jonas(at)example"),
                            ("postcode", "1234")):
            new.findChild(QLineEdit, f"vol_{name}").setText(value)
        if new.save():
            raise RuntimeError("the volunteer form saved a profile with a blank first name")
        self.save(new, folder / f"{first + 4:02d}-volunteer-errors.png")
        new.hide()
        new.deleteLater()
        settle()

    def shoot_import(self, window, folder: Path, first: int) -> None:
        """The import dialog over a German-Excel CSV (title line, a column nobody maps, two bad rows, a twin):
        the mapping with its preview, the check with problems and a likely duplicate, the result. It imports
        into a scratch data folder, so the demo database (and the pages compared after the language switch)
        stay as they were."""
        import tempfile

        from kommandesk.paths import resolve
        from kommandesk.tasks import TaskRunner
        from kommandesk.ui.dialogs.imports.import_wizard import CHECK, MAPPING, SUMMARY, ImportWizard

        with tempfile.TemporaryDirectory(prefix="kommandesk-import-") as scratch:
            scratch_paths = resolve(Path(scratch) / "data")
            scratch_paths.ensure()
            lines = [
                "Ehrenamtliche Integrationszentrum Musterstadt – Stand März 2026;;;;;;;;;;",
                "Lfd. Nr.;Vorname;Nachname;E-Mail;Telefon;PLZ;Ort;Geburtsdatum;Sprachen;Verfügbarkeit;Bemerkungen",
                "1;Ayşe;Yılmaz;ayse.yilmaz@example.org;0211 4711 23;40210;Düsseldorf;14.03.1987;"
                "Türkisch (Muttersprache), Deutsch C1;Mo vormittags, Mi abends;",
                "2;Jürgen;Müller;j.mueller@example.org;0221 98765;50667;Köln;1.2.65;Deutsch (Muttersprache), "
                "Englisch B2;Sa;fährt Auto",
                "3;Łucja;Kowalska;lucja(at)example.org;;44135;Dortmund;1985-07-09;Polnisch (Muttersprache), "
                "Deutsch B2;Di abends;",
                "4;Ahmad;Haidari;a.haidari@example.org;0231 5555 12;44137;Dortmund;31.02.1990;"
                "Dari (Muttersprache), Deutsch B1;Mo, Di, Mi;dolmetscht auch Farsi",
                "5;Marie;Schäfer;marie.schaefer@example.org;0211 123 456;40211;Düsseldorf;22.11.1979;"
                "Deutsch (Muttersprache), Französisch C1;Fr nachmittags;",
                "6;Şükrü;Öztürk;sukru.ozturk@example.org;0203 77 88 99;47051;Duisburg;03.05.1972;"
                "Türkisch (Muttersprache), Deutsch C2;Sa, So;",
                "7;Ayşe;Yılmaz;ayse.yilmaz@example.org;0211 4711 23;40210;Düsseldorf;14.03.1987;"
                "Türkisch (Muttersprache);;zweimal in der Liste",
            ]
            source = Path(scratch) / "Ehrenamtliche 2026.csv"
            source.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))

            wizard = ImportWizard(scratch_paths, window, runner=TaskRunner(synchronous=True), path=source)
            wizard.resize(1000, 660)
            wizard.show()
            try:
                wizard.go_next()
                if wizard.step != MAPPING:
                    raise RuntimeError(f"the import dialog did not read its file: {wizard.file_step.error.text()}")
                self.save(wizard, folder / f"{first:02d}-import-mapping.png")
                wizard.go_next()
                if wizard.step != CHECK or wizard.check_step.report is None:
                    raise RuntimeError("the import dialog did not check the rows")
                self.save(wizard, folder / f"{first + 1:02d}-import-check.png")
                wizard.check_step.skip_invalid.setChecked(True)
                wizard.go_next()
                if wizard.step != SUMMARY or wizard.import_result is None:
                    raise RuntimeError(f"the import did not finish: {wizard.summary_step.error.text()}")
                self.save(wizard, folder / f"{first + 2:02d}-import-result.png")
            finally:
                wizard.hide()
                wizard.deleteLater()
                settle()

    def shoot_settings_errors(self, window, errors_png: Path, unsaved_png: Path) -> None:
        from PySide6.QtWidgets import QLineEdit, QMessageBox

        page = window.settings_page
        window.show_page(page.key)
        for name, value in (("name", ""), ("postcode", "12")):
            edit = page.findChild(QLineEdit, f"org_{name}")
            edit.setText(value)
            edit.textEdited.emit(value)  # as if typed: the page now holds unsaved changes
        if page.save():
            raise RuntimeError("Settings saved an empty name and the postcode '12'")
        self.save(window, errors_png)

        def answer_cancel(box) -> None:
            self.save(box, unsaved_png)
            box.button(QMessageBox.StandardButton.Cancel).click()

        self.with_modal(lambda: window.show_page(window.pages[0].key), answer_cancel)
        if window.current_page() is not page:
            raise RuntimeError("Cancel in the unsaved-changes question did not keep Settings open")
        page.revert()
        settle()

    def shoot_about(self, window, png: Path) -> None:
        from kommandesk.ui.dialogs.about import show_about

        def close(box) -> None:
            self.save(box, png)
            box.close()

        self.with_modal(lambda: show_about(window, window.services.paths), close)

    def shoot_context_menu(self, window, png: Path) -> None:
        from PySide6.QtWidgets import QLineEdit

        page = window.settings_page
        window.show_page(page.key)
        edit = page.findChild(QLineEdit, "org_town")
        menu = edit.createStandardContextMenu()
        try:
            menu.popup(edit.mapToGlobal(edit.rect().center()))
            self.save(menu, png)
        finally:
            menu.close()
            menu.deleteLater()


def check_fonts() -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo
    from PySide6.QtWidgets import QApplication

    if not QFontDatabase.families():
        raise RuntimeError("Qt finds no font, so every text would be blank. Install one "
                           "(Debian/Ubuntu: apt-get install fonts-dejavu-core) and run again.")
    info = QFontInfo(QApplication.font())
    print(f"platform {QApplication.platformName()}, font {info.family()} {info.pointSizeF():g} pt, "
          f"device pixel ratio {QApplication.primaryScreen().devicePixelRatio():g}", flush=True)


def watchdog() -> None:
    """A modal dialog nobody answers would hang the script: give up loudly instead."""
    import threading

    def fire() -> None:
        sys.stderr.write(f"screenshots: no result after {WATCHDOG_SECONDS} s (a dialog waiting for an answer?)\n")
        sys.stderr.flush()
        os._exit(2)

    timer = threading.Timer(WATCHDOG_SECONDS, fire)
    timer.daemon = True
    timer.start()


def difference(a, b, rows: int) -> str | None:
    """Bounding box 'x0,y0-x1,y1' of the pixels that differ in the top ``rows`` rows of two images, or None."""
    from PySide6.QtGui import QImage

    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    if a.size() != b.size():
        return f"size {a.width()}x{a.height()} vs {b.width()}x{b.height()}"
    stride = a.bytesPerLine()
    bits_a, bits_b = bytes(a.constBits()), bytes(b.constBits())
    changed = [y for y in range(min(rows, a.height()))
               if bits_a[y * stride:(y + 1) * stride] != bits_b[y * stride:(y + 1) * stride]]
    if not changed:
        return None
    columns = [x for y in changed for x in range(a.width())
               if bits_a[y * stride + 4 * x:y * stride + 4 * x + 4] != bits_b[y * stride + 4 * x:y * stride + 4 * x + 4]]
    return f"{min(columns)},{changed[0]}-{max(columns)},{changed[-1]}"


def compare_pages(after: Path, before: Path, names: list[str], language: str, rows: int, out: Path) -> list[str]:
    """Pages ``names`` that differ between a run that switched to ``language`` and a fresh start in it."""
    from PySide6.QtGui import QImage

    problems = []
    for name in names:
        box = difference(QImage(str(after / name)), QImage(str(before / name)), rows)
        if box is not None:
            copy = out / language / f"switch-check-{name}"  # the image of the two that <out>/<language> lacks
            copy.write_bytes((after if after.name == ROUND_TRIP else before).joinpath(name).read_bytes())
            problems.append(f"{language}/{name}: differs from a fresh start in {language} (pixels {box}): "
                            f"a text the language switch does not update; compare with {copy.name}")
    return problems


def switch_check(args: argparse.Namespace, shooter: Shooter, tmp: Path) -> list[str]:
    """Every page reached through a language switch must look exactly as after a fresh start in that language."""
    first, *switched = args.lang
    rows = shooter.status_bar_top or args.height
    names = shooter.page_files
    problems = compare_pages(args.out / ROUND_TRIP, args.out / first, names, first, rows, args.out)
    for language in switched:
        reference = tmp / f"fresh-{language}"
        command = [sys.executable, str(Path(__file__).resolve()), "--pages-only", "--no-switch-check",
                   "--lang", language, "--out", str(reference), "--size", args.size]
        if args.scale:
            command += ["--scale", f"{args.scale:g}"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"the fresh start in {language} failed:\n{done.stdout}{done.stderr}")
        problems += compare_pages(args.out / language, reference / language, names, language, rows, args.out)
    return problems


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    args.out = args.out.absolute()
    for language in args.lang:
        for old in (args.out / language).glob("switch-check-*.png"):
            old.unlink()

    from kommandesk.app import run

    shooter = Shooter(args)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kommandesk-screenshots-") as tmp:
        data_dir = Path(tmp) / "data"
        prepare_data(data_dir)
        watchdog()
        previous_hook = sys.excepthook
        try:
            status = run(["--data-dir", str(data_dir), "--lang", args.lang[0]], on_shown=shooter)
        finally:
            sys.excepthook = previous_hook  # the app's hook opens a dialog: not wanted once the app has ended
        if shooter.error is not None:
            traceback.print_exception(shooter.error)
            return 2
        if status != 0:
            print(f"screenshots: the app ended with status {status}", file=sys.stderr)
            return 2
        if args.switch_check and len(args.lang) > 1:
            try:
                problems = switch_check(args, shooter, Path(tmp))
            finally:
                shutil.rmtree(args.out / ROUND_TRIP, ignore_errors=True)
    if args.pages_only:
        return 0
    for path in sorted(shooter.written):
        print(path.relative_to(args.out))
    print(f"{len(shooter.written)} screenshots in {args.out}")
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if args.switch_check and len(args.lang) > 1 and not problems:
        print("language switch check: every page matches a fresh start")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
