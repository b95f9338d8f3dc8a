"""`--json`: the machine contract. Keys are stable and only ever added; times are ISO 8601
with offset; text from the data is kept intact (JSON escapes it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeAlias

from erreichbar.errors import OTHER_CONTROLS

try:  # the C function json's encoder uses for a string: `now --json` on cached data needs
    # nothing else of json, whose import would cost about a millisecond of every start
    from _json import encode_basestring
except ImportError:  # not CPython
    from json.encoder import encode_basestring

if TYPE_CHECKING:
    from datetime import date, datetime

    from erreichbar.answers.questions import (
        ChannelAnswer,
        CheckAnswer,
        NextAnswer,
        OfficeAnswer,
    )
    from erreichbar.answers.week import WeekAnswer, WeekRow
    from erreichbar.data.model import (
        Address,
        Channel,
        Contact,
        Dataset,
        Note,
        Office,
        Source,
    )
    from erreichbar.hours.engine import Status
    from erreichbar.hours.values import State

    # a status as its line shows it: state, the end of its stretch and the start of the
    # next open window (by identity), comment, the end of the comment, holiday
    _StatusKey: TypeAlias = tuple[State, int, int | None, str | None, datetime | None,
                                  str | None, str | None]


def iso(dt: datetime | None) -> str | None:
    """An instant as the machine forms (JSON, plain lines) give it: ISO 8601, offset
    included. (Here, not in text.py: a cached `now --json` imports nothing of the words.)"""
    return dt.isoformat() if dt is not None else None


# What JSON's encoder writes raw with ensure_ascii=False but a terminal would obey (C1
# controls, DEL, bidi controls): every writer of JSON writes them as \uXXXX escapes, which
# any parser reads back as the same string. Other non-ASCII text stays UTF-8.


def safe_json(text: str) -> str:
    """JSON text (as the encoder wrote it) with the controls it left raw escaped. They can
    stand only inside strings, where the escape is the same character. (ASCII text, the
    most, is let through at the cost of a look at its kind: `now --json` makes thousands.)"""
    if text.isascii() and "\x7f" not in text:
        return text
    return text.translate(_raw_escapes())


@lru_cache(maxsize=1)
def _raw_escapes() -> dict[int, str]:
    """Each control the encoder leaves raw, and its escape: a table for str.translate, which
    a run makes in microseconds where compiling the pattern of them costs a fraction of a
    millisecond, and `now --json` escapes a few texts only."""
    return {c: f"\\u{c:04x}" for c in _codes(OTHER_CONTROLS)}


def _codes(ranges: str) -> list[int]:
    """The code points of a character class's body (`a-z` ranges and single characters)."""
    out: list[int] = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            out += range(ord(ranges[i]), ord(ranges[i + 2]) + 1)
            i += 3
        else:
            out.append(ord(ranges[i]))
            i += 1
    return out


def dumps(value: Any) -> str:
    """An array puts one object per line (greppable, and fast: each line goes through the
    C encoder, which `indent` would bypass); a single object is indented."""
    import json  # start-up: a cached now --json writes kept bytes

    if isinstance(value, list):
        if not value:
            return "[]"
        encode = json.JSONEncoder(ensure_ascii=False).encode
        return safe_json("[\n" + ",\n".join(map(encode, value)) + "\n]")
    return safe_json(json.dumps(value, ensure_ascii=False, indent=2))


def contact(c: Contact) -> dict[str, str | None]:
    return {"kind": c.kind, "value": c.value, "uri": c.uri, "uncertain": c.uncertain}


def note(n: Note) -> dict[str, Any]:
    v = n.validity
    return {
        "text": n.text,
        "valid_from": v.valid_from.isoformat() if v.valid_from else None,
        "valid_until": v.valid_until.isoformat() if v.valid_until else None,
    }


def source(s: Source) -> dict[str, Any]:
    return {"title": s.title, "publisher": s.publisher,
            "date": s.date.isoformat() if s.date else None, "url": s.url, "id": s.id}


