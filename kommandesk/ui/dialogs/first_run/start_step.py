"""Step 4: how to start: import a list of volunteers, try demo data, or start empty. Each choice says in a line
what it does; demo data is offered only while KommanDesk holds no people yet (and says why when not)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QStyle, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.services import first_run
from kommandesk.services.first_run import START_DEMO, START_EMPTY, START_IMPORT, STARTS, demo_refused
from kommandesk.ui.dialogs.first_run.common import Step, explanation_label, intro_label


class StartStep(Step):
    def __init__(self, demo_possible: bool, parent=None):
        """``demo_possible``: nobody recorded yet (services.first_run.demo_possible): demo data may be added, and
        the last choice is to start empty; otherwise it keeps the data as it is."""
        super().__init__(parent)
        self.setObjectName("first_run_start")
        self.demo_possible = demo_possible
        self.intro = intro_label("first_run_start_intro")
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.explanations: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        for start in STARTS:
            button = QRadioButton()
            button.setObjectName(f"first_run_{start}")
            style = button.style()
            indent = (style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button)
                      + style.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button))
            explanation = explanation_label(f"first_run_{start}_explanation", indent)
            self.group.addButton(button)
            self.buttons[start] = button
            self.explanations[start] = explanation
            layout.addWidget(button)
            layout.addWidget(explanation)
        self.buttons[START_DEMO].setEnabled(demo_possible)
        self.buttons[START_EMPTY].setChecked(True)
        layout.addStretch(1)

    def title(self) -> str:
        return _("How to start")

    def retranslate(self) -> None:
        self.intro.setText(_("How do you want to start? Whatever you choose, you can import lists and add "
                             "volunteers at any time."))
        self.buttons[START_IMPORT].setText(_("&Import my Excel list"))
        self.explanations[START_IMPORT].setText(_(
            "Your list of volunteers from an Excel workbook (.xlsx) or a CSV file. The import shows how it reads "
            "every column and row before anything is saved."))
        self.buttons[START_DEMO].setText(_("&Try with demo data"))
        if self.demo_possible:
            self.explanations[START_DEMO].setText(_(
                "{count} invented volunteers with requests, trainings and certificates, to try everything out "
                "under your organisation's details. Only for trying out: the invented people stay in this "
                "database.").format(count=first_run.DEMO_VOLUNTEERS))
        else:
            self.explanations[START_DEMO].setText(demo_refused())
        if self.demo_possible:
            self.buttons[START_EMPTY].setText(_("Start &empty"))
            self.explanations[START_EMPTY].setText(_(
                "An empty list: add volunteers one by one, or import a list later on the Volunteers page."))
        else:
            self.buttons[START_EMPTY].setText(_("&Add nothing now"))
            self.explanations[START_EMPTY].setText(_("The data stays as it is; only what you changed in these "
                                                     "steps is saved."))
        for start, button in self.buttons.items():  # read out with the choice
            button.setAccessibleDescription(self.explanations[start].text())

    def start(self) -> str:
        return next(start for start, button in self.buttons.items() if button.isChecked())

    def focus_first(self) -> None:
        self.buttons[self.start()].setFocus()
