"""SVG icons shipped in kommandesk/assets/icons (read through importlib.resources, works frozen too)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from PySide6.QtGui import QIcon


@cache
def icon(name: str) -> QIcon:
    resource = resources.files("kommandesk").joinpath("assets", "icons", f"{name}.svg")
    if not resource.is_file():
        return QIcon()
    with resources.as_file(resource) as path:
        return QIcon(str(path))
