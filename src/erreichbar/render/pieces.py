"""The pieces every terminal view is made of: a channel's state cell, its contacts (or where
to find them), notes, the footer with the sources and their dates, and the writing of
lines to the terminal's width. human.py's views are built on these.

Text from data files is never read as markup: it is put into `Text` objects after `safe()`
has turned control characters into visible replacement marks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from erreichbar.data.model import Channel, Contact, Note, Office, SpecialDay
from erreichbar.hours.values import State
from erreichbar.render.layout import Block, paragraph
from erreichbar.render.reach import (
    STALE_AFTER,
    assumption_text,
    booking_texts,
    data_text,
    find_label,
    source_line,
    sources_of,
    stale,
)
from erreichbar.render.styled import Text
from erreichbar.render.text import (
    appointment_name,
    coming_comment,
    describe_state,
    fmt_date,
    safe,
    state_detail,
)

if TYPE_CHECKING:
    from erreichbar.answers.questions import (
        ChannelAnswer,
    )
    from erreichbar.render.terminal import Ansi, Rich

MARK = {State.OPEN: ("●", "bold green"), State.UNKNOWN: ("?", "bold yellow"),
        State.CLOSED: ("○", "dim"), State.APPOINTMENT: ("◐", "bold blue")}
NBSP = "\u00a0"


class Pieces:
    """What the views share: the terminal, the language, its words."""

    def __init__(self, out: Ansi | Rich, lang: str, _: Callable[..., str],
                 words: Mapping[str, str] | None = None) -> None:
        self.out = out
        self.lang = lang
        self._ = _
        self.words = words or {}  # the English of the data's texts (reach.data_text)
        self.special: tuple[SpecialDay, ...] = ()  # the data's special days (their sources)

    # --- pieces ---------------------------------------------------------------------

    def contacts(self, contacts: tuple[Contact, ...], channel: Channel | None = None,
                 office: Office | None = None) -> list[Block]:
        """One line each, never broken (what is uncertain about one under it); where the
        sources give none, where to find one; for a visit, the office's address with a link
        to it on a map."""
        out = []
        for c in contacts:
            out += self.contact(c.value, c.uri, c.uncertain)
        found = find_label(channel, self._) if channel else None
        if found and channel is not None and channel.find is not None:
            # (the label apart: the link or number itself is never broken)
            out.append(Block(Text(found, style="italic"), hang=2))
            out += self.contact(channel.find.value, channel.find.uri, channel.find.uncertain,
                                "italic")
        address = office.address if office is not None and channel is not None \
            and channel.kind == "visit" else None
        if address is not None:  # (words, broken at spaces like any text)
            out += self.contact(address.text, address.map_uri, None, whole=False)
        return out

    def contact(self, shown: str, uri: str, uncertain: str | None, style: str = "",
                whole: bool = True) -> list[Block]:
        """A contact as one block that is never broken, linked where the terminal can
        (only printable ASCII may be a link target: it goes to the terminal raw), and what
        is uncertain about it below, broken like any text."""
        link = uri if uri.isascii() and uri.isprintable() else None
        out = [Block(Text(safe(shown), style=style, link=link), whole=whole)]
        if uncertain:
            out.append(Block(Text(f"({safe(data_text(uncertain, self.lang, self.words))})",
                                  style="dim"), indent=2, hang=2))
        return out

    def state_cell(self, a: ChannelAnswer, instant: datetime, appointment: bool = False
                   ) -> list[Block]:
        """`● bis 11:00`, with the comment and (optionally) the appointment rule below."""
        mark, style = MARK[a.status.state]
        text = Text(f"{mark} ", style=style)
        text.append(describe_state(a, instant, self.lang, self._),
                    style="" if a.status.state is State.OPEN else style)
        details = [state_detail(a, self._, self.words),
                   coming_comment(a, instant, self.lang, self._, self.words)]
        if appointment and a.status.state is not State.APPOINTMENT:
            details.append(appointment_name(a.channel.appointment, self.lang) or None)
        details += booking_texts(a, instant, self.lang, self._)
        assumed = assumption_text(a.channel, self.lang)
        return [Block(text, hang=2), *(Block(Text(d, style="dim"), indent=2, hang=2)
                                       for d in details if d),
                *([Block(Text(assumed, style="italic dim"), indent=2, hang=2)]
                  if assumed else [])]

    def notes(self, notes: tuple[Note, ...], day: date) -> list[Block]:
        out = []
        for n in notes:
            text = Text()
            v = n.validity
            active = v.covers(day)
            prefix = []
            if v.valid_from:
                prefix.append(self._("from {date}", date=fmt_date(v.valid_from, self.lang)))
            if v.valid_until:
                prefix.append(self._("until {date}", date=fmt_date(v.valid_until, self.lang)))
            if prefix:
                text.append(" ".join(prefix) + ": ", style="bold" if active else "dim")
            text.append(safe(data_text(n.text, self.lang, self.words)),
                        style="" if active else "dim")
            out.append(Block(text))
        return out

    def say(self, text: Text, indent: int = 0, hang: int = 0) -> None:
        """TEXT broken at spaces into the terminal's width."""
        self.show(paragraph(text, self.out.width, indent, hang))

    def show(self, lines: list[Text]) -> None:
        """Lines already laid out: drawn as they are, neither broken nor cut again."""
        for line in lines:
            self.out.print(line)

    def footer(self, as_of: date, instant: datetime,
               answers: Iterable[ChannelAnswer] = ()) -> None:
        """The sources the answers rest on, each with its date (else the data's date), and
        a warning for each that is more than a year older than the instant asked about."""
        _ = self._
        sources = sources_of(answers, self.special)
        if not sources:
            self.say(Text(_("Data as of {date}", date=fmt_date(as_of, self.lang)),
                          style="dim"))
            if instant.date() - as_of > STALE_AFTER:
                self.stale(fmt_date(as_of, self.lang), instant)
            return
        for s in sources:
            self.say(Text(_("Source: {source}", source=source_line(s, self.lang, _)),
                          style="dim"), hang=2)
        for s in sources:
            if s.date is not None and stale(s, instant):
                self.stale(fmt_date(s.date, self.lang), instant)

    def stale(self, when: str, instant: datetime) -> None:
        self.say(Text(
            "⚠ " + self._("Warning: the data is from {date}, more than a year before {when}; "
                          "hours may have changed.", date=when,
                          when=fmt_date(instant.date(), self.lang)),
            style="bold yellow"))

    def heading(self, text: str) -> None:
        self.say(Text(text, style="bold"))

