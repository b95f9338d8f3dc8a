"""NAME -> an office or a unit: ids, names, aliases and services, folded, a unique prefix too.

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

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


def _keys(dataset: Dataset) -> list[tuple[str, str, Target]]:
    """(folded key, key as written, target) for every name a target can be called by."""
    out = []
    for office in dataset.offices:
        whole = Target(office)
        for key in (office.id, office.name, *office.aliases, *office.services):
            out.append((fold(key), key, whole))
        for unit in office.units:
            part = Target(office, unit.id)
            for key in (f"{office.id}/{unit.id}", unit.id, unit.name):
                out.append((fold(key), key, part))
    return out


def find(dataset: Dataset, name: str) -> Target:
    """The one target NAME means; UsageError (exit 2) if none or several."""
    wanted = fold(name)
    if not wanted:
        raise UsageError(_("NAME is empty: give an office, a unit, an alias or a service"))
    keys = _keys(dataset)
    for matcher in (lambda k: k == wanted, lambda k: k.startswith(wanted)):
        hits: dict[str, tuple[Target, str]] = {}
        for folded, written, target in keys:
            if matcher(folded):
                hits.setdefault(target.id, (target, written))
        if len(hits) == 1:
            return next(iter(hits.values()))[0]
        offices = {target.office.id for target, _ in hits.values()}
        if len(offices) == 1 and next(iter(offices)) in hits:
            # `wohnungs` matches the Wohnungsamt and its units: the office is meant
            return hits[next(iter(offices))][0]
        if len(hits) > 1:
            listing = ", ".join(tid if fold(written) == fold(tid) else f"{tid} ({written})"
                                for tid, (_, written) in sorted(hits.items()))
            raise UsageError(_("{name} is ambiguous; it matches: {matches}", name=repr(name),
                               matches=listing))
    import difflib  # only for a NAME that matches nothing

    close = difflib.get_close_matches(wanted, sorted({k for k, _, _ in keys}), n=3, cutoff=0.6)
    written = {k: w for k, w, _ in keys}
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
