"""Append-only schema migrations. Never edit a released migration: add the next one.

Each migration runs inside one transaction together with the bump of ``PRAGMA user_version``.
After a sqlite-utils ``transform()`` re-create FTS triggers with
``enable_fts(..., create_triggers=True, replace=True)`` (transform drops them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


def m001_organisation(db: "Database") -> None:
    db["organisation"].create(
        {
            "id": str,
            "created_at": str,
            "updated_at": str,
            "name": str,
            "street": str,
            "postcode": str,
            "town": str,
            "phone": str,
            "email": str,
            "website": str,
            "signatory_name": str,
            "signatory_role": str,
            "certificate_prefix": str,
            "default_language": str,
            "logo": bytes,
            "logo_type": str,
        },
        pk="id",
        not_null={"id", "created_at", "updated_at", "name", "certificate_prefix", "default_language"},
        defaults={"certificate_prefix": "KD", "default_language": "de"},
    )


MIGRATIONS: tuple[Callable[["Database"], None], ...] = (m001_organisation,)
LATEST_VERSION = len(MIGRATIONS)
