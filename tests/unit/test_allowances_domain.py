"""The rules of the Ehrenamtspauschale: amounts as users type them, the limit of a year, a year's check with one
more payment, and what stops a payment or a limit from being saved."""

from __future__ import annotations

import datetime as dt

import pytest

from kommandesk.domain.allowances import (DEFAULT_LIMITS, Allowance, YearCheck, check_year, limit_for, parse_amount,
                                          validate, validate_limit)

TODAY = dt.date(2026, 3, 20)
LIMITS = dict(DEFAULT_LIMITS)


@pytest.mark.parametrize("text,cents", [
    ("120", 12000), ("120,50", 12050), ("120.50", 12050), ("120,5", 12050), ("120.5", 12050),
    ("1.200,00", 120000), ("1,200.00", 120000), ("1.200", 120000), ("1,200", 120000), ("1 200,00", 120000),
    ("960 €", 96000), ("960€", 96000), ("960 EUR", 96000), ("  75  ", 7500), ("0,99", 99), ("1200", 120000),
    ("10.000,00", 1000000), ("1\u00a0200,00", 120000),
])
def test_amounts_typed_the_german_or_the_english_way(text, cents):
    assert parse_amount(text) == cents


@pytest.mark.parametrize("text", ["", "   ", "abc", "12a", "1.200.50", "1,200,50", "-5", "1e3", "12,", ",50",
                                  "1.20.00", "€", "1.2345", "12.3456"])
def test_what_is_not_an_amount(text):
    assert parse_amount(text) is None


def test_a_separator_followed_by_three_digits_groups_thousands():
    assert parse_amount("12,345") == 1234500
    assert parse_amount("12.345") == 1234500


@pytest.mark.parametrize("year,cents", [(2013, 72000), (2020, 72000), (2021, 84000), (2025, 84000),
                                        (2026, 96000), (2040, 96000)])
def test_a_year_takes_the_limit_of_the_greatest_year_set_up_to_it(year, cents):
    assert limit_for(year, LIMITS) == cents


def test_before_the_first_year_set_there_is_no_limit():
    assert limit_for(2012, LIMITS) is None
    assert limit_for(2026, {}) is None


def test_a_year_check_below_the_limit():
    check = check_year(2026, 50000, 30000, LIMITS)
    assert check == YearCheck(2026, 50000, 30000, 96000)
    assert (check.total_cents, check.over_cents, check.exceeds, check.left_cents) == (80000, 0, False, 16000)


def test_a_year_check_exactly_at_the_limit_does_not_exceed_it():
    check = check_year(2026, 90000, 6000, LIMITS)
    assert (check.total_cents, check.over_cents, check.exceeds, check.left_cents) == (96000, 0, False, 0)


def test_a_year_check_one_cent_above_the_limit():
    check = check_year(2026, 90000, 6001, LIMITS)
    assert (check.over_cents, check.exceeds, check.left_cents) == (1, True, 0)


def test_a_year_check_by_the_older_limit():
    check = check_year(2025, 80000, 10000, LIMITS)  # 2025: 840 EUR
    assert (check.limit_cents, check.over_cents, check.exceeds) == (84000, 6000, True)


def test_a_year_without_a_limit_never_exceeds():
    check = check_year(2010, 5_000_000, 100, LIMITS)
    assert (check.limit_cents, check.over_cents, check.exceeds, check.left_cents) == (None, 0, False, None)


def test_a_limit_of_zero_makes_every_payment_taxable():
    check = check_year(2030, 0, 100, {2030: 0})
    assert (check.exceeds, check.over_cents, check.left_cents) == (True, 100, 0)


def payment(**changes) -> Allowance:
    values = dict(volunteer_id="v1", paid_on=TODAY, amount_cents=5000, note="")
    values.update(changes)
    return Allowance(**values)


def test_a_good_payment_passes():
    assert validate(payment(), TODAY) == {}
    assert validate(payment(amount_cents=1_000_000, note="x" * 200), TODAY) == {}


def test_a_payment_on_a_day_in_the_future_is_refused():
    assert validate(payment(paid_on=TODAY + dt.timedelta(days=1)), TODAY) == {
        "paid_on": "A payment cannot be recorded for a day in the future."}


@pytest.mark.parametrize("cents", [0, -1, -5000, 1_000_001])
def test_an_amount_of_zero_negative_or_above_ten_thousand_euros_is_refused(cents):
    assert validate(payment(amount_cents=cents), TODAY) == {
        "amount": "Enter an amount above 0 and at most 10,000 EUR."}


def test_a_note_longer_than_200_characters_is_refused():
    assert validate(payment(note="x" * 201), TODAY) == {
        "note": "At most 200 characters, please (now 201)."}


def test_everything_wrong_at_once_gives_a_message_per_field():
    errors = validate(payment(paid_on=TODAY + dt.timedelta(days=3), amount_cents=0, note="x" * 300), TODAY)
    assert set(errors) == {"paid_on", "amount", "note"}


def test_limits_are_checked():
    assert validate_limit(2026, 96000) == {}
    assert validate_limit(2000, 0) == {}
    assert validate_limit(2100, 10_000_000) == {}
    assert validate_limit(1999, 96000) == {"year": "Enter a year from 2000 to 2100."}
    assert validate_limit(2101, 96000) == {"year": "Enter a year from 2000 to 2100."}
    assert validate_limit(2026, -1) == {"amount": "Enter a limit from 0 to 100,000 EUR."}
    assert validate_limit(2026, 10_000_001) == {"amount": "Enter a limit from 0 to 100,000 EUR."}
