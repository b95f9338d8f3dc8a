"""NAME -> an office or a unit: ids, names, aliases, services and search terms, folded, a
unique prefix too; else the names holding its words in any order (see name_grams).

    >>> fold("AUSLÄNDERAMT") == fold("Ausländeramt") == "auslaenderamt"
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from erreichbar.data.model import Dataset, Office
from erreichbar.data.name_grams import Grams, fold, loose
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
    words (as one word, at the start, anywhere: see name_grams); then the same for its
    words that may name a need, stemmed (`Auto zulassen`: Autozulassung); then the one
    office each of those words leads to (`Auto anmelden`: Autozulassung, Anmeldung);
    else the names it holds or is a typo of are suggested (_suggestions)."""
    wanted = fold(name)
    if not wanted:
        raise UsageError(_("NAME is empty: give an office, a unit, an alias or a service"))
    for prefix in (False, True):
        hits: dict[tuple[str, str | None], str] = {}
        for office_id, unit_id, written in index.matching(wanted, prefix):
            hits.setdefault((office_id, unit_id), written)  # the first in data order
        found = _decide(name, _an_id_first(wanted, hits) if not prefix else hits)
        if found is not None:
            return found
    words = [w for w in map(loose, wanted.split()) if w]
    grams = index.grams()
    content = _content(words)
    found = _by_words(name, grams, words)
    if found is None and content and content != words:
        found = _by_words(name, grams, content)  # the verb as its noun, without fillers
    if found is None and len(content) > 1:
        found = _decide(name, _spread(grams, content))
    if found is not None:
        return found
    close = _suggestions(index, wanted)
    if close:
        raise UsageError(_("no office, unit or service matches {name}; closest: {closest} "
                           "(erreichbar list shows all)", name=repr(name),
                           closest=", ".join(close)))
    raise UsageError(_("no office, unit or service matches {name} (erreichbar list shows all)",
                       name=repr(name)))


Hits: TypeAlias = dict[tuple[str, str | None], str]  # target -> its name as written


def _an_id_first(wanted: str, hits: Hits) -> Hits:
    """The office whose id NAME is, where another's name or alias is the same word too
    (an imported "Sozialamt", alias `sozialamt`, layered over the bundled `sozialamt`): an
    id names one office by design, a name or alias only by custom."""
    by_id = {target: written for target, written in hits.items()
             if target[1] is None and fold(target[0]) == wanted}
    return by_id if len(by_id) == 1 else hits


def _by_words(name: str, grams: Grams, words: list[str]) -> tuple[str, str | None] | None:
    """The target whose names hold every word (loose) in one name: a name that is the
    words joined wins over one that starts with them, and that over one holding them."""
    joined = "".join(words)
    numbers = grams.containing(words) if joined else None
    for tier in (joined.__eq__, lambda key: key.startswith(joined), None):
        hits: Hits = {}
        for number in numbers or ():
            folded, written = grams.key(number)
            if tier is None or tier(loose(folded)):
                for target in grams.targets(number):
                    hits.setdefault(target, written)
        found = _decide(name, hits)
        if found is not None:
            return found
    return None


# What people type around what they need ("meinen Wohnsitz anmelden", "register my
# address", "Wohngeld beantragen"): words that name no office, left out of a phrase before
# its words are looked up (loose: fur, mochte, verlangern). Verbs that every office does
# (beantragen, verlängern, apply, renew) are here; verbs that say what is needed
# (anmelden, zulassen, ändern) are not.
FILLERS = frozenset((
    "ich", "mein", "meine", "meinen", "meinem", "meiner", "meines", "ein", "eine", "einen",
    "einem", "einer", "eines", "der", "die", "das", "den", "dem", "des", "und", "oder",
    "fur", "zum", "zur", "von", "vom", "mit", "bei", "im", "in", "am", "an", "auf", "nach",
    "neu", "neue", "neuen", "neuer", "neues", "wo", "wie", "was", "bitte", "beantragen",
    "antrag", "verlangern", "erneuern", "abholen", "stellen", "brauche", "mochte", "will",
    "i", "my", "a", "an", "the", "of", "for", "to", "new", "how", "where", "apply",
    "renew", "extend", "get", "need", "want", "please",
))

