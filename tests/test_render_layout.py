"""render/layout.py: text broken only at spaces, contacts never, columns that use the
terminal's width and line up across rows, a stacked layout below 80 columns. The texts are
made up here; what a line may hold is counted by hand.
"""

from __future__ import annotations

import pytest

from erreichbar.render.layout import GAP, INDENT, STACK_BELOW, Block, Grid, paragraph, wrap
from erreichbar.render.styled import Text

URL = "www.offenbach.de/vv/produkte/tsabus/wohngeld_antrag.php"  # 55 characters
PHONE = "069 8065-3584"  # a space inside: still one contact


def plain(lines: list[Text]) -> list[str]:
    return [line.plain for line in lines]


def test_words_are_broken_only_at_spaces() -> None:
    text = "Kommunales Jobcenter MainArbeit – Leistungssachbearbeitung"
    for width in range(24, 60):
        lines = plain(paragraph(Text(text), width))
        assert " ".join(lines) == text  # nothing lost, nothing broken
        assert all(len(line) <= width for line in lines), (width, lines)
    # exactly where a person would break it at 31 columns
    assert plain(paragraph(Text(text), 31)) == ["Kommunales Jobcenter MainArbeit",
                                                "– Leistungssachbearbeitung"]


def test_a_word_wider_than_the_width_stands_alone_and_whole() -> None:
    lines = plain(paragraph(Text(f"Quelle: {URL} 2024"), 40, hang=2))
    assert lines == ["Quelle:", URL, "  2024"]


def test_hyphens_and_no_break_spaces_are_no_places_to_break() -> None:
    assert plain(paragraph(Text("Online-Terminvereinbarung"), 10)) == [
        "Online-Terminvereinbarung"]
    assert plain(paragraph(Text("a 069\u00a08065-3584"), 8)) == ["a", "069\u00a08065-3584"]


def test_indent_and_hang() -> None:
    pieces = wrap(Block(Text("eins zwei drei vier"), indent=2, hang=4), 13)
    assert [(pad, t.plain) for pad, t in pieces] == [(2, "eins zwei"), (4, "drei vier")]


def test_a_contact_is_never_broken() -> None:
    assert [(pad, t.plain) for pad, t in wrap(Block(Text(PHONE), whole=True), 8)] == [
        (0, PHONE)]
    # with room for its indent it keeps it
    assert [(pad, t.plain) for pad, t in wrap(Block(Text(PHONE), 2, whole=True), 15)] == [
        (2, PHONE)]


def test_styles_and_links_survive_the_breaks() -> None:
    text = Text("● bis 11:00", style="bold green")
    lines = paragraph(text, 6)
    assert plain(lines) == ["● bis", "11:00"]
    drawn = [(text, style) for line in lines for text, style, _link in line.runs()
             if text.strip()]
    assert [t for t, _s in drawn] == ["● bis", "11:00"]
    assert {s for _t, s in drawn} == {"bold green"}
    link = "tel:+496980653584"
    lines = paragraph(Text("069 8065-3584 oder", link=link), 14)
    assert [[(t, lk) for t, _s, lk in line.runs() if t.strip()] for line in lines] == [
        [("069 8065-3584", link)], [("oder", link)]]


def rows() -> list[list[list[Block]]]:
    return [
        [[Block(Text("Sozialamt"))], [Block(Text("● bis 15:00"), hang=2)],
         [Block(Text(PHONE), whole=True), Block(Text("069 8065-2686"), whole=True)]],
        [[Block(Text("Wohnungsamt – Persönliche Sachbearbeitung"))],
         [Block(Text("● bis 12:00"), hang=2),
          Block(Text("nur nach Absprache im Einzelfall"), indent=2, hang=2)],
         [Block(Text(URL), whole=True)]],
    ]


