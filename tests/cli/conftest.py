"""CLI fixtures: a data folder per test, and no log file left open between tests."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kommandesk import logs


@pytest.fixture(autouse=True)
def _close_log_files():
    """main() attaches a log file to the 'kommandesk' logger; do not carry it (and its open file) into other tests."""
    yield
    logger = logging.getLogger(logs.LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, logs.RotatingLog):
            logger.removeHandler(handler)
            handler.close()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def run(capsys, data_dir, new_database):
    """Run the CLI in-process on ``data_dir`` (or ``folder``); returns (exit code, stdout, stderr). ``data_dir``
    starts with a new database in it."""
    from kommandesk import cli

    new_database(data_dir)

    def runner(*args: str, folder: Path | None = None) -> tuple[int, str, str]:
        try:
            code = cli.main(["--data-dir", str(folder or data_dir), *args])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return runner
