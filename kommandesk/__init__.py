"""KommanDesk: volunteer coordination for municipal integration centres (KOMM-AN NRW)."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "KommanDesk"

try:
    __version__ = version("kommandesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
