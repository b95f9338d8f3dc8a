"""The names of a dataset by their trigrams: what a NAME that is neither a name nor the
start of one may still mean. Two questions are asked of it: which names hold every word
of NAME in any order (`auslaender behoerde`, `stelle wohngeld`), and which names are
closest to a typo (`sozialamtt`).

Both compare the *loose* form of a name: folded (see fold), without spaces or marks, and
with ae/oe/ue as a/o/u, so that `Ausländerbehörde`, `auslaender behoerde` and
`Auslanderbehorde` are one word.

    >>> loose(fold("Ausländer-Behörde")) == loose(fold("auslanderbehorde"))
    True

The index is cut into parts so that a question reads only a few of them, whatever the
size of the dataset: a head, then the posting pages (each trigram's key numbers, a page
found by a checksum of the trigram), the number of trigrams of each key (one byte each),
then pages of keys (folded and as written) and, apart from them, pages of the targets
each key names. A trigram held by more than COMMON keys
keeps only its first COMMON: it says little about a name, and would cost as much to read
as the dataset is large.
"""

from __future__ import annotations

import heapq
import marshal
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable
from typing import TypeAlias, cast

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


def loose(folded: str) -> str:
    """Folded text as one word, letters and digits only, ae/oe/ue as a/o/u (as someone
    types it without umlauts): `auslaender behoerde` -> `auslanderbehorde`."""
    word = "".join(c for c in folded if c.isalnum())
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def grams(word: str) -> set[str]:
    return {word[i:i + 3] for i in range(len(word) - 2)}


def padded(word: str) -> set[str]:
    """The trigrams of a loose word with its ends marked: a name's own, so that a short
    name's ends count too. The inner ones are grams(word)."""
    return grams(f" {word} ")


KEY_ROWS = 256  # keys per page
POSTINGS_PER_PAGE = 4096  # trigram postings per page, about
COMMON = 2048  # postings kept of a trigram held by more keys
POOL = 64  # keys scored with difflib for a typo: the ones sharing most trigrams with it

Target: TypeAlias = tuple[str, "str | None"]  # office id, unit id
# The parts build() makes, in this order: the head (number of keys, number of posting
# pages), the posting pages (trigram -> (key numbers as bytes, cut at COMMON)), the sizes
# (one byte per key), the key pages ((folded, as written) per key), the target pages.
Head: TypeAlias = tuple[int, int]
PostingPage: TypeAlias = dict[str, tuple[bytes, bool]]
KeyPage: TypeAlias = tuple[tuple[str, str], ...]
TargetPage: TypeAlias = tuple[tuple[Target, ...], ...]
Part: TypeAlias = Head | PostingPage | bytes | KeyPage | TargetPage


