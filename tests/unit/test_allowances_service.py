"""The allowance service over a real database: payments recorded and listed, each calendar year's total against
the limit of that year, the question before going over it (nothing written until confirmed), the limits by year,
and every refusal leaving the database as it was."""

from __future__ import annotations

import datetime as dt

import pytest

from kommandesk.domain.allowances import Allowance, YearCheck
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.volunteers import Volunteer
from kommandesk.services.allowances import (AllowanceService, OverLimit, allowances_of, amount_from_text,
                                            limit_from_text)
from kommandesk.services.organisation import OrganisationService
from kommandesk.services.volunteers import VolunteerService
from kommandesk.store.db import open_store
from kommandesk.store.organisation_repo import OrganisationRepository

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def store(paths):
    opened = open_store(paths.db_file)
    yield opened
    opened.close()


@pytest.fixture
def volunteers(store) -> VolunteerService:
    return VolunteerService(store, OrganisationService(OrganisationRepository(store)), today=lambda: TODAY)


@pytest.fixture
def service(store, volunteers) -> AllowanceService:
    return AllowanceService(store, volunteers)


@pytest.fixture
def anna(volunteers) -> str:
    return volunteers.create(Volunteer(first_name="Anna", last_name="Berg", registered_on=TODAY)).id


@pytest.fixture
def sukru(volunteers) -> str:
    return volunteers.create(Volunteer(first_name="Şükrü", last_name="Yılmaz", registered_on=TODAY)).id


def pay(service, volunteer_id, day, cents, note="", confirmed=False) -> Allowance:
    return service.record(Allowance(volunteer_id, day, cents, note), confirmed=confirmed)


def rows(store) -> int:
    return store.conn.execute("SELECT count(*) FROM allowances").fetchone()[0]


# -- limits ------------------------------------------------------------------------------------------------------

def test_a_new_database_has_the_limits_of_the_law(service):
    assert service.limits() == {2013: 72000, 2021: 84000, 2026: 96000}
    assert (service.limit_for(2012), service.limit_for(2024), service.limit_for(2026), service.limit_for(2030)) == (
        None, 84000, 96000, 96000)


def test_a_limit_is_set_changed_and_removed(service):
    service.set_limit(2028, 100000)
    assert service.limit_for(2029) == 100000
    service.set_limit(2028, 110000)
    assert service.limits()[2028] == 110000
    service.remove_limit(2028)
    assert service.limits() == {2013: 72000, 2021: 84000, 2026: 96000}
    assert service.limit_for(2029) == 96000


def test_changing_limits_is_all_or_nothing(service):
    with pytest.raises(ValidationError) as refused:
        service.change_limits({2027: 100000, 2030: -1}, [2013])
    assert refused.value.errors == {"amount": "Enter a limit from 0 to 100,000 EUR."}
    assert service.limits() == {2013: 72000, 2021: 84000, 2026: 96000}
    with pytest.raises(KommanDeskError, match="No tax-free limit is set for 2019"):
        service.change_limits({2027: 100000}, [2013, 2019])
    assert service.limits() == {2013: 72000, 2021: 84000, 2026: 96000}
    service.change_limits({2027: 100000}, [2013])
    assert service.limits() == {2021: 84000, 2026: 96000, 2027: 100000}


@pytest.mark.parametrize("year,cents,field", [(1999, 96000, "year"), (2101, 96000, "year"),
                                              (2026, -100, "amount"), (2026, 10_000_001, "amount")])
def test_a_bad_limit_is_refused(service, year, cents, field):
    with pytest.raises(ValidationError) as refused:
        service.set_limit(year, cents)
    assert set(refused.value.errors) == {field}
    assert service.limits() == {2013: 72000, 2021: 84000, 2026: 96000}


def test_removing_a_limit_that_is_not_set_says_so(service):
    with pytest.raises(KommanDeskError, match="No tax-free limit is set for 2024."):
        service.remove_limit(2024)


# -- recording ---------------------------------------------------------------------------------------------------

