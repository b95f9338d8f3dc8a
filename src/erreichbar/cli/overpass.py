"""What `erreichbar import overpass` does: ask an Overpass API server for the offices in a
town (by its name) or a box, and import the reply as `import osm` imports a file.

Everything that can be refused is refused before the server is asked: the options, the
endpoint's address, an output file that exists. The server's reply is checked (an HTML
page, an error `remark`) before it is read; on any failure nothing is written.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import urllib.parse

from erreichbar.cli.context import options
from erreichbar.cli.importing import output_path, write_import
from erreichbar.errors import UsageError, escaped
from erreichbar.i18n import _

MAX_TIMEOUT = 3600  # seconds: the public server refuses longer queries on its own


def output_name(area: str | None) -> str:
    """The file an import of AREA goes to without -o: `Offenbach am Main` ->
    `offenbach-am-main.yaml`; a box: `overpass-offices.yaml`."""
    if not area:
        return "overpass-offices.yaml"
    plain = unicodedata.normalize("NFKD", area.replace("ß", "ss"))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode().lower())
    return (slug.strip("-") or "overpass-offices") + ".yaml"


def overpass(area: str | None, bbox: str | None, output: str | None, tags: list[str] | None,
             region: str | None, endpoint: str | None, timeout: int, force: bool,
             lang: str | None) -> None:
    options(lang)
    from erreichbar.importer import overpass as server  # start-up: import only
    from erreichbar.importer.selection import parse_bbox, parse_tags  # start-up

    if (area is None) == (bbox is None):
        raise UsageError(_("give the town with --area NAME or a box with --bbox S,W,N,E "
                           "(one of them)"))
    if area is not None and not area.strip():
        raise UsageError(_("--area: give the name of a town or district"))
    if not 1 <= timeout <= MAX_TIMEOUT:
        raise UsageError(_("--timeout {value}: give seconds from 1 to {most}", value=timeout,
                           most=MAX_TIMEOUT))
    selection, box = parse_tags(tags), parse_bbox(bbox)
    url = server.endpoint(endpoint)
    text = server.query(selection, area=area, bbox=box, timeout=timeout)
    target = output_path(output or output_name(area), "-", force)
    data = _fetch(text, url, timeout)
    areas = server.searched_areas(data)
    if area is not None and not areas:
        raise UsageError(_("no administrative boundary in OpenStreetMap is named {name} "
                           "(write the name as the map does, e.g. \"Offenbach am Main\"), "
                           "or give --bbox", name=repr(area)))
    told = server.regions_of_areas(areas)
    if region is None and len(told) == 1:
        region = told[0]  # the boundary searched says whose holidays apply
    host = urllib.parse.urlsplit(url).hostname or url
    what = f'"{area}"' if area is not None else f"bbox {bbox}"
    write_import(data, f"Overpass API ({host}), {what}", target, selection, region)


def _fetch(text: str, url: str, timeout: int) -> bytes:
    """The reply, with a status line on a terminal saying how much has come."""
    from erreichbar.data.progress import Progress  # start-up: only an import shows it
    from erreichbar.importer import overpass as over  # start-up

    host = escaped(urllib.parse.urlsplit(url).hostname or url)
    with Progress(sys.stderr) as progress:
        progress.step(_("asking {host}", host=host))

        def received(count: int) -> None:
            progress.step(_("asking {host}: {kb} kB received", host=host,
                            kb=f"{count / 1000:,.0f}"))

        return over.fetch(text, url, timeout, received)
