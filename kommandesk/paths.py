"""Where KommanDesk keeps its files.

Resolution order for the data directory: an explicit ``--data-dir``, then the
``KOMMANDESK_DATA_DIR`` environment variable, then portable mode (a file ``portable.txt`` beside the program of an
installed bundle: the data lives in ``KommanDesk-data`` beside it, e.g. on a USB stick), then the per-user data
directory of the platform. A bundle in a read-only folder without the marker uses the per-user folder like any
other. Nothing here touches the disk until :meth:`Paths.ensure` is called.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ENV_DATA_DIR = "KOMMANDESK_DATA_DIR"
DB_FILENAME = "kommandesk.sqlite3"
SETTINGS_FILENAME = "settings.ini"
LOG_FILENAME = "kommandesk.log"
PORTABLE_MARKER = "portable.txt"  # beside the program: keep the data beside it
PORTABLE_FOLDER = "KommanDesk-data"


class Paths:
    """The folders of one installation (a plain class: a dataclass costs about 1 ms of every start)."""

    __slots__ = ("data_dir", "config_dir", "portable")

    def __init__(self, data_dir: Path, config_dir: Path, portable: bool = False):
        self.data_dir = data_dir
        self.config_dir = config_dir
        self.portable = portable  # the data beside the program (portable.txt)

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

    def prepare(self) -> str | None:
        """Create the folders and make sure the data folder can be written: None, or what to tell the user."""
        from kommandesk.i18n import _

        try:
            self.ensure()
            with tempfile.TemporaryFile(dir=self.data_dir):
                pass
        except OSError as exc:
            reason = exc.strerror or str(exc)
            if self.portable:
                return _("KommanDesk is set up to keep its data beside the program (the file {marker}), in "
                         "{folder}, but it cannot write there: {reason}. Copy KommanDesk to a USB stick or folder "
                         "you can write to, or remove {marker} to keep the data in your user folder.").format(
                    marker=PORTABLE_MARKER, folder=self.data_dir, reason=reason)
            return _("The data folder {folder} cannot be created: {reason}").format(folder=self.data_dir,
                                                                                    reason=reason)
        return None

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "data_dir": str(self.data_dir),
            "database": str(self.db_file),
            "settings": str(self.settings_file),
            "log": str(self.log_file),
            "backups": str(self.backup_dir),
            "portable": self.portable,
        }


def program_folder() -> Path | None:
    """The folder of the installed program (a bundle: beside its executable); None when run from the sources."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def resolve(data_dir: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None,
            program: Path | None = None) -> Paths:
    """Work out the paths; an explicitly chosen data dir (and the portable one) also holds the settings file.
    ``program``: the program's folder (default :func:`program_folder`)."""
    env = os.environ if environ is None else environ
    chosen = data_dir or env.get(ENV_DATA_DIR) or None
    if chosen:
        folder = Path(chosen).expanduser().absolute()
        return Paths(data_dir=folder, config_dir=folder)
    program = program if program is not None else program_folder()
    if program is not None and (program / PORTABLE_MARKER).is_file():
        folder = program / PORTABLE_FOLDER
        return Paths(data_dir=folder, config_dir=folder, portable=True)
    import platformdirs  # only here: an explicit folder does not need it

    return Paths(
        data_dir=Path(platformdirs.user_data_dir("KommanDesk", appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir("KommanDesk", appauthor=False)),
    )
