"""kommandesk-cli volunteers list|show and demo --volunteers, end to end in-process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kommandesk import cli
from kommandesk import paths as paths_mod
from kommandesk.domain.clearance import Clearance, ClearanceResult
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer






@pytest.fixture
def people(data_dir):
    """Three volunteers saved through the service: Şükrü (active), Anna (applicant), Otto (archived)."""
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        vols = services.volunteers
        consent = Consent(dt.date(2026, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")
        today = vols.today()
        sukru = vols.create(Volunteer(
            first_name="Şükrü", last_name="Öztürk", email="sukru@example.org", postcode="50667", town="Köln",
            status=Status.ACTIVE, consent=consent, notes="<b>fett</b> =HYPERLINK(\"x\")",
            languages=(LanguageSkill("tr", Level.NATIVE), LanguageSkill("de", Level.C1)),
            areas=(vols.areas()[0].id,),
            clearance=Clearance(today - dt.timedelta(days=30), today - dt.timedelta(days=20), "K. Koordination",
                                ClearanceResult.NO_RELEVANT_ENTRY)))
        anna = vols.create(Volunteer(first_name="Anna", last_name="Schmidt", town="Bonn"))
        otto = vols.create(Volunteer(first_name="Otto", last_name="Alt"))
        vols.archive(otto.id, "Umzug")
        return {"sukru": sukru.reference, "anna": anna.reference, "otto": otto.reference}
    finally:
        services.close()


# --- list -------------------------------------------------------------------------------------------------------

def test_list_shows_a_table_of_everyone_but_the_archived(run, people):
    code, out, err = run("volunteers", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["Reference", "Name"]
    assert any("Öztürk, Şükrü" in line and "50667 Köln" in line and "tr (native), de (C1)" in line
               and "valid" in line for line in lines)
    assert any("Schmidt, Anna" in line and "applicant" in line for line in lines)
    assert "Otto" not in out
    assert lines[-1] == "2 of 2 volunteers shown."


def test_list_json_with_status_search_and_limit(run, people):
    code, out, _err = run("volunteers", "list", "--json")
    data = json.loads(out)
    assert data["total"] == 2
    assert [v["last_name"] for v in data["volunteers"]] == ["Öztürk", "Schmidt"]
    first = data["volunteers"][0]
    assert (first["status"], first["clearance"], first["languages"]) == ("active", "valid", "tr (native), de (C1)")
    archived = json.loads(run("volunteers", "list", "--status", "archived", "--json")[1])
    assert [v["reference"] for v in archived["volunteers"]] == [people["otto"]]
    both = json.loads(run("volunteers", "list", "--status", "archived", "--status", "applicant", "--json")[1])
    assert both["total"] == 2
    found = json.loads(run("volunteers", "list", "--search", "sukru oz", "--json")[1])
    assert [v["first_name"] for v in found["volunteers"]] == ["Şükrü"]
    limited = json.loads(run("volunteers", "list", "--limit", "1", "--json")[1])
    assert (limited["total"], len(limited["volunteers"])) == (2, 1)


def test_list_with_nothing_found_says_so(run, people):
    code, out, _err = run("volunteers", "list", "--search", "nobody-like-this")
    assert (code, out.strip()) == (0, "No volunteers found.")


@pytest.mark.parametrize("search", ['"', "*", "AND", "-", "(", "NEAR(x"])
def test_fts_syntax_in_the_search_is_no_error(run, people, search):
    assert run("volunteers", "list", "--search", search)[0] == 0


def test_an_unknown_status_is_a_usage_error(run, people):
    code, out, err = run("volunteers", "list", "--status", "happy")
    assert code == 2 and out == ""
    assert "invalid choice: 'happy'" in err and "active" in err


def test_an_unknown_status_is_a_usage_error_in_german(run, people):
    code, _out, err = run("--lang", "de", "volunteers", "list", "--status", "happy")
    assert code == 2
    assert "'happy'" in err and "invalid choice" not in err and "usage:" not in err


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_bad_limit_is_a_usage_error(run, people, limit):
    code, _out, err = run("volunteers", "list", "--limit", limit)
    assert code == 2 and "--limit" in err


# --- show -------------------------------------------------------------------------------------------------------

def test_show_prints_the_profile_with_markup_as_text(run, people):
    code, out, err = run("volunteers", "show", people["sukru"].lower())
    assert (code, err) == (0, "")
    assert "Şükrü Öztürk" in out and people["sukru"] in out
    assert "<b>fett</b> =HYPERLINK(\"x\")" in out
    assert "Turkish (native speaker), German (C1)" in out
    assert "Escort to offices and doctors" in out
    assert "by K. Koordination" in out
    assert "History:" in out


def test_show_json(run, people):
    code, out, _err = run("volunteers", "show", people["sukru"], "--json")
    data = json.loads(out)
    assert (data["reference"], data["first_name"], data["status"]) == (people["sukru"], "Şükrü", "active")
    assert data["languages"] == [{"code": "tr", "level": "native"}, {"code": "de", "level": "C1"}]
    assert data["clearance"]["state"] == "valid" and data["clearance"]["result"] == "no_relevant_entry"
    assert data["areas"][0]["name_en"] == "Escort to offices and doctors"
    assert data["history"][0]["status"] == "active"
    assert data["minor"] is False


def test_show_an_unknown_reference_exits_1_with_one_line(run, people):
    code, out, err = run("volunteers", "show", "V-1999-0001")
    assert (code, out) == (1, "")
    assert err.strip().splitlines() == [
        "kommandesk-cli: error: There is no volunteer with the reference V-1999-0001."]


def test_show_without_a_reference_is_a_usage_error(run):
    assert run("volunteers", "show")[0] == 2


# --- demo -------------------------------------------------------------------------------------------------------

def test_demo_generates_volunteers(run):
    code, out, _err = run("demo", "--seed", "5", "--volunteers", "120", "--json")
    assert code == 0
    created = json.loads(out)["created"]
    assert (created["organisation"], created["volunteers"], created["requests"]) == (1, 120, 12)
    assert created["assignments"] > 0
    listed = json.loads(run("volunteers", "list", "--status", "applicant", "--status", "active", "--status", "paused",
                            "--status", "inactive", "--status", "archived", "--json", "--limit", "500")[1])
    assert listed["total"] == 120
    statuses = [v["status"] for v in listed["volunteers"]]
    assert statuses.count("active") > 60
    assert {v["clearance"] for v in listed["volunteers"]} >= {"none", "valid"}


def test_demo_volunteers_follow_the_rules(data_dir, run):
    """Every generated profile would pass the service's validation (consent before active, dates, languages)."""
    from kommandesk.services.context import Services
    from kommandesk.services.volunteers import VolunteerQuery

    assert run("demo", "--seed", "9", "--volunteers", "300")[0] == 0
    services = Services.open(paths_mod.resolve(data_dir))
    try:
        vols = services.volunteers
        rows = vols.page(VolunteerQuery(statuses=frozenset(Status)), 0, 1000)
        assert len(rows) == 300
        origins_seen = set()
        for row in rows:
            vol = vols.get(row.id)
            assert vols.validate(vol) == {}, (vol.full_name, vols.validate(vol))
            assert vol.history[0].status is Status.APPLICANT and vol.history[-1].status is vol.status
            if vol.status is not Status.APPLICANT:
                assert vol.consent is not None
            assert any(skill.level is Level.NATIVE for skill in vol.languages)
            origins_seen.add(vol.languages[0].code)
        assert {"de", "tr", "ar", "uk"} <= origins_seen
    finally:
        services.close()


