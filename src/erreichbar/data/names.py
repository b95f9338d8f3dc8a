"""The name index of a dataset: every name an office or a unit can be called by (ids,
names, aliases, services, search terms), folded and sorted, with the trigrams of the same
names (name_grams.py). The loader builds it beside the model and the cache keeps it, so
that `office NAME` on a country-sized dataset reads only the page its NAME falls on.
Which target a NAME means is answers/lookup.py's.
"""

from __future__ import annotations

import bisect
import marshal
from collections.abc import Callable, Iterator

from erreichbar.data.model import Dataset
from erreichbar.data.name_grams import Grams, build, fold

# One page of the name index: columns of its rows, sorted by the folded key.
Page = tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...], tuple[str, ...],
             tuple[str | None, ...]]  # folded, as written, rank, office id, unit id
PAGE_ROWS = 1024


class NameIndex:
    """Every name a target can be called by, folded and sorted, so that the names equal to
    or starting with what was typed are one contiguous run found by bisection.

    It is cut into pages of PAGE_ROWS rows, with the first key of each page at hand. The
    cache stores each page on its own: `office NAME` on a country-sized dataset reads the
    page or two its NAME falls on, then decodes only the office it names.
    """

    __slots__ = ("_grams", "_make_grams", "_pages", "_read", "firsts")

    def __init__(self, firsts: tuple[str, ...], pages: list[Page | None],
                 read: Callable[[int], Page], grams: Callable[[], Grams]) -> None:
        self.firsts = firsts
        self._pages = pages
        self._read = read
        self._make_grams = grams
        self._grams: Grams | None = None

    def grams(self) -> Grams:
        """The trigram index of the same names (name_grams), made or read when first asked."""
        if self._grams is None:
            self._grams = self._make_grams()
        return self._grams

    def page(self, n: int) -> Page:
        found = self._pages[n]
        if found is None:
            found = self._pages[n] = self._read(n)
        return found

    def matching(self, wanted: str, prefix: bool) -> list[tuple[str, str | None, str]]:
        """(office id, unit id, key as written) of every key equal to (or starting with)
        `wanted`, in data order."""

        def matches(key: str) -> bool:
            return key.startswith(wanted) if prefix else key == wanted

        # the run may begin at the end of the last page that starts before `wanted`
        first = max(bisect.bisect_left(self.firsts, wanted) - 1, 0)
        found = []
        for n in range(first, len(self.firsts)):
            if n > first and not matches(self.firsts[n]):
                break
            folded, written, rank, office, unit = self.page(n)
            for i in range(bisect.bisect_left(folded, wanted), len(folded)):
                if not matches(folded[i]):
                    break
                found.append((rank[i], office[i], unit[i], written[i]))
        found.sort()
        return [(office_id, unit_id, as_written) for _, office_id, unit_id, as_written in found]


# An office that the data does not hold (model.Elsewhere) is a target whose office id is
# its name behind a NUL (no id has one) and whose unit is the office it points to.
ELSEWHERE = "\0"


def names_of(dataset: Dataset) -> list[tuple[str, str, str, str | None]]:
    """(key as written, office id, unit id) of every name, in data order."""
    rows: list[tuple[str, str, str | None]] = []
    for office in dataset.offices:
        for key in (office.id, office.name, *office.aliases, *office.services,
                    *(term for _lang, term in office.terms)):
            rows.append((key, office.id, None))
        for unit in office.units:
            for key in (f"{office.id}/{unit.id}", unit.id, unit.name):
                rows.append((key, office.id, unit.id))
    for item in dataset.elsewhere:
        for key in (item.name, *(term for _lang, term in item.terms)):
            rows.append((key, ELSEWHERE + item.name, item.see))
    return [(fold(key), key, office, unit) for key, office, unit in rows]


def name_index(dataset: Dataset) -> NameIndex:
    names = names_of(dataset)
    rows = [(folded, key, rank, office, unit)
            for rank, (folded, key, office, unit) in enumerate(names)]
    rows.sort(key=lambda r: r[0])  # stable: data order among equal keys
    pages: list[Page] = []
    for start in range(0, len(rows), PAGE_ROWS):
        part = rows[start:start + PAGE_ROWS]
        pages.append((tuple(r[0] for r in part), tuple(r[1] for r in part),
                      tuple(r[2] for r in part), tuple(r[3] for r in part),
                      tuple(r[4] for r in part)))  # the columns of the page's rows
    return NameIndex(tuple(page[0][0] for page in pages), list(pages), pages.__getitem__,
                     lambda: Grams(build(names).__getitem__))


# The store's sections of a name index, with the version of their layout (see dataset.py)
INDEX = "names 2"  # 2: search terms, and the offices that are elsewhere
GRAMS = "name grams 1"


def encode_index(index: NameIndex) -> list[bytes]:
    """The index as parts for the store: the first key of every page, then each page."""
    pages = (index.page(n) for n in range(len(index.firsts)))
    return [marshal.dumps(index.firsts), *map(marshal.dumps, pages)]


def encode_grams(dataset: Dataset) -> Iterator[bytes]:
    """The trigram index as parts for the store (see name_grams), each encoded as the
    store asks for it."""
    return (marshal.dumps(part) for part in build(names_of(dataset)))


def stored_index(read: Callable[[int], bytes], read_grams: Callable[[int], bytes]
                 ) -> NameIndex:
    """The index from the parts encode_index() made (`read(n)` gives part n), each page
    read when first looked at; its trigrams from encode_grams()' parts, the same way."""
    # the parts come from the store, which checked them; marshal runs nothing
    firsts = marshal.loads(read(0))  # noqa: S302
    return NameIndex(firsts, [None] * len(firsts),
                     lambda n: marshal.loads(read(n + 1)),  # noqa: S302
                     lambda: Grams.stored(read_grams))
