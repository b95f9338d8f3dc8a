"""NAME -> an office or a unit: ids, names, aliases and services, folded, a unique prefix too.

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

import bisect
import unicodedata
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


@dataclass(slots=True)
class NameIndex:
    """Every name a target can be called by, folded and sorted, so that the names equal to
    or starting with what was typed are one contiguous run found by bisection. It is kept
    in the cache: `office NAME` on a country-sized dataset looks it up and then decodes
    only the office it names."""

    folded: tuple[str, ...]  # sorted
    written: tuple[str, ...]  # each key as written in the data
    rank: tuple[int, ...]  # its place in data order
    target: tuple[int, ...]  # index into targets
    targets: tuple[tuple[str, str | None], ...]  # (office id, unit id or None)

    def matching(self, wanted: str, prefix: bool) -> list[tuple[str, str | None, str]]:
        """(office id, unit id, key as written) of every key equal to (or starting with)
        `wanted`, in data order."""
        first = bisect.bisect_left(self.folded, wanted)
        found = []
        for i in range(first, len(self.folded)):
            key = self.folded[i]
            if not (key.startswith(wanted) if prefix else key == wanted):
                break
            found.append(i)
        found.sort(key=self.rank.__getitem__)
        return [(*self.targets[self.target[i]], self.written[i]) for i in found]


def name_index(dataset: Dataset) -> NameIndex:
    rows: list[tuple[str, str, int]] = []
    targets: list[tuple[str, str | None]] = []
    for office in dataset.offices:
        targets.append((office.id, None))
        whole = len(targets) - 1
        for key in (office.id, office.name, *office.aliases, *office.services):
            rows.append((fold(key), key, whole))
        for unit in office.units:
            targets.append((office.id, unit.id))
            part = len(targets) - 1
            for key in (f"{office.id}/{unit.id}", unit.id, unit.name):
                rows.append((fold(key), key, part))
    order = sorted(range(len(rows)), key=lambda i: rows[i][0])
    return NameIndex(tuple(rows[i][0] for i in order), tuple(rows[i][1] for i in order),
                     tuple(order), tuple(rows[i][2] for i in order), tuple(targets))


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
            listing = ", ".join(tid if fold(written) == fold(tid) else f"{tid} ({written})"
                                for tid, (_, written) in sorted(hits.items()))
            raise UsageError(_("{name} is ambiguous; it matches: {matches}", name=repr(name),
                               matches=listing))
    import difflib  # only for a NAME that matches nothing

    close = difflib.get_close_matches(wanted, sorted(set(index.folded)), n=3, cutoff=0.6)
    written = {}  # the last of equal keys in data order, as before
    for i in sorted(range(len(index.rank)), key=index.rank.__getitem__):
        written[index.folded[i]] = index.written[i]
    if close:
        raise UsageError(_("no office, unit or service matches {name}; closest: {closest} "
                           "(erreichbar list shows all)", name=repr(name),
                           closest=", ".join(written[c] for c in close)))
    raise UsageError(_("no office, unit or service matches {name} (erreichbar list shows all)",
                       name=repr(name)))


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
