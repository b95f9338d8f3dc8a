"""The terminal view, drawn with rich. Imported only when stdout is a terminal.

Text from data files never goes through rich's markup parser: it is put into `Text`
objects after `safe()` has turned control characters into visible replacement marks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..i18n import weekday_abbr
from ..model import CHANNEL_KINDS, Contact, Dataset, Note, State
from .text import (
    appointment_name,
    describe_hours,
    describe_state,
    describe_state_long,
    fmt_date,
    fmt_instant,
    fmt_time,
    holiday_closes,
    kind_name,
    safe,
    state_detail,
    state_name,
)

if TYPE_CHECKING:
    from ..answers import ChannelAnswer, CheckAnswer, NextAnswer, OfficeAnswer
    from ..answers_week import WeekAnswer

MARK = {State.OPEN: ("●", "bold green"), State.UNKNOWN: ("?", "bold yellow"),
        State.CLOSED: ("○", "dim")}
STALE_AFTER = timedelta(days=365)


def terms_text(terms: tuple[tuple[str, str], ...]) -> str:
    """Search terms by language: `de: Jobcenter, Bürgergeld; en: job centre`."""
    langs = dict.fromkeys(lang for lang, _ in terms)
    return "; ".join(f"{lang}: " + ", ".join(t for t_lang, t in terms if t_lang == lang)
                     for lang in langs)


class HumanView:
    def __init__(self, console: Console, lang: str, _: Callable[..., str]) -> None:
        self.console = console
        self.lang = lang
        self._ = _

    # --- pieces ---------------------------------------------------------------------

    def contacts(self, contacts: tuple[Contact, ...]) -> Text:
        out = Text()
        for i, c in enumerate(contacts):
            if i:
                out.append("\n")
            # a link target goes to the terminal raw: only printable ASCII may be one
            link = c.uri if c.uri.isascii() and c.uri.isprintable() else None
            out.append(safe(c.value), style=Style(link=link) if link else "")
        return out

    def state_cell(self, a: ChannelAnswer, instant: datetime, appointment: bool = False
                   ) -> Text:
        """`● bis 11:00`, with the comment and (optionally) the appointment rule below."""
        mark, style = MARK[a.status.state]
        text = Text(f"{mark} ", style=style)
        text.append(describe_state(a, instant, self.lang, self._),
                    style="" if a.status.state is State.OPEN else style)
        details = [state_detail(a, self._)]
        if appointment:
            details.append(appointment_name(a.channel.appointment, self.lang) or None)
        for detail in details:
            if detail:
                text.append("\n  " + detail, style="dim")
        return text

    def all_contacts(self, a: ChannelAnswer) -> tuple[Contact, ...]:
        ch = a.channel
        return (*ch.contacts, *(ch.via.contacts if ch.via else ()))

    def notes(self, notes: tuple[Note, ...], day: date) -> Text:
        out = Text()
        for i, n in enumerate(notes):
            if i:
                out.append("\n")
            v = n.validity
            active = v.covers(day)
            prefix = []
            if v.valid_from:
                prefix.append(self._("from {date}", date=fmt_date(v.valid_from, self.lang)))
            if v.valid_until:
                prefix.append(self._("until {date}", date=fmt_date(v.valid_until, self.lang)))
            if prefix:
                out.append(" ".join(prefix) + ": ", style="bold" if active else "dim")
            out.append(safe(n.text), style="" if active else "dim")
        return out

    def footer(self, as_of: date, instant: datetime) -> None:
        _ = self._
        self.console.print(Text(_("Data as of {date}", date=fmt_date(as_of, self.lang)),
                                style="dim"))
        if instant.date() - as_of > STALE_AFTER:
            self.console.print(Text(
                "⚠ " + _("Warning: the data is from {date}, more than a year before {when}; "
                         "hours may have changed.", date=fmt_date(as_of, self.lang),
                         when=fmt_date(instant.date(), self.lang)),
                style="bold yellow"))

    def heading(self, text: str) -> None:
        self.console.print(Text(text, style="bold"))

    # --- commands -------------------------------------------------------------------

    def now(self, answers: list[ChannelAnswer], instant: datetime, dataset: Dataset,
            include_closed: bool) -> None:
        _ = self._
        when = fmt_instant(instant, self.lang)
        self.heading(_("All channels at {when}", when=when) if include_closed
                     else _("Reachable at {when}", when=when))
        holiday = next((a.status.holiday for a in answers if a.status.holiday), None)
        if holiday:
            # otherwise a day with only e-mail and web forms open would go unexplained
            self.console.print(Text(_("{holiday}: a public holiday ({region}); offices are "
                                      "closed unless their hours say otherwise",
                                      holiday=safe(holiday), region=dataset.region),
                                    style="bold magenta"))
        if not answers:
            self.console.print(_("Nothing is reachable at this time."))
        # One table for all kinds, so that the columns line up from group to group.
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(_("Office"), overflow="fold", ratio=4)
        table.add_column(_("State"), overflow="fold", ratio=4)
        table.add_column(_("Contact"), overflow="fold", ratio=3)
        for kind in CHANNEL_KINDS:
            group = [a for a in answers if a.channel.kind == kind]
            if not group:
                continue
            table.add_row("")
            table.add_row(Text(kind_name(kind, self.lang), style="bold cyan"))
            for a in group:
                table.add_row(Text(safe(a.name)), self.state_cell(a, instant, appointment=True),
                              self.contacts(self.all_contacts(a)))
        if answers:
            self.console.print(table)
        self.console.print()
        self.footer(dataset.as_of, instant)

    def next_(self, answers: list[NextAnswer], instant: datetime, title: str,
              as_of: date) -> None:
        _ = self._
        self.heading(f"{safe(title)} – " + _("Next reachable after {when}",
                                              when=fmt_instant(instant, self.lang)))
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column(overflow="fold")
        table.add_column(overflow="fold")
        table.add_column(overflow="fold")
        for n in answers:
            a = n.answer
            label = Text(safe(a.name))
            label.append(f" ({kind_name(a.channel.kind, self.lang)})", style="cyan")
            if n.window is None:
                mark, style = MARK[State.UNKNOWN if a.status.state is State.UNKNOWN
                                   else State.CLOSED]
                what = describe_state_long(a, instant, self.lang, _) \
                    if a.status.state is State.UNKNOWN else _("no open window known")
                table.add_row(label, Text(f"{mark} {what}", style=style),
                              self.contacts(self.all_contacts(a)))
                continue
            w = n.window
            if a.status.state is State.OPEN:
                end = fmt_time(w.end, instant, self.lang, _) if w.end else None
                what = _("open now, until {time}", time=end) if end else _("open now")
                cell = Text(f"● {what}", style="bold green")
            else:
                start = fmt_time(w.start, instant, self.lang, _) if w.start else "?"
                end = f"{w.end:%H:%M}" if w.end else "?"
                if w.start and w.end and w.start.date() != w.end.date():
                    end = fmt_time(w.end, instant, self.lang, _)
                cell = Text("○ " + _("from {start} to {end}", start=start, end=end))
                if a.status.holiday and holiday_closes(a, instant):
                    cell.append("\n  " + _("closed: {holiday}", holiday=a.status.holiday),
                                style="dim")
            table.add_row(label, cell, self.contacts(self.all_contacts(a)))
        self.console.print(table)
        self.console.print()
        self.footer(as_of, instant)

    def office(self, view: OfficeAnswer, instant: datetime, dataset: Dataset) -> None:
        _ = self._
        o = view.target.office
        day = instant.date()
        self.heading(safe(view.target.name))
        meta = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        meta.add_column(style="dim")
        meta.add_column(overflow="fold")
        meta.add_row("id", Text(view.target.id))
        if o.aliases:
            meta.add_row(_("Aliases"), Text(safe(", ".join(o.aliases))))
        if o.services:
            meta.add_row(_("Services"), Text(safe(", ".join(o.services))))
        if o.terms:
            meta.add_row(_("Search terms"), Text(safe(terms_text(o.terms))))
        if o.notes:
            meta.add_row(_("Notes"), self.notes(o.notes, day))
        self.console.print(meta)
        for a in view.channels:
            ch = a.channel
            title = Text(kind_name(ch.kind, self.lang), style="bold cyan")
            unit = a.unit_name
            if unit and view.target.unit is None:
                title.append(f" – {safe(unit)}", style="bold")
            table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 2))
            table.add_column(style="dim", min_width=10)
            table.add_column(overflow="fold")
            hours = Text(describe_hours(ch.hours, self.lang, _))
            if ch.via:
                hours.append("  " + _("via {line}", line=safe(ch.via.name)), style="dim")
            table.add_row(_("Hours"), hours)
            table.add_row(_("State"), self.state_cell(a, instant))
            contacts = self.all_contacts(a)
            if contacts:
                table.add_row(_("Contact"), self.contacts(contacts))
            if ch.appointment:
                table.add_row(_("Appointment"), Text(appointment_name(ch.appointment, self.lang)))
            notes = (*ch.notes, *(ch.via.notes if ch.via else ()))
            if notes:
                table.add_row(_("Notes"), self.notes(notes, day))
            if ch.via:
                s = ch.via.source
                table.add_row(_("Source"), Text(safe(f"{s.publisher}: {s.title}"
                                                      + (f", {safe(s.url)}" if s.url else ""))))
            self.console.print()
            self.console.print(Group(title, table))
        if view.planned:
            self.console.print()
            self.console.print(Text(_("Planned"), style="bold cyan"))
            for p in view.planned:
                self.console.print(Text("  • " + safe(p.text)))
        self.console.print()
        for s in o.sources:
            when = f", {fmt_date(s.date, self.lang)}" if s.date else ""
            label = _("Source")
            self.console.print(Text(f"{label}: {safe(s.publisher)}: „{safe(s.title)}“{when}"
                                    + (f", {safe(s.url)}" if s.url else ""), style="dim"))
        self.footer(o.as_of or dataset.as_of, instant)

    def check(self, result: CheckAnswer, instant: datetime) -> None:
        _ = self._
        best = result.best
        state = {0: State.OPEN, 1: State.CLOSED, 3: State.UNKNOWN}[int(result.exit)]
        mark, style = MARK[state]
        if best is None:
            self.console.print(Text(f"{mark} {state_name(state, self.lang)}: "
                                    f"{safe(result.target.name)}", style=style))
            return
        line = Text(f"{mark} ", style=style)
        line.append(f"{safe(best.name)} ({kind_name(best.channel.kind, self.lang)})",
                    style="bold")
        line.append(" – " + describe_state_long(best, instant, self.lang, _), style=style)
        self.console.print(line)

    def week(self, answer: WeekAnswer, as_of: date) -> None:
        from .week import render

        for line in render(answer, self.lang, self.console.width, self._):
            # the picture is cropped to the terminal; a line of words (no_wrap=False) wraps
            wraps = line.no_wrap is False
            self.console.print(line, no_wrap=not wraps, overflow="fold" if wraps else "crop")
        self.console.print()
        self.footer(as_of, answer.instant)

    def holidays(self, days: dict[date, str], region: str) -> None:
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), show_header=False,
                      title=self._("Public holidays ({region})", region=region),
                      title_justify="left", title_style="bold")
        table.add_column(no_wrap=True)
        table.add_column()
        for day, name in sorted(days.items()):
            table.add_row(f"{weekday_abbr(day.weekday(), self.lang)} "
                          f"{fmt_date(day, self.lang)}", Text(safe(name)))
        self.console.print(table)

    def listing(self, dataset: Dataset) -> None:
        _ = self._
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
        table.add_column("id", no_wrap=True)
        table.add_column(_("Name"), overflow="fold")
        table.add_column(_("Channels"), overflow="fold")
        multi = len(dataset.files) > 1
        if multi:
            table.add_column(_("File"), overflow="fold")
        for o in dataset.offices:
            kinds = ", ".join(kind_name(k, self.lang) for k in CHANNEL_KINDS
                              if any(c.kind == k for c in o.channels))
            name = Text(safe(o.name))
            # under the name, its search terms in the language of the view (`office`, the
            # pipe and --json show all)
            terms = ", ".join(t for lang, t in o.terms if lang == self.lang)
            if terms:
                name.append("\n" + safe(terms), style="dim")
            table.add_row(Text(o.id, style="bold"), name, kinds,
                          *([Text(safe(o.origin))] if multi else []))
            for u in o.units:
                kinds = ", ".join(kind_name(k, self.lang) for k in CHANNEL_KINDS
                                  if any(c.kind == k for c in o.channels_of(u.id)))
                table.add_row(Text(f"{o.id}/{u.id}"), Text("  " + safe(u.name)), kinds,
                              *([Text("")] if multi else []))
        self.console.print(table)
