"""Reading volunteers for an export: every row the list shows for a filter, in the list's order, with the columns
a sheet needs, streamed (50,000 rows are never all in memory as objects).

The filter, the order and the clearance state are the list's own (``volunteers_repo``), so an export holds exactly
what the Volunteers page shows for the same search, filters and sort.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from kommandesk.store.db import Store
from kommandesk.store.volunteers_repo import ORDER, STATE_SQL, ListFilter, where_clause

COLUMNS = ("id", "reference", "last_name", "first_name", "birth_date", "gender", "email", "phone", "street",
           "postcode", "town", "languages_summary", "availability_slots", "by_arrangement", "max_assignments",
           "travel_radius_km", "clearance_issued_on", "clearance_inspected_on", "consent_given_on", "status",
           "registered_on", "notes")
NAMES = (*COLUMNS, "clearance_state", "area_ids")  # the fields of each row rows() yields, in order
BATCH = 2000
# A volunteer's areas of help, comma-separated (ids are UUIDs), in the order they were saved. SQLite 3.44 can order
# inside group_concat; before that the order of the rows fed to it (the sub-select's ORDER BY) is what it keeps.
if sqlite3.sqlite_version_info >= (3, 44):
    _AREAS_SQL = ("(SELECT group_concat(a.area_id, ',' ORDER BY a.position) FROM volunteer_areas a "
                  "WHERE a.volunteer_id = v.id)")
else:
    _AREAS_SQL = ("(SELECT group_concat(area_id, ',') FROM (SELECT a.area_id FROM volunteer_areas a "
                  "WHERE a.volunteer_id = v.id ORDER BY a.position))")


class VolunteerExportReader:
    def __init__(self, store: Store):
        self._conn = store.conn

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: the count and the rows come from the same state of the database, even while
        the app saves a profile on its own connection."""
        self._conn.execute("BEGIN")
        try:
            yield
        finally:
            self._conn.execute("COMMIT")

    def count(self, flt: ListFilter) -> int:
        where, params = where_clause(flt)
        return self._conn.execute(f"SELECT count(*) FROM volunteers v{where}", params).fetchone()[0]

    def rows(self, flt: ListFilter) -> Iterator[tuple]:
        """The volunteers of the filter in its order, as tuples of the fields in NAMES: the columns, then
        ``clearance_state`` (a ClearanceState value) and ``area_ids`` (comma-separated, in the order saved);
        ``languages_summary`` is "ar (native), de (C1)" in the order entered."""
        where, params = where_clause(flt)
        direction = " DESC" if flt.descending else ""
        order = ", ".join(f"v.{column}{direction}" for column in ORDER[flt.sort])
        cursor = self._conn.cursor()
        cursor.execute(f"SELECT {', '.join('v.' + c for c in COLUMNS)}, {STATE_SQL} AS clearance_state, "
                       f"coalesce({_AREAS_SQL}, '') AS area_ids FROM volunteers v{where} ORDER BY {order}", params)
        while batch := cursor.fetchmany(BATCH):
            yield from batch
