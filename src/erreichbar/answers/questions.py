"""The questions the commands ask, answered as plain result objects for every renderer.

One result, several views: the terminal table, the plain lines for pipes and `--json`
all read these objects, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from erreichbar.answers.now import (  # noqa: F401 - part of the answers
    NowRows,
    by_appointment,
    listed_now,
    now_rows,
)
from erreichbar.calendar.civil import Calendar
from erreichbar.data.model import (
    CHANNEL_KINDS,
    Channel,
    Contact,
    Dataset,
    Note,
    Office,
    Planned,
    SpecialDay,
    State,
)
from erreichbar.errors import Exit
from erreichbar.hours import engine

if TYPE_CHECKING:
    from erreichbar.answers.lookup import Target

# e-mail and online forms are always there; counting them would make every answer "reachable"
DEFAULT_REACH_KINDS = ("phone", "visit")


@dataclass(slots=True)
class ChannelAnswer:
    office: Office
    channel: Channel
    status: engine.Status
    notes: tuple[Note, ...]  # those in force on the day asked about
    # for a visit only by appointment: the channels of the office through which one is
    # made (Booking.via), each answered at the same instant
    booking: tuple[ChannelAnswer, ...] = ()

    @property
    def unit_name(self) -> str | None:
        unit = self.office.unit(self.channel.unit) if self.channel.unit else None
        return unit.name if unit else None

    @property
    def name(self) -> str:
        return channel_name(self.office, self.channel)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The channel's own contacts, then those of the line it is reached through."""
        ch = self.channel
        return (*ch.contacts, *(ch.via.contacts if ch.via else ()))


def channel_name(office: Office, channel: Channel) -> str:
    """`Kommunales Jobcenter MainArbeit – Telefonzentrale`, or the office's name alone."""
    unit = office.unit(channel.unit) if channel.unit else None
    return f"{office.name} – {unit.name}" if unit else office.name


@dataclass(slots=True)
class NextAnswer:
    answer: ChannelAnswer
    window: engine.Window | None  # None: no open window known (hours unknown or none ahead)


@dataclass(slots=True)
class OfficeAnswer:
    target: Target
    channels: tuple[ChannelAnswer, ...]
    planned: tuple[Planned, ...]
    notes: tuple[Note, ...]
    special_days: tuple[SpecialDay, ...] = ()  # the days its staffed channels are unknown


@dataclass(slots=True)
class CheckAnswer:
    target: Target
    exit: Exit
    best: ChannelAnswer | None  # the channel the verdict rests on


def answer(dataset: Dataset, cal: Calendar, office: Office, channel: Channel,
           instant: datetime) -> ChannelAnswer:
    """The answer for one channel: a visit only by appointment is `appointment` while its
    hours are open or unknown, with the answers of the channels its appointment is made
    through."""
    st = engine.channel_status(channel, cal, instant)
    day = cal.local(instant).date()
    if not channel.needs_appointment:
        return ChannelAnswer(office, channel, st, _in_force(channel.notes, day))
    return ChannelAnswer(office, channel,
                         by_appointment(st, channel.hours, channel.validity, cal),
                         _in_force(channel.notes, day),
                         _booking(dataset, cal, office, channel, instant))


def _booking(dataset: Dataset, cal: Calendar, office: Office, channel: Channel,
             instant: datetime) -> tuple[ChannelAnswer, ...]:
    """The channels of the office (of the visit's unit, else the office's own) that the
    visit's appointment is made through, answered at INSTANT."""
    book = channel.book
    if book is None or book.via is None:
        return ()
    of_kind = [c for c in office.channels if c.kind == book.via]
    through = [c for c in of_kind if c.unit == channel.unit] \
        or [c for c in of_kind if c.unit is None] or of_kind
    return tuple(answer(dataset, cal, office, c, instant) for c in through)


def _in_force(notes: tuple[Note, ...], day: date) -> tuple[Note, ...]:
    return tuple(n for n in notes if n.validity.covers(day))


def kind_order(channel: Channel) -> int:
    return CHANNEL_KINDS.index(channel.kind)


@dataclass(slots=True)
class NowAnswer:
    """now() for the terminal and the pipe: the rows listed, and the closed channels of the
    kinds asked about that were left out, soonest next opening first (those with none
    known last): when each of them is next reachable."""

    rows: list[ChannelAnswer]
    left_out: list[ChannelAnswer]


