"""The main window: sidebar navigation over one page per area, menus, status bar, geometry restore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QStackedWidget, QWidget

from kommandesk import APP_NAME
from kommandesk.i18n import _
from kommandesk.services.context import Services
from kommandesk.settings import Settings
from kommandesk.ui.dialogs.about import show_about
from kommandesk.ui.icons import line_icon
from kommandesk.ui.pages.base import Page
from kommandesk.ui.pages.catalogue import coming_soon_pages
from kommandesk.ui.pages.overview import OverviewPage
from kommandesk.ui.pages.settings_page import SettingsPage


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: Settings, change_language: Callable[[str], None]):
        super().__init__()
        self.setObjectName("main_window")
        self.services = services
        self._settings = settings
        self._change_language = change_language

        self.overview = OverviewPage(services.organisation)
        self.settings_page = SettingsPage(services.organisation, settings.language)
        self.pages: list[Page] = [self.overview, *coming_soon_pages(), self.settings_page]

        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(200)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        for page in self.pages:
            item = QListWidgetItem(line_icon(page.key), "")
            item.setData(Qt.ItemDataRole.UserRole, page.key)
            self.sidebar.addItem(item)
            self.stack.addWidget(page)
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
        self._build_menus()

        self.overview.open_settings.connect(lambda: self.show_page("settings"))
        self.settings_page.organisation_saved.connect(self._organisation_saved)
        self.settings_page.language_chosen.connect(self._language_chosen)

        self.retranslate()
        self.resize(1100, 720)
        if settings.window_geometry is not None:
            self.restoreGeometry(settings.window_geometry)
        if settings.window_state is not None:
            self.restoreState(settings.window_state)
        self.show_page(settings.last_page if self.page(settings.last_page) else "overview")

    # -- navigation -----------------------------------------------------------------------------------
    def page(self, key: str) -> Page | None:
        return next((page for page in self.pages if page.key == key), None)

    def current_page(self) -> Page:
        return self.stack.currentWidget()

    def show_page(self, key: str) -> bool:
        page = self.page(key)
        if page is None:
            return False
        self.sidebar.setCurrentRow(self.pages.index(page))
        return self.current_page() is page

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        current = self.current_page()
        target = self.pages[row]
        if current is not target and current is not None and not current.can_leave():
            blocked = self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(self.pages.index(current))
            self.sidebar.blockSignals(blocked)
            return
        target.refresh()
        self.stack.setCurrentWidget(target)
        self._settings.last_page = target.key

    # -- menus and texts ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self._file_menu = self.menuBar().addMenu("")
        self._quit = QAction(self)
        self._quit.setShortcut(QKeySequence.StandardKey.Quit if not QKeySequence(QKeySequence.StandardKey.Quit)
                               .isEmpty() else QKeySequence("Ctrl+Q"))
        self._quit.setMenuRole(QAction.MenuRole.QuitRole)
        self._quit.triggered.connect(self.close)
        self._file_menu.addAction(self._quit)

        self._go_menu = self.menuBar().addMenu("")
        self._page_actions: list[QAction] = []
        for number, page in enumerate(self.pages, start=1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=page.key: self.show_page(key))
            self._go_menu.addAction(action)
            self._page_actions.append(action)

        self._help_menu = self.menuBar().addMenu("")
        self._log_action = QAction(self)
        self._log_action.triggered.connect(self.open_log_folder)
        self._about = QAction(self)
        self._about.setMenuRole(QAction.MenuRole.AboutRole)
        self._about.triggered.connect(lambda: show_about(self, self.services.paths))
        self._help_menu.addAction(self._log_action)
        self._help_menu.addSeparator()
        self._help_menu.addAction(self._about)

    def retranslate(self) -> None:
        self._file_menu.setTitle(_("&File"))
        self._quit.setText(_("&Quit"))
        self._go_menu.setTitle(_("&Go"))
        self._help_menu.setTitle(_("&Help"))
        self._log_action.setText(_("Open the &log folder"))
        self._about.setText(_("&About KommanDesk"))
        for number, (page, action) in enumerate(zip(self.pages, self._page_actions), start=1):
            page.retranslate()
            self.sidebar.item(number - 1).setText(page.title())
            self.sidebar.item(number - 1).setToolTip(_("{page} (Ctrl+{number})").format(page=page.title(),
                                                                                        number=number))
            action.setText(page.title())
        self._db_label.setText(_("Database: {path} · schema {version}").format(
            path=self.services.paths.db_file, version=self.services.store.schema_version))
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

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.paths.log_dir)))

    # -- closing --------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.current_page().can_leave():
            event.ignore()
            return
        self._settings.window_geometry = self.saveGeometry()
        self._settings.window_state = self.saveState()
        self._settings.sync()
        event.accept()
