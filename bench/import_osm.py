"""`erreichbar import osm` on an extract the size of a German state, beside osmium-tool's
`osmium tags-filter` selecting the same tags from the same file, for bench/run.py.

Time: the import in at most 1.5× the time of the filter, the two interleaved round by
round and the medians compared. Memory: the import's peak at two sizes of extract with
the same offices (bench/osm_extract.py keeps them the same), whose ratio says whether it
grows with the objects that are not offices; at most 1.2×.

The extracts are written once into the bench's cache folder
($XDG_CACHE_HOME/erreichbar-bench, else ~/.cache/erreichbar-bench), never into the
repository: a state's takes a minute or two to write and a few dozen MB.
"""

from __future__ import annotations

import os
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

from osm_extract import cached

OFFICES = 400  # a Land's town halls, offices and courts among millions of objects
FULL = (2_000_000, 8_000_000)  # nodes: the memory's two sizes; the larger is timed
QUICK = (100_000, 400_000)
FILTERS = ["nwr/amenity=townhall", "nwr/office=government", "nwr/government",
           "nwr/amenity=courthouse"]  # the importer's default selection


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "erreichbar-bench"


def osmium_tool() -> str:
    """The `osmium` command; the bench fails, never skips, without it: the import's target
    is a ratio to it."""
    found = shutil.which("osmium")
    if not found:
        raise SystemExit("bench: osmium-tool is not installed (the import is measured "
                         "beside `osmium tags-filter`): apt-get install osmium-tool")
    return found


def rows(quick: bool, workdir: Path, rounds: int, run: Callable[..., tuple[float, int]],
         tool: Callable[..., list[str]], row: Callable[..., object]) -> list[object]:
    """The rows of the import's figures; RUN, TOOL and ROW are bench/run.py's."""
    osmium = osmium_tool()
    small_nodes, big_nodes = QUICK if quick else FULL
    small = cached(cache_folder(), small_nodes, OFFICES)
    big = cached(cache_folder(), big_nodes, OFFICES)
    out = workdir / "imported.yaml"
    filtered = workdir / "filtered.osm.pbf"
    ours_cmd = tool("import", "osm", str(big), "-o", str(out), "--force")
    theirs_cmd = [osmium, "tags-filter", str(big), *FILTERS, "-o", str(filtered),
                  "--overwrite"]
    run(ours_cmd, codes=(0,))  # a first run of each: the file in the page cache for both
    run(theirs_cmd, codes=(0,))
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(run(ours_cmd, codes=(0,))[0])
        theirs.append(run(theirs_cmd, codes=(0,))[0])
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
    size = f"{big_nodes:,} nodes, {OFFICES} offices, {big.stat().st_size / 2**20:.0f} MiB"
    found = _offices_in(out)
    rss = {}
    for nodes, path in ((small_nodes, small), (big_nodes, big)):
        rss[nodes] = statistics.median(
            run(tool("import", "osm", str(path), "-o", str(out), "--force"), codes=(0,))[1]
            for _ in range(max(1, rounds // 2)))
    growth = rss[big_nodes] / rss[small_nodes]
    return [
        # judged on the state-sized file: on the quick one, starting Python outweighs
        # reading a 3 MiB file, so the ratio is shown only
        row(f"import osm, {size}: time", "≤ 1.5× osmium tags-filter", f"{t_ours:.2f} s",
            f"osmium tags-filter {t_theirs:.2f} s", t_ours / t_theirs,
            None if quick else t_ours / t_theirs <= 1.5),
        row(f"import osm, {size}: offices imported", f"= {OFFICES}", str(found), "", None,
            found == OFFICES),
        row(f"import osm, peak memory {small_nodes:,} → {big_nodes:,} nodes, same offices",
            "≤ 1.2× (no growth with the rest)",
            f"{rss[small_nodes] / 1024:.0f} → {rss[big_nodes] / 1024:.0f} MB", "", growth,
            growth <= 1.2),
    ]


def _offices_in(path: Path) -> int:
    """How many offices the imported file holds: each names its OSM object's link once."""
    text = path.read_text("utf-8")
    return sum(text.count(f"openstreetmap.org/{kind}/") for kind in ("node", "way", "relation"))
