"""Identity and timestamps for new rows (ids made in Python so installations can merge later)."""

from __future__ import annotations

import datetime as dt


def new_id() -> str:
    import uuid  # imported on first use: not needed to start the app

    return str(uuid.uuid4())


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
