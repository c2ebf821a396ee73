"""Backups: their file names, when the next one is due and which of them to keep. Pure: no files, no SQL.

A backup is ``kommandesk-backup-YYYYMMDDTHHMMSSZ.sqlite3`` (the moment it was made, in UTC; ``-2``, ``-3``, ... is
added when two are made within one second). Only names of exactly this form are backups: a half-written copy
(a temporary name) or the copies made before a migration (``before-migration-v...``) never are, so pruning
never touches them.

Which to keep (the rule of borg and restic): the newest backup of each of the last N days *on which a backup was
made*, likewise of the last N weeks and N months. A laptop left in a drawer for a month therefore still has its
seven daily copies when it comes back, instead of losing them all to the calendar. The newest backup is always
kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

PREFIX = "kommandesk-backup-"
SUFFIX = ".sqlite3"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
NAME = re.compile(r"^kommandesk-backup-(\d{8}T\d{6}Z)(?:-(\d{1,4}))?\.sqlite3$")
DAMAGED_PREFIX = "kommandesk-damaged-"
DUE_AFTER = dt.timedelta(hours=24)
KEEP_RANGE = range(0, 101)  # each keep count: 0 to 100 backups


@dataclass(frozen=True)
class KeepPolicy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backup_name(at: dt.datetime, counter: int = 1) -> str:
    """The file name of a backup made at ``at`` (an aware datetime); ``counter`` > 1 for a second one that second."""
    stamp = at.astimezone(dt.UTC).strftime(STAMP_FORMAT)
    return f"{PREFIX}{stamp}{f'-{counter}' if counter > 1 else ''}{SUFFIX}"


def damaged_name(at: dt.datetime, counter: int = 1) -> str:
    """The name a damaged database is kept under, beside where it was."""
    stamp = at.astimezone(dt.UTC).strftime(STAMP_FORMAT)
    return f"{DAMAGED_PREFIX}{stamp}{f'-{counter}' if counter > 1 else ''}{SUFFIX}"


def made_at(name: str) -> dt.datetime | None:
    """When the backup called ``name`` was made (UTC); None for any other file name."""
    match = NAME.match(name)
    if match is None:
        return None
    try:
        at = dt.datetime.strptime(match.group(1), STAMP_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:  # 20261399T...: looks like a stamp, is none
        return None
    counter = int(match.group(2) or 1)
    return at + dt.timedelta(microseconds=min(counter - 1, 999_999))  # two in one second keep their order


def is_due(newest: dt.datetime | None, now: dt.datetime, interval: dt.timedelta = DUE_AFTER) -> bool:
    """Whether an automatic backup is due: there is none yet, or the newest is ``interval`` old (or from the
    future: a clock that was wrong must not stop backups for good)."""
    if newest is None:
        return True
    return now - newest >= interval or newest - now > dt.timedelta(minutes=5)


def _newest_per_period(stamps: list[dt.datetime], count: int,
                       period: Callable[[dt.datetime], Hashable]) -> set[dt.datetime]:
    """The newest stamp of each of the ``count`` most recent periods that have one (``stamps`` newest first)."""
    kept: set[dt.datetime] = set()
    seen: set[Hashable] = set()
    for stamp in stamps:
        if len(seen) >= count:
            break
        key = period(stamp)
        if key not in seen:
            seen.add(key)
            kept.add(stamp)
    return kept


def to_keep(stamps: Iterable[dt.datetime], policy: KeepPolicy) -> set[dt.datetime]:
    """The backups to keep of those made at ``stamps`` (local times: a day is the user's day, not UTC's).

    The newest of each of the last ``policy.daily`` days with a backup, of the last ``policy.weekly`` ISO weeks and
    of the last ``policy.monthly`` months; the newest backup always."""
    ordered = sorted(set(stamps), reverse=True)
    if not ordered:
        return set()
    kept = {ordered[0]}
    kept |= _newest_per_period(ordered, policy.daily, lambda at: at.date())
    kept |= _newest_per_period(ordered, policy.weekly, lambda at: at.isocalendar()[:2])
    kept |= _newest_per_period(ordered, policy.monthly, lambda at: (at.year, at.month))
    return kept


def to_remove(stamps: Iterable[dt.datetime], policy: KeepPolicy) -> list[dt.datetime]:
    """The others, oldest first."""
    stamps = set(stamps)
    return sorted(stamps - to_keep(stamps, policy))
