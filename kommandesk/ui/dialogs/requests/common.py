"""What the parts of the request form share: the context they are built with. The sections follow the volunteer
form's Section (load / apply / targets / parse_errors / focus_order) and use its layout helpers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class RequestContext:
    service: object  # RequestService
    volunteers: object  # VolunteerService (the areas of help)
    today: Callable[[], dt.date]
    language: str
