"""kommandesk-cli end to end: in-process through main([...]); as a subprocess where the process boundary matters."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from kommandesk import cli
from kommandesk.paths import DB_FILENAME, ENV_DATA_DIR
from kommandesk.store.db import APPLICATION_ID
from kommandesk.store.migrations import LATEST_VERSION

REPO = Path(__file__).resolve().parents[2]




@pytest.fixture
def run(capsys, data_dir):
    """Run the CLI in-process on ``data_dir``; returns (exit code, stdout, stderr)."""

    def runner(*args: str, data: Path | None = data_dir) -> tuple[int, str, str]:
        argv = (["--data-dir", str(data)] if data is not None else []) + list(args)
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return runner


def subprocess_env(**extra: str) -> dict[str, str]:
    """The test's environment without locale or data-folder settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG")) and k != ENV_DATA_DIR}
    env.update({"LANGUAGE": "en", "PYTHONPATH": str(REPO)})
    env.update(extra)
    return env


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kommandesk.cli", *args], capture_output=True, text=True,
                          env=env or subprocess_env(), cwd=REPO, timeout=60)


def org_in_db(data_dir: Path) -> list[tuple]:
    conn = sqlite3.connect(str(data_dir / DB_FILENAME))
    try:
        return conn.execute("SELECT name, postcode, logo FROM organisation").fetchall()
    finally:
        conn.close()


def png_file(path: Path) -> Path:
    Image.new("RGB", (60, 30), (0, 90, 160)).save(path, "PNG")
    return path


# --- info ------------------------------------------------------------------------------------------------------

def test_info_json_on_a_new_folder_reports_schema_and_paths(run, data_dir):
    code, out, err = run("info", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema_version"] == data["schema_latest"] == LATEST_VERSION
    assert data["paths"]["data_dir"] == str(data_dir)
    assert data["paths"]["database"] == str(data_dir / DB_FILENAME)
    assert Path(data["paths"]["log"]).parent.is_dir()
    assert (data_dir / DB_FILENAME).is_file()
    assert data["counts"]["organisation"] == 0
    assert {t: n for t, n in data["counts"].items() if n} == {"areas_of_help": 10, "allowance_limits": 3}  # seeded catalogues
    assert data["organisation"] is None


def test_info_text_names_the_folder_and_schema(run, data_dir):
    code, out, _err = run("info")
    assert code == 0
    assert str(data_dir) in out
    assert str(LATEST_VERSION) in out


def test_info_uses_the_environment_variable(run, tmp_path, monkeypatch):
    chosen = tmp_path / "from-env"
    monkeypatch.setenv(ENV_DATA_DIR, str(chosen))
    code, out, _err = run("info", "--json", data=None)
    assert code == 0
    assert json.loads(out)["paths"]["data_dir"] == str(chosen)
    assert (chosen / DB_FILENAME).is_file()


def test_data_dir_option_wins_over_the_environment(run, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "from-env"))
    code, out, _err = run("info", "--json")
    assert code == 0
    assert json.loads(out)["paths"]["data_dir"] == str(data_dir)
    assert not (tmp_path / "from-env").exists()


def test_info_as_a_real_process_with_the_environment_variable(tmp_path):
    chosen = tmp_path / "env-data"
    result = run_process("info", "--json", env=subprocess_env(**{ENV_DATA_DIR: str(chosen)}))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["paths"]["database"] == str(chosen / DB_FILENAME)
    assert data["schema_version"] == LATEST_VERSION


def test_the_cli_does_not_import_qt(tmp_path):
    code = ("import sys; from kommandesk.cli import main; "
            f"rc = main(['--data-dir', {str(tmp_path / 'd')!r}, 'info']); "
            "qt = sorted(m for m in sys.modules if m.startswith('PySide6')); "
            "assert rc == 0, rc; assert not qt, qt")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env(),
                            cwd=REPO, timeout=60)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "d") in result.stdout


# --- language --------------------------------------------------------------------------------------------------

def test_help_is_german_with_lang_de(run):
    code_de, german, _ = run("--lang", "de", "--help", data=None)
    code_en, english, _ = run("--lang", "en", "--help", data=None)
    assert code_de == code_en == 0
    assert german != english
    assert "show this help message" in english
    for untranslated in ("show this help message", "usage:", "options:", "commands:", "show paths"):
        assert untranslated not in german


def test_usage_errors_are_german_with_lang_de(run):
    code, _out, err = run("--lang", "de", "no-such-command", data=None)
    assert code == 2
    code_en, _out, err_en = run("--lang", "en", "no-such-command", data=None)
    assert code_en == 2
    assert "invalid choice" in err_en and "invalid choice" not in err
    assert "usage:" not in err and "error:" not in err


def test_problem_messages_are_german_with_lang_de(run, data_dir):
    code, _out, err = run("--lang", "de", "organisation", "set", "--name", "KI Köln", "--postcode", "1234")
    code_en, _out, err_en = run("--lang", "en", "organisation", "set", "--name", "KI Köln", "--postcode", "1234")
    assert code == code_en == 1
    assert err != err_en
    assert "postcode has exactly five digits" in err_en and "five digits" not in err


# --- organisation ----------------------------------------------------------------------------------------------

def test_organisation_set_and_show(run, data_dir, tmp_path):
    logo = png_file(tmp_path / "logo.png")
    code, out, err = run("organisation", "set", "--name", "KI Düren", "--postcode", "52349", "--certificate-prefix",
                         "ki-dn", "--logo", str(logo))
    assert (code, err) == (0, "")
    assert "KI Düren" in out
    code, out, _err = run("organisation", "show", "--json")
    shown = json.loads(out)
    assert (shown["name"], shown["postcode"], shown["certificate_prefix"]) == ("KI Düren", "52349", "KI-DN")
    assert (shown["logo_type"], shown["logo_bytes"]) == ("png", logo.stat().st_size)
    # fields not given stay; --remove-logo removes the logo
    assert run("organisation", "set", "--town", "Düren", "--remove-logo")[0] == 0
    shown = json.loads(run("organisation", "show", "--json")[1])
    assert (shown["name"], shown["town"], shown["logo_bytes"], shown["logo_type"]) == ("KI Düren", "Düren", 0, None)


