"""kommandesk-cli match REF and match --all [--apply], end to end in-process."""

from __future__ import annotations

import json

import pytest

from cli_request_data import fill, open_services


@pytest.fixture
def data(data_dir):
    return fill(data_dir)


def assignments_of(data_dir, request_id: str) -> list:
    services = open_services(data_dir)
    try:
        return services.requests.assignments_of_request(request_id)
    finally:
        services.close()


def count_assignments(run) -> int:
    code, out, _err = run("info", "--json")
    assert code == 0
    return json.loads(out)["counts"].get("assignments", 0)


# --- one request ----------------------------------------------------------------------------------------------

def test_match_one_request_lists_candidates_with_their_parts_and_near_misses(run, data):
    code, out, err = run("match", data["amina"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"Request {data['amina']}: Amina"
    assert lines[1] == "Candidates (1 of 1):"
    assert lines[2].startswith("  1. ") and lines[2].endswith(f"{data['anna']}  Anna Berg")
    assert any("speaks Dari C1 (needed B1)" in line for line in lines)
    assert any("km" in line for line in lines)  # the distance part
    assert "Near misses, each failing one rule (1 of 1):" in out
    near = next(line for line in lines if data["ben"] in line)
    assert "Ben Kaya" in near and "Dari A2 (needed B1)" in near and "would score" in near
    assert data["cem"] not in out  # an applicant without Dari fails two rules
    assert "Volunteers excluded by each rule:" in out


def test_match_json(run, data):
    code, out, _err = run("match", data["amina"], "--json")
    assert code == 0
    result = json.loads(out)
    assert result["reference"] == data["amina"] and result["total_candidates"] == 1
    (candidate,) = result["candidates"]
    assert candidate["reference"] == data["anna"] and 0 < candidate["score"] <= 100
    assert {part["part"] for part in candidate["parts"]} >= {"language", "distance", "workload"}
    (miss,) = result["near_misses"]
    assert (miss["reference"], miss["rule"]) == (data["ben"], "language")
    assert result["excluded"]["language"] >= 2


def test_match_limit(run, data):
    code, out, _err = run("match", data["amina"], "--limit", "1", "--json")
    assert code == 0 and len(json.loads(out)["candidates"]) == 1


def test_match_notes_a_postcode_not_in_the_table(run, data):
    code, out, _err = run("match", data["olena"])
    assert code == 0
    assert "Note: The postcode 99999 is not in the table: distances are unknown." in out


def test_match_a_request_no_one_fits(run, data):
    code, out, _err = run("match", data["tesfay"])
    assert code == 0 and "No volunteer passes every rule." in out


def test_match_in_german(run, data):
    code, out, _err = run("--lang", "de", "match", data["amina"])
    assert code == 0 and data["anna"] in out


def test_match_writes_nothing(run, data):
    assert run("match", data["amina"])[0] == 0
    assert count_assignments(run) == 0


# --- all open requests ----------------------------------------------------------------------------------------

def test_match_all_shows_the_proposal_and_writes_nothing(run, data, data_dir):
    code, out, err = run("match", "--all")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Request", "Person", "Urgency", "Volunteer", "Score"]
    amina = next(line for line in lines if line.startswith(data["amina"]))
    assert "high" in amina and f"{data['anna']} Anna Berg" in amina
    assert "request no one can serve:" in out or "requests no one can serve:" in out
    assert any(line.startswith(f"  {data['tesfay']} Tesfay (normal): ") for line in lines)
    assert "Served: " in out and "of 3 open requests (one at a time, best first: " in out
    assert "ms in all, of which the solver" in out
    assert "Nothing was assigned. Run again with --apply to create these assignments." in out
    assert count_assignments(run) == 0
    assert assignments_of(data_dir, data["amina_id"]) == []


def test_match_all_json(run, data):
    code, out, _err = run("match", "--all", "--json")
    assert code == 0
    proposal = json.loads(out)
    assert proposal["applied"] is False and proposal["created"] == 0
    assert proposal["open_requests"] == 3 and proposal["served"] == len(proposal["rows"])
    assert data["amina"] in {row["request_reference"] for row in proposal["rows"]}
    (tesfay,) = [u for u in proposal["unserved"] if u["reference"] == data["tesfay"]]
    assert tesfay["rule"] == "language" and tesfay["reason"]
    assert proposal["seconds_solver"] <= proposal["seconds_total"]
    assert isinstance(proposal["greedy_served"], int)
    assert count_assignments(run) == 0


def test_match_all_apply_creates_the_assignments(run, data, data_dir):
    code, out, _err = run("match", "--all", "--json")
    served = json.loads(out)["served"]
    code, out, _err = run("match", "--all", "--apply")
    assert code == 0
    assert (f"{served} assignment created." if served == 1 else f"{served} assignments created.") in out
    (assignment,) = assignments_of(data_dir, data["amina_id"])
    assert assignment.volunteer_reference == data["anna"] and assignment.status.value == "proposed"
    assert count_assignments(run) == served
    code, out, _err = run("requests", "show", data["amina"], "--json")
    assert json.loads(out)["status"] == "assigned"


# --- bad input ------------------------------------------------------------------------------------------------

def test_match_an_unknown_reference(run, data):
    code, out, err = run("match", "A-1999-0042")
    assert code == 1 and out == ""
    assert "There is no request with the reference A-1999-0042." in err


@pytest.mark.parametrize("args,message", [
    ((), "give a request's reference (e.g. A-2026-0107) or --all"),
    (("A-2026-0001", "--all"), "give either a request's reference or --all, not both"),
    (("A-2026-0001", "--apply"), "--apply works only with --all"),
    (("A-2026-0001", "--limit", "0"), "0 is not a number of at least 1."),
    (("A-2026-0001", "--limit", "-2"), "-2 is not a number of at least 1."),
    (("A-2026-0001", "--limit", "viele"), "viele is not a whole number."),
])
def test_match_usage_errors_exit_2(run, data_dir, args, message):
    code, out, err = run("match", *args)
    assert code == 2 and out == ""
    assert "usage:" in err and message in err


def test_match_a_closed_request_without_consent_says_why_it_cannot_be_assigned(run, data):
    code, out, _err = run("match", data["otto"])
    assert code == 0
    assert "Note: The request is cancelled: open it again before you assign a volunteer." in out
    assert "Note: No consent of the family is recorded: record it before you assign a volunteer." in out
    code, out, _err = run("match", data["otto"], "--json")
    assert len(json.loads(out)["notes"]) >= 2


def test_building_the_parser_loads_neither_scipy_nor_the_matching_service(data_dir):
    # (numpy itself comes with sqlite-utils, which imports it when it is installed)
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom kommandesk import cli\ncode = cli.main(['--data-dir', sys.argv[1], 'info'])\n"
            "assert code == 0\nheavy = [m for m in ('scipy', 'kommandesk.domain.matching.optimal', 'kommandesk.services.matching', "
            "'kommandesk.services.request_imports') if m in sys.modules]\nassert not heavy, heavy\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code, str(data_dir)], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0, result.stderr