def channel_facts(office: Office, channel: Channel) -> dict[str, Any]:
    """The keys every channel's line ends with: where its facts come from (and their date),
    where to find a contact the sources do not give, how to book the appointment it needs,
    and the assumption that decides its hours, if any."""
    src = channel.facts_source(office)
    book = channel.book
    assumed = channel.assumption
    return {
        "source": source(src) if src else None,
        "find_contact": contact(channel.find) if channel.find else None,
        "booking": None if book is None else {
            "via": book.via, "url": contact(book.link) if book.link else None},
        "assumption": None if assumed is None else {
            "id": assumed.id, "text": assumed.text, "en": assumed.text_en},
        # where a visit goes: the office's address, with a link to it on a map
        "address": address(office.address) if office.address and channel.kind == "visit"
        else None,
    }


def address(a: Address) -> dict[str, Any]:
    return {"street": a.street, "postcode": a.postcode, "city": a.city, "map": a.map_uri,
            "source": source(a.source) if a.source else None}


def channel_answer(a: ChannelAnswer) -> dict[str, Any]:
    st = a.status
    ch = a.channel
    return {
        "office": a.office.id,
        "unit": ch.unit,
        "name": a.name,
        "channel": ch.kind,
        "state": st.state.value,
        "until": iso(st.until),
        "next_open": iso(st.next_open.start) if st.next_open else None,
        "contacts": [contact(c) for c in (*ch.contacts, *(ch.via.contacts if ch.via else ()))],
        "appointment": ch.appointment,
        "comment": st.comment,
        "comment_until": iso(st.comment_until),
        "next_comment": st.next_comment,
        "holiday": st.holiday,
        "via": ch.via.id if ch.via else None,
        "origin": a.office.origin,
        **channel_facts(a.office, ch),
    }


# `now --json` puts each line together from parts: the parts of a channel that do not
# change with time are made once (and kept in the store, see now_json.py), the parts of
# a status once per distinct status. The keys and their order are those of
# channel_answer(); a test holds the two together.


def channel_parts(office: Office, channel: Channel) -> tuple[str, str, str]:
    """The time-independent parts of a channel's `now --json` line: the keys before
    "state", those between "next_open" and "comment", and those after "holiday"."""
    import json  # made on a first run only; the parts are kept

    from erreichbar.answers.questions import channel_name  # start-up: made on a first run only

    encode = json.JSONEncoder(ensure_ascii=False).encode
    via = channel.via
    head = encode({"office": office.id, "unit": channel.unit,
                   "name": channel_name(office, channel), "channel": channel.kind})
    mid = encode({"contacts": [contact(c) for c in (*channel.contacts,
                                                    *(via.contacts if via else ()))],
                  "appointment": channel.appointment})
    return safe_json(head[:-1]), safe_json(mid[1:-1]), _tail(office, channel, encode)


# The last part of the channels' lines, by what it is made of: the channels of an office
# (of a file) mostly share one, and a country's first `now --json` would otherwise encode
# the same source and facts a hundred thousand times. The objects are kept with their
# text, so that their ids, the key, stay theirs while they are in it.
_TAILS: dict[tuple[object, ...], tuple[str, tuple[object, ...]]] = {}


def _tail(office: Office, channel: Channel, encode: Callable[[object], str]) -> str:
    made_of = (channel.via, channel.facts_source(office), channel.find, channel.book,
               channel.assumption, office.address if channel.kind == "visit" else None)
    key = (office.origin, *map(id, made_of))
    found = _TAILS.get(key)
    if found is None:
        via = channel.via
        text = encode({"via": via.id if via else None, "origin": office.origin,
                       **channel_facts(office, channel)})
        if len(_TAILS) > 4096:
            _TAILS.clear()
        found = _TAILS[key] = (safe_json(text[1:]), made_of)
    return found[0]


def status_parts(st: Status) -> tuple[str, str]:
    """The parts of a `now --json` line that come from the status at the instant."""
    until = iso(st.until)
    next_open = iso(st.next_open.start) if st.next_open else None
    return (f'"state": {_string(st.state.value)}, "until": {_string(until)}, '
            f'"next_open": {_string(next_open)}',
            f'"comment": {_string(st.comment)}, '
            f'"comment_until": {_string(iso(st.comment_until))}, '
            f'"next_comment": {_string(st.next_comment)}, '
            f'"holiday": {_string(st.holiday)}')


