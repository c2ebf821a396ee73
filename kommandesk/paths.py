"""Where KommanDesk keeps its files.

Resolution order for the data directory: an explicit ``--data-dir``, then the
``KOMMANDESK_DATA_DIR`` environment variable, then the per-user data directory
of the platform. Nothing here touches the disk until :meth:`Paths.ensure` is called.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "KOMMANDESK_DATA_DIR"
DB_FILENAME = "kommandesk.sqlite3"
SETTINGS_FILENAME = "settings.ini"
LOG_FILENAME = "kommandesk.log"


class Paths:
    """The folders of one installation (a plain class: a dataclass costs about 1 ms of every start)."""

    __slots__ = ("data_dir", "config_dir")

    def __init__(self, data_dir: Path, config_dir: Path):
        self.data_dir = data_dir
        self.config_dir = config_dir

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Paths) and (self.data_dir, self.config_dir) == (other.data_dir, other.config_dir)

    def __hash__(self) -> int:
        return hash((self.data_dir, self.config_dir))

    def __repr__(self) -> str:
        return f"Paths(data_dir={self.data_dir!r}, config_dir={self.config_dir!r})"

    @property
    def db_file(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / LOG_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILENAME

    def ensure(self) -> None:
        """Create the directories (raises OSError when that is not possible)."""
        for folder in (self.data_dir, self.log_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def as_dict(self) -> dict[str, str]:
        return {
            "data_dir": str(self.data_dir),
            "database": str(self.db_file),
            "settings": str(self.settings_file),
            "log": str(self.log_file),
            "backups": str(self.backup_dir),
        }


def resolve(data_dir: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None) -> Paths:
    """Work out the paths; an explicitly chosen data dir also holds the settings file."""
    env = os.environ if environ is None else environ
    chosen = data_dir or env.get(ENV_DATA_DIR) or None
    if chosen:
        folder = Path(chosen).expanduser().absolute()
        return Paths(data_dir=folder, config_dir=folder)
    import platformdirs  # only here: an explicit folder does not need it

    return Paths(
        data_dir=Path(platformdirs.user_data_dir("KommanDesk", appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir("KommanDesk", appauthor=False)),
    )
