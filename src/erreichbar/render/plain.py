"""Plain tab-separated lines for pipes: no colour, no header, no truncation, ISO times,
`-` for an empty field. The columns of each command are documented in docs/user-guide.md."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from erreichbar.data.model import Dataset
from erreichbar.render.json_out import iso
from erreichbar.render.text import safe

if TYPE_CHECKING:
    from erreichbar.answers.questions import (
        ChannelAnswer,
        CheckAnswer,
        NextAnswer,
        NowAnswer,
        OfficeAnswer,
    )


def _line(fields: Iterable[str | None]) -> str:
    return "\t".join(safe(f) if f else "-" for f in fields)


def _contacts(a: ChannelAnswer) -> str:
    ch = a.channel
    return ",".join(c.value for c in (*ch.contacts, *(ch.via.contacts if ch.via else ())))


def _row(a: ChannelAnswer) -> list[str | None]:
    st = a.status
    return [a.channel.target, a.channel.kind, st.state.value, iso(st.until),
            iso(st.next_open.start) if st.next_open else None, _contacts(a),
            a.channel.appointment, a.name]


def _facts(a: ChannelAnswer) -> list[str | None]:
    """The columns every row ends with (added after the others: a column is only ever
    added at the end): the date of its source, where to find a contact, how to book an
    appointment (a link, or the kind of channel), the id of the assumption deciding it."""
    ch = a.channel
    src = ch.facts_source(a.office)
    book = ch.book
    booking = None if book is None else book.link.value if book.link else book.via
    return [src.date.isoformat() if src and src.date else None,
            ch.find.value if ch.find else None, booking,
            ch.assumption.id if ch.assumption else None]


def now(answer: NowAnswer) -> str:
    """id, channel, state, until, next_open, contacts, appointment, name, source_date,
    find_contact, booking, assumption (the rows listed; a pipe says nothing of those left
    out)"""
    return "\n".join(_line([*_row(a), *_facts(a)]) for a in answer.rows)


def next_(answers: list[NextAnswer]) -> str:
    """id, channel, state, start, end, name, contacts, source_date, find_contact, booking,
    assumption (added last: a column is only ever added at the end)"""
    return "\n".join(
        _line([n.answer.channel.target, n.answer.channel.kind, n.answer.status.state.value,
               iso(n.window.start) if n.window else None,
               iso(n.window.end) if n.window else None, n.answer.name,
               ",".join(c.value for c in n.answer.contacts), *_facts(n.answer)])
        for n in answers
    )


def office(view: OfficeAnswer) -> str:
    """id, channel, state, until, next_open, contacts, appointment, name, hours,
    source_date, find_contact, booking, assumption"""
    return "\n".join(_line([*_row(a), a.channel.hours.text, *_facts(a)])
                     for a in view.channels)


def check(result: CheckAnswer) -> str:
    """id, state, channel, until, next_open, assumption (the id of what decided it, if an
    assumption did)"""
    best = result.best
    state = {0: "open", 1: "closed", 3: "unknown"}[int(result.exit)]
    return _line([
        best.channel.target if best else result.target.id, state,
        best.channel.kind if best else None,
        iso(best.status.until) if best else None,
        iso(best.status.next_open.start) if best and best.status.next_open else None,
        best.channel.assumption.id if best and best.channel.assumption else None,
    ])


def listing(dataset: Dataset) -> str:
    """id, name, channels, search terms (comma-separated, German and English alike)"""
    lines = []
    for o in dataset.offices:
        lines.append(_line([o.id, o.name, ",".join(sorted({c.kind for c in o.channels})),
                            ",".join(term for _, term in o.terms) or None]))
        for u in o.units:
            kinds = ",".join(sorted({c.kind for c in o.channels_of(u.id)}))
            lines.append(_line([f"{o.id}/{u.id}", u.name, kinds, None]))
    return "\n".join(lines)