def test_demo_with_the_same_seed_gives_the_same_volunteers(run, tmp_path, capsys):
    def listing(folder: Path) -> list:
        assert cli.main(["--data-dir", str(folder), "demo", "--seed", "4", "--volunteers", "40"]) == 0
        capsys.readouterr()
        cli.main(["--data-dir", str(folder), "volunteers", "list", "--json", "--limit", "100"])
        rows = json.loads(capsys.readouterr().out)["volunteers"]
        return [(r["reference"], r["first_name"], r["last_name"], r["languages"]) for r in rows]

    assert listing(tmp_path / "a") == listing(tmp_path / "b")


def test_demo_refuses_a_database_with_volunteers_unless_forced(run, people):
    code, out, err = run("demo", "--volunteers", "5")
    assert code == 1 and "--force" in err
    assert run("demo", "--volunteers", "5", "--force")[0] == 0


def test_demo_refuses_a_database_with_an_own_area_of_help(run, data_dir):
    from kommandesk.services.context import Services

    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    services.volunteers.add_area("Nähcafé", "Sewing café")
    services.close()
    assert run("demo")[0] == 1


@pytest.mark.parametrize("value", ["-1", "x"])
def test_demo_with_a_bad_number_of_volunteers_is_a_usage_error(run, value):
    code, _out, err = run("demo", "--volunteers", value)
    assert code == 2 and "--volunteers" in err


def test_volunteers_help_in_german_differs_from_english(run):
    code_de, german, _ = run("--lang", "de", "volunteers", "list", "--help")
    code_en, english, _ = run("--lang", "en", "volunteers", "list", "--help")
    assert code_de == code_en == 0
    assert "--status" in german and "--search" in german and "usage:" in english and "usage:" not in german


# --- the clearance policy and the process boundary --------------------------------------------------------------

def test_organisation_set_takes_the_clearance_policy(run):
    assert run("organisation", "set", "--name", "KI Bonn", "--clearance-validity-years", "3",
               "--clearance-warning-days", "30")[0] == 0
    shown = json.loads(run("organisation", "show", "--json")[1])
    assert (shown["clearance_validity_years"], shown["clearance_warning_days"]) == (3, 30)


def test_a_policy_out_of_range_is_refused_beside_its_option(run):
    code, out, err = run("organisation", "set", "--name", "KI Bonn", "--clearance-validity-years", "11")
    assert (code, out) == (1, "")
    assert err.strip().splitlines() == [
        "kommandesk-cli: error: --clearance-validity-years: Between 1 and 10 years, please."]
    assert run("organisation", "set", "--name", "KI Bonn", "--clearance-warning-days", "many")[0] == 2


def test_the_volunteer_commands_do_not_import_qt(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    folder = str(tmp_path / "d")
    code = ("import sys; from kommandesk.cli import main; "
            f"assert main(['--data-dir', {folder!r}, 'demo', '--volunteers', '3']) == 0; "
            f"assert main(['--data-dir', {folder!r}, 'volunteers', 'list']) == 0; "
            f"assert main(['--data-dir', {folder!r}, 'volunteers', 'show', 'V-{dt.date.today().year}-0001']) == 0; "
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))); assert not qt, qt")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=repo, timeout=60,
                            env={k: v for k, v in os.environ.items() if k != paths_mod.ENV_DATA_DIR})
    assert result.returncode == 0, result.stderr