def _string(value: str | None) -> str:
    """A string or null, as the encoder writes it (its C escaping function, called
    directly: a line has five of these), the controls it leaves raw escaped."""
    return "null" if value is None else safe_json(encode_basestring(value))


CHUNK_LINES = 4096  # lines of `now --json` put together and written at a time


def now_chunks(parts: Sequence[tuple[bytes, bytes, bytes]], listed: Sequence[int],
               states: Sequence[tuple[bytes, bytes]]) -> Iterator[bytes]:
    """The `now --json` array as UTF-8, in pieces, from the parts of the listed channels
    (their positions in `parts`) and their statuses' parts. Bytes, because JSON is UTF-8
    whatever the locale, and a country's answer written as text would be encoded again."""
    if not listed:
        yield b"[]"
        return
    # Each piece is put together in one bytearray, line by line: a list of its lines, their
    # join and the join behind the bracket would be three copies of a piece at once (a
    # country's lines are some hundred bytes each), beside the piece being written.
    before = b"[\n"
    for begin in range(0, len(listed), CHUNK_LINES):
        piece = bytearray()
        for n, i in enumerate(listed[begin:begin + CHUNK_LINES], begin):
            head, mid, tail = parts[i]
            first, second = states[n]
            piece += before
            piece += b", ".join((head, first, mid, second, tail))
            before = b",\n"
        yield piece  # type: ignore[misc]  # a bytearray, written as bytes: not copied
        del piece  # (the writer's reference is then the only one: see write_utf8)
    yield b"\n]"


def status_texts(statuses: Sequence[Status]) -> list[tuple[bytes, bytes]]:
    """status_parts() of each status as UTF-8, each distinct one made once (equal statuses
    share their datetimes, which the engine makes once per wall-clock minute)."""
    made: dict[_StatusKey, tuple[bytes, bytes]] = {}
    out = []
    for st in statuses:
        nxt = st.next_open
        key = (st.state, id(st.current.end), id(nxt.start) if nxt else None, st.comment,
               st.comment_until, st.next_comment, st.holiday)
        found = made.get(key)
        if found is None:
            first, second = status_parts(st)
            found = made[key] = (first.encode("utf-8", "surrogateescape"),
                                 second.encode("utf-8", "surrogateescape"))
        out.append(found)
    return out


def next_(answers: list[NextAnswer]) -> str:
    return dumps([
        {
            "office": n.answer.office.id,
            "unit": n.answer.channel.unit,
            "name": n.answer.name,
            "channel": n.answer.channel.kind,
            "state": n.answer.status.state.value,
            "start": iso(n.window.start) if n.window else None,
            "end": iso(n.window.end) if n.window else None,
            "contacts": [contact(c) for c in n.answer.contacts],
            **channel_facts(n.answer.office, n.answer.channel),
        }
        for n in answers
    ])


def office(view: OfficeAnswer, dataset: Dataset) -> str:
    o = view.target.office
    channels = []
    for a in view.channels:
        item = channel_answer(a)
        item["hours"] = a.channel.hours.text
        item["notes"] = [note(n) for n in a.channel.notes]
        item["valid_from"] = (a.channel.validity.valid_from.isoformat()
                              if a.channel.validity.valid_from else None)
        item["valid_until"] = (a.channel.validity.valid_until.isoformat()
                               if a.channel.validity.valid_until else None)
        # what the channel's unit does, as the data says (null: no unit, or none given)
        unit = o.unit(a.channel.unit) if a.channel.unit else None
        item["description"] = unit.description if unit else None
        if a.channel.via:
            item["via_source"] = source(a.channel.via.source)
            item["via_notes"] = [note(n) for n in a.channel.via.notes]
        channels.append(item)
    as_of = o.as_of or dataset.as_of
    return dumps({
        "office": o.id,
        "unit": view.target.unit,
        "name": o.name,
        "aliases": list(o.aliases),
        "services": list(o.services),
        "terms": terms(o.terms),
        "source": source(o.sources[0]) if o.sources else None,
        "sources": [source(s) for s in o.sources],
        "as_of": as_of.isoformat(),
        "origin": o.origin,
        "notes": [note(n) for n in o.notes],
        "channels": channels,
        "planned": [{"text": p.text, "offices": list(p.offices), "source": source(p.source)}
                    for p in view.planned],
        "address": address(o.address) if o.address else None,
    })


