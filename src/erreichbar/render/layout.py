"""The terminal's layout: rows of cells in columns as wide as the terminal allows, or one
under another on a narrow terminal. Text is broken only at a space, and a contact (a phone
number, an address, a link) never: a person copies it whole, and a terminal finds a link
only in one piece.

A word or contact wider than the whole terminal gets a line of its own, unindented, and
stays whole: the terminal folds it for the eye, but it remains one line to copy and to
click, which a break of ours would cut in two. Every other line fits the width.

    >>> from erreichbar.render.styled import Text
    >>> [line.plain for line in paragraph(Text("Stand der Angaben: 01.03.2024"), 20)]
    ['Stand der Angaben:', '01.03.2024']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from erreichbar.render.styled import Text, cell_len

GAP = 2  # cells between two columns
STACK_BELOW = 80  # a narrower terminal shows a row's cells one under another
INDENT = 2  # of a stacked row's later cells, under its first

# Only a plain space is a place to break: not a no-break space, not a hyphen (a phone
# number such as 069 8065-3584 is a contact, and a contact is never broken at all).
_WORD = re.compile("[^ ]+")


@dataclass(slots=True, frozen=True)
class Block:
    """A paragraph of a cell, on lines of its own: `indent` cells before its first line,
    `hang` before the lines it is broken into; `whole` never broken (a contact)."""

    text: Text
    indent: int = 0
    hang: int = 0
    whole: bool = False

    @property
    def natural(self) -> int:
        """Its width on one line."""
        return self.indent + cell_len(self.text.plain)

    @property
    def narrowest(self) -> int:
        """The least width it fits in without breaking a word (or itself, when whole)."""
        if self.whole:
            return self.natural
        words = [cell_len(w) for w in _WORD.findall(self.text.plain)]
        return max(self.indent, self.hang) + max(words, default=0)


Cell = Sequence[Block]
Row = Sequence[Cell]


def wrap(block: Block, width: int) -> list[tuple[int, Text]]:
    """BLOCK's lines for WIDTH cells, each as (cells before it, its text): broken at spaces
    only, a word too wide for its indent moved left, one too wide for WIDTH alone on its
    line at the left edge."""
    text, plain = block.text, block.text.plain
    if block.whole:
        return [(_fit(block.indent, cell_len(plain), width), text)]
    out: list[tuple[int, Text]] = []
    pad, start, end, used = block.indent, -1, 0, 0
    for match in _WORD.finditer(plain):
        size = cell_len(match.group())
        if start >= 0:
            space = cell_len(plain[end:match.start()])
            if pad + used + space + size <= width:
                end, used = match.end(), used + space + size
                continue
            out.append((_fit(pad, used, width), text[start:end]))
            pad = block.hang
        start, end, used = match.start(), match.end(), size
    if start >= 0:
        out.append((_fit(pad, used, width), text[start:end]))
    return out or [(0, Text())]


def _fit(pad: int, used: int, width: int) -> int:
    return pad if pad + used <= width else max(0, width - used)


def paragraph(text: Text, width: int, indent: int = 0, hang: int = 0) -> list[Text]:
    """TEXT (each of its lines) broken into lines of the whole WIDTH."""
    out = []
    for line in text.lines():
        out.extend(_placed(wrap(Block(line, indent, hang), width)))
    return out


def _placed(pieces: list[tuple[int, Text]]) -> list[Text]:
    return [Text(" " * pad).append_text(piece) for pad, piece in pieces]


class Grid:
    """Rows of cells laid out together, so that their columns line up across all of them:
    in columns when the terminal is at least STACK_BELOW wide and every column can be as
    wide as its widest word, else stacked (a row's first cell, then the others indented
    under it).

    With `spill`, the last column is the contacts': it is made as wide as the widest
    contact that fits beside the others' widest words, and a contact wider than it goes
    on a line of its own below its row, as far right as it fits."""

    def __init__(self, rows: Sequence[Row], width: int, *, margin: int = 0,
                 stack_below: int = STACK_BELOW, spill: bool = False) -> None:
        self.width = width
        self.margin = margin
        self.spill = spill
        self.widths = None if width < stack_below else self._widths(rows)
        self.starts: list[int] = []
        x = margin
        for w in self.widths or ():
            self.starts.append(x)
            x += w + GAP

    def _widths(self, rows: Sequence[Row]) -> list[int] | None:
        count = max((len(r) for r in rows), default=0)
        if not count:
            return None
        cells = [[b for r in rows if len(r) > j for b in r[j]] for j in range(count)]
        natural = [max((b.natural for b in c), default=0) for c in cells]
        least = [max((b.narrowest for b in c), default=0) for c in cells]
        contacts: list[int] = []
        if self.spill:  # a contact of the last column may go below its row: no minimum
            contacts = sorted({b.natural for b in cells[-1] if b.whole})
            words = [b for b in cells[-1] if not b.whole]
            least[-1] = max([b.narrowest for b in words] + [0])
            natural[-1] = max([b.natural for b in words] + [least[-1]])
        room = self.width - self.margin - GAP * (count - 1)
        whole = [*natural[:-1], max(natural[-1], *contacts)] if contacts else natural
        if sum(whole) <= room:
            return whole
        extra = room - sum(least)
        if extra < 0:
            return None
        widths = list(least)
        if contacts:  # contacts first: one spilled is a line more, a word moved is not
            widths[-1] = max([w for w in contacts if w <= least[-1] + extra] + [least[-1]])
            extra -= widths[-1] - least[-1]
        # the rest in proportion to what each column lacks of its natural width
        lacking = {j: natural[j] - widths[j] for j in range(count) if natural[j] > widths[j]}
        total = sum(lacking.values())
        for j, short in lacking.items():
            widths[j] += min(short, extra * short // total)
        left = room - sum(widths)
        for j in lacking:  # what rounding left over, to the first that still lacks some
            more = max(0, min(left, natural[j] - widths[j]))
            widths[j] += more
            left -= more
        return widths

    @property
    def stacked(self) -> bool:
        return self.widths is None

    def lines(self, row: Row) -> list[Text]:
        """The lines of one of the rows the grid was made for."""
        if self.widths is None:
            out = []
            for j, cell in enumerate(row):
                extra = self.margin + (INDENT if j else 0)
                for b in cell:
                    moved = Block(b.text, b.indent + extra, b.hang + extra, b.whole)
                    out.extend(_placed(wrap(moved, self.width)))
            return out
        columns: list[list[tuple[int, Text]]] = []
        spilled: list[tuple[int, Block]] = []
        for j, cell in enumerate(row):
            pieces = []
            for b in cell:
                if b.whole and b.natural > self.widths[j]:
                    spilled.append((j, b))
                else:
                    pieces.extend(wrap(b, self.widths[j]))
            columns.append(pieces)
        out = []
        for i in range(max((len(c) for c in columns), default=0)):
            line, x = Text(), 0
            for j, pieces in enumerate(columns):
                if i < len(pieces):
                    pad, piece = pieces[i]
                    start = self.starts[j] + pad
                    line.append(" " * (start - x))
                    line.append_text(piece)
                    x = start + cell_len(piece.plain)
            out.append(line)
        for j, b in spilled:
            out.append(Text(" " * max(0, min(self.starts[j] + b.indent,
                                             self.width - cell_len(b.text.plain))))
                       .append_text(b.text))
        return out
