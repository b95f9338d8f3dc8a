"""Styled text: what the terminal views are made of, before anything draws it.

A `Text` is rich's Text in miniature, with the same names and the same meaning: pieces of
text, each with a style such as "bold green", and a style and link of the whole text that
apply under every piece's own. It is ours, not rich's, so that a terminal view is built
without importing rich: rich's Text and Console are two thirds of the start-up that a
terminal's `now` adds to `import typer` (see `terminal.py`, which draws it). Widths are
rich's (`rich.cells`, a millisecond), so both ways of drawing lay out alike.

    >>> line = Text("● ", style="bold green").append("bis 11:00")
    >>> line.plain, [p[0] for p in line[2:5].pieces]
    ('● bis 11:00', ['bis'])
"""

from __future__ import annotations

from rich.cells import cell_len

__all__ = ["Text", "cell_len", "join_styles"]


def join_styles(under: str, over: str) -> str:
    """A style and one given on top of it (a colour on top replaces the one under it)."""
    return f"{under} {over}" if under and over else under or over


class Text:
    """Pieces of text, each (text, style, link); `style` and `link` apply to all of it,
    under each piece's own. `no_wrap=False` marks a line of words that may be broken."""

    __slots__ = ("link", "no_wrap", "pieces", "style")

    def __init__(self, text: str = "", style: str = "", *, link: str | None = None,
                 no_wrap: bool | None = None) -> None:
        self.pieces: list[tuple[str, str, str | None]] = [(text, "", None)] if text else []
        self.style = style
        self.link = link
        self.no_wrap = no_wrap

    def append(self, text: str | Text, style: str = "") -> Text:
        """TEXT at the end: a string in STYLE, or a Text with its own styles."""
        if isinstance(text, Text):
            return self.append_text(text)
        if text:
            self.pieces.append((text, style, None))
        return self

    def append_text(self, other: Text) -> Text:
        """OTHER at the end, keeping its own style and link on its pieces."""
        for text, style, link in other.pieces:
            self.pieces.append((text, join_styles(other.style, style), link or other.link))
        return self

    @property
    def plain(self) -> str:
        return "".join(p[0] for p in self.pieces)

    def __len__(self) -> int:
        return sum(len(p[0]) for p in self.pieces)

    def __getitem__(self, span: slice) -> Text:
        """The characters from span.start to span.stop, with their styles (no step)."""
        start, stop, _step = span.indices(len(self))
        out = Text(style=self.style, link=self.link, no_wrap=self.no_wrap)
        at = 0
        for text, style, link in self.pieces:
            end = at + len(text)
            cut = text[max(start - at, 0):max(stop - at, 0)]
            if cut:
                out.pieces.append((cut, style, link))
            at = end
            if at >= stop:
                break
        return out

    def lines(self) -> list[Text]:
        """Its lines, as split at each newline (blank ones kept)."""
        out = [Text(style=self.style, link=self.link, no_wrap=self.no_wrap)]
        for text, style, link in self.pieces:
            for i, part in enumerate(text.split("\n")):
                if i:
                    out.append(Text(style=self.style, link=self.link, no_wrap=self.no_wrap))
                if part:
                    out[-1].pieces.append((part, style, link))
        return out

    def runs(self) -> list[tuple[str, str, str | None]]:
        """Its pieces with the whole text's style and link applied: what is drawn."""
        return [(text, join_styles(self.style, style), link or self.link)
                for text, style, link in self.pieces]

    def __repr__(self) -> str:
        return f"Text({self.plain!r}, style={self.style!r})"
