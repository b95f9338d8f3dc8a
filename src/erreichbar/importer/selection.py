"""Which objects an import takes (`--tag KEY=VALUE`, `KEY=*`) and where (`--bbox S,W,N,E`).

>>> parse_tags(["amenity=townhall", "government=*"])
(('amenity', 'townhall'), ('government', None))
>>> parse_bbox("50.08,8.73,50.12,8.80")
BBox(south=50.08, west=8.73, north=50.12, east=8.8)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from erreichbar.errors import UsageError
from erreichbar.i18n import _

# A tag and the value it must have; None: any value (`KEY=*`).
Selector = tuple[str, str | None]

# The offices of the issue: town halls, government offices of every kind, courts.
DEFAULT_TAGS: tuple[Selector, ...] = (
    ("amenity", "townhall"),
    ("office", "government"),
    ("government", None),
    ("amenity", "courthouse"),
)


def parse_tags(given: Iterable[str] | None) -> tuple[Selector, ...]:
    """`--tag` values as selectors; none given: DEFAULT_TAGS."""
    out: list[Selector] = []
    for text in given or ():
        key, eq, value = text.partition("=")
        key, value = key.strip(), value.strip()
        if not eq or not key or not value:
            raise UsageError(_("--tag {value}: write KEY=VALUE, or KEY=* for any value",
                               value=repr(text)))
        out.append((key, None if value == "*" else value))
    return tuple(dict.fromkeys(out)) or DEFAULT_TAGS


def matches(tags: Mapping[str, str], selection: Iterable[Selector]) -> bool:
    """Whether TAGS have one of the selected tags (with its value, where one is given)."""
    return any(key in tags and (value is None or tags[key] == value)
               for key, value in selection)


@dataclass(frozen=True, slots=True)
class BBox:
    """A box in degrees (WGS 84), in the order Overpass writes it: south, west, north, east."""

    south: float
    west: float
    north: float
    east: float

    def holds(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def parse_bbox(text: str | None) -> BBox | None:
    """`S,W,N,E` in degrees; a box that cannot be one is a usage error naming why."""
    if text is None:
        return None
    parts = [p.strip() for p in text.split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        raise UsageError(_("--bbox {value}: write four numbers S,W,N,E in degrees, e.g. "
                           "50.08,8.73,50.12,8.80", value=repr(text)))
    south, west, north, east = numbers
    if not (-90 <= south < north <= 90):
        raise UsageError(_("--bbox {value}: south and north must lie between -90 and 90, "
                           "south below north", value=repr(text)))
    if not (-180 <= west < east <= 180):
        raise UsageError(_("--bbox {value}: west and east must lie between -180 and 180, "
                           "west left of east", value=repr(text)))
    return BBox(south, west, north, east)