def check(result: CheckAnswer) -> str:
    best = result.best
    return dumps({
        "office": result.target.office.id,
        "unit": result.target.unit,
        "state": {0: "open", 1: "closed", 3: "unknown"}[int(result.exit)],
        "exit": int(result.exit),
        "channel": best.channel.kind if best else None,
        "channel_unit": best.channel.unit if best else None,
        "until": iso(best.status.until) if best else None,
        "next_open": iso(best.status.next_open.start) if best and best.status.next_open else None,
        # what the verdict rests on besides the hours: the channel's source, where to find
        # its contact, how to book, the assumption that decided it
        **(channel_facts(best.office, best.channel) if best else
           {"source": None, "find_contact": None, "booking": None, "assumption": None}),
    })


def week(answer: WeekAnswer) -> str:
    days = [answer.first + timedelta(days=n) for n in range(7)]
    return dumps({
        "week": f"{answer.first.isocalendar()[0]}-W{answer.first.isocalendar()[1]:02d}",
        "start": days[0].isoformat(),
        "end": days[-1].isoformat(),
        "holidays": [{"date": d.isoformat(), "name": n}
                     for d, n in sorted(answer.holidays.items())],
        "channels": [week_row(row, days) for row in answer.rows],
        # the seven days shown, each with its date (the first is WHEN's day)
        "days": [{"date": d.isoformat(), "weekday": d.isoweekday()} for d in days],
    })


def week_row(row: WeekRow, days: list[date]) -> dict[str, Any]:
    """One channel of the week: its windows, and the days a rule by date closes."""
    return {
        "office": row.office.id,
        "unit": row.channel.unit,
        "name": row.name,
        "channel": row.channel.kind,
        "windows": [{"start": iso(w.start), "end": iso(w.end), "state": w.state.value,
                     "comment": w.comment,
                     "comments": [{"from": iso(when), "comment": comment}
                                  for when, comment in w.comments]} for w in row.windows],
        "closures": [{"date": d.isoformat(), "reason": reason}
                     for d, reason in zip(days, row.closures, strict=True) if reason],
    }


def terms(pairs: tuple[tuple[str, str], ...]) -> list[dict[str, str]]:
    return [{"lang": lang, "term": term} for lang, term in pairs]


def listing(dataset: Dataset) -> str:
    rows = []
    for o in dataset.offices:
        rows.append({"id": o.id, "office": o.id, "unit": None, "name": o.name,
                     "aliases": list(o.aliases), "services": list(o.services),
                     "channels": sorted({c.kind for c in o.channels}), "origin": o.origin,
                     "terms": terms(o.terms)})
        for u in o.units:
            rows.append({"id": f"{o.id}/{u.id}", "office": o.id, "unit": u.id, "name": u.name,
                         "aliases": [], "services": [],
                         "channels": sorted({c.kind for c in o.channels_of(u.id)}),
                         "origin": o.origin, "terms": []})
    return dumps(rows)


def week_chunks(answer: WeekAnswer) -> Iterator[str]:
    """week() in pieces, each channel's as it is written, so that the week of a country's
    channels is never held whole as text: the same text, which a test holds to week()."""
    from dataclasses import replace  # start-up: only for `week --json`

    days = [answer.first + timedelta(days=n) for n in range(7)]
    # everything but the channels, as week() writes it (JSON escapes a `"` in a string:
    # the key is the one place this text can stand)
    before, _key, after = week(replace(answer, rows=())).partition('"channels": []')
    yield before + '"channels": '
    if not answer.rows:
        yield "[]"
    for n, row in enumerate(answer.rows):
        item = dumps(week_row(row, days))
        # an element of the array at depth two, indented as week()'s indent=2 puts it
        yield ("[\n    " if n == 0 else ",\n    ") + item.replace("\n", "\n    ")
    if answer.rows:
        yield "\n  ]"
    yield after
