"""KommanDesk: volunteer coordination for municipal integration centres (KOMM-AN NRW)."""

APP_NAME = "KommanDesk"
# The one place the version is written; pyproject.toml reads it from here. Kept literal because
# importlib.metadata costs about 20 ms of every start.
__version__ = "0.1.0"
