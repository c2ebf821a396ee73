"""The sidebar's pages, in order, with their titles. Known without building a page, so that the window can
list them all and build each page the first time it is opened."""

from __future__ import annotations

from collections.abc import Callable

from kommandesk.i18n import _

PAGES: tuple[tuple[str, Callable[[], str]], ...] = (
    ("overview", lambda: _("Overview")),
    ("volunteers", lambda: _("Volunteers")),
    ("requests", lambda: _("Requests")),
    ("matching", lambda: _("Matching")),
    ("trainings", lambda: _("Trainings")),
    ("certificates", lambda: _("Certificates")),
    ("reports", lambda: _("Reports")),
    ("settings", lambda: _("Settings")),
)
KEYS = tuple(key for key, _title in PAGES)


def title_of(key: str) -> str:
    return dict(PAGES)[key]()
