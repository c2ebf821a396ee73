"""The log file: records land in it, and it rotates instead of growing without end."""

from __future__ import annotations

import logging

from kommandesk import logs


def test_records_reach_the_log_file(tmp_path):
    file = tmp_path / "kommandesk.log"
    logger = logs.setup(file)
    try:
        logs.get("test").error("the database was locked")
        for handler in logger.handlers:
            handler.flush()
        assert "ERROR kommandesk.test: the database was locked" in file.read_text(encoding="utf-8")
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()


def test_the_log_rotates_and_keeps_five_old_files(tmp_path):
    file = tmp_path / "kommandesk.log"
    handler = logs.RotatingLog(file, max_bytes=2_000, backups=5)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("kommandesk-rotation-test")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(400):
            logger.warning("entry %04d %s", number, "x" * 80)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["kommandesk.log"] + [f"kommandesk.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size < 2_000 + 200 for p in tmp_path.iterdir())
    assert "entry 0399" in file.read_text(encoding="utf-8")  # the newest is in the current file
    assert "entry 0399" not in (tmp_path / "kommandesk.log.1").read_text(encoding="utf-8")