def now(dataset: Dataset, cal: Calendar, instant: datetime, kinds: tuple[str, ...] | None = None,
        include_closed: bool = False) -> NowAnswer:
    """now_rows() with each row's office, channel and the notes in force that day, and the
    channels it left out with the statuses it found for them (no second walk)."""
    from erreichbar.data.now_table import from_dataset  # start-up: only now in a terminal or a pipe

    rows = [(office, channel) for office in dataset.offices for channel in office.channels]
    result = now_rows(from_dataset(dataset), cal, instant, kinds, include_closed)
    day = cal.local(instant).date()

    def made(i: int, status: engine.Status) -> ChannelAnswer:
        office, channel = rows[i]
        booking = _booking(dataset, cal, office, channel, instant) \
            if channel.needs_appointment else ()
        return ChannelAnswer(office, channel, status, _in_force(channel.notes, day), booking)

    shown = set(result.listed)
    left = [i for i, (_office, channel) in enumerate(rows)
            if i not in shown and (not kinds or channel.kind in kinds)]
    far = datetime.max.replace(tzinfo=instant.tzinfo)

    def opens(i: int) -> datetime:
        window = result.every[i].next_open
        return window.start if window and window.start else far

    left.sort(key=opens)  # stable: data order among those opening at the same time
    return NowAnswer([made(i, status) for i, status in zip(result.listed, result.statuses,
                                                            strict=True)],
                     [made(i, result.every[i]) for i in left])


def channels_of(target: Target, kinds: tuple[str, ...] | None) -> list[Channel]:
    return [c for c in target.office.channels_of(target.unit) if not kinds or c.kind in kinds]


def next_reachable(dataset: Dataset, cal: Calendar, target: Target, instant: datetime,
                   kinds: tuple[str, ...] | None = None) -> list[NextAnswer]:
    """For each channel, the first open window that ends after `instant`, soonest first;
    channels with no such window (unknown hours, nothing ahead) last."""
    kinds = kinds or DEFAULT_REACH_KINDS
    out = []
    for channel in channels_of(target, kinds):
        ans = answer(dataset, cal, target.office, channel, instant)
        out.append(NextAnswer(ans, ans.status.next_window))
    far = datetime.max.replace(tzinfo=instant.tzinfo)
    out.sort(key=lambda n: (n.window is None,
                            (n.window.start or instant) if n.window else far))
    return out


def office_view(dataset: Dataset, cal: Calendar, target: Target, instant: datetime,
                kinds: tuple[str, ...] | None = None) -> OfficeAnswer:
    day = cal.local(instant).date()
    channels = sorted(channels_of(target, kinds), key=kind_order)  # as in `now`
    answers = tuple(answer(dataset, cal, target.office, c, instant) for c in channels)
    return OfficeAnswer(target, answers, dataset.planned_for(target.office.id),
                        _in_force(target.office.notes, day),
                        dataset.special_days if target.office.special_days else ())


def check(dataset: Dataset, cal: Calendar, target: Target, instant: datetime,
          kinds: tuple[str, ...] | None = None) -> CheckAnswer:
    """Can a person reach TARGET at INSTANT, by phone or by walking in (or by the channels
    of `kinds`)? Exit 0 if a weighed channel is open; 3 if none is but one could be (its
    hours are unknown at INSTANT); else 1: none can be, at night, on a holiday, or only by
    appointment. The channel the verdict rests on: the open or unknown one, else the one
    that opens soonest (one that needs an appointment only where none other opens)."""
    kinds = kinds or DEFAULT_REACH_KINDS
    answers = [answer(dataset, cal, target.office, c, instant) for c in channels_of(target, kinds)]
    for state, code in ((State.OPEN, Exit.OK), (State.UNKNOWN, Exit.UNKNOWN)):
        hits = [a for a in answers if a.status.state is state]
        if hits:
            return CheckAnswer(target, code, hits[0])
    walk_in = sorted((a for a in answers if a.status.next_open
                      and not a.channel.needs_appointment), key=_opening)
    booked = [a for a in answers if a.status.state is State.APPOINTMENT]
    best = walk_in[0] if walk_in else booked[0] if booked else None
    return CheckAnswer(target, Exit.CLOSED, best)


def _opening(answer: ChannelAnswer) -> datetime:
    """When an answer's next open window starts. Known, though the types cannot say it:
    check() asks only the answers that have one, and the engine gives it its start (only
    the current stretch may start before the search)."""
    window = cast("engine.Window", answer.status.next_open)
    return cast("datetime", window.start)
