"""What `erreichbar import ...` does: read the foreign data, make a dataset of it and write
it, atomically, never over an existing file unless `--force` says so.

`import osm SOURCE`: SOURCE is an OpenStreetMap file, an Overpass reply, or `-` for
standard input. `write_import()` is the part every importer shares: from what was read to
the file written.

The importer and pyosmium are imported inside the functions, marked `# start-up`: no other
command pays for them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from erreichbar.cli.context import options
from erreichbar.errors import UsageError, escaped
from erreichbar.i18n import _

if TYPE_CHECKING:  # (the importer itself is imported only by a run of `import`)
    from erreichbar.importer.selection import BBox, Selector

# What an import writes to without -o: SOURCE's name without these endings, plus .yaml
_ENDINGS = (".gz", ".bz2", ".pbf", ".osm", ".json", ".xml")
STDIN_OUTPUT = "imported-offices.yaml"


def default_output(source: str) -> str:
    """`berlin.osm.pbf` -> `berlin.yaml`, in the current folder; `-` -> STDIN_OUTPUT."""
    if source == "-":
        return STDIN_OUTPUT
    base = os.path.basename(source)
    while base.lower().endswith(_ENDINGS) and "." in base[1:]:
        base = base[: base.rindex(".")]
    return (base or "imported-offices") + ".yaml"


def osm(source: str, output: str | None, tags: list[str] | None, region: str | None,
        bbox: str | None, force: bool, lang: str | None) -> None:
    options(lang)
    from erreichbar.importer.selection import parse_bbox, parse_tags  # start-up: import only

    selection, box = parse_tags(tags), parse_bbox(bbox)
    target = output_path(output, source, force)
    data: str | bytes = sys.stdin.buffer.read() if source == "-" else source
    write_import(data, "-" if source == "-" else source, target, selection, region, box)


def output_path(output: str | None, source: str, force: bool) -> str:
    """Where the dataset goes (`-`: stdout), checked before anything is read: an existing
    file only with --force, never the SOURCE itself."""
    target = output or default_output(source)
    if target == "-":
        return target
    if source != "-" and os.path.exists(source) and os.path.exists(target) \
            and os.path.samefile(source, target):
        raise UsageError(_("-o {path} is the file being imported", path=repr(target)))
    if os.path.lexists(target) and not force:
        raise UsageError(_("{path} exists; give --force to replace it, or another -o",
                           path=repr(target)))
    return target


def write_import(data: str | bytes, name: str, target: str, selection: Iterable[Selector],
                 region: str | None, box: BBox | None = None) -> None:
    """Read DATA (a path, or bytes named NAME in messages), make the dataset and write it
    to TARGET (`-`: stdout); each value that could not be read is a warning on stderr."""
    from erreichbar.importer.dataset import build, nothing_found  # start-up: import only
    from erreichbar.importer.osm import boundary_regions, read_objects  # start-up
    from erreichbar.importer.region import region_of  # start-up

    objects = read_objects(data, tags=tuple(selection), bbox=box, name=name)
    if not objects:
        raise nothing_found(name)
    chosen = region_of(region, [o.tags for o in objects], _lazy(lambda: boundary_regions(data)))
    text = build(objects, region=chosen, source_name=os.path.basename(name), warn=_warning)
    if target == "-":
        sys.stdout.write(text)
        return
    from erreichbar.cli.atomic import write_text  # start-up: only a run that writes a file

    write_text(target, text, (name,) if name != "-" else ())


def _lazy(make: Callable[[], Iterable[str]]) -> Iterator[str]:
    """The values MAKE gives, asked for only when the first is wanted (a pass over the file
    that only a dataset without a region needs)."""
    yield from make()


def _warning(message: str) -> None:
    print(escaped(_("warning: {message}", message=message)), file=sys.stderr)
