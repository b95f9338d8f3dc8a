"""An OpenStreetMap object as the importer needs it, however it was read.

>>> OsmObject("relation", 4211905, {}).link
'https://www.openstreetmap.org/relation/4211905'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

TYPES = {"n": "node", "w": "way", "r": "relation"}
CREDIT = "© OpenStreetMap contributors, ODbL 1.0"


@dataclass(frozen=True, slots=True)
class OsmObject:
    """One object as the importer needs it: what it is, its tags, where it is."""

    kind: str  # node | way | relation
    id: int
    tags: dict[str, str]
    version: int | None = None
    timestamp: datetime | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def ref(self) -> str:
        """`r4211905`: its type's letter and its id, stable across edits and imports."""
        return f"{self.kind[0]}{self.id}"

    @property
    def link(self) -> str:
        return f"https://www.openstreetmap.org/{self.kind}/{self.id}"


def centre(points: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The centre of the box around POINTS (None without any): inside a convex building,
    and for any shape a point near it that needs no geometry library.

    >>> centre([(52.0, 13.0), (52.2, 13.4)])
    (52.1, 13.2)
    """
    pts = list(points)
    if not pts:
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return (round((min(lats) + max(lats)) / 2, 7), round((min(lons) + max(lons)) / 2, 7))
