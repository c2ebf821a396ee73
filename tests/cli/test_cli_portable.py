"""The CLI of a bundle with the portable marker beside it: the data on the stick, and a read-only stick said
clearly with exit 1."""

from __future__ import annotations

import json

from kommandesk import paths as paths_mod
from tests.unit.test_paths import program, read_only  # noqa: F401,F811 - the fixture


def test_the_cli_on_a_portable_stick(program, capsys):
    from kommandesk import cli

    (program / paths_mod.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert cli.main(["info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paths"]["data_dir"] == str(program / "KommanDesk-data") and data["paths"]["portable"] is True
    assert cli.main(["info"]) == 0
    assert "Portable: the data is kept beside the program (portable.txt)." in capsys.readouterr().out


def test_the_cli_on_a_read_only_portable_stick_exits_1(program, monkeypatch, capsys):
    from kommandesk import cli

    (program / paths_mod.PORTABLE_MARKER).write_text("", encoding="utf-8")
    read_only(monkeypatch)
    assert cli.main(["info"]) == 1
    assert "cannot write there: Read-only file system" in capsys.readouterr().err