def test_bad_postcode_exits_1_with_one_clear_line_and_saves_nothing(run, data_dir):
    code, out, err = run("organisation", "set", "--name", "KI Köln", "--postcode", "1234")
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "--postcode" in lines[0] and "five digits" in lines[0]
    assert "Traceback" not in err
    assert org_in_db(data_dir) == []


def test_bad_postcode_keeps_the_saved_organisation(run, data_dir):
    assert run("organisation", "set", "--name", "KI Köln", "--postcode", "50667")[0] == 0
    assert run("organisation", "set", "--name", "Other", "--postcode", "abcde")[0] == 1
    assert org_in_db(data_dir) == [("KI Köln", "50667", None)]


@pytest.mark.parametrize("content", [b"just some text, not an image\n", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50],
                         ids=["text", "broken-png"])
def test_logo_that_is_not_an_image_exits_1(run, data_dir, tmp_path, content):
    fake = tmp_path / "logo.png"
    fake.write_bytes(content)
    code, out, err = run("organisation", "set", "--name", "KI Köln", "--logo", str(fake))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "--logo" in err
    assert org_in_db(data_dir) == []


def test_missing_logo_file_exits_1(run, data_dir, tmp_path):
    code, _out, err = run("organisation", "set", "--name", "KI Köln", "--logo", str(tmp_path / "gone.png"))
    assert code == 1
    assert "--logo" in err and "Traceback" not in err


# --- databases that are not ours -------------------------------------------------------------------------------

def test_a_non_sqlite_database_file_exits_1_and_is_unchanged(run, data_dir):
    data_dir.mkdir()
    db_file = data_dir / DB_FILENAME
    content = b"Vorname;Nachname\nAyse;Yilmaz\n" * 50
    db_file.write_bytes(content)
    code, out, err = run("info")
    assert code == 1
    assert out == ""
    assert str(db_file) in err and "Traceback" not in err
    assert db_file.read_bytes() == content
    assert not Path(f"{db_file}-wal").exists() and not Path(f"{db_file}-shm").exists()


def test_a_newer_database_exits_1_and_is_unchanged(run, data_dir):
    data_dir.mkdir()
    db_file = data_dir / DB_FILENAME
    conn = sqlite3.connect(str(db_file))
    conn.execute("CREATE TABLE organisation (id TEXT PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_file.read_bytes()
    code, _out, err = run("info", "--json")
    assert code == 1
    assert "newer version" in err
    assert db_file.read_bytes() == before


def test_a_data_folder_that_cannot_be_created_exits_1(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, out, err = run("info", data=blocker / "data")
    assert code == 1
    assert out == ""
    assert str(blocker / "data") in err and "Traceback" not in err


# --- usage -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [["no-such-command"], [], ["organisation"], ["demo", "--seed", "abc"],
                                  ["info", "--bogus"], ["--lang", "fr", "info"]])
def test_wrong_usage_exits_2(run, data_dir, argv):
    code, out, err = run(*argv)
    assert code == 2
    assert "usage:" in err and "kommandesk-cli" in err
    assert not (data_dir / DB_FILENAME).exists()  # nothing is created for a command that was not understood


def test_unknown_command_as_a_real_process_exits_2(tmp_path):
    result = run_process("--data-dir", str(tmp_path / "d"), "no-such-command")
    assert result.returncode == 2
    assert "no-such-command" in result.stderr
    assert result.stdout == ""


# --- demo ------------------------------------------------------------------------------------------------------

def test_demo_refuses_a_database_with_data_unless_forced(run):
    assert run("demo", "--seed", "3")[0] == 0
    code, out, err = run("demo", "--seed", "3")
    assert code == 1
    assert "--force" in err and out == ""
    code, out, _err = run("demo", "--seed", "3", "--force", "--json")
    assert code == 0
    assert json.loads(out) == {"seed": 3, "created": {"organisation": 1}}
    assert json.loads(run("info", "--json")[1])["counts"]["organisation"] == 1


def _demo_organisation(run, folder: Path, seed: str) -> dict:
    assert run("demo", "--seed", seed, data=folder)[0] == 0
    shown = json.loads(run("organisation", "show", "--json", data=folder)[1])
    for volatile in ("id", "created_at", "updated_at"):
        shown.pop(volatile)
    return shown


def test_demo_with_the_same_seed_gives_the_same_organisation(run, tmp_path):
    first = _demo_organisation(run, tmp_path / "one", "3")
    second = _demo_organisation(run, tmp_path / "two", "3")
    other = _demo_organisation(run, tmp_path / "three", "4")
    assert first == second
    assert first["name"] and first["postcode"]
    assert other != first


# --- unexpected errors -----------------------------------------------------------------------------------------

def test_unexpected_error_exits_70_and_logs_the_traceback(run, data_dir, monkeypatch):
    from kommandesk.services import info

    def broken(services):
        raise RuntimeError("simulated failure 4711")

    monkeypatch.setattr(info, "collect", broken)
    code, out, err = run("info")
    assert code == 70
    assert out == ""
    log_file = data_dir / "logs" / "kommandesk.log"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "RuntimeError" in lines[0] and str(log_file) in lines[0]
    assert "Traceback" not in err and "4711" not in err  # details go to the log, not the screen
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "RuntimeError: simulated failure 4711" in logged
    assert "broken" in logged
