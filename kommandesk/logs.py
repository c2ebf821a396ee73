"""A size-capped log file in the data folder; details of unexpected errors go here, never on screen.

The file rotates like logging.handlers.RotatingFileHandler (kommandesk.log, .1 ... .5, 1 MB each);
that module is not used because it pulls in socket and pickle, about 6 ms of every start.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

LOGGER_NAME = "kommandesk"
MAX_BYTES = 1_000_000
BACKUPS = 5


class RotatingLog(logging.FileHandler):
    def __init__(self, file: Path, max_bytes: int = MAX_BYTES, backups: int = BACKUPS):
        self.max_bytes, self.backups = max_bytes, backups
        super().__init__(file, encoding="utf-8")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream and self.stream.tell() >= self.max_bytes:
                self.rotate()
        except OSError:
            pass  # a log that cannot rotate still takes the record
        super().emit(record)

    def rotate(self) -> None:
        self.close()
        base = self.baseFilename
        for number in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        if os.path.exists(base):
            os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup(log_file: Path, level: int = logging.INFO) -> logging.Logger:
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingLog):
            logger.removeHandler(handler)
            handler.close()
    handler = RotatingLog(log_file)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return logger


def get(name: str | None = None) -> logging.Logger:
    return logging.getLogger(f"{LOGGER_NAME}.{name}" if name else LOGGER_NAME)
