"""The catalogue of areas of help (defaults seeded by migration m002; the coordinator adds, renames, retires)."""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store


def _area(row) -> AreaOfHelp:
    retired = row["retired_on"]
    return AreaOfHelp(id=row["id"], name_de=row["name_de"], name_en=row["name_en"], key=row["key"],
                      retired_on=dt.date.fromisoformat(retired) if retired else None)


class AreaRepository:
    def __init__(self, store: Store):
        self._store = store

    def all(self, include_retired: bool = False) -> list[AreaOfHelp]:
        """The areas in catalogue order: the defaults as seeded, then the coordinator's own by creation."""
        where = "" if include_retired else "WHERE retired_on IS NULL"
        rows = self._store.query(
            f"SELECT * FROM areas_of_help {where} ORDER BY created_at, rowid")
        return [_area(row) for row in rows]

    def get(self, area_id: str) -> AreaOfHelp | None:
        rows = self._store.query("SELECT * FROM areas_of_help WHERE id = ?", (area_id,))
        return _area(rows[0]) if rows else None

    def names(self) -> dict[str, tuple[str, str]]:
        """id -> (German name, English name), retired areas included (for the search column)."""
        return {row["id"]: (row["name_de"], row["name_en"])
                for row in self._store.query("SELECT id, name_de, name_en FROM areas_of_help")}

    def add(self, name_de: str, name_en: str) -> AreaOfHelp:
        now = utc_now()
        area_id = new_id()
        with self._store.db.atomic():
            self._store.conn.execute(
                "INSERT INTO areas_of_help (id, created_at, updated_at, key, name_de, name_en, retired_on) "
                "VALUES (?, ?, ?, NULL, ?, ?, NULL)", (area_id, now, now, name_de, name_en))
        return self.get(area_id)

    def rename(self, area_id: str, name_de: str, name_en: str) -> AreaOfHelp:
        """New names; the search column of every volunteer with this area follows in the same transaction."""
        from kommandesk.store.volunteers_repo import VolunteerRepository

        with self._store.db.atomic():
            self._store.conn.execute(
                "UPDATE areas_of_help SET name_de = ?, name_en = ?, updated_at = ? WHERE id = ?",
                (name_de, name_en, utc_now(), area_id))
            VolunteerRepository(self._store).reindex_area(area_id)
            from kommandesk.store.requests_repo import RequestRepository

            RequestRepository(self._store).reindex_area(area_id)
        return self.get(area_id)

    def retire(self, area_id: str, on: dt.date) -> None:
        """No longer offered for new profiles; volunteers who have it keep it."""
        with self._store.db.atomic():
            self._store.conn.execute(
                "UPDATE areas_of_help SET retired_on = ?, updated_at = ? WHERE id = ?",
                (on.isoformat(), utc_now(), area_id))

    def reactivate(self, area_id: str) -> None:
        """Offered again (a retirement undone)."""
        with self._store.db.atomic():
            self._store.conn.execute(
                "UPDATE areas_of_help SET retired_on = NULL, updated_at = ? WHERE id = ?", (utc_now(), area_id))
