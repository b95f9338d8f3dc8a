"""The public holidays of a region, language and year, kept in the store between runs.

Computing them means importing the `holidays` package, which costs more than the rest of
a cached `now`; so a table once computed is kept, keyed by region, language, year and the
installed `holidays` version (a newer release may know a new holiday). `cached` is what
the commands hand to Calendar; the engine itself never reads or writes a file.
"""

from __future__ import annotations

import marshal
import os
from datetime import date
from functools import cache

from erreichbar.cache import store
from erreichbar.calendar.civil import compute

SHELF = "holidays"
_SECTION = "days"


def cached(region: str, lang: str, year: int) -> dict[date, str]:
    """The table from the store when the same `holidays` version computed it before, else
    computed and kept (a Calendar's `tables`)."""
    identity = f"{region}\0{lang}\0{year}\0{holidays_version()}"
    entry = store.read(SHELF, identity)
    if entry is not None:
        with entry:
            try:
                # checked by the store; marshal runs nothing
                raw = marshal.loads(entry.get(_SECTION))  # noqa: S302
                return {date.fromordinal(d): str(n) for d, n in raw}
            except Exception:  # noqa: S110 - not whole: computed again below
                pass
    table = compute(region, lang, year)
    data = marshal.dumps(tuple((d.toordinal(), n) for d, n in sorted(table.items())))
    # one small entry per region, language, year and release: never pruned
    store.write(SHELF, identity, {_SECTION: [data]}, keep=None)
    return table


@cache
def holidays_version() -> str:
    """The installed `holidays` package's version, read from its file rather than by
    importing it (the import alone costs more than the rest of a cached `now`)."""
    import importlib.util  # start-up: only when a table is first kept

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "?"
    package = os.path.dirname(spec.origin)
    # where releases have kept it: version.py (0.5x-0.6x), __init__.py (older ones), or only
    # in their metadata (newer ones), whose dist-info folder beside the package is named
    # after it (read without regular expressions: compiling them is a tenth of this)
    for module in ("version.py", "__init__.py"):
        try:
            with open(os.path.join(package, module), encoding="utf-8") as fh:
                for line in fh:
                    name, equals, value = line.partition("=")
                    value = value.strip()
                    if name.rstrip() == "__version__" and equals and value[:1] in ("'", '"'):
                        end = value.find(value[0], 1)
                        if end > 1:
                            return value[1:end]
        except OSError:
            continue
    try:
        for name in os.listdir(os.path.dirname(package)):
            if name.startswith("holidays-") and name.endswith(".dist-info"):
                return name[len("holidays-"):-len(".dist-info")]
    except OSError:
        pass
    return "?"
