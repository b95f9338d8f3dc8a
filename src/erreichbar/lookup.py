"""NAME -> an office or a unit: ids, names, aliases and services, folded, a unique prefix too.

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

import bisect
import marshal
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from .errors import UsageError
from .i18n import _
from .model import Dataset, Office

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(text: str) -> str:
    """Case- and umlaut-folded text: Ausländeramt = auslaenderamt = AUSLÄNDERAMT."""
    if text.isascii():  # most names and ids; the Unicode path costs ten times as much
        return " ".join(text.lower().split())
    # NFC first, so that an ä typed as a + combining diaeresis folds like the one-code-point ä
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


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

    __slots__ = ("_pages", "_read", "firsts")

    def __init__(self, firsts: tuple[str, ...], pages: list[Page | None],
                 read: Callable[[int], Page]) -> None:
        self.firsts = firsts
        self._pages = pages
        self._read = read

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

    def keys(self) -> list[tuple[str, str]]:
        """(folded, as written) of every key, in data order: for the rare NAME that matches
        nothing, to suggest the closest."""
        rows = []
        for n in range(len(self.firsts)):
            folded, written, rank, _, _ = self.page(n)
            rows.extend(zip(rank, folded, written, strict=True))
        rows.sort()
        return [(folded, written) for _, folded, written in rows]


def name_index(dataset: Dataset) -> NameIndex:
    rows: list[tuple[str, str, int, str, str | None]] = []
    for office in dataset.offices:
        for key in (office.id, office.name, *office.aliases, *office.services):
            rows.append((fold(key), key, len(rows), office.id, None))
        for unit in office.units:
            for key in (f"{office.id}/{unit.id}", unit.id, unit.name):
                rows.append((fold(key), key, len(rows), office.id, unit.id))
    rows.sort(key=lambda r: r[0])  # stable: data order among equal keys
    pages: list[Page] = []
    for start in range(0, len(rows), PAGE_ROWS):
        part = rows[start:start + PAGE_ROWS]
        pages.append(tuple(tuple(r[i] for r in part) for i in range(5)))  # type: ignore[arg-type]
    return NameIndex(tuple(page[0][0] for page in pages), list(pages), pages.__getitem__)


# The store's section of a name index, with the version of its layout (see dataset.py)
INDEX = "names 1"


def encode_index(index: NameIndex) -> list[bytes]:
    """The index as parts for the store: the first key of every page, then each page."""
    pages = (index.page(n) for n in range(len(index.firsts)))
    return [marshal.dumps(index.firsts), *map(marshal.dumps, pages)]


def stored_index(read: Callable[[int], bytes]) -> NameIndex:
    """The index from the parts encode_index() made (`read(n)` gives part n), each page
    read when first looked at."""
    # the parts come from the store, which checked them; marshal runs nothing
    firsts = marshal.loads(read(0))  # noqa: S302
    return NameIndex(firsts, [None] * len(firsts),
                     lambda n: marshal.loads(read(n + 1)))  # noqa: S302


def find(dataset: Dataset, name: str, index: NameIndex | None = None) -> Target:
    """The one target NAME means; UsageError (exit 2) if none or several."""
    office_id, unit_id = resolve(index or name_index(dataset), name)
    # the index was made from this dataset (or the whole of which it is a part)
    return Target(next(o for o in dataset.offices if o.id == office_id), unit_id)


def resolve(index: NameIndex, name: str) -> tuple[str, str | None]:
    """(office id, unit id) of the one target NAME means; UsageError (exit 2) if none or
    several. An exact name wins over a prefix."""
    wanted = fold(name)
    if not wanted:
        raise UsageError(_("NAME is empty: give an office, a unit, an alias or a service"))
    for prefix in (False, True):
        hits: dict[str, tuple[tuple[str, str | None], str]] = {}
        for office_id, unit_id, written in index.matching(wanted, prefix):
            tid = f"{office_id}/{unit_id}" if unit_id else office_id
            hits.setdefault(tid, ((office_id, unit_id), written))
        if len(hits) == 1:
            return next(iter(hits.values()))[0]
        offices = {target[0] for target, _ in hits.values()}
        if len(offices) == 1 and next(iter(offices)) in hits:
            # `wohnungs` matches the Wohnungsamt and its units: the office is meant
            return hits[next(iter(offices))][0]
        if len(hits) > 1:
            # one line stays readable: the first few, and how many more (a short NAME on a
            # country-sized dataset matches tens of thousands)
            shown = sorted(hits.items())[:SHOWN_MATCHES]
            listing = ", ".join(tid if fold(written) == fold(tid) else f"{tid} ({written})"
                                for tid, (_, written) in shown)
            if len(hits) > len(shown):
                listing += " " + _("and {count} more", count=len(hits) - len(shown))
            raise UsageError(_("{name} is ambiguous; it matches: {matches}", name=repr(name),
                               matches=listing))
    import difflib  # only for a NAME that matches nothing

    keys = index.keys()
    close = difflib.get_close_matches(wanted, sorted({k for k, _ in keys}), n=3, cutoff=0.6)
    written = dict(keys)  # the last of equal keys in data order, as before
    if close:
        raise UsageError(_("no office, unit or service matches {name}; closest: {closest} "
                           "(erreichbar list shows all)", name=repr(name),
                           closest=", ".join(written[c] for c in close)))
    raise UsageError(_("no office, unit or service matches {name} (erreichbar list shows all)",
                       name=repr(name)))


SHOWN_MATCHES = 10  # of an ambiguous NAME's matches, named in its error line


def candidates(dataset: Dataset) -> list[str]:
    """Every id, for shell completion."""
    out = []
    for office in dataset.offices:
        out.append(office.id)
        out.extend(f"{office.id}/{u.id}" for u in office.units)
    return out


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
