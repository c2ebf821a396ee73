"""kommandesk-cli export volunteers|all (and the whole-database file read back by import json), in-process."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest





@pytest.fixture
def demo(run):
    code, _out, err = run("demo", "--seed", "3", "--volunteers", "25")
    assert code == 0, err


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))


def test_export_volunteers_to_each_format_by_its_suffix(run, demo, tmp_path):
    code, out, err = run("volunteers", "list", "--json", "--limit", "100")
    total = json.loads(out)["total"]
    for name in ("list.xlsx", "list.csv", "list.json"):
        target = tmp_path / name
        code, out, err = run("export", "volunteers", str(target))
        assert (code, err) == (0, ""), err
        assert out == f"{total} volunteers exported to {target}.\n"
    assert openpyxl.load_workbook(tmp_path / "list.xlsx").active.max_row == total + 1
    assert len(csv_rows(tmp_path / "list.csv")) == total + 1
    assert len(json.loads((tmp_path / "list.json").read_text(encoding="utf-8"))["volunteers"]) == total


def test_status_and_search_choose_the_rows(run, demo, tmp_path):
    code, out, _err = run("volunteers", "list", "--status", "archived", "--status", "paused", "--json")
    expected = sorted(row["reference"] for row in json.loads(out)["volunteers"])
    target = tmp_path / "some.csv"
    code, out, err = run("export", "volunteers", str(target), "--status", "archived", "--status", "paused", "--json")
    assert code == 0, err
    assert json.loads(out) == {"exported": len(expected), "file": str(target)}
    assert sorted(row[0] for row in csv_rows(target)[1:]) == expected

    name = csv_rows(target)[1][1]
    code, out, _err = run("volunteers", "list", "--search", name, "--json")
    found = json.loads(out)["total"]
    code, out, err = run("export", "volunteers", str(target), "--search", name)
    assert code == 0 and out.startswith(f"{found} volunteer")
    assert len(csv_rows(target)) == found + 1


def test_headers_and_messages_in_german(run, demo, tmp_path):
    target = tmp_path / "liste.csv"
    code, out, err = run("--lang", "de", "export", "volunteers", str(target))
    assert code == 0, err
    assert csv_rows(target)[0][:3] == ["Nummer", "Nachname", "Vorname"]


@pytest.mark.parametrize("name, message", [
    ("list.xls", "Choose a file name ending in .xlsx, .csv or .json (not list.xls)."),
    ("missing/list.xlsx", "could not be written"),
])
def test_a_bad_target_exits_1_with_a_message(run, demo, tmp_path, name, message):
    code, out, err = run("export", "volunteers", str(tmp_path / name))
    assert code == 1 and out == ""
    assert err.startswith("kommandesk-cli: error: ") and message in err
    assert not (tmp_path / name).exists()


def test_usage_errors_exit_2(run, tmp_path):
    assert run("export")[0] == 2
    assert run("export", "volunteers")[0] == 2
    code, _out, err = run("export", "volunteers", str(tmp_path / "x.csv"), "--status", "sleeping")
    assert code == 2 and "sleeping" in err


def test_export_all_and_import_json_into_a_new_folder(run, demo, tmp_path):
    target = tmp_path / "data.json"
    code, out, err = run("export", "all", str(target), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["file"] == str(target) and report["tables"]["volunteers"] == 25

    other = tmp_path / "other"
    code, out, err = run("import", "json", str(target), "--json", folder=other)
    assert code == 0, err
    code, out, err = run("info", "--json", folder=other)
    assert json.loads(out)["counts"]["volunteers"] == 25

    code, out, err = run("import", "json", str(target))  # the first folder is not empty
    assert code == 1 and "already holds data" in err


def test_export_all_needs_a_json_file_name(run, demo, tmp_path):
    code, out, err = run("export", "all", str(tmp_path / "data.xlsx"))
    assert code == 1 and "Choose a file name ending in .json" in err
    assert not (tmp_path / "data.xlsx").exists()


def test_export_all_prints_the_tables(run, demo, tmp_path):
    code, out, err = run("export", "all", str(tmp_path / "data.json"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Every table was exported to {tmp_path / 'data.json'}:"
    assert "  volunteers: 25" in lines