def test_a_wide_terminal_shows_every_cell_on_one_line() -> None:
    # the natural widths: the longest name, the longest state line (with its indent), the
    # longest contact, and the gaps between them
    grid = Grid(rows(), 41 + 34 + 55 + 2 * GAP, spill=True)
    assert not grid.stacked
    assert grid.widths == [41, 34, 55]
    second = plain(grid.lines(rows()[1]))
    assert second[0] == ("Wohnungsamt – Persönliche Sachbearbeitung" + " " * GAP
                         + "● bis 12:00" + " " * (34 - 11 + GAP) + URL)
    assert second[1].strip() == "nur nach Absprache im Einzelfall"


@pytest.mark.parametrize("width", [80, 90, 100, 119])
def test_narrower_columns_break_words_whole_and_a_wide_contact_goes_below(width: int) -> None:
    grid = Grid(rows(), width, spill=True)
    assert grid.widths is not None
    assert sum(grid.widths) + 2 * GAP <= width
    # no column narrower than its widest word ("Sachbearbeitung", "Einzelfall" + 2)
    assert grid.widths[0] >= len("Sachbearbeitung")
    assert grid.widths[1] >= len("  Einzelfall")
    lines = plain(grid.lines(rows()[1]))
    assert all(len(line) <= width for line in lines), lines
    assert any(URL in line for line in lines)  # whole
    if grid.widths[2] < len(URL):  # below its row, where the contact column is too narrow
        assert lines[-1].strip() == URL
        assert lines[-1].endswith(URL) and len(lines[-1]) <= width
    first = plain(grid.lines(rows()[0]))
    assert PHONE in first[0] and "069 8065-2686" in first[1]  # one contact a line


def test_columns_line_up_from_row_to_row() -> None:
    grid = Grid(rows(), 90, spill=True)
    starts = [line.index("●") for row in rows() for line in plain(grid.lines(row))[:1]]
    assert len(set(starts)) == 1


@pytest.mark.parametrize("width", [40, 60, STACK_BELOW - 1])
def test_below_80_columns_each_cell_on_its_own_lines(width: int) -> None:
    grid = Grid(rows(), width, spill=True)
    assert grid.stacked
    assert plain(grid.lines(rows()[0])) == [
        "Sozialamt", " " * INDENT + "● bis 15:00", " " * INDENT + PHONE,
        " " * INDENT + "069 8065-2686"]
    lines = plain(grid.lines(rows()[1]))
    assert URL in [line.strip() for line in lines]
    for line in lines:
        assert len(line) <= width or line == URL  # only a contact wider than all may run on


def test_a_label_column_can_hold_text_and_contacts() -> None:
    """The office view: a label, then words and contacts in one column (which grows)."""
    table = [[[Block(Text("Kontakt"))], [Block(Text(URL), whole=True)]],
             [[Block(Text("Hinweise"))],
              [Block(Text("Die Mailadresse steht auf den Seiten des Wohnungsamtes."))]]]
    grid = Grid(table, 40, margin=2, stack_below=0, spill=True)
    assert grid.widths == [8, 40 - 2 - 8 - GAP]
    notes = plain(grid.lines(table[1]))
    assert notes[0].startswith("  Hinweise  Die Mailadresse")
    assert all(len(line) <= 40 for line in notes)
    assert plain(grid.lines(table[0])) == ["  Kontakt", URL]


def test_a_label_column_with_text_longer_than_its_contacts_is_broken_to_fit() -> None:
    note = ("Termine für Vorsprachen werden telefonisch mit der zuständigen Sachbearbeitung "
            "vereinbart.")
    table = [[[Block(Text("Kontakt"))], [Block(Text(PHONE), whole=True)]],
             [[Block(Text("Hinweise"))], [Block(Text(note))]]]
    for width in (40, 60, 80):
        grid = Grid(table, width, margin=2, stack_below=0, spill=True)
        assert grid.widths == [8, width - 2 - 8 - GAP]
        lines = plain(grid.lines(table[1]))
        assert all(len(line) <= width for line in lines), lines
        assert " ".join(line[12:] for line in lines) == note
