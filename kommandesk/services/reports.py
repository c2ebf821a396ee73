"""The report for the funder over a period, filtered by areas of help and a site: volunteers, requests,
assignments and hours, trainings, allowances (see the contract of issue 8 for each figure's definition).

The numbers come from a few aggregate queries (store/reports_repo.py, store/reports_training_repo.py); the
sections are laid out in services/report_sections.py and services/report_trainings.py, in the active language.
A period in which nothing happened gives an honest empty report (every section, zeros), never an error.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.reports import Period, Report, ReportFilter, check_period
from kommandesk.domain.search_text import fold
from kommandesk.domain.validation import clean_text
from kommandesk.i18n import _, current_language, ngettext
from kommandesk.services.organisation import OrganisationService
from kommandesk.services.report_frame import Frame, has_numbers
from kommandesk.store.db import Store
from kommandesk.store.reports_repo import ReportRepository, Scope
from kommandesk.store.reports_training_repo import TrainingReportRepository

if TYPE_CHECKING:
    from kommandesk.paths import Paths
    from kommandesk.services.volunteers import VolunteerService


def scope_of(period: Period, flt: ReportFilter, today: dt.date | None = None) -> Scope:
    """The repositories' filters: the site folded as requests.site_key and course_sessions.place_key are; sessions
    held and assignments active count up to ``today``."""
    return Scope(period.first, period.last, tuple(sorted(flt.area_ids)), fold(clean_text(flt.site)), today)


def filters_in_words(flt: ReportFilter, areas: list[AreaOfHelp], language: str) -> str:
    """'Area of help: Escort to offices and doctors; Site: Am Hang', '' for no filter."""
    parts = []
    if flt.area_ids:
        names = {area.id: area.name(language) for area in areas}
        chosen = sorted((names.get(area_id, area_id) for area_id in flt.area_ids), key=str.casefold)
        parts.append(ngettext("Area of help: {names}", "Areas of help: {names}", len(chosen)).format(
            names=", ".join(chosen)))
    site = clean_text(flt.site)
    if site:
        parts.append(_("Site: {site}").format(site=site))
    return "; ".join(parts)


class ReportService:
    def __init__(self, store: Store, organisation: OrganisationService, volunteers: "VolunteerService"):
        self._store = store
        self._organisation = organisation
        self._volunteers = volunteers
        self._repo = ReportRepository(store)
        self._trainings = TrainingReportRepository(store)

    def sites(self) -> list[str]:
        """The sites of the requests (one spelling each, as typed), in case-insensitive order: the site filter's
        choices."""
        from kommandesk.store.requests_repo import RequestRepository

        return RequestRepository(self._store).sites()

    def areas(self) -> list[AreaOfHelp]:
        """Every area of help, retired ones included (a report may cover the time they were in use)."""
        return self._volunteers.areas(include_retired=True)

    def build(self, period: Period, flt: ReportFilter = ReportFilter(), *, today: dt.date | None = None,
              paths: "Paths | None" = None) -> Report:
        """The report in the active language. ValidationError for a period that ends before it starts (or is
        longer than 20 years). ``paths``: computed on a connection of its own (call it so from a worker thread)."""
        period = check_period(period.first, period.last)
        if paths is not None:
            return self._build_elsewhere(period, flt, today, paths)
        from kommandesk.services.report_sections import assignments_section, requests_section, volunteers_section
        from kommandesk.services.report_trainings import allowances_section, trainings_section

        areas = self.areas()
        today = today or self._volunteers.today()
        frame = Frame.of(period, scope_of(period, flt, today), areas)
        allowances, warnings = allowances_section(frame, self._trainings)
        sections = (volunteers_section(frame, self._repo), requests_section(frame, self._repo),
                    assignments_section(frame, self._repo), trainings_section(frame, self._trainings), allowances)
        org = self._organisation.get()
        return Report(
            title=_("Report for the funder"), organisation=org.name, organisation_address=org.address_line,
            logo=org.logo, period=period, filters=filters_in_words(flt, areas, frame.language),
            generated_on=today, language=current_language(), sections=sections,
            warnings=warnings, empty=nothing_happened(sections))

    def _build_elsewhere(self, period: Period, flt: ReportFilter, today: dt.date | None, paths: "Paths") -> Report:
        from kommandesk.services.context import Services
        from kommandesk.services.volunteers import VolunteerService

        services = Services.open(paths)
        try:
            volunteers = VolunteerService(services.store, services.organisation, today=self._volunteers.today)
            own = ReportService(services.store, services.organisation, volunteers)
            return own.build(period, flt, today=today)
        finally:
            services.close()


def nothing_happened(sections) -> bool:
    """No figure above 0 and no table row with a number other than 0 (months and statuses are listed with 0)."""
    figures = any(figure.value for section in sections for figure in section.figures)
    rows = any(has_numbers(row) for section in sections for table in section.tables for row in table.rows)
    return not figures and not rows
