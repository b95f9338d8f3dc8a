"""An Overpass API reply in JSON (`[out:json]`), read without pyosmium: the objects that
carry a selected tag, with the location the reply gives (`out center`, `out bb`, `out geom`,
or the nodes of a way that the reply also holds).

>>> reply = b'{"elements": [{"type": "node", "id": 1, "lat": 50.1, "lon": 8.7,'
>>> reply += b' "tags": {"amenity": "townhall"}}]}'
>>> [o.ref for o in objects(reply, [("amenity", "townhall")], "-")]
['n1']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from erreichbar.errors import InputError
from erreichbar.i18n import _
from erreichbar.importer.objects import OsmObject, centre
from erreichbar.importer.selection import Selector, matches


def objects(data: bytes, selection: Sequence[Selector], name: str) -> list[OsmObject]:
    """The selected objects of the reply DATA; InputError for a reply that is not one, or
    that reports an error (a `remark`: the elements before it are incomplete)."""
    reply = _reply(data, name)
    remark = reply.get("remark")
    if isinstance(remark, str) and remark.strip():
        raise InputError(_("{name}: the Overpass server reported an error: {remark}",
                           name=repr(name), remark=remark.strip()[:300]))
    elements = reply.get("elements")
    if not isinstance(elements, list):
        raise InputError(_("{name} is JSON but no Overpass reply: it has no list of "
                           "'elements'", name=repr(name)))
    items = [e for e in elements if isinstance(e, dict) and e.get("type") in ("node", "way",
                                                                             "relation")]
    for e in items:
        if not _whole(e.get("id")):
            raise InputError(_("{name} is no Overpass reply: a {kind} has no numeric id",
                               name=repr(name), kind=e["type"]))
    nodes = {e["id"]: (e["lat"], e["lon"]) for e in items
             if e["type"] == "node" and _number(e.get("lat")) and _number(e.get("lon"))}
    # an object the reply holds twice (a union of two queries) is imported once, in its
    # newest version
    chosen: dict[tuple[str, int], Mapping[str, Any]] = {}
    for e in items:
        if isinstance(e.get("tags"), dict) and matches(e["tags"], selection):
            key = (e["type"], e["id"])
            if key not in chosen or _version(e) > _version(chosen[key]):
                chosen[key] = e
    return [_object(e, nodes) for e in chosen.values()]


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _version(e: Mapping[str, Any]) -> int:
    version = e.get("version")
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def _reply(data: bytes, name: str) -> dict[str, Any]:
    try:
        reply = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = str(exc) if not isinstance(exc, RecursionError) else _("nested too deeply")
        raise InputError(_("{name} is not valid JSON: {reason}", name=repr(name),
                           reason=reason)) from None
    if not isinstance(reply, dict):
        raise InputError(_("{name} is JSON but no Overpass reply: it has no list of "
                           "'elements'", name=repr(name)))
    return reply


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _object(e: Mapping[str, Any], nodes: Mapping[int, tuple[float, float]]) -> OsmObject:
    kind = e["type"]
    location = _location(e, nodes)
    lat, lon = location if location is not None else (None, None)
    version = e.get("version") if _whole(e.get("version")) else None
    return OsmObject(kind, e["id"], {str(k): str(v) for k, v in e["tags"].items()},
                     version, _timestamp(e.get("timestamp")), lat, lon)


def _location(e: Mapping[str, Any], nodes: Mapping[int, tuple[float, float]]
              ) -> tuple[float, float] | None:
    if _number(e.get("lat")) and _number(e.get("lon")):
        return (float(e["lat"]), float(e["lon"]))
    c = e.get("center")
    if isinstance(c, dict) and _number(c.get("lat")) and _number(c.get("lon")):
        return (float(c["lat"]), float(c["lon"]))
    b = e.get("bounds")
    if isinstance(b, dict) and all(_number(b.get(k)) for k in ("minlat", "minlon", "maxlat",
                                                                "maxlon")):
        return centre([(b["minlat"], b["minlon"]), (b["maxlat"], b["maxlon"])])
    geometry = e.get("geometry")
    points: Iterable[tuple[float, float]] = [
        (p["lat"], p["lon"]) for p in (geometry if isinstance(geometry, list) else ())
        if isinstance(p, dict) and _number(p.get("lat")) and _number(p.get("lon"))]
    if not points and isinstance(e.get("nodes"), list):
        points = [nodes[n] for n in e["nodes"] if _whole(n) and n in nodes]
    return centre(points)


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None