def test_payments_are_listed_newest_first_with_the_note_as_typed(service, anna, store):
    first = pay(service, anna, dt.date(2026, 1, 10), 20000, "Begleitung <b>Januar</b>")
    second = pay(service, anna, dt.date(2026, 3, 5), 15050)
    older = pay(service, anna, dt.date(2025, 12, 31), 5000)
    assert [a.id for a in service.for_volunteer(anna)] == [second.id, first.id, older.id]
    assert service.for_volunteer(anna)[1].note == "Begleitung <b>Januar</b>"  # stored literally
    assert first.id and first.created_at and rows(store) == 3


def test_the_note_is_cleaned_like_every_other_text(service, anna):
    saved = pay(service, anna, TODAY, 100, "  zwei   Worte\n ")
    assert saved.note == "zwei Worte"


def test_each_calendar_year_is_checked_on_its_own(service, anna):
    # 2025 (limit 840 EUR): 500 + 300 = 800; 2026 (limit 960 EUR): 900
    pay(service, anna, dt.date(2025, 3, 1), 50000)
    pay(service, anna, dt.date(2025, 12, 31), 30000)
    pay(service, anna, dt.date(2026, 1, 1), 90000)
    assert service.years(anna) == [YearCheck(2026, 90000, 0, 96000), YearCheck(2025, 80000, 0, 84000)]
    assert service.year_check(anna, 2026, 6000) == YearCheck(2026, 90000, 6000, 96000)
    assert service.year_check(anna, 2026, 6000).left_cents == 0
    assert service.year_check(anna, 2024).paid_cents == 0


def test_payments_of_another_volunteer_do_not_count(service, anna, sukru):
    pay(service, anna, TODAY, 90000)
    pay(service, sukru, TODAY, 90000)
    assert service.year_check(anna, 2026).paid_cents == 90000
    assert [row.name for row in service.listing()] == ["Anna Berg", "Şükrü Yılmaz"]
    assert [row.name for row in service.listing(sukru)] == ["Şükrü Yılmaz"]


def test_going_over_the_limit_asks_first_and_writes_nothing(service, anna, store):
    pay(service, anna, dt.date(2026, 2, 1), 90000)
    with pytest.raises(OverLimit) as asked:
        pay(service, anna, dt.date(2026, 5, 1), 10000)
    check = asked.value.check
    assert (check.year, check.total_cents, check.limit_cents, check.over_cents) == (2026, 100000, 96000, 4000)
    assert asked.value.message == ("With this payment of €100.00, the allowances paid in 2026 come to €1,000.00: "
                                   "€40.00 above the tax-free limit of €960.00. "
                                   "The part above the limit is taxable.")
    assert rows(store) == 1
    saved = pay(service, anna, dt.date(2026, 5, 1), 10000, confirmed=True)
    assert saved.id and rows(store) == 2
    assert service.years(anna)[0].over_cents == 4000


def test_a_year_already_above_the_limit_asks_again_for_every_payment(service, anna):
    pay(service, anna, TODAY, 100000, confirmed=True)
    with pytest.raises(OverLimit) as asked:
        pay(service, anna, TODAY, 100)
    assert asked.value.check.over_cents == 4100


def test_the_limit_is_that_of_the_payments_year_not_of_today(service, anna):
    pay(service, anna, dt.date(2025, 6, 1), 80000)
    with pytest.raises(OverLimit) as asked:  # 2025: 840 EUR, although 960 EUR hold today
        pay(service, anna, dt.date(2025, 7, 1), 5000)
    assert (asked.value.check.limit_cents, asked.value.check.over_cents) == (84000, 1000)


def test_exactly_reaching_the_limit_does_not_ask(service, anna):
    pay(service, anna, TODAY, 90000)
    pay(service, anna, TODAY, 6000)
    assert service.year_check(anna, 2026).left_cents == 0


def test_a_year_without_a_limit_is_not_checked(service, anna):
    service.remove_limit(2013)
    pay(service, anna, dt.date(2012, 5, 1), 1_000_000)
    assert service.years(anna) == [YearCheck(2012, 1_000_000, 0, None)]


def test_a_changed_limit_changes_the_check(service, anna):
    pay(service, anna, TODAY, 90000)
    service.set_limit(2026, 100000)
    pay(service, anna, TODAY, 9000)  # 990 EUR: below the new limit, no question
    assert service.years(anna)[0].left_cents == 1000


