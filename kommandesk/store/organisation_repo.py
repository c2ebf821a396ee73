"""The single organisation record."""

from __future__ import annotations

import dataclasses

from kommandesk.domain.organisation import Organisation
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

_FIELDS = [f.name for f in dataclasses.fields(Organisation)]


class OrganisationRepository:
    def __init__(self, store: Store):
        self._store = store

    def get(self) -> Organisation | None:
        rows = self._store.query("SELECT * FROM organisation ORDER BY created_at LIMIT 1")
        if not rows:
            return None
        row = rows[0]
        values = {name: row[name] for name in _FIELDS if name in row.keys()}
        if "certificate_birth_date" in values:
            values["certificate_birth_date"] = bool(values["certificate_birth_date"])
        return Organisation(**values)

    def save(self, org: Organisation) -> Organisation:
        now = utc_now()
        existing = self.get()
        if existing is None:
            saved = dataclasses.replace(org, id=org.id or new_id(), created_at=now, updated_at=now)
        else:
            saved = dataclasses.replace(org, id=existing.id, created_at=existing.created_at, updated_at=now)
        db = self._store.db
        with db.atomic():
            db["organisation"].upsert(dataclasses.asdict(saved), pk="id")
        return saved
