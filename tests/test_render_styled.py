"""render/styled.py: our Text splits, slices and joins as rich's Text does (rich is the
independent side; how the two are drawn is tests/test_render_terminal.py's)."""

from __future__ import annotations

from rich.text import Text as RichText

from erreichbar.render.styled import Text, join_styles


def test_our_text_splits_and_slices_as_rich_does() -> None:
    ours = Text("eins\nzwei ", style="dim").append("drei\n", "bold").append("", "red")
    theirs = RichText("eins\nzwei ", style="dim").append("drei\n", "bold")
    assert [t.plain for t in ours.lines()] == [t.plain for t in
                                               theirs.split("\n", allow_blank=True)]
    for start in range(len(ours.plain) + 1):
        for stop in range(start, len(ours.plain) + 2):
            assert ours[start:stop].plain == theirs[start:stop].plain


def test_a_piece_is_drawn_in_the_whole_texts_style_under_its_own() -> None:
    line = Text("● ", style="bold green", link="tel:1").append("bis 11:00", "dim")
    line.append_text(Text(" 069", style="cyan", link="tel:2"))
    assert line.runs() == [("● ", "bold green", "tel:1"), ("bis 11:00", "bold green dim", "tel:1"),
                           (" 069", "bold green cyan", "tel:2")]
    assert join_styles("", "dim") == "dim" and join_styles("bold", "") == "bold"
