"""NAME -> an office or a unit: ids, names, aliases, services and search terms, folded, a
unique prefix too; else the names holding its words in any order (see name_grams).

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

import bisect
import marshal
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .errors import UsageError
from .i18n import _
from .model import Dataset, Office
from .name_grams import Grams, build, fold, loose


@dataclass(frozen=True, slots=True)
class Target:
    office: Office
    unit: str | None = None

    @property
    def id(self) -> str:
        return f"{self.office.id}/{self.unit}" if self.unit else self.office.id

    @property
    def name(self) -> str:
        if self.unit:
            unit = self.office.unit(self.unit)
            return f"{self.office.name} – {unit.name if unit else self.unit}"
        return self.office.name


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


def _names(dataset: Dataset) -> list[tuple[str, str, str, str | None]]:
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
    names = _names(dataset)
    rows = [(folded, key, rank, office, unit)
            for rank, (folded, key, office, unit) in enumerate(names)]
    rows.sort(key=lambda r: r[0])  # stable: data order among equal keys
    pages: list[Page] = []
    for start in range(0, len(rows), PAGE_ROWS):
        part = rows[start:start + PAGE_ROWS]
        pages.append(tuple(tuple(r[i] for r in part) for i in range(5)))  # type: ignore[arg-type]
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
    return (marshal.dumps(part) for part in build(_names(dataset)))


def stored_index(read: Callable[[int], bytes], read_grams: Callable[[int], bytes]
                 ) -> NameIndex:
    """The index from the parts encode_index() made (`read(n)` gives part n), each page
    read when first looked at; its trigrams from encode_grams()' parts, the same way."""
    # the parts come from the store, which checked them; marshal runs nothing
    firsts = marshal.loads(read(0))  # noqa: S302
    return NameIndex(firsts, [None] * len(firsts),
                     lambda n: marshal.loads(read(n + 1)),  # noqa: S302
                     lambda: Grams.stored(read_grams))


def find(dataset: Dataset, name: str, index: NameIndex | None = None) -> Target:
    """The one target NAME means; UsageError (exit 2) if none or several."""
    office_id, unit_id = resolve(index or name_index(dataset), name)
    # the index was made from this dataset (or the whole of which it is a part)
    return Target(next(o for o in dataset.offices if o.id == office_id), unit_id)


def resolve(index: NameIndex, name: str) -> tuple[str, str | None]:
    """(office id, unit id) of the one target NAME means; UsageError (exit 2) if none or
    several. An exact name wins over a prefix, a prefix over the names that hold NAME's
    words (as one word, at the start, anywhere: see name_grams); else the closest names
    are suggested."""
    wanted = fold(name)
    if not wanted:
        raise UsageError(_("NAME is empty: give an office, a unit, an alias or a service"))
    for prefix in (False, True):
        hits: dict[tuple[str, str | None], str] = {}
        for office_id, unit_id, written in index.matching(wanted, prefix):
            hits.setdefault((office_id, unit_id), written)  # the first in data order
        found = _decide(name, hits)
        if found is not None:
            return found
    words = [w for w in map(loose, wanted.split()) if w]
    joined = "".join(words)
    grams = index.grams()
    numbers = grams.containing(words) if joined else None
    for tier in (joined.__eq__, lambda key: key.startswith(joined), None):
        hits = {}
        for number in numbers or ():
            folded, written = grams.key(number)
            if tier is None or tier(loose(folded)):
                for target in grams.targets(number):
                    hits.setdefault(target, written)
        found = _decide(name, hits)
        if found is not None:
            return found
    close = grams.closest(wanted)
    if close:
        raise UsageError(_("no office, unit or service matches {name}; closest: {closest} "
                           "(erreichbar list shows all)", name=repr(name),
                           closest=", ".join(close)))
    raise UsageError(_("no office, unit or service matches {name} (erreichbar list shows all)",
                       name=repr(name)))


def _decide(name: str, found: dict[tuple[str, str | None], str]) -> tuple[str, str | None] | None:
    """The one target among those a stage of resolve() found (key: (office id, unit id),
    value: the name as written, in data order); None if it found none; UsageError if
    several, or only offices that are not in the data."""
    hits = {target: written for target, written in found.items()
            if not target[0].startswith(ELSEWHERE)}
    if not hits and found:
        office, see = next(iter(found))
        office = office.removeprefix(ELSEWHERE)
        if see:
            raise UsageError(_("{name}: {office} is not in the data; the nearest office in it "
                               "is {see}", name=repr(name), office=office, see=see))
        raise UsageError(_("{name}: {office} is not in the data (erreichbar list shows all)",
                           name=repr(name), office=office))
    if len(hits) == 1:
        return next(iter(hits))
    offices = {office for office, _ in hits}
    if len(offices) == 1 and (whole := (next(iter(offices)), None)) in hits:
        # `wohnungs` matches the Wohnungsamt and its units: the office is meant
        return whole
    if not hits:
        return None
    # one line stays readable: the first few, and how many more (a short NAME on a
    # country-sized dataset matches tens of thousands)
    named = sorted((f"{office}/{unit}" if unit else office, written)
                   for (office, unit), written in hits.items())
    shown = named[:SHOWN_MATCHES]
    listing = ", ".join(tid if fold(written) == fold(tid) else f"{tid} ({written})"
                        for tid, written in shown)
    if len(hits) > len(shown):
        listing += " " + _("and {count} more", count=len(hits) - len(shown))
    raise UsageError(_("{name} is ambiguous; it matches: {matches}", name=repr(name),
                       matches=listing))


SHOWN_MATCHES = 10  # of an ambiguous NAME's matches, named in its error line


def complete(dataset: Dataset, incomplete: str) -> list[str]:
    """What a shell may complete NAME to, from every id, name, alias, service and search
    term that starts with what was typed, folded (`aus`: Ausländeramt, Ausländerbehörde)
    or loose (`auslander`), or one of whose words does (`job`: Kommunales Jobcenter
    MainArbeit). Each starts with the text as typed, as shells require: the name as
    written where it does, else the typed text and the rest of the name folded
    (`Ausl` -> `Auslaenderbehoerde`), which means the same. Ids first."""
    wanted, bare = fold(incomplete), loose(fold(incomplete))
    found: dict[str, bool] = {}
    for folded, written, office, unit in _names(dataset):
        if office.startswith(ELSEWHERE):
            continue  # not an office the commands can answer for
        is_id = written == office or written in (unit, f"{office}/{unit}")
        if written.startswith(incomplete):
            offer = written
        elif folded.startswith(wanted):
            offer = incomplete + folded[len(wanted):]
        elif loose(folded).startswith(bare):
            offer = incomplete + loose(folded)[len(bare):]
        elif (at := folded.find(" " + wanted)) >= 0:
            offer = incomplete + folded[at + 1 + len(wanted):]
        else:
            continue
        found[offer] = found.get(offer, False) or is_id
    return sorted(found, key=lambda offer: not found[offer])


_KIND_WORDS = {
    "phone": "phone", "telefon": "phone", "tel": "phone", "anruf": "phone",
    "visit": "visit", "vorsprache": "visit", "besuch": "visit", "vor-ort": "visit",
    "email": "email", "e-mail": "email", "mail": "email",
    "online": "online", "formular": "online", "web": "online",
}


def channel_kind(word: str) -> str:
    """A channel kind from what a user typed: telefon -> phone, vorsprache -> visit, ..."""
    kind = _KIND_WORDS.get(fold(word))
    if kind is None:
        raise UsageError(_("--channel {word}: use phone, visit, email or online (also "
                           "telefon, vorsprache, e-mail)", word=repr(word)))
    return kind
