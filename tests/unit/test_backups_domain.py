"""Backups, the pure part: file names, when one is due, which to keep; the backup settings' validation."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kommandesk.domain import backups as rules
from kommandesk.domain.backups import KeepPolicy
from kommandesk.domain.organisation import Organisation, validate, validate_backup_settings

UTC = dt.UTC


def at(day: str, time: str = "12:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}:00").replace(tzinfo=UTC)


# -- names ------------------------------------------------------------------------------------------------------

def test_a_backup_name_carries_the_utc_moment_and_reads_back():
    made = dt.datetime(2026, 3, 1, 14, 5, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    name = rules.backup_name(made)
    assert name == "kommandesk-backup-20260301T130509Z.sqlite3"
    assert rules.made_at(name) == made.astimezone(UTC)


def test_a_second_backup_in_the_same_second_gets_a_counter_and_sorts_after_the_first():
    made = at("2026-03-01")
    second = rules.backup_name(made, 2)
    assert second == "kommandesk-backup-20260301T120000Z-2.sqlite3"
    assert rules.made_at(second) > rules.made_at(rules.backup_name(made))


@pytest.mark.parametrize("name", [
    "before-migration-v6-20260301T120000Z.sqlite3",  # copies made before a migration are not pruned
    ".kommandesk-backup-20260301T120000Z.sqlite3.part",  # a copy being written
    "kommandesk-backup-20260301T120000Z.sqlite3-wal",
    "kommandesk-backup-20261399T120000Z.sqlite3",  # a month 13
    "kommandesk-backup-20260301T120000.sqlite3",
    "kommandesk-damaged-20260301T120000Z.sqlite3",
    "notes.txt",
])
def test_other_files_are_no_backups(name):
    assert rules.made_at(name) is None


def test_the_damaged_name():
    assert rules.damaged_name(at("2026-03-01")) == "kommandesk-damaged-20260301T120000Z.sqlite3"
    assert rules.damaged_name(at("2026-03-01"), 3) == "kommandesk-damaged-20260301T120000Z-3.sqlite3"


# -- due -------------------------------------------------------------------------------------------------------

def test_due_when_there_is_none_or_the_newest_is_a_day_old():
    now = at("2026-03-02", "12:00")
    assert rules.is_due(None, now)
    assert rules.is_due(at("2026-03-01", "12:00"), now)
    assert not rules.is_due(at("2026-03-01", "12:01"), now)


def test_due_when_the_newest_is_from_the_future_a_clock_was_wrong():
    now = at("2026-03-02")
    assert rules.is_due(at("2027-01-01"), now)
    assert not rules.is_due(now + dt.timedelta(minutes=2), now)  # a little skew between machines is fine


# -- which to keep ----------------------------------------------------------------------------------------------

def test_the_newest_of_each_of_the_last_days_weeks_and_months_with_a_backup():
    # Backups every day from 2026-01-01 to 2026-03-31, three a day (09:00, 12:00, 18:00).
    stamps = [at((dt.date(2026, 1, 1) + dt.timedelta(days=n)).isoformat(), hour)
              for n in range(90) for hour in ("09:00", "12:00", "18:00")]
    keep = rules.to_keep(stamps, KeepPolicy(daily=3, weekly=2, monthly=3))
    expected = {
        at("2026-03-31", "18:00"), at("2026-03-30", "18:00"), at("2026-03-29", "18:00"),  # 3 days (Tue, Mon, Sun)
        # 2 weeks: week 14 (Mon 30 Mar..) -> 31 Mar 18:00 (kept already), week 13 -> Sun 29 Mar 18:00 (kept already)
        # 3 months: March -> 31 Mar, February -> 28 Feb 18:00, January -> 31 Jan 18:00
        at("2026-02-28", "18:00"), at("2026-01-31", "18:00"),
    }
    assert keep == expected
    assert sorted(set(stamps) - keep) == rules.to_remove(stamps, KeepPolicy(3, 2, 3))
    assert len(rules.to_remove(stamps, KeepPolicy(3, 2, 3))) == 270 - 5


def test_weeks_count_iso_weeks():
    # Sun 2026-03-08 (week 10), Mon 2026-03-09 and Wed 2026-03-11 (week 11): two weeks -> two backups
    stamps = [at("2026-03-08"), at("2026-03-09"), at("2026-03-11")]
    assert rules.to_keep(stamps, KeepPolicy(daily=0, weekly=2, monthly=0)) == {at("2026-03-11"), at("2026-03-08")}


def test_days_without_a_backup_do_not_use_up_the_daily_ones():
    """A laptop left in a drawer for a month keeps its last seven daily backups, not none."""
    stamps = [at(f"2026-01-{day:02d}") for day in range(1, 11)]
    keep = rules.to_keep(stamps, KeepPolicy(daily=7, weekly=0, monthly=0))
    assert keep == {at(f"2026-01-{day:02d}") for day in range(4, 11)}


def test_the_newest_is_always_kept_and_nothing_is_kept_of_nothing():
    assert rules.to_keep([], KeepPolicy()) == set()
    stamps = [at("2026-01-01"), at("2026-01-02")]
    assert rules.to_keep(stamps, KeepPolicy(0, 0, 0)) == {at("2026-01-02")}


def test_counts_larger_than_the_history_keep_everything_once():
    stamps = [at("2026-01-01"), at("2026-02-01"), at("2026-02-01", "13:00")]
    assert rules.to_keep(stamps, KeepPolicy(100, 100, 100)) == {at("2026-01-01"), at("2026-02-01", "13:00")}


def test_the_day_is_the_users_day_the_caller_gives_local_times():
    berlin = dt.timezone(dt.timedelta(hours=1))
    late = dt.datetime(2026, 1, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 January in Berlin
    early = dt.datetime(2026, 1, 1, 22, 0, tzinfo=UTC)  # 23:00 on 1 January in Berlin
    assert rules.to_keep([late, early], KeepPolicy(daily=2, weekly=0, monthly=0)) == {late}  # one UTC day
    local = [late.astimezone(berlin), early.astimezone(berlin)]
    assert rules.to_keep(local, KeepPolicy(daily=2, weekly=0, monthly=0)) == set(local)  # two Berlin days


# -- validation of the settings ----------------------------------------------------------------------------------

ORG = Organisation(name="KI Köln", postcode="50667")


@pytest.mark.parametrize("field", ["backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly"])
@pytest.mark.parametrize("value", [-1, 101, 2.5, "7", True, None])
def test_keep_counts_are_whole_numbers_from_0_to_100(field, value):
    errors = validate_backup_settings(dataclasses.replace(ORG, **{field: value}))
    assert errors == {field: "Between 0 and 100 backups, please."}
    assert validate(dataclasses.replace(ORG, **{field: value}))[field] == "Between 0 and 100 backups, please."


@pytest.mark.parametrize("value", [0, 1, 100])
def test_keep_counts_at_the_limits_are_fine(value):
    assert validate_backup_settings(dataclasses.replace(ORG, backup_keep_daily=value)) == {}


def test_at_least_one_backup_is_kept():
    none = dataclasses.replace(ORG, backup_keep_daily=0, backup_keep_weekly=0, backup_keep_monthly=0)
    assert validate_backup_settings(none) == {
        "backup_keep_daily": "Keep at least one backup: set one of the three numbers above 0."}
    assert validate_backup_settings(dataclasses.replace(none, backup_keep_monthly=1)) == {}


def test_the_folder_is_empty_for_the_default_or_a_complete_path(tmp_path):
    assert validate_backup_settings(dataclasses.replace(ORG, backup_folder="")) == {}
    assert validate_backup_settings(dataclasses.replace(ORG, backup_folder=str(tmp_path))) == {}
    errors = validate_backup_settings(dataclasses.replace(ORG, backup_folder="backups/usb"))
    assert list(errors) == ["backup_folder"]
    assert "complete path" in errors["backup_folder"]
    long = validate_backup_settings(dataclasses.replace(ORG, backup_folder="/" + "a" * 1000))
    assert "At most 1000 characters" in long["backup_folder"]