# Endings cut off a word of a phrase, so that a verb finds its noun: anmelden and
# Anmeldung are anmeld, zulassen and Zulassung zulass, ändern and Änderung ander,
# registering register. A small stemming rather than a list of every verb form in the
# data: German makes its nouns of action from the verb's stem (-ung), and a cut word is
# only ever a prefix of the word typed, so it finds what the whole word finds and what
# shares its stem. At least STEM letters stay, so that no stem becomes a common syllable.
ENDINGS = ("ungen", "ung", "ation", "ing", "en", "ed", "e", "n", "s")
STEM = 4


def stem(word: str) -> str:
    """A loose word without its ending: `anmeldung` -> `anmeld`, `zulassen` -> `zulass`."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM:
            return word[:-len(ending)]
    return word


def _content(words: list[str]) -> list[str]:
    """The words of a phrase that may name what is needed, stemmed."""
    return [stem(word) for word in words if word not in FILLERS]


def _spread(grams: Grams, words: list[str]) -> Hits:
    """The offices for which every word (of three letters or more) is in one of their
    names, each word in any of them: `Auto anmelden` is the Bürgerbüro's "Autozulassung"
    and "Anmeldung". Every word must lead to the office: a phrase with a word that leads
    nowhere (`Hund anmelden`, the dog tax) may mean something the data does not hold, and
    a wrong office is worse than none. A word found in too many names to tell (see
    Grams.containing) says nothing either way."""
    common: Hits | None = None
    for word in words:
        numbers = grams.containing([word]) if len(word) >= 3 else None
        if numbers is None:
            continue
        mine = _best_tier(grams, word, numbers)
        common = mine if common is None else {t: w for t, w in common.items() if t in mine}
    return common or {}


def _best_tier(grams: Grams, word: str, numbers: list[int]) -> Hits:
    """The offices of the names that are the word, else that start with it, else that hold
    it (the units as their office; an office that is elsewhere as it is)."""
    for tier in (word.__eq__, lambda key: key.startswith(word), None):
        hits: Hits = {}
        for number in numbers:
            folded, written = grams.key(number)
            if tier is None or tier(loose(folded)):
                for office, unit in grams.targets(number):
                    whole = unit if office.startswith(ELSEWHERE) else None
                    hits.setdefault((office, whole), written)
        if hits:
            return hits
    return {}


SUGGESTED = 3  # names suggested after a miss, at most
ALIKE = 0.8  # a name this alike (difflib's ratio) is a typo of it
ALIKE_START = (6, 0.7)  # or one that begins with as many of its letters, and is this alike


def _suggestions(index: NameIndex, wanted: str) -> list[str]:
    """The names to suggest for a NAME that matched nothing, by meaning first: the names
    that are a word of it (`Ausweis verloren`: Ausweis), then those it is a typo of, as
    difflib ranks them. A name that only shares letters is not one: `Einbürgerung` is not
    a typo of Bürgergeld (a ratio of 0.67), `Standesamt` not of Ausländeramt (0.70)."""
    from difflib import SequenceMatcher  # start-up: only for a miss

    found: list[str] = []
    for word in wanted.split() if " " in wanted else ():
        if loose(word) not in FILLERS:
            found += [written for _o, _u, written in index.matching(word, False)]
    matcher = SequenceMatcher()
    matcher.set_seq2(wanted)
    for written in index.grams().closest(wanted, n=2 * SUGGESTED):
        matcher.set_seq1(fold(written))
        ratio, start = matcher.ratio(), _common_start(loose(wanted), loose(fold(written)))
        if ratio >= ALIKE or (start >= ALIKE_START[0] and ratio >= ALIKE_START[1]):
            found.append(written)
    return list(dict.fromkeys(found))[:SUGGESTED]


def _common_start(one: str, other: str) -> int:
    """How many letters the two begin with alike."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


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
