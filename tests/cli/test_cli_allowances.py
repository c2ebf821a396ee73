"""kommandesk-cli allowances add|list|limits, end to end in-process: payments recorded, the refusal above the
tax-free limit unless --force, the limits by year, and every bad input a clear line with exit 1 and nothing
written."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from kommandesk import paths as paths_mod
from kommandesk.domain.volunteers import Volunteer

TODAY = dt.date.today()
YEAR = TODAY.year


@pytest.fixture
def refs(data_dir, run) -> dict[str, str]:
    """Two volunteers; the current year's limit set to 960 EUR whatever year the tests run in."""
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        anna = services.volunteers.create(Volunteer(first_name="Anna", last_name="Berg"))
        sukru = services.volunteers.create(Volunteer(first_name="Şükrü", last_name="Yılmaz"))
        services.allowances.set_limit(YEAR, 96000)
        return {"anna": anna.reference, "sukru": sukru.reference}
    finally:
        services.close()


@pytest.fixture
def db_name(data_dir):
    return paths_mod.resolve(data_dir).db_file


def rows(db_file) -> list[tuple]:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute("SELECT paid_on, amount_cents, note FROM allowances "
                            "ORDER BY paid_on, amount_cents").fetchall()
    finally:
        conn.close()


def test_a_payment_is_recorded_with_what_is_left_of_the_year(run, refs, db_name):
    code, out, err = run("allowances", "add", refs["anna"], "--date", TODAY.isoformat(), "--amount", "120,50",
                         "--note", "<b>Begleitung</b>")
    assert (code, err) == (0, "")
    assert f"Recorded: €120.50 paid to Anna Berg ({refs['anna']})" in out
    assert f"Paid in {YEAR}: €120.50 of the tax-free limit of €960.00; €839.50 left tax-free." in out
    assert rows(db_name) == [(TODAY.isoformat(), 12050, "<b>Begleitung</b>")]


def test_a_date_in_the_german_form_and_an_english_amount(run, refs, db_name):
    code, _out, _err = run("allowances", "add", refs["anna"], "--date", TODAY.strftime("%d.%m.%Y"), "--amount",
                           "1,200.00", "--force")
    assert code == 0 and rows(db_name) == [(TODAY.isoformat(), 120000, "")]


def test_going_over_the_limit_is_refused_unless_forced(run, refs, db_name):
    assert run("allowances", "add", refs["anna"], "--date", TODAY.isoformat(), "--amount", "900")[0] == 0
    code, out, err = run("allowances", "add", refs["anna"], "--date", TODAY.isoformat(), "--amount", "100")
    assert code == 1 and out == ""
    assert (f"With this payment of €100.00, the allowances paid in {YEAR} come to €1,000.00: €40.00 above the "
            f"tax-free limit of €960.00.") in err
    assert "add --force to record it anyway" in err
    assert len(rows(db_name)) == 1
    code, out, err = run("allowances", "add", refs["anna"], "--date", TODAY.isoformat(), "--amount", "100", "--force")
    assert code == 0 and f"Paid in {YEAR}: €1,000.00, €40.00 above the tax-free limit of €960.00." in out
    assert len(rows(db_name)) == 2


def test_add_prints_json_for_scripts(run, refs):
    code, out, _err = run("allowances", "add", refs["sukru"], "--date", TODAY.isoformat(), "--amount", "50",
                          "--json")
    data = json.loads(out)
    assert code == 0 and data["allowance"]["amount_cents"] == 5000
    assert data["allowance"]["volunteer_reference"] == refs["sukru"]
    assert data["year"] == {"year": YEAR, "paid_cents": 5000, "limit_cents": 96000, "left_cents": 91000,
                            "over_cents": 0}


@pytest.mark.parametrize("args,words", [
    (("--date", (TODAY + dt.timedelta(days=1)).isoformat(), "--amount", "10"),
     "--date: A payment cannot be recorded for a day in the future."),
    (("--date", TODAY.isoformat(), "--amount", "0"), "--amount: Enter an amount above 0 and at most 10,000 EUR."),
    (("--date", TODAY.isoformat(), "--amount", "-20"), "--amount: Enter an amount above 0 and at most 10,000 EUR."),
    (("--date", TODAY.isoformat(), "--amount", "10000,01"),
     "--amount: Enter an amount above 0 and at most 10,000 EUR."),
    (("--date", TODAY.isoformat(), "--amount", "zwanzig"),
     "--amount: zwanzig is not an amount of money: type it like 120,50 or 120.50."),
    (("--date", "31.02.2026", "--amount", "10"), "--date: 31.02.2026 is not a day of the calendar"),
    (("--date", "gestern", "--amount", "10"), "--date: gestern is not a date"),
    (("--date", TODAY.isoformat(), "--amount", "10", "--note", "x" * 201),
     "--note: At most 200 characters, please (now 201)."),
])
def test_bad_input_is_refused_with_a_message_and_nothing_written(run, refs, db_name, args, words):
    code, out, err = run("allowances", "add", refs["anna"], *args)
    assert code == 1 and out == "" and words in err
    assert "Traceback" not in err
    assert rows(db_name) == []


