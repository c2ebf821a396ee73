"""Step 2: the organisation's details and logo (the essentials of Settings' form); Next checks them as Save does."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.services.organisation import OrganisationService
from kommandesk.ui.dialogs.first_run.common import Step, intro_label
from kommandesk.ui.widgets.organisation_form import OrganisationForm


class OrganisationStep(Step):
    def __init__(self, service: OrganisationService, org: Organisation, parent=None):
        super().__init__(parent)
        self.setObjectName("first_run_organisation")
        self._service = service
        self.intro = intro_label("first_run_organisation_intro")
        self.form = OrganisationForm(service, org, essentials=True)
        self.form.load(org)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def title(self) -> str:
        return _("Your organisation")

    def retranslate(self) -> None:
        self.intro.setText(_("These details appear on certificates, letters and reports. Only the name is needed "
                             "now; the rest, the logo too, can be added or changed later in Settings."))
        self.form.retranslate()

    def value(self) -> Organisation:
        return self.form.value()

    def check(self) -> bool:
        _cleaned, errors = self._service.validate(self.form.value())
        if errors:
            self.form.refuse(errors)
            return False
        self.form.show_errors({})
        return True

    def focus_first(self) -> None:
        self.form.fields["name"].editor.setFocus()
