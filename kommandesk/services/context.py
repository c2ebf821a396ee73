"""Composition of the services over one open store (used by the GUI and the CLI alike)."""

from __future__ import annotations

from dataclasses import dataclass

from kommandesk.paths import Paths
from kommandesk.services.organisation import OrganisationService
from kommandesk.store.db import Store, open_store
from kommandesk.store.organisation_repo import OrganisationRepository


@dataclass
class Services:
    paths: Paths
    store: Store
    organisation: OrganisationService

    @classmethod
    def open(cls, paths: Paths) -> "Services":
        """Open and migrate the database (the folders must exist: ``paths.ensure()``) and build the services."""
        store = open_store(paths.db_file, backup_dir=paths.backup_dir)
        return cls.over(paths, store)

    @classmethod
    def over(cls, paths: Paths, store: Store) -> "Services":
        return cls(paths=paths, store=store, organisation=OrganisationService(OrganisationRepository(store)))

    def close(self) -> None:
        self.store.close()
