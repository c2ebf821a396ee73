"""kommandesk-cli requests list|show and import requests, end to end in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_request_data import fill, open_services

HEADER = ("Referenz;Vorname;Haushalt;Sprachen;Unterkunft;Ansprechperson;Tätigkeit;Sprache benötigt;"
          "Geschlecht gewünscht;Kinder;PLZ;Termin;Zeiten;Beginn;Ende;Dringlichkeit;Beschreibung;Einwilligung\r\n")
GOOD = (";Amina;4;Dari, Farsi;ZUE Köln;Frau Berg;Begleitung zu Ämtern und Ärzten;Dari B1, Farsi B1;weiblich;ja;"
        "50667;08.12.2099 09:00-11:30;;;;hoch;Termin Ausländerbehörde;01.01.2026\r\n"
        "X-17;M. K.;1;Arabisch;Heim Süd;;Hausaufgaben- und Lernhilfe;Arabisch;egal;nein;99999;;"
        "Di vormittags, Do nachmittags;01.12.2099;;normal;Mathe;\r\n")


@pytest.fixture
def data(data_dir):
    return fill(data_dir)


def csv_file(tmp_path: Path, body: str, name: str = "anfragen.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("Anfragen Stand November\r\n" + HEADER + body).encode("utf-8-sig"))
    return path


def listed(run, *options: str) -> list[dict]:
    code, out, err = run("requests", "list", "--json", *options)
    assert (code, err) == (0, "")
    return json.loads(out)["requests"]


# --- list -------------------------------------------------------------------------------------------------------

def test_list_shows_a_table_newest_first(run, data):
    code, out, err = run("requests", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["Reference", "Received", "Person"]
    amina = next(line for line in lines if data["amina"] in line)
    assert "Amina" in amina and "ZUE Köln" in amina and "Escort to offices and doctors" in amina
    assert "prs (B1), fa (B1)" in amina and "high" in amina and "9:00\u202fAM\u201311:30\u202fAM" in amina
    olena = next(line for line in lines if data["olena"] in line)
    assert "Thu afternoon from" in olena
    assert "no fixed time" in next(line for line in lines if data["tesfay"] in line)
    assert lines[-1] == "4 of 4 requests shown."


def test_list_filters(run, data):
    assert {r["reference"] for r in listed(run, "--open")} == {data["amina"], data["olena"], data["tesfay"]}
    assert [r["reference"] for r in listed(run, "--status", "cancelled")] == [data["otto"]]
    assert [r["reference"] for r in listed(run, "--urgency", "high")] == [data["amina"]]
    assert [r["reference"] for r in listed(run, "--search", "tesf")] == [data["tesfay"]]
    assert len(listed(run, "--area", "begleitung zu amtern und arzten")) == 4
    assert listed(run, "--area", "Housing search") == []


def test_list_json_and_limit(run, data):
    code, out, _err = run("requests", "list", "--json", "--limit", "2")
    assert code == 0
    result = json.loads(out)
    assert result["total"] == 4 and len(result["requests"]) == 2
    amina = next(r for r in listed(run) if r["reference"] == data["amina"])
    assert amina["urgency"] == "high" and amina["status"] == "new" and amina["languages"] == "prs (B1), fa (B1)"
    assert amina["appointment"]["start"] == "09:00"


def test_list_in_german(run, data):
    code, out, _err = run("--lang", "de", "requests", "list", "--status", "cancelled")
    assert code == 0
    assert data["otto"] in out


def test_an_empty_list(run, data_dir):
    code, out, _err = run("requests", "list")
    assert (code, out) == (0, "No requests found.\n")


@pytest.mark.parametrize("options,message", [
    (("--area", "Gartenarbeit"), "\u201cGartenarbeit\u201d is not an area of help. The areas are:"),
])
def test_list_refuses_an_unknown_area(run, data, options, message):
    code, out, err = run("requests", "list", *options)
    assert code == 1 and out == "" and message in err


@pytest.mark.parametrize("options", [("--status", "lost"), ("--urgency", "asap"), ("--limit", "0"),
                                     ("--limit", "-3")])
def test_list_usage_errors_exit_2(run, data, options):
    code, _out, err = run("requests", "list", *options)
    assert code == 2 and "usage:" in err


# --- show -------------------------------------------------------------------------------------------------------

def test_show_prints_everything_stored(run, data):
    code, out, err = run("requests", "show", data["amina"].lower())
    assert (code, err) == (0, "")
    lines = dict(line.split("  ", 1) for line in out.splitlines() if "  " in line and not line.startswith(" "))
    fields = {key.strip(): value.strip() for key, value in lines.items()}
    assert fields["Reference"] == data["amina"]
    assert fields["Person"] == "Amina" and fields["Household size"] == "4"
    assert fields["Languages spoken"] == "Dari, Persian"
    assert fields["Site"] == "ZUE Köln" and fields["Contact person"] == "Frau Berg"
    assert fields["Area of help"] == "Escort to offices and doctors"
    assert fields["Language needed"] == "Dari (B1), Persian (B1)"
    assert fields["Preferred gender"] == "any" and fields["Children involved"] == "no"
    assert fields["Postcode"] == "50667" and fields["Urgency"] == "high"
    assert fields["Description"] == "Termin Ausländerbehörde"
    assert fields["Consent"].endswith("data passed to the matched volunteer")
    assert "History:" in out and "Assignments: none" in out


def test_show_lists_assignments_with_hours(run, data, data_dir):
    services = open_services(data_dir)
    try:
        vol = services.volunteers.get_by_reference(data["anna"])
        assignment = services.requests.assign(data["amina_id"], vol.id, score=80.0)
        services.requests.log_hours(assignment.id, services.requests.today(), 90, "Amt")
    finally:
        services.close()
    code, out, _err = run("requests", "show", data["amina"])
    assert code == 0
    assert f"{data['anna']} Anna Berg: proposed, proposed on" in out and "1.5 h logged" in out
    assert "1.5 h (Amt)" in out
    code, out, _err = run("requests", "show", data["amina"], "--json")
    shown = json.loads(out)
    (assigned,) = shown["assignments"]
    assert (assigned["volunteer_reference"], assigned["minutes"], assigned["score"]) == (data["anna"], 90, 80.0)
    assert assigned["hours"][0]["minutes"] == 90 and assigned["hours"][0]["activity"] == "Amt"
    assert shown["status"] == "assigned"


def test_show_json(run, data):
    code, out, _err = run("requests", "show", data["olena"], "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["reference"] == data["olena"] and shown["area"]["name_en"] == "Escort to offices and doctors"
    assert shown["recurrence"]["slots"] == [{"weekday": 3, "period": "afternoon"}]
    assert shown["recurrence"]["last_day"] is None and shown["period"][0] == shown["recurrence"]["first_day"]
    assert shown["languages"] == [{"code": "prs", "level": "A2"}]
    assert shown["history"][0]["status"] == "new"


def test_show_an_unknown_reference(run, data):
    code, out, err = run("requests", "show", "A-1999-0001")
    assert code == 1 and out == ""
    assert "There is no request with the reference A-1999-0001." in err


# --- import requests ------------------------------------------------------------------------------------------

def test_import_requests(run, tmp_path):
    code, out, err = run("import", "requests", str(csv_file(tmp_path, GOOD)))
    assert (code, err) == (0, "")
    assert "CSV (utf-8-sig, separated by semicolon), header in row 2." in out
    assert "Sprache benötigt -> Language needed" in out
    assert "Row 4, column \u201cPLZ\u201d: The postcode 99999 is not in KommanDesk's table" in out
    assert "2 requests imported." in out
    rows = listed(run)
    assert sorted(r["person"] for r in rows) == ["Amina", "M. K."]
    assert all(r["reference"].startswith("A-") for r in rows)


def test_import_requests_json_and_dry_run(run, tmp_path):
    code, out, _err = run("import", "requests", str(csv_file(tmp_path, GOOD)), "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["imported"], data["dry_run"], data["total_rows"], data["created"]) == (2, True, 2, [])
    assert data["mapping"]["Zeiten"] == "slots" and len(data["notes"]) == 1
    assert listed(run) == []
    code, out, _err = run("import", "requests", str(csv_file(tmp_path, GOOD)), "--json")
    data = json.loads(out)
    assert [(c["row"], c["file_reference"]) for c in data["created"]] == [(3, ""), (4, "X-17")]


@pytest.mark.parametrize("body,column,message", [
    (GOOD.replace("Begleitung zu Ämtern und Ärzten", ""), "Tätigkeit", "Choose the area of help."),
    (GOOD.replace("09:00-11:30", "11:30-09:00"), "Termin", "The appointment ends before it starts."),
    (GOOD.replace(";01.12.2099;", ";;"), "Beginn", "Weekly times need a first day."),
    (GOOD.replace("Dari B1, Farsi B1", "Elbisch B1"), "Sprache benötigt",
     "\u201cElbisch B1\u201d is not a language KommanDesk knows"),
    (GOOD.replace(";Dari, Farsi;", ";Dari, Elbisch;"), "Sprachen",
     "\u201cElbisch\u201d is not a language KommanDesk knows"),
])
def test_import_problems_exit_1_and_nothing_is_imported(run, tmp_path, body, column, message):
    code, out, _err = run("import", "requests", str(csv_file(tmp_path, body)))
    assert code == 1
    assert f"column \u201c{column}\u201d: {message}" in out
    assert "Nothing was imported" in out
    assert listed(run) == []


def test_import_an_existing_reference_is_a_problem(run, tmp_path, data):
    body = GOOD.replace("X-17", data["amina"])
    code, out, _err = run("import", "requests", str(csv_file(tmp_path, body)))
    assert code == 1
    assert f"The request {data['amina']} exists already in KommanDesk." in out
    assert len(listed(run)) == 4


def test_import_skip_invalid_writes_the_error_file(run, tmp_path):
    body = GOOD.replace("Hausaufgaben- und Lernhilfe", "")
    target = tmp_path / "fehler.csv"
    code, out, _err = run("import", "requests", str(csv_file(tmp_path, body)), "--skip-invalid", "--error-file",
                          str(target))
    assert code == 1
    assert "1 request imported." in out and "1 row with problems skipped." in out and str(target) in out
    assert "Choose the area of help." in target.read_text(encoding="utf-8-sig")
    assert [r["person"] for r in listed(run)] == ["Amina"]


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"PK\x03\x04 not really a workbook", "is damaged or not an Excel workbook"),
    ("Vorname;Tätigkeit\r\n".encode(), "no requests below it"),
])
def test_import_a_broken_file(run, tmp_path, content, message):
    path = tmp_path / "anfragen.xlsx" if content.startswith(b"PK") else tmp_path / "anfragen.csv"
    path.write_bytes(content)
    code, out, err = run("import", "requests", str(path))
    assert code == 1 and out == ""
    assert message in err


def test_import_a_missing_file(run, tmp_path):
    code, _out, err = run("import", "requests", str(tmp_path / "nirgends.csv"))
    assert code == 1 and "nirgends.csv" in err


def test_import_volunteers_still_works_beside_requests(run, tmp_path):
    path = tmp_path / "v.csv"
    path.write_bytes("Vorname;Nachname\r\nJürgen;Müller\r\n".encode("utf-8-sig"))
    code, out, _err = run("import", "volunteers", str(path))
    assert code == 0 and "1 volunteer imported." in out


def test_import_a_list_without_a_name_column(run, tmp_path):
    path = tmp_path / "ohne.csv"
    path.write_bytes("Tätigkeit;Zeiten;Beginn\r\nWohnungssuche;Di vormittags;01.12.2099\r\n".encode("utf-8-sig"))
    code, out, err = run("import", "requests", str(path))
    assert code == 1 and out == ""
    assert "No column holds First name or initials" in err
    assert listed(run) == []


def test_a_reader_that_stops_early_is_no_error(data_dir):
    """`kommandesk-cli volunteers list | head -1`: the closed pipe ends the command quietly (the output is
    larger than a pipe's buffer, so the command is still writing when the reader goes)."""
    import subprocess
    import sys

    demo = subprocess.run([sys.executable, "-m", "kommandesk.cli", "--data-dir", str(data_dir), "demo",
                           "--volunteers", "700"], capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    process = subprocess.Popen([sys.executable, "-m", "kommandesk.cli", "--data-dir", str(data_dir),
                                "volunteers", "list", "--limit", "700"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # as head does after its first line
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 0 and b"unexpected" not in err
