"""The main window: sidebar navigation over one page per area, menus, status bar, geometry restore.

Each page is built the first time it is opened (the sidebar and the Go menu know every page's title from
the catalogue): a window that shows at once matters more than pages nobody has opened yet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from kommandesk import APP_NAME
from kommandesk.i18n import _
from kommandesk.services.context import Services
from kommandesk.settings import Settings
from kommandesk.ui.icons import line_icon
from kommandesk.ui.pages.base import Page
from kommandesk.ui.pages.catalogue import KEYS, title_of

USER_ROLE = 256  # Qt.ItemDataRole.UserRole, as a number: see ui/widgets/labels.py on Qt's enums and start-up time


def set_shortcut(action: QAction, keys: QKeySequence) -> None:
    """``action.setShortcut(keys)`` through the property system: the overloads of setShortcut make PySide build
    the whole Qt enum namespace (12 ms) while resolving the call (see ui/widgets/labels.py)."""
    action.setProperty("shortcut", keys)


class MainWindow(QMainWindow):
    restore_requested = Signal(object)  # Settings > Backups > Restore…: the Path of the backup, confirmed
    encryption_requested = Signal(object)  # Settings > Encryption: an EncryptionRequest, checked

    def __init__(self, services: Services, settings: Settings, change_language: Callable[[str], None],
                 on_close: Callable[["MainWindow"], None] | None = None):
        """``on_close``: called when the window closes for good (the application's backup on close)."""
        super().__init__()
        self.setObjectName("main_window")
        self.services = services
        self._settings = settings
        self._change_language = change_language
        self._on_close = on_close

        self._built: dict[str, Page] = {}

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        for key in KEYS:
            item = QListWidgetItem(line_icon(key), "")
            item.setData(USER_ROLE, key)
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # stands in until the page is first opened
        self.sidebar.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._db_label = QLabel()
        self._db_label.setObjectName("status_database")
        self.statusBar().addPermanentWidget(self._db_label)
        self._storage_warning: Callable[[], str] | None = None  # a database on a network drive: see warn_storage
        self._warning_label: QLabel | None = None
        self._retention_button = None  # offer_retention(): retention periods that have run out
        self._build_menus()

        self.retranslate()
        self.resize(1100, 720)
        if settings.window_geometry is not None:
            self.restoreGeometry(settings.window_geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        self.show_page(settings.last_page if settings.last_page in KEYS else "overview")

    # -- pages ----------------------------------------------------------------------------------------
    def _build(self, key: str) -> Page:
        if key == "overview":
            from kommandesk.ui.pages.overview import OverviewPage

            page = OverviewPage(self.services.overview, self.services.organisation, self.services.store)
            page.open_settings.connect(lambda: self.show_page("settings"))
            page.volunteer_opened.connect(self._open_volunteer)
            page.request_opened.connect(self._open_request_form)
            page.course_opened.connect(self._open_course)
        elif key == "settings":
            from kommandesk.ui.pages.settings_page import SettingsPage

            from kommandesk.services.backups import BackupService
            from kommandesk.services.encryption import EncryptionService

            page = SettingsPage(self.services.organisation, self._settings.language, self.services.volunteers,
                                matching=lambda: self.services.matching,  # made when the weights are first shown
                                allowances=self.services.allowances, backups=BackupService.of(self.services),
                                preferences=self._settings, privacy=self.services.privacy,
                                encryption=EncryptionService(self.services.paths))
            page.organisation_saved.connect(self._organisation_saved)
            page.restore_requested.connect(self.restore_requested)
            page.encryption_requested.connect(self.encryption_requested)
            page.language_chosen.connect(self._language_chosen)
        elif key == "volunteers":
            from kommandesk.ui.pages.volunteers_page import VolunteersPage

            page = VolunteersPage(self.services.volunteers, paths=self.services.paths,
                                  allowances=self.services.allowances)
        elif key == "requests":
            from kommandesk.ui.pages.requests_page import RequestsPage

            page = RequestsPage(self.services.requests, self.services.volunteers, paths=self.services.paths)
            page.match_requested.connect(self._match_request)
        elif key == "matching":
            from kommandesk.ui.pages.matching_page import MatchingPage

            page = MatchingPage(self.services.matching, self.services.requests, self.services.volunteers,
                                paths=self.services.paths)
            page.request_opened.connect(self._open_request)
        elif key == "trainings":
            from kommandesk.ui.pages.trainings_page import TrainingsPage

            page = TrainingsPage(self.services.trainings, self.services.volunteers, paths=self.services.paths)
            page.detail.set_certificates(lambda: self.services.certificates)  # made when first asked for
        elif key == "certificates":
            from kommandesk.ui.pages.certificates_page import CertificatesPage

            page = CertificatesPage(self.services.certificates, self.services.service_records,
                                    self.services.trainings, self.services.volunteers, paths=self.services.paths)
        elif key == "reports":
            from kommandesk.ui.pages.reports_page import ReportsPage

            page = ReportsPage(self.services.reports, self.services.volunteers, paths=self.services.paths)
        else:
            raise ValueError(f"no page for {key!r}")
        return page

    def _match_request(self, request_id: str) -> None:
        """"Find volunteers" on the Requests page: the Matching page with that request chosen."""
        if self.show_page("matching"):
            self.page("matching").select_request(request_id)

    def _open_request(self, request_id: str) -> None:
        if self.show_page("requests"):
            self.page("requests").select_request(request_id)

    def _open_volunteer(self, volunteer_id: str) -> None:
        """An item of the Overview's to-do list: the volunteer's profile over the Volunteers page."""
        if self.show_page("volunteers"):
            self.page("volunteers").open_volunteer(volunteer_id)

    def _open_request_form(self, request_id: str) -> None:
        if self.show_page("requests"):
            self.page("requests").open_request(request_id)

    def _open_course(self, course_id: str) -> None:
        if self.show_page("trainings"):
            self.page("trainings").open_course(course_id)

    def page(self, key: str) -> Page | None:
        """The page for ``key``, built now if it was not opened before; None for an unknown key."""
        if key not in KEYS:
            return None
        if key not in self._built:
            page = self._build(key)
            index = KEYS.index(key)
            stand_in = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
            self._built[key] = page
        return self._built[key]

    @property
    def pages(self) -> list[Page]:
        """Every page, in sidebar order (builds those not opened yet)."""
        return [self.page(key) for key in KEYS]

    @property
    def overview(self) -> Page:
        return self.page("overview")

    @property
    def settings_page(self) -> Page:
        return self.page("settings")

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def show_page(self, key: str) -> bool:
        if key not in KEYS:
            return False
        self.sidebar.setCurrentRow(KEYS.index(key))
        current = self.current_page()
        return current is not None and current.key == key

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.current_page()
        key = KEYS[row]
        if current is not None and current.key != key and not current.can_leave():
            blocked = self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(KEYS.index(current.key))
            self.sidebar.blockSignals(blocked)
            return
        target = self.page(key)
        target.refresh()
        self.stack.setCurrentWidget(target)
        self._settings.last_page = key

    # -- menus and texts ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self._file_menu = self.menuBar().addMenu("")
        self._quit = QAction(self)
        quit_keys = QKeySequence(QKeySequence.StandardKey.Quit)
        set_shortcut(self._quit, quit_keys if not quit_keys.isEmpty() else QKeySequence("Ctrl+Q"))
        self._quit.setMenuRole(QAction.MenuRole.QuitRole)
        self._quit.triggered.connect(self.close)
        self._file_menu.addAction(self._quit)

        self._go_menu = self.menuBar().addMenu("")
        self._page_actions: list[QAction] = []
        for number, key in enumerate(KEYS, start=1):
            action = QAction(self)
            set_shortcut(action, QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=key: self.show_page(key))
            self._go_menu.addAction(action)
            self._page_actions.append(action)

        self._help_menu = self.menuBar().addMenu("")
        self._log_action = QAction(self)
        self._log_action.triggered.connect(self.open_log_folder)
        self._assistant_action = QAction(self)  # the first-start assistant, opened again (ui/first_run_start.py)
        self._assistant_action.setObjectName("action_first_run")
        self._assistant_action.triggered.connect(self.open_assistant)
        self._about = QAction(self)
        self._about.setMenuRole(QAction.MenuRole.AboutRole)
        self._about.triggered.connect(self.show_about)
        self._help_menu.addAction(self._assistant_action)
        self._help_menu.addAction(self._log_action)
        self._help_menu.addSeparator()
        self._help_menu.addAction(self._about)

    def retranslate(self) -> None:
        self._file_menu.setTitle(_("&File"))
        self._quit.setText(_("&Quit"))
        self._go_menu.setTitle(_("&Go"))
        self._help_menu.setTitle(_("&Help"))
        self._log_action.setText(_("Open the &log folder"))
        self._assistant_action.setText(_("&First-start assistant…"))
        self._about.setText(_("&About KommanDesk"))
        for page in self._built.values():
            page.retranslate()
        for number, (key, action) in enumerate(zip(KEYS, self._page_actions), start=1):
            title = title_of(key)
            self.sidebar.item(number - 1).setText(title)
            self.sidebar.item(number - 1).setToolTip(_("{page} (Ctrl+{number})").format(page=title, number=number))
            action.setText(title)
        self._db_label.setText(_("Database: {path}").format(path=self.services.paths.db_file))
        if self._retention_button is not None:
            import html  # only for this link, shown when retention periods have run out

            link = html.escape(_("Retention periods have run out: review…"))
            self._retention_button.setText(f'<a href="#retention">{link}</a>')
        if self._warning_label is not None:
            self._warning_label.setText(_("Database on a network drive"))
            self._warning_label.setToolTip(self._storage_warning())
        self._update_title()

    def _update_title(self) -> None:
        name = self.services.organisation.get().name
        # "[*]" is Qt's placeholder for the 'modified' mark and would vanish from a name; "[*][*]" shows it as typed.
        name = name.replace("[*]", "[*][*]")
        self.setWindowTitle(f"{name} – {APP_NAME}" if name else APP_NAME)

    def _organisation_saved(self, _org) -> None:
        self._update_title()
        self.statusBar().showMessage(_("The organisation's details were saved."), 5000)

    def _language_chosen(self, value: str) -> None:
        self._change_language(value)
        self.retranslate()

    def choose_language(self, value: str) -> None:
        """The UI language chosen outside Settings (the first-start assistant), applied as if chosen there."""
        page = self._built.get("settings")
        if page is not None:
            page.choose_ui_language(value)  # its language_chosen applies it and makes every text again
        else:
            self._language_chosen(value)

    def open_assistant(self) -> None:
        from kommandesk.ui.first_run_start import reopen_assistant

        reopen_assistant(self)

    def show_about(self) -> None:
        from kommandesk.ui.dialogs.about import show_about

        show_about(self, self.services.paths)

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl  # on use: each Qt class costs start-up time when first named
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.paths.log_dir)))

    def offer_retention(self) -> None:
        """A button in the status bar when retention periods have run out (found after start, off the GUI thread):
        an offer that does not stand in the way; it opens the retention dialog (preview, then Apply)."""
        if self._retention_button is None:  # a link, not a button: the status bar keeps its height
            self._retention_button = QLabel()
            self._retention_button.setObjectName("status_retention")
            self._retention_button.linkActivated.connect(lambda _link: self._review_retention())
            self.statusBar().insertPermanentWidget(0, self._retention_button)
        self.retranslate()

    def _review_retention(self) -> None:
        from kommandesk.ui.dialogs.privacy.retention_dialog import RetentionDialog

        RetentionDialog(self.services.privacy, self).exec()
        if not self.services.privacy.retention_due():
            self.statusBar().removeWidget(self._retention_button)
            self._retention_button.deleteLater()
            self._retention_button = None

    def warn_storage(self, warning: Callable[[], str]) -> None:
        """A lasting warning in the status bar (the database is on a network drive); ``warning`` makes its text in
        the language shown. Said once as a message too."""
        self._storage_warning = warning
        if self._warning_label is None:
            from PySide6.QtGui import QPalette

            from kommandesk.ui.widgets.form_field import error_colour

            self._warning_label = QLabel()
            self._warning_label.setObjectName("status_storage_warning")
            palette = self._warning_label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
            self._warning_label.setPalette(palette)
            self.statusBar().insertPermanentWidget(0, self._warning_label)
        self.retranslate()
        self.statusBar().showMessage(warning(), 30_000)

    # -- closing --------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        current = self.current_page()
        if current is not None and not current.can_leave():
            event.ignore()
            return
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.sync()
        event.accept()
        if self._on_close is not None:
            self.hide()  # gone at once; the backup on close runs after
            self._on_close(self)