@pytest.mark.parametrize("day,cents,note,field", [
    (TODAY + dt.timedelta(days=1), 5000, "", "paid_on"),
    (TODAY, 0, "", "amount"),
    (TODAY, -5000, "", "amount"),
    (TODAY, 1_000_001, "", "amount"),
    (TODAY, 5000, "x" * 201, "note"),
])
def test_bad_values_are_refused_and_nothing_is_written(service, anna, store, day, cents, note, field):
    with pytest.raises(ValidationError) as refused:
        pay(service, anna, day, cents, note, confirmed=True)
    assert set(refused.value.errors) == {field}
    assert service.validate(Allowance(anna, day, cents, note)) == refused.value.errors
    assert rows(store) == 0


def test_a_payment_to_an_unknown_volunteer_is_refused(service, store):
    with pytest.raises(KommanDeskError, match="This volunteer does not exist"):
        pay(service, "no-such-volunteer", TODAY, 5000)
    assert rows(store) == 0


def test_a_recorded_payment_is_not_recorded_twice(service, anna, store):
    saved = pay(service, anna, TODAY, 5000)
    with pytest.raises(KommanDeskError, match="recorded already"):
        service.record(saved)
    assert rows(store) == 1


def test_a_payment_is_deleted(service, anna, store):
    keep = pay(service, anna, TODAY, 5000)
    gone = pay(service, anna, TODAY, 7000)
    service.delete(gone.id)
    assert [a.id for a in service.for_volunteer(anna)] == [keep.id]
    with pytest.raises(KommanDeskError, match="This payment does not exist"):
        service.delete(gone.id)
    assert rows(store) == 1


def test_the_payments_go_with_the_volunteer(service, anna, sukru, store):
    pay(service, anna, TODAY, 5000)
    pay(service, sukru, TODAY, 6000)
    store.conn.execute("DELETE FROM volunteers WHERE id = ?", (anna,))
    assert [row.name for row in service.listing()] == ["Şükrü Yılmaz"]


def test_the_list_by_year(service, anna, sukru):
    pay(service, anna, dt.date(2025, 12, 31), 1000)
    pay(service, sukru, dt.date(2026, 1, 1), 2000)
    pay(service, anna, dt.date(2026, 2, 1), 3000)
    assert [(row.reference, row.allowance.amount_cents) for row in service.listing(year=2026)] == [
        ("V-2026-0001", 3000), ("V-2026-0002", 2000)]
    assert [row.allowance.amount_cents for row in service.listing(anna, 2025)] == [1000]


def test_the_service_of_the_context_is_the_same(services):
    assert isinstance(services.allowances, AllowanceService)
    assert allowances_of(services.volunteers).limits() == services.allowances.limits()


# -- amounts as typed --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,cents", [("120,50", 12050), ("€120.50", 12050), ("120,50 €", 12050),
                                        ("EUR 75", 7500), ("-5", -500), ("0", 0), ("1.000,00", 100000)])
def test_amounts_typed_by_users(text, cents):
    assert amount_from_text(text) == cents


@pytest.mark.parametrize("text,message", [
    ("abc", "abc is not an amount of money: type it like 120,50 or 120.50."),
    ("", "Enter the amount paid."),
    ("12,3,4", "12,3,4 is not an amount of money: type it like 120,50 or 120.50."),
])
def test_text_that_is_not_an_amount(text, message):
    with pytest.raises(ValidationError) as refused:
        amount_from_text(text)
    assert refused.value.errors == {"amount": message}


def test_limits_typed_by_users():
    assert limit_from_text("960") == 96000
    assert limit_from_text("0") == 0
    with pytest.raises(ValidationError, match="not an amount of money"):
        limit_from_text("viel")
    with pytest.raises(ValidationError, match="Enter the tax-free limit"):
        limit_from_text(" ")


def test_messages_in_german(service, anna, german):
    pay(service, anna, TODAY, 90000)
    with pytest.raises(OverLimit) as asked:
        pay(service, anna, TODAY, 10000)
    assert "1.000,00\u00a0€" in asked.value.message and "960,00\u00a0€" in asked.value.message
