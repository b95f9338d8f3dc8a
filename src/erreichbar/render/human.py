"""The terminal view: lines of styled text, laid out to the terminal's width and drawn by
`terminal.py`. Imported only when stdout is a terminal.

Text from data files is never read as markup: it is put into `Text` objects after `safe()`
has turned control characters into visible replacement marks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from erreichbar.data.model import Channel, Dataset
from erreichbar.hours.values import CHANNEL_KINDS, State
from erreichbar.i18n import weekday_abbr
from erreichbar.render.layout import Block, Grid
from erreichbar.render.pieces import MARK, NBSP, Pieces
from erreichbar.render.reach import (
    data_text,
    special_day_lines,
    special_day_rules,
)
from erreichbar.render.styled import Text
from erreichbar.render.text import (
    appointment_name,
    describe_hours,
    describe_state_long,
    fmt_date,
    fmt_day_time,
    fmt_instant,
    fmt_time,
    holiday_closes,
    kind_name,
    safe,
    state_name,
)

if TYPE_CHECKING:
    from erreichbar.answers.questions import (
        ChannelAnswer,
        CheckAnswer,
        NextAnswer,
        NowAnswer,
        OfficeAnswer,
    )
    from erreichbar.answers.week import WeekAnswer



def terms_text(terms: tuple[tuple[str, str], ...]) -> str:
    """Search terms by language: `de: Jobcenter, Bürgergeld; en: job centre`."""
    langs = dict.fromkeys(lang for lang, _ in terms)
    return "; ".join(f"{lang}: " + ", ".join(t for t_lang, t in terms if t_lang == lang)
                     for lang in langs)


class HumanView(Pieces):
    # --- commands -------------------------------------------------------------------

    def now(self, answer: NowAnswer, instant: datetime, dataset: Dataset,
            include_closed: bool) -> None:
        _ = self._
        answers = answer.rows
        when = fmt_instant(instant, self.lang)
        self.heading(_("All channels at {when}", when=when) if include_closed
                     else _("Reachable at {when}", when=when))
        holiday = next((a.status.holiday for a in answers if a.status.holiday), None)
        if holiday:
            # otherwise a day with only e-mail and web forms open would go unexplained
            self.say(Text(_("{holiday}: a public holiday ({region}); offices are "
                            "closed unless their hours say otherwise",
                            holiday=safe(holiday), region=dataset.region),
                          style="bold magenta"))
        if not answers:
            self.say(Text(_("Nothing is reachable at this time.")))
        # One grid for all kinds, so that the columns line up from group to group.
        rows = {id(a): [[Block(Text(safe(a.name)))],
                        self.state_cell(a, instant, appointment=True),
                        self.contacts(a.contacts, a.channel, a.office)] for a in answers}
        grid = Grid(list(rows.values()), self.out.width, spill=True)
        for kind in CHANNEL_KINDS:
            group = [a for a in answers if a.channel.kind == kind]
            if not group:
                continue
            self.out.print()
            self.say(Text(kind_name(kind, self.lang), style="bold cyan"))
            for a in group:
                self.show(grid.lines(rows[id(a)]))
        later = [line for kind in CHANNEL_KINDS for line in self.night(answer, kind, instant)]
        if later:
            self.out.print()
            for line in later:
                self.say(line, hang=2)
        self.out.print()
        self.special = dataset.special_days
        # the rows, and the channels the night line names with their times
        self.footer(dataset.as_of, instant, [*answers, *self.named_later(answer)])

    def named_later(self, answer: NowAnswer) -> list[ChannelAnswer]:
        """The channels left out that the night line names (those with an opening)."""
        return [a for a in answer.left_out if a.status.next_open and a.status.next_open.start]

    def night(self, answer: NowAnswer, kind: str, instant: datetime) -> list[Text]:
        """When the channels of KIND left out (closed now) are next reachable, soonest
        first: `Telefon: jetzt nicht erreichbar. Als Nächstes: Sozialamt Mi 09:00 · …`."""
        _ = self._
        left = [a for a in answer.left_out if a.channel.kind == kind]
        if not left:
            return []
        # a no-break space keeps the day with its time when the line is broken
        opening = [f"{safe(a.name)} "
                   + fmt_day_time(a.status.next_open.start, instant, self.lang).replace(" ", NBSP)
                   for a in left if a.status.next_open and a.status.next_open.start]
        name = kind_name(kind, self.lang)
        some_open = any(a.status.state is State.OPEN for a in answer.rows
                        if a.channel.kind == kind)
        if some_open and not opening:
            return []
        text = Text()
        if some_open:
            text.append(_("{kind}, the others: closed now.", kind=name), style="bold")
        else:
            text.append(_("{kind}: not reachable now.", kind=name), style="bold")
        if opening:
            text.append(" " + _("Next: {offices}", offices=" · ".join(opening)))
        return [text]

    def next_(self, answers: list[NextAnswer], instant: datetime, title: str,
              as_of: date) -> None:
        _ = self._
        self.heading(f"{safe(title)} – " + _("Next reachable after {when}",
                                              when=fmt_instant(instant, self.lang)))
        rows = []
        for n in answers:
            a = n.answer
            label = Text(safe(a.name))
            label.append(f" ({kind_name(a.channel.kind, self.lang)})", style="cyan")
            rows.append([[Block(label)], self.next_cell(n, instant),
                         self.contacts(a.contacts, a.channel, a.office)])
        grid = Grid(rows, self.out.width, spill=True)
        for row in rows:
            self.show(grid.lines(row))
        self.out.print()
        self.footer(as_of, instant, [n.answer for n in answers])

    def next_cell(self, n: NextAnswer, instant: datetime) -> list[Block]:
        _ = self._
        a = n.answer
        if n.window is None:
            mark, style = MARK[State.UNKNOWN if a.status.state is State.UNKNOWN
                               else State.CLOSED]
            what = describe_state_long(a, instant, self.lang, _, self.words) \
                if a.status.state is State.UNKNOWN else _("no open window known")
            return [Block(Text(f"{mark} {what}", style=style), hang=2)]
        w = n.window
        if a.status.state is State.OPEN:
            end = fmt_time(w.end, instant, self.lang, _) if w.end else None
            what = _("open now, until {time}", time=end) if end else _("open now")
            return [Block(Text(f"● {what}", style="bold green"), hang=2)]
        start = fmt_time(w.start, instant, self.lang, _) if w.start else "?"
        end = f"{w.end:%H:%M}" if w.end else "?"
        if w.start and w.end and w.start.date() != w.end.date():
            end = fmt_time(w.end, instant, self.lang, _)
        cell = [Block(Text("○ " + _("from {start} to {end}", start=start, end=end)), hang=2)]
        if a.status.holiday and holiday_closes(a, instant):
            cell.append(Block(Text(_("closed: {holiday}", holiday=a.status.holiday),
                                   style="dim"), indent=2, hang=2))
        return cell

    def office(self, view: OfficeAnswer, instant: datetime, dataset: Dataset) -> None:
        _ = self._
        o = view.target.office
        day = instant.date()
        width = self.out.width
        self.heading(safe(view.target.name))
        unit = o.unit(view.target.unit) if view.target.unit else None
        if unit and unit.description:  # what the unit does, under its name
            self.say(Text(safe(data_text(unit.description, self.lang, self.words)),
                          style="italic"))
        meta = [[[Block(Text("id", style="dim"))], [Block(Text(view.target.id))]]]
        if o.aliases:
            meta.append([[Block(Text(_("Aliases"), style="dim"))],
                         [Block(Text(safe(", ".join(o.aliases))))]])
        if o.services:
            meta.append([[Block(Text(_("Services"), style="dim"))],
                         [Block(Text(safe(", ".join(o.services))))]])
        if o.terms:
            meta.append([[Block(Text(_("Search terms"), style="dim"))],
                         [Block(Text(safe(terms_text(o.terms))))]])
        if o.notes:
            meta.append([[Block(Text(_("Notes"), style="dim"))], self.notes(o.notes, day)])
        grid = Grid(meta, width, stack_below=0)
        for row in meta:
            self.show(grid.lines(row))
        channels = [(a, self.channel_rows(a, view, instant, day)) for a in view.channels]
        # one grid for every channel, so that their values line up
        grid = Grid([r for _a, rows in channels for r in rows], width, margin=2,
                    stack_below=0, spill=True)
        for a, rows in channels:
            title = Text(kind_name(a.channel.kind, self.lang), style="bold cyan")
            unit_name = a.unit_name
            if unit_name and view.target.unit is None:
                title.append(f" – {safe(unit_name)}", style="bold")
            self.out.print()
            self.say(title)
            # under the unit's name in the title, what the unit does (if the data says)
            ch = a.channel
            described = o.unit(ch.unit) if ch.unit and view.target.unit is None else None
            if described and described.description:
                self.say(Text(safe(data_text(described.description, self.lang, self.words)),
                              style="italic"))
            for row in rows:
                self.show(grid.lines(row))
        if view.planned:
            self.out.print()
            self.say(Text(_("Planned"), style="bold cyan"))
            for p in view.planned:
                self.say(Text("• " + safe(data_text(p.text, self.lang, self.words))),
                         indent=2, hang=4)
        self.out.print()
        self.special = view.special_days
        self.footer(o.as_of or dataset.as_of, instant, view.channels)

    def channel_rows(self, a: ChannelAnswer, view: OfficeAnswer, instant: datetime,
                     day: date) -> list[list[list[Block]]]:
        """A channel in the office view: a label and its value per row."""
        _ = self._
        ch = a.channel

        def row(label: str, value: list[Block]) -> list[list[Block]]:
            return [[Block(Text(label, style="dim"))], value]

        special = view.special_days
        hours = Text(describe_hours(ch.hours, self.lang, _, special_day_rules(special),
                                    self.words))
        for line in special_day_lines(ch, special, self.lang, _, self.words):
            hours.append(" · " + line)
        if ch.via:
            hours.append("  " + _("via {line}", line=safe(ch.via.name)), style="dim")
        rows = [row(_("Hours"), [Block(hours)]), row(_("State"), self.state_cell(a, instant))]
        if a.contacts or ch.find or (ch.kind == "visit" and a.office.address):
            rows.append(row(_("Contact"), self.contacts(a.contacts, ch, a.office)))
        if ch.appointment:
            rows.append(row(_("Appointment"),
                            [Block(Text(appointment_name(ch.appointment, self.lang)))]))
        notes = (*ch.notes, *(ch.via.notes if ch.via else ()))
        if notes:
            rows.append(row(_("Notes"), self.notes(notes, day)))
        if ch.via:
            s = ch.via.source
            source = [Block(Text(safe(f"{s.publisher}: {s.title}") + ("," if s.url else "")))]
            if s.url:
                source.append(Block(Text(safe(s.url)), whole=True))
            rows.append(row(_("Source"), source))
        return rows

    def check(self, result: CheckAnswer, instant: datetime) -> None:
        _ = self._
        best = result.best
        state = {0: State.OPEN, 1: State.CLOSED, 3: State.UNKNOWN}[int(result.exit)]
        mark, style = MARK[state]
        if best is None:
            self.say(Text(f"{mark} {state_name(state, self.lang)}: "
                          f"{safe(result.target.name)}", style=style))
            return
        line = Text(f"{mark} ", style=style)
        line.append(f"{safe(best.name)} ({kind_name(best.channel.kind, self.lang)})",
                    style="bold")
        line.append(" – " + describe_state_long(best, instant, self.lang, _, self.words),
                    style=style)
        self.say(line)

    def week(self, answer: WeekAnswer, as_of: date) -> None:
        from erreichbar.render.week import render  # start-up: only the week view

        for line in render(answer, self.lang, self.out.width, self._):
            if line.no_wrap is False:  # a line of words, broken at spaces like any other
                self.say(line)
            else:  # the picture, cut at the terminal's edge
                self.out.print(line, crop=True)
        self.out.print()
        self.footer(as_of, answer.instant)

    def holidays(self, days: dict[date, str], region: str) -> None:
        self.heading(self._("Public holidays ({region})", region=region))
        rows = [[[Block(Text(f"{weekday_abbr(day.weekday(), self.lang)} "
                             f"{fmt_date(day, self.lang)}"), whole=True)],
                 [Block(Text(safe(name)))]] for day, name in sorted(days.items())]
        grid = Grid(rows, self.out.width, stack_below=0)
        for row in rows:
            self.show(grid.lines(row))

    def listing(self, dataset: Dataset) -> None:
        """Offices and units, each with its name, search terms, channels (and file, where
        several are layered) under one another beside its id: laid out as `now` is, broken
        only at spaces, an id never (it is what `office ID` takes)."""
        _ = self._
        multi = len(dataset.files) > 1

        def about(name: str, indent: int, channels: tuple[Channel, ...], terms: str, origin: str
                  ) -> list[Block]:
            kinds = ", ".join(kind_name(k, self.lang) for k in CHANNEL_KINDS
                              if any(c.kind == k for c in channels))
            cell = [Block(Text(safe(name)), indent, indent)]
            if terms:  # its search terms in the language of the view (`office` shows all)
                cell.append(Block(Text(safe(terms), style="dim"), indent, indent))
            cell.append(Block(Text(_("Channels") + ": " + kinds, style="cyan"), indent,
                              indent + 2))
            if multi and origin:
                cell.append(Block(Text(safe(origin), style="dim"), indent, whole=True))
            return cell

        rows: list[list[list[Block]]] = []
        for o in dataset.offices:
            terms = ", ".join(t for lang, t in o.terms if lang == self.lang)
            rows.append([[Block(Text(o.id, style="bold"), whole=True)],
                         about(o.name, 0, o.channels, terms, o.origin)])
            for u in o.units:
                rows.append([[Block(Text(f"{o.id}/{u.id}"), whole=True)],
                             about(u.name, 2, o.channels_of(u.id), "", "")])
        grid = Grid(rows, self.out.width)
        for row in rows:
            self.show(grid.lines(row))
