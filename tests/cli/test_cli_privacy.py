"""kommandesk-cli privacy export | erase | retention, end to end in-process: the two files of an export, an erasure
confirmed by the reference, the retention rules shown and applied; every bad input a clear line on stderr, exit 1
and nothing changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from kommandesk import paths as paths_mod
from kommandesk.domain.requests import RequestStatus, SupportRequest
from kommandesk.services.context import Services

TODAY = dt.date.today()


@pytest.fixture
def paths(data_dir):
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    return paths


@pytest.fixture
def filled(paths):
    """Quirinella Vexmoor (V-..-0001, active, a German skill) and Olwenna Trask (archived three years ago); the
    request of "Familie Brimbleton" (cancelled 13 months ago) and one that is still new."""
    services = Services.open(paths)
    try:
        vols, reqs = services.volunteers, services.requests
        area = vols.areas()[0].id
        first = vols.create(dataclasses.replace(vols.new(), first_name="Quirinella", last_name="Vexmoor",
                                                email="q.vexmoor@example.org"), confirmed_duplicate=True)
        second = vols.create(dataclasses.replace(vols.new(), first_name="Olwenna", last_name="Trask"),
                             confirmed_duplicate=True)
        vols.archive(second.id, "moved away")
        closed = reqs.create(SupportRequest(person="Familie Brimbleton", area_id=area, received_on=TODAY))
        reqs.change_status(closed.id, RequestStatus.CANCELLED, "withdrawn")
        reqs.create(SupportRequest(person="Familie Nuvo", area_id=area, received_on=TODAY))
        conn = services.store.conn
        conn.execute("UPDATE request_status_history SET changed_on = ? WHERE request_id = ?",
                     ((TODAY - dt.timedelta(days=400)).isoformat(), closed.id))
        conn.execute("UPDATE volunteer_status_history SET changed_on = ? WHERE volunteer_id = ?",
                     ((TODAY - dt.timedelta(days=3 * 366)).isoformat(), second.id))
        return {"first": first.reference, "second": second.reference, "closed": closed.reference}
    finally:
        services.close()


def volunteers(paths) -> set[str]:
    services = Services.open(paths)
    try:
        return {row[0] for row in services.store.conn.execute("SELECT reference FROM volunteers")}
    finally:
        services.close()


def test_export_writes_the_pdf_and_the_json(run, filled, tmp_path):
    code, out, err = run("privacy", "export", filled["first"], "-o", str(tmp_path))
    assert (code, err) == (0, "")
    written = sorted(path.name for path in tmp_path.iterdir() if path.is_file())
    assert [name.rsplit(".", 1)[1] for name in written] == ["json", "pdf"]
    assert all(name.startswith(filled["first"]) for name in written) and out.count("Written: ") == 2
    data = json.loads(next(tmp_path.glob("*.json")).read_text(encoding="utf-8"))
    assert data["tables"]["volunteers"][0]["email"] == "q.vexmoor@example.org"


def test_export_json_output(run, filled, tmp_path):
    code, out, _err = run("privacy", "export", filled["closed"], "-o", str(tmp_path), "--json")
    assert code == 0
    paths = json.loads(out)
    assert paths["pdf"].endswith(".pdf") and paths["json"].endswith(".json")


@pytest.mark.parametrize("folder, message", [("missing", "does not exist"), ("file.txt", "does not exist")])
def test_export_to_a_folder_that_is_not_there_writes_nothing(run, filled, tmp_path, folder, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    code, out, err = run("privacy", "export", filled["first"], "-o", str(tmp_path / folder))
    assert (code, out) == (1, "") and message in err and "Nothing was written" in err
    assert sorted(tmp_path.iterdir()) == before


def test_erase_confirmed_by_the_reference(run, filled, paths):
    ref = filled["first"]
    code, out, err = run("privacy", "erase", ref, "--confirm", ref)
    assert (code, err) == (0, "")
    assert f"{ref} was erased." in out and "The profile is deleted" in out
    assert ref not in volunteers(paths)
    code, _out, err = run("volunteers", "show", ref)
    assert code == 1 and "There is no volunteer" in err


@pytest.mark.parametrize("confirm", [None, "V-2026-9999", "yes"])
def test_erase_without_the_right_confirmation_changes_nothing(run, filled, paths, confirm):
    ref = filled["first"]
    args = ("privacy", "erase", ref) + (("--confirm", confirm) if confirm else ())
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert f"--confirm: To confirm, type the reference {ref} exactly. Nothing was erased." in err
    assert ref in volunteers(paths)


@pytest.mark.parametrize("ref, message", [("V-2026-0999", "There is no volunteer with the reference V-2026-0999"),
                                          ("A-2026-0999", "There is no request with the reference A-2026-0999"),
                                          ("hello", "is not a reference of a volunteer")])
def test_erase_of_a_reference_that_does_not_exist(run, filled, paths, ref, message):
    before = volunteers(paths)
    code, out, err = run("privacy", "erase", ref, "--confirm", ref)
    assert (code, out) == (1, "") and message in err
    assert volunteers(paths) == before


def test_erase_of_an_open_request_is_refused(run, filled):
    still_new = f"A-{TODAY.year}-0002"
    code, _out, err = run("privacy", "erase", still_new, "--confirm", still_new)
    assert code == 1 and "still open" in err and "Nothing was erased" in err


def test_erase_json(run, filled):
    code, out, _err = run("privacy", "erase", filled["closed"], "--confirm", filled["closed"], "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["kind"], result["reference"], result["counts"]["request"]) == ("request", filled["closed"], 1)


def test_retention_shows_then_applies(run, filled, paths):
    code, out, err = run("privacy", "retention")
    assert (code, err) == (0, "")
    assert "1 closed request to anonymise:" in out and filled["closed"] in out
    assert "1 archived volunteer to delete:" in out and filled["second"] in out
    assert "Run with --apply" in out
    assert filled["second"] in volunteers(paths)  # only shown

    code, out, _err = run("privacy", "retention", "--apply")
    assert code == 0 and "1 archived volunteer was deleted:" in out and "1 closed request was anonymised:" in out
    assert filled["second"] not in volunteers(paths)

    code, out, _err = run("privacy", "retention")
    assert (code, out.strip()) == (0, "Nothing is due: no retention period has run out.")


def test_retention_json(run, filled):
    code, out, _err = run("privacy", "retention", "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan["applied"] is False and [c["reference"] for c in plan["requests"]] == [filled["closed"]]
    assert [c["reference"] for c in plan["volunteers"]] == [filled["second"]]
    assert plan["clearances"] == [] and plan["held_back"] == []


def test_erase_needs_a_reference(run, filled):
    code, _out, err = run("privacy", "erase")
    assert code == 2 and "REF" in err
