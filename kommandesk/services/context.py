"""Composition of the services over one open store (used by the GUI and the CLI alike).

A service is built the first time it is asked for: the first frame of the main window needs only the
organisation, and each area's modules (rules, repositories) cost start-up time when imported eagerly.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from kommandesk.paths import Paths
from kommandesk.services.organisation import OrganisationService
from kommandesk.store.db import Store, open_store
from kommandesk.store.organisation_repo import OrganisationRepository

if TYPE_CHECKING:
    from kommandesk.services.allowances import AllowanceService
    from kommandesk.services.audit import AuditService
    from kommandesk.services.certificates import CertificateService
    from kommandesk.services.matching import MatchingService
    from kommandesk.services.overview import OverviewService
    from kommandesk.services.privacy import PrivacyService
    from kommandesk.services.reports import ReportService
    from kommandesk.services.requests import RequestService
    from kommandesk.services.service_records import ServiceRecords
    from kommandesk.services.trainings import TrainingService
    from kommandesk.services.volunteers import VolunteerService


class Services:
    def __init__(self, paths: Paths, store: Store):
        self.paths = paths
        self.store = store
        self.organisation = OrganisationService(OrganisationRepository(store))

    @classmethod
    def open(cls, paths: Paths) -> "Services":
        """Open and migrate the database (the folders must exist: ``paths.ensure()``) and build the services."""
        store = open_store(paths.db_file, backup_dir=paths.backup_dir)
        return cls.over(paths, store)

    @classmethod
    def over(cls, paths: Paths, store: Store) -> "Services":
        return cls(paths, store)

    @cached_property
    def volunteers(self) -> "VolunteerService":
        from kommandesk.services.volunteers import VolunteerService

        return VolunteerService(self.store, self.organisation)

    @cached_property
    def requests(self) -> "RequestService":
        from kommandesk.services.requests import RequestService

        return RequestService(self.store, self.volunteers)

    @cached_property
    def matching(self) -> "MatchingService":
        from kommandesk.services.matching import MatchingService

        return MatchingService(self.store, self.requests, self.volunteers)

    @cached_property
    def trainings(self) -> "TrainingService":
        from kommandesk.services.trainings import TrainingService

        return TrainingService(self.store, self.volunteers)

    @cached_property
    def certificates(self) -> "CertificateService":
        from kommandesk.services.certificates import CertificateService

        return CertificateService(self.store, self.trainings, self.volunteers)

    @cached_property
    def service_records(self) -> "ServiceRecords":
        from kommandesk.services.service_records import ServiceRecords

        return ServiceRecords(self.certificates, self.volunteers, self.trainings)

    @cached_property
    def overview(self) -> "OverviewService":
        from kommandesk.services.overview import OverviewService

        return OverviewService(self.store, self.organisation)

    @cached_property
    def allowances(self) -> "AllowanceService":
        from kommandesk.services.allowances import AllowanceService

        return AllowanceService(self.store, self.volunteers)

    @cached_property
    def audit(self) -> "AuditService":
        from kommandesk.services.audit import AuditService

        return AuditService(self.store)

    @cached_property
    def reports(self) -> "ReportService":
        from kommandesk.services.reports import ReportService

        return ReportService(self.store, self.organisation, self.volunteers)

    @cached_property
    def privacy(self) -> "PrivacyService":
        from kommandesk.services.privacy import PrivacyService

        return PrivacyService(self.store, self.volunteers)

    def close(self) -> None:
        self.store.close()
