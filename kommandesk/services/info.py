"""What `kommandesk-cli info` reports: version, paths, schema, counts."""

from __future__ import annotations

import platform
import sqlite3

from kommandesk import __version__
from kommandesk.services.context import Services
from kommandesk.store.migrations import LATEST_VERSION


def collect(services: Services) -> dict:
    return {
        "app_version": __version__,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "schema_version": services.store.schema_version,
        "schema_latest": LATEST_VERSION,
        "paths": services.paths.as_dict(),
        "counts": services.store.table_counts(),
        "organisation": services.organisation.get().name or None,
    }