def build(rows: Iterable[tuple[str, str, str, str | None]]) -> list[Part]:
    """The parts of the index of rows (folded, as written, office id, unit id) in data
    order."""
    numbers: dict[str, int] = {}
    written: list[str] = []
    # Each key's targets in data order, once each. The rows of one target come one after
    # another (an office's own keys, then each unit's), so a repeat can only be the last
    # one added: comparing with it keeps this linear where a name is shared by thousands
    # of offices ("Telefonzentrale"), without a set per key.
    targets: list[list[Target]] = []
    for folded, as_written, office, unit in rows:
        n = numbers.get(folded)
        if n is None:
            n = numbers[folded] = len(written)
            written.append(as_written)
            targets.append([])
        written[n] = as_written  # the last of equal keys in data order is the one shown
        if not targets[n] or targets[n][-1] != (office, unit):
            targets[n].append((office, unit))
    keys = list(numbers)
    postings: dict[str, array[int]] = {}
    sizes = array("B")
    for n, folded in enumerate(keys):
        own = padded(loose(folded))
        sizes.append(min(len(own), 255))
        for gram in own:
            found = postings.get(gram)
            if found is None:
                found = postings[gram] = array("I")
            found.append(n)
    total = sum(min(len(p), COMMON) for p in postings.values())
    gram_pages = max(1, total // POSTINGS_PER_PAGE)
    pages: list[PostingPage] = [{} for _ in range(gram_pages)]
    for gram, found in postings.items():
        pages[_page_of(gram, gram_pages)][gram] = (found[:COMMON].tobytes(),
                                                  len(found) > COMMON)
    key_pages = [tuple(zip(keys[i:i + KEY_ROWS], written[i:i + KEY_ROWS], strict=True))
                 for i in range(0, len(keys), KEY_ROWS)]
    target_pages = [tuple(tuple(t) for t in targets[i:i + KEY_ROWS])
                    for i in range(0, len(keys), KEY_ROWS)]
    return [(len(keys), gram_pages), *pages, sizes.tobytes(), *key_pages, *target_pages]


def _page_of(gram: str, pages: int) -> int:
    return zlib.crc32(gram.encode()) % pages  # the same in every run, unlike hash()


def encode(parts: list[Part]) -> list[bytes]:
    return [marshal.dumps(p) for p in parts]


class Grams:
    """The index, each part read when first needed (`read(n)` gives part n)."""

    __slots__ = ("_parts", "_read", "_sizes", "count", "gram_pages", "key_pages")

    def __init__(self, read: Callable[[int], object]) -> None:
        self._read = read
        self._parts: dict[int, object] = {}
        self.count, self.gram_pages = cast(Head, self._part(0))
        self.key_pages = -(-self.count // KEY_ROWS)
        self._sizes: array[int] | None = None

    @classmethod
    def stored(cls, read: Callable[[int], bytes]) -> Grams:
        # the parts come from the store, which checked them; marshal runs nothing
        return cls(lambda n: marshal.loads(read(n)))  # noqa: S302

    def _part(self, n: int) -> object:
        """Part n, one of the shapes build() makes (a Part): which one, its number says,
        so each reader below casts it to its own."""
        found = self._parts.get(n)
        if found is None:
            found = self._parts[n] = self._read(n)
        return found

    def postings(self, gram: str) -> tuple[array[int], bool]:
        """The key numbers holding the trigram, and whether they were cut at COMMON."""
        page = cast(PostingPage, self._part(1 + _page_of(gram, self.gram_pages)))
        raw, cut = page.get(gram, (b"", False))
        found = array("I")
        found.frombytes(raw)
        return found, cut

    def key(self, n: int) -> tuple[str, str]:
        """(folded, as written) of key n."""
        page = cast(KeyPage, self._part(2 + self.gram_pages + n // KEY_ROWS))
        return page[n % KEY_ROWS]

    def targets(self, n: int) -> tuple[Target, ...]:
        """The targets key n names, in data order."""
        page = cast(TargetPage, self._part(2 + self.gram_pages + self.key_pages + n // KEY_ROWS))
        return page[n % KEY_ROWS]

    def sizes(self) -> array[int]:
        """The number of trigrams of every key (padded), by key number."""
        if self._sizes is None:
            self._sizes = array("B")
            self._sizes.frombytes(cast(bytes, self._part(1 + self.gram_pages)))
        return self._sizes

    def containing(self, words: list[str], limit: int = 512) -> list[int] | None:
        """The numbers of the keys whose loose form holds every word; None where that cannot
        be told cheaply: no word of three letters or more, each of their trigrams held by
        more than COMMON keys, or more than `limit` keys to look at."""
        found: set[int] | None = None
        for word in words:
            for gram in grams(word):
                numbers, cut = self.postings(gram)
                if cut:  # a part of the keys only: it cannot narrow them
                    continue
                found = set(numbers) if found is None else found.intersection(numbers)
        if found is None or len(found) > limit:
            return None
        return sorted(n for n in found if all(w in loose(self.key(n)[0]) for w in words))

    def closest(self, wanted: str, n: int = 3, cutoff: float = 0.6) -> list[str]:
        """The keys (as written) closest to the folded `wanted`, best first, as
        difflib.get_close_matches ranks them: over every key of a small dataset, over the
        POOL keys most alike in trigrams on a large one (most shared for their number, the
        Dice coefficient: a long name sharing as many as a short one is less alike)."""
        from difflib import SequenceMatcher  # start-up: only for a typo

        if self.count <= POOL:
            pool: Iterable[int] = range(self.count)
        else:
            shared: dict[int, int] = {}
            own = padded(loose(wanted))
            for gram in own:
                for number in self.postings(gram)[0]:
                    shared[number] = shared.get(number, 0) + 1
            sizes, mine = self.sizes(), len(own)
            pool = heapq.nlargest(POOL, shared,
                                  key=lambda k: (shared[k] / (mine + sizes[k]), -k))
        matcher = SequenceMatcher()
        matcher.set_seq2(wanted)
        scored = []
        for number in pool:
            folded, as_written = self.key(number)
            matcher.set_seq1(folded)
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff \
                    and (ratio := matcher.ratio()) >= cutoff:
                scored.append((ratio, folded, as_written))
        return [as_written for _, _, as_written in heapq.nlargest(n, scored)]
