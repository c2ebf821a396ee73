"""The chosen request at the top of the Matching page: reference and person, urgency, area of help, needed
languages, when, site, children (then a clearance is needed), and who is already assigned. Plain text only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.languages import BABEL_KEYS
from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_number, language_name
from kommandesk.ui.models.match_texts import when_text

ROWS = ("area", "languages", "when", "site", "children", "assigned")


def needed_languages_text(skills) -> str:
    if not skills:
        return _("No particular language needed")
    names = [_("{language} ({level})").format(language=language_name(BABEL_KEYS.get(s.code, s.code)),
                                               level=s.level.label()) for s in skills]
    return _("{languages} (one of them is enough)").format(languages=", ".join(names)) if len(names) > 1 \
        else names[0]


def _plain(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RequestSummary(QWidget):
    open_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._request = None
        self._volunteers = ""
        self._area_names: dict[str, object] = {}
        self.title = _plain("summary_title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.urgency = _plain("summary_urgency", wrap=False)
        bold = QFont(self.urgency.font())
        bold.setBold(True)
        self.urgency.setFont(bold)
        self.open_button = QPushButton()
        self.open_button.setObjectName("matching_open_request")
        self.open_button.clicked.connect(self.open_requested)
        self.placeholder = _plain("summary_placeholder")

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.urgency)
        head.addWidget(self.open_button)
        self._form = QFormLayout()
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setVerticalSpacing(2)
        self._row_labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for name in ROWS:
            label = QLabel()
            value = _plain(f"summary_{name}")
            self._row_labels[name], self.values[name] = label, value
            self._form.addRow(label, value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addLayout(self._form)
        layout.addWidget(self.placeholder)
        self.retranslate()

    def set_areas(self, areas) -> None:
        self._area_names = {area.id: area for area in areas}

    def set_request(self, req, volunteers: str = "") -> None:
        """Show ``req`` (a SupportRequest), or the hint to choose one when None."""
        self._request = req
        self._volunteers = volunteers
        self._show()

    def _show(self) -> None:
        req = self._request
        chosen = req is not None
        for number, name in enumerate(ROWS):
            self._form.setRowVisible(number, chosen and (name != "assigned" or bool(self._volunteers)))
        self.open_button.setVisible(chosen)
        self.urgency.setVisible(chosen and req.urgency is Urgency.HIGH)
        self.placeholder.setVisible(not chosen)
        if not chosen:
            self.title.setText(_("No request chosen"))
            self.placeholder.setText(_("Choose an open request on the left to see who fits, why, and who almost "
                                       "fits."))
            return
        self.title.setText(_("{reference}: {person} (household of {count})").format(
            reference=req.reference, person=req.person, count=format_number(req.household_size))
            if req.household_size > 1 else _("{reference}: {person}").format(reference=req.reference,
                                                                             person=req.person))
        self.urgency.setText(_("! High urgency"))
        area = self._area_names.get(req.area_id)
        self.values["area"].setText(area.name(current_language()) if area else "–")
        self.values["languages"].setText(needed_languages_text(req.languages))
        self.values["when"].setText(when_text(req.appointment, req.recurrence))
        site = req.site or "–"
        self.values["site"].setText(_("{site} (contact: {contact})").format(site=site, contact=req.site_contact)
                                    if req.site_contact else site)
        self.values["children"].setText(_("Yes: a valid clearance is needed for the whole period.") if req.children
                                        else _("No"))
        self.values["assigned"].setText(self._volunteers)

    def retranslate(self) -> None:
        texts = {"area": _("Area of help:"), "languages": _("Needs:"), "when": _("When:"), "site": _("Site:"),
                 "children": _("Children involved:"), "assigned": _("Already assigned:")}
        for name, text in texts.items():
            self._row_labels[name].setText(text)
        self.open_button.setText(_("Open request"))
        self.open_button.setToolTip(_("Show this request on the Requests page"))
        self._show()
