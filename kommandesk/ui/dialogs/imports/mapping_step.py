"""Step 2: which column of the file goes into which field, with a preview of the first rows.

One line per column of the file: its letter, its heading, a box with the fields (or "(ignore)"), and its first
values. The boxes start with what the service guessed from the headings. A field chosen for two columns is
refused with a message naming both (except languages, areas of help and notes, which the import joins from
several columns), and so is a mapping without first and last name; Next waits until it is resolved. A mapping
can be saved as JSON and loaded again for the next list of the same shape.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout,
                               QHeaderView, QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.interchange.volunteer_columns import MULTI_COLUMN_FIELDS
from kommandesk.services.imports import IMPORT_FIELDS, REQUIRED_FIELDS, ImportPreview, ImportService, field_label
from kommandesk.ui.dialogs.imports.common import Step, column_letter, describe_source, heading_text, show_message
from kommandesk.ui.dialogs.imports.table_model import RowsModel
from kommandesk.ui.widgets.labels import message_label, plain_label

SAMPLE_VALUES = 3  # first values shown beside each column
MAPPING_FILTER = "*.json"


class MappingStep(Step):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import_step_mapping")
        self.preview: ImportPreview | None = None
        self.combos: list[QComboBox] = []

        self.source = plain_label(wrap=True, name="import_source")
        self.hint = plain_label(_("Choose for each column of the file the field it goes into, or “(ignore)” to "
                                  "leave it out. The boxes start with what the headings say."), wrap=True,
                                name="import_mapping_hint")

        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setColumnStretch(3, 1)
        self._grid.setHorizontalSpacing(12)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("import_mapping_columns")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setWidget(self._grid_host)

        self.preview_model = RowsModel(self)
        self.preview_table = QTableView()
        self.preview_table.setObjectName("import_preview_table")
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.setWordWrap(False)
        self.preview_table.setTabKeyNavigation(False)
        self.preview_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft
                                                                  | Qt.AlignmentFlag.AlignVCenter)
        self.preview_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.preview_table.verticalHeader().setDefaultSectionSize(self.preview_table.fontMetrics().height() + 8)
        self.preview_label = plain_label(_("Preview of the first rows (greyed columns are not imported):"),
                                         name="import_preview_label")
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.preview_label)
        below_layout.addWidget(self.preview_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.scroll)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.error = message_label("import_mapping_error")
        self.save_button = QPushButton(_("&Save mapping…"))
        self.save_button.setObjectName("import_save_mapping")
        self.save_button.setToolTip(_("Keep these choices in a file, for the next list of the same shape"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_mapping)
        self.load_button = QPushButton(_("&Load mapping…"))
        self.load_button.setObjectName("import_load_mapping")
        self.load_button.setToolTip(_("Use the choices saved for an earlier list"))
        self.load_button.setAutoDefault(False)
        self.load_button.clicked.connect(self.load_mapping)
        self.saved_note = plain_label(wrap=True, name="import_mapping_note")
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_note, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.source)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def title(self) -> str:
        return _("Match the columns")

    # -- filling ------------------------------------------------------------------------------------------------
    def set_preview(self, preview: ImportPreview, mapping: dict[int, str | None] | None = None) -> None:
        """Show ``preview``; the boxes start with ``mapping`` (default: the one guessed from the headings)."""
        self.preview = preview
        self.source.setText(describe_source(preview))
        self._build_rows(preview)
        self.set_mapping(preview.mapping if mapping is None else mapping)
        self.saved_note.setText("")

    def _build_rows(self, preview: ImportPreview) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        for col, title in enumerate((_("Column"), _("Heading in the file"), _("Import as"), _("First values"))):
            label = plain_label(title)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            self._grid.addWidget(label, 0, col)
        choices = [(None, _("(ignore)"))] + [(field, field_label(field)) for field in IMPORT_FIELDS]
        previous: QWidget | None = None
        for column in range(len(preview.headers)):
            heading = heading_text(preview, column)
            letter = plain_label(column_letter(column))
            name = plain_label(heading)
            name.setToolTip(heading)
            combo = QComboBox()
            combo.setObjectName(f"import_map_{column}")
            combo.setAccessibleName(_("Import column {letter} “{heading}” as").format(
                letter=column_letter(column), heading=heading))
            for field, text in choices:
                combo.addItem(text, field)
            combo.setMaxVisibleItems(len(choices))
            combo.currentIndexChanged.connect(self._combo_changed)
            name.setBuddy(combo)
            samples = [row[column] for row in preview.rows if column < len(row) and str(row[column]).strip()]
            example = plain_label("   ·   ".join(str(value) for value in samples[:SAMPLE_VALUES]))
            example.setMinimumWidth(40)
            row = column + 1
            self._grid.addWidget(letter, row, 0)
            self._grid.addWidget(name, row, 1)
            self._grid.addWidget(combo, row, 2)
            self._grid.addWidget(example, row, 3)
            if previous is not None:
                QWidget.setTabOrder(previous, combo)
            previous = combo
            self.combos.append(combo)
        self._grid.setRowStretch(len(preview.headers) + 1, 1)
        self.preview_model.set_rows([""] * len(preview.headers), preview.rows)
        self.splitter.setSizes([600, 400])

    # -- the mapping --------------------------------------------------------------------------------------------
    def mapping(self) -> dict[int, str | None]:
        return {column: combo.currentData() for column, combo in enumerate(self.combos)}

    def set_mapping(self, mapping: dict[int, str | None]) -> None:
        for column, combo in enumerate(self.combos):
            blocked = combo.blockSignals(True)
            index = combo.findData(mapping.get(column))
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(blocked)
        self._combo_changed()

    def set_field(self, column: int, field: str | None) -> None:
        """Choose ``field`` (None: ignore) for ``column``, as the user does in its box."""
        combo = self.combos[column]
        combo.setCurrentIndex(max(combo.findData(field), 0))

    def conflicts(self) -> dict[str, list[int]]:
        """Fields chosen for more than one column -> those columns (a field joined from several is no conflict)."""
        used: dict[str, list[int]] = {}
        for column, field in self.mapping().items():
            if field and field not in MULTI_COLUMN_FIELDS:
                used.setdefault(field, []).append(column)
        return {field: columns for field, columns in used.items() if len(columns) > 1}

    def ready(self) -> bool:
        return self.preview is not None and self._conflict_text(self.mapping()) is None

    def _combo_changed(self, *_args) -> None:
        if self.preview is None:
            return
        mapping = self.mapping()
        titles, tips = [], []
        for column in range(len(self.combos)):
            heading = heading_text(self.preview, column)
            field = mapping.get(column)
            titles.append(f"{heading}\n\u2192 {field_label(field)}" if field else f"{heading}\n{_('(ignore)')}")
            tips.append(_("Imported as {field}").format(field=field_label(field)) if field
                        else _("Not imported"))
        self.preview_model.set_titles(titles, tips)
        dim = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        self.preview_model.set_dimmed({column for column, field in mapping.items() if not field}, dim)
        self.preview_table.resizeColumnsToContents()
        header = self.preview_table.horizontalHeader()
        limit = self.fontMetrics().averageCharWidth() * 30
        for column in range(header.count()):
            if header.sectionSize(column) > limit:
                header.resizeSection(column, limit)
        show_message(self.error, self._conflict_text(mapping))
        self.changed.emit()

    def _conflict_text(self, mapping: dict[int, str | None]) -> str | None:
        conflicts = self.conflicts()
        if conflicts:
            field, columns = next(iter(conflicts.items()))
            headings = ", ".join(f"“{heading_text(self.preview, column)}” ({column_letter(column)})"
                                 for column in columns)
            return _("{field} is chosen for more than one column: {columns}. Choose it for one column only, and "
                     "“(ignore)” or another field for the others.").format(field=field_label(field),
                                                                           columns=headings)
        missing = [field for field in REQUIRED_FIELDS if field not in mapping.values()]
        if len(missing) == 2:
            return _("Choose the columns for {first} and {last}: every volunteer needs a first and a last "
                     "name.").format(first=field_label(missing[0]), last=field_label(missing[1]))
        if missing:
            return _("Choose the column for {field}: every volunteer needs a first and a last name.").format(
                field=field_label(missing[0]))
        return None

    # -- saving and loading -------------------------------------------------------------------------------------
    def _folder(self) -> str:
        return str(self.preview.path.parent) if self.preview else str(Path.home())

    def save_mapping(self) -> None:
        start = str(Path(self._folder()) / _("{name} - mapping.json").format(name=self.preview.path.stem))
        chosen, _filter = QFileDialog.getSaveFileName(self, _("Save the mapping"), start,
                                                      _("Mappings (*.json)"))
        if chosen:
            self.save_mapping_to(Path(chosen))

    def save_mapping_to(self, path: Path) -> bool:
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        try:
            ImportService.save_mapping(path, self.preview, self.mapping())
        except KommanDeskError as error:
            show_message(self.error, error.message)
            return False
        except OSError as error:
            show_message(self.error, _("The mapping could not be saved: {reason}").format(
                reason=error.strerror or error))
            return False
        self.saved_note.setText(_("Mapping saved to {path}").format(path=path))
        return True

    def load_mapping(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, _("Load a mapping"), self._folder(),
                                                      _("Mappings (*.json)"))
        if chosen:
            self.load_mapping_from(Path(chosen))

    def load_mapping_from(self, path: Path) -> bool:
        try:
            mapping = ImportService.load_mapping(path, self.preview)
        except KommanDeskError as error:
            show_message(self.error, error.message)
            return False
        except OSError as error:
            show_message(self.error, _("The mapping could not be read: {reason}").format(
                reason=error.strerror or error))
            return False
        self.set_mapping(mapping)
        self.saved_note.setText(_("Mapping loaded from {path}").format(path=path))
        return True
