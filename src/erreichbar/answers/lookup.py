"""NAME -> an office or a unit: ids, names, aliases, services and search terms, folded, a
unique prefix too; else the names holding its words in any order (see name_grams).

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from erreichbar.data.model import Dataset, Office
from erreichbar.data.name_grams import fold, loose
from erreichbar.data.names import ELSEWHERE, NameIndex, name_index, names_of
from erreichbar.errors import UsageError
from erreichbar.i18n import _


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
    for folded, written, office, unit in names_of(dataset):
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