def test_several_bad_values_are_all_named(run, refs, db_name):
    code, _out, err = run("allowances", "add", refs["anna"], "--date", "2099-01-01", "--amount", "x")
    assert code == 1 and "--date:" in err and "--amount:" in err and rows(db_name) == []


def test_an_unknown_volunteer_is_refused(run, refs, db_name):
    code, _out, err = run("allowances", "add", "V-1999-0001", "--date", TODAY.isoformat(), "--amount", "10")
    assert code == 1 and "There is no volunteer with the reference V-1999-0001." in err
    assert rows(db_name) == []
    code, _out, err = run("allowances", "list", "V-1999-0001")
    assert code == 1 and "V-1999-0001" in err


def test_the_list_of_everyone_and_of_one_volunteer(run, refs):
    run("allowances", "add", refs["anna"], "--date", TODAY.isoformat(), "--amount", "700", "--note", "<i>x</i>")
    run("allowances", "add", refs["sukru"], "--date", TODAY.isoformat(), "--amount", "30")
    run("allowances", "add", refs["anna"], "--date", f"{YEAR - 1}-12-31", "--amount", "40")
    code, out, _err = run("allowances", "list")
    assert code == 0 and "3 payments, €770.00 in total." in out
    assert "Şükrü Yılmaz" in out and "<i>x</i>" in out
    code, out, _err = run("allowances", "list", refs["anna"], "--year", str(YEAR))
    assert "1 payment, €700.00 in total." in out and "Şükrü" not in out
    assert f"Paid in {YEAR}: €700.00 of the tax-free limit of €960.00; €260.00 left tax-free." in out
    code, out, _err = run("allowances", "list", refs["anna"], "--json")
    data = json.loads(out)
    assert data["total"] == 2 and [p["amount_cents"] for p in data["allowances"]] == [70000, 4000]
    assert [y["year"] for y in data["years"]] == [YEAR, YEAR - 1]


def test_an_empty_list_says_so(run, refs):
    code, out, _err = run("allowances", "list")
    assert code == 0 and "No payments recorded." in out


def test_the_limits_are_shown_and_changed(run, refs):
    code, out, _err = run("allowances", "limits")
    assert code == 0 and "2021" in out and "€840.00" in out
    assert "A year takes the limit of the greatest year set up to it." in out
    code, out, _err = run("allowances", "limits", "--set", "2030=1.000,00", "--set", "2031=1200", "--remove", "2013")
    assert code == 0 and out.startswith("Saved.")
    code, out, _err = run("allowances", "limits", "--json")
    limits = {row["year"]: row["amount_cents"] for row in json.loads(out)["limits"]}
    assert limits[2030] == 100000 and limits[2031] == 120000 and 2013 not in limits


@pytest.mark.parametrize("args,words", [
    (("--set", "2030"), "--set: 2030 is not YEAR=AMOUNT, e.g. 2026=960."),
    (("--set", "zwei=960"), "--set: zwei=960 is not YEAR=AMOUNT"),
    (("--set", "2030=viel"), "--set: viel is not an amount of money"),
    (("--set", "1999=960"), "--set: Enter a year from 2000 to 2100."),
    (("--set", "2030=100001"), "--set: Enter a limit from 0 to 100,000 EUR."),
    (("--set", "2030=960", "--set", "2031=x"), "--set: x is not an amount of money"),
    (("--remove", "2019"), "No tax-free limit is set for 2019."),
    (("--remove", "next"), "--remove: next is not a year."),
])
def test_a_bad_limit_changes_nothing(run, refs, args, words):
    before = json.loads(run("allowances", "limits", "--json")[1])
    code, out, err = run("allowances", "limits", *args)
    assert code == 1 and out == "" and words in err
    assert json.loads(run("allowances", "limits", "--json")[1]) == before


def test_messages_in_german(run, refs):
    code, out, _err = run("--lang", "de", "allowances", "add", refs["anna"], "--date", TODAY.isoformat(),
                          "--amount", "120,50")
    assert code == 0 and "120,50\u00a0€" in out and "960,00\u00a0€" in out
