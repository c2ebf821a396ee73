"""Allowances paid to volunteers (Ehrenamtspauschale) and the tax-free limit by year, in the database.

Money in integer cents, days ISO. Writes hold no transaction of their own: the service wraps each use case in one
(``store.db.atomic()``), so that the year's check and the payment it allowed are one step.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from kommandesk.domain.allowances import Allowance
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

_COLUMNS = "a.id, a.created_at, a.updated_at, a.volunteer_id, a.paid_on, a.amount_cents, a.note"
_YEAR = "CAST(substr(a.paid_on, 1, 4) AS INTEGER)"


@dataclass(frozen=True)
class AllowanceListRow:
    """A payment with the volunteer it was paid to (lists over several volunteers)."""

    allowance: Allowance
    reference: str
    first_name: str
    last_name: str


def _allowance(row) -> Allowance:
    return Allowance(volunteer_id=row["volunteer_id"], paid_on=dt.date.fromisoformat(row["paid_on"]),
                     amount_cents=row["amount_cents"], note=row["note"], id=row["id"], created_at=row["created_at"],
                     updated_at=row["updated_at"])


class AllowanceRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- the limits ------------------------------------------------------------------------------------------

    def limits(self) -> dict[int, int]:
        """Year -> limit in cents, as set (a year between two set ones takes the earlier: domain.limit_for)."""
        return dict(self._conn.execute("SELECT year, amount_cents FROM allowance_limits ORDER BY year").fetchall())

    def change_limits(self, changed: Mapping[int, int], removed: Collection[int]) -> None:
        now = utc_now()
        for year in removed:
            self._conn.execute("DELETE FROM allowance_limits WHERE year = ?", (year,))
        for year, cents in changed.items():
            self._conn.execute(
                "INSERT INTO allowance_limits (id, created_at, updated_at, year, amount_cents) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (year) DO UPDATE SET amount_cents = excluded.amount_cents, "
                "updated_at = excluded.updated_at WHERE amount_cents != excluded.amount_cents",
                (new_id(), now, now, year, cents))

    # -- payments --------------------------------------------------------------------------------------------

    def insert(self, allowance: Allowance) -> Allowance:
        now = utc_now()
        values = {"id": new_id(), "created_at": now, "updated_at": now, "volunteer_id": allowance.volunteer_id,
                  "paid_on": allowance.paid_on.isoformat(), "amount_cents": allowance.amount_cents,
                  "note": allowance.note}
        self._conn.execute("INSERT INTO allowances (id, created_at, updated_at, volunteer_id, paid_on, amount_cents, "
                           "note) VALUES (:id, :created_at, :updated_at, :volunteer_id, :paid_on, :amount_cents, "
                           ":note)", values)
        return Allowance(volunteer_id=allowance.volunteer_id, paid_on=allowance.paid_on,
                         amount_cents=allowance.amount_cents, note=allowance.note, id=values["id"], created_at=now,
                         updated_at=now)

    def get(self, allowance_id: str) -> Allowance | None:
        rows = self._store.query(f"SELECT {_COLUMNS} FROM allowances a WHERE a.id = ?", (allowance_id,))
        return _allowance(rows[0]) if rows else None

    def delete(self, allowance_id: str) -> bool:
        return self._conn.execute("DELETE FROM allowances WHERE id = ?", (allowance_id,)).rowcount > 0

    def of_volunteer(self, volunteer_id: str) -> list[Allowance]:
        """The volunteer's payments, newest first (the later recorded first on the same day)."""
        rows = self._store.query(f"SELECT {_COLUMNS} FROM allowances a WHERE a.volunteer_id = ? "
                                 "ORDER BY a.paid_on DESC, a.created_at DESC, a.id", (volunteer_id,))
        return [_allowance(row) for row in rows]

    def paid_in_year(self, volunteer_id: str, year: int) -> int:
        """Cents paid to the volunteer in the calendar year."""
        return self._conn.execute(
            "SELECT coalesce(sum(amount_cents), 0) FROM allowances WHERE volunteer_id = ? AND paid_on >= ? "
            "AND paid_on < ?", (volunteer_id, f"{year:04d}-01-01", f"{year + 1:04d}-01-01")).fetchone()[0]

    def totals_by_year(self, volunteer_id: str) -> dict[int, int]:
        """Year -> cents paid, for the years with payments."""
        rows = self._conn.execute(f"SELECT {_YEAR}, sum(a.amount_cents) FROM allowances a WHERE a.volunteer_id = ? "
                                  "GROUP BY 1", (volunteer_id,)).fetchall()
        return dict(rows)

    def listing(self, volunteer_id: str | None = None, year: int | None = None) -> list[AllowanceListRow]:
        """Payments with their volunteer, newest first; only one volunteer's and one year's when asked."""
        where, params = [], []
        if volunteer_id is not None:
            where.append("a.volunteer_id = ?")
            params.append(volunteer_id)
        if year is not None:
            where.append("a.paid_on >= ? AND a.paid_on < ?")
            params += [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._store.query(
            f"SELECT {_COLUMNS}, v.reference, v.first_name, v.last_name FROM allowances a "
            f"JOIN volunteers v ON v.id = a.volunteer_id {clause} "
            "ORDER BY a.paid_on DESC, v.last_key, v.first_key, a.created_at DESC, a.id", tuple(params))
        return [AllowanceListRow(_allowance(row), row["reference"], row["first_name"], row["last_name"])
                for row in rows]
