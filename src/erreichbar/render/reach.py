"""How to use a channel, in words: where to find a contact the sources do not give, how to
get the appointment a visit needs, the assumption that decides its hours, and the sources
an answer rests on with their dates. The terminal and the plain lines both say these; the
JSON gives the same facts as keys (json_out.channel_facts).

Texts of the data (an assumption, a reason, a note) are German; where the data gives their
English (`en:`, `translations:`) a view in English shows that, as a translation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from erreichbar.hours.values import State
from erreichbar.i18n import N_
from erreichbar.render.text import fmt_date, fmt_time, kind_name, safe

if TYPE_CHECKING:
    from erreichbar.answers.questions import ChannelAnswer
    from erreichbar.data.model import Channel, Source, SpecialDay

STALE_AFTER = timedelta(days=365)  # facts older than this at the instant asked about


def data_text(text: str, lang: str, words: Mapping[str, str]) -> str:
    """A text of the data in the language shown: in English its translation, where the data
    gives one, else the text as written (a name, a quotation)."""
    return words.get(text, text) if lang == "en" else text


# Where a contact is found: on a page (a link), or by asking (a phone number)
_FIND_ON = {"phone": N_("Number at:"), "email": N_("E-mail address at:"),
            "online": N_("Link at:"), "visit": N_("Address at:")}
_FIND_BY = {"phone": N_("Number via:"), "email": N_("E-mail address via:"),
            "online": N_("Link via:"), "visit": N_("Address via:")}


def find_label(channel: Channel, _: Callable[..., str]) -> str | None:
    """What the channel's `find_contact` tells: `Mailadresse auf:` (a page), `Nummer über:`
    (a number to ask); the contact itself follows it."""
    found = channel.find
    if found is None:
        return None
    return _((_FIND_ON if found.kind == "url" else _FIND_BY)[channel.kind])


def booking_texts(a: ChannelAnswer, instant: datetime, lang: str, _: Callable[..., str]
                  ) -> list[str]:
    """How to get the appointment a visit needs: each channel it is made through, with its
    contacts and when it is next open, and the booking link. Nothing for other channels;
    `not published` where the data knows no way."""
    if not a.channel.needs_appointment:
        return []
    out = []
    for b in a.booking:
        contacts = ", ".join(safe(c.value) for c in b.contacts)
        how = kind_name(b.channel.kind, lang) + (f" {contacts}" if contacts else "")
        out.append(_("Appointment: {how}, {when}", how=how, when=_when(b, instant, lang, _)))
    book = a.channel.book
    if book is not None and book.link is not None:
        out.append(_("Appointment: {link}", link=safe(book.link.value)))
    if not out:
        out.append(_("Appointment: how to get one is not published"))
    return out


def _when(b: ChannelAnswer, instant: datetime, lang: str, _: Callable[..., str]) -> str:
    st = b.status
    if st.state is State.OPEN:
        return _("now")
    if st.next_open and st.next_open.start:
        return _("from {time}", time=fmt_time(st.next_open.start, instant, lang, _))
    return _("times not published")


def assumption_text(channel: Channel, lang: str) -> str | None:
    """The assumption that decides the channel's hours, in the language shown."""
    a = channel.assumption
    if a is None:
        return None
    return safe(a.text_en if lang == "en" and a.text_en else a.text)


def sources_of(answers: Iterable[ChannelAnswer], special: Sequence[SpecialDay] = ()
               ) -> list[Source]:
    """The sources of the answers' facts, each once, in the order first used: a channel's
    own, and a special day's where its reason is what a row says."""
    reasons = {d.reason: d.source for d in special if d.source is not None}
    seen: dict[str, Source] = {}
    for a in answers:
        src = a.channel.facts_source(a.office)
        if src is not None:
            seen.setdefault(src.id, src)
        day_source = reasons.get(a.status.comment or "")
        if day_source is not None:
            seen.setdefault(day_source.id, day_source)
    return list(seen.values())


def source_line(s: Source, lang: str, _: Callable[..., str]) -> str:
    """`Stadt Offenbach: „Telefonische Erreichbarkeit …“, 01.03.2024` (`undated` without),
    and its address where it has one."""
    when = fmt_date(s.date, lang) if s.date else _("undated")
    return f"{safe(s.publisher)}: „{safe(s.title)}“, {when}" + (
        f", {safe(s.url)}" if s.url else "")


def stale(s: Source, instant: datetime) -> bool:
    return s.date is not None and instant.date() - s.date > STALE_AFTER


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def special_day_rules(days: Sequence[SpecialDay]) -> Callable[[str], bool]:
    """Whether a rule by date of some hours is one the special days made (reach.py's lines
    describe those, not the rule's text)."""
    endings = tuple(f'unknown "{d.reason}"' for d in days)
    return lambda text: bool(endings) and text.endswith(endings)


def special_day_lines(channel: Channel, days: Sequence[SpecialDay], lang: str,
                      _: Callable[..., str], words: Mapping[str, str]) -> list[str]:
    """`24.12.: unbekannt – Heiligabend: …` for each special day that changes CHANNEL's
    hours (its staffed hours on that day are unknown)."""
    texts = channel.hours.dated.texts if channel.hours.dated is not None else ()
    made = special_day_rules(days)
    out = []
    for d in days:
        if any(made(text) and text.startswith(d.date) for text in texts):
            out.append(f"{_day(d.date, lang)}: {_('unknown')} – "
                       f"{safe(d.en if lang == 'en' and d.en else d.reason)}")
    return out


def _day(written: str, lang: str) -> str:
    """`Dec 24` as `24.12.` (German) or `24 Dec` (English); other forms as written."""
    month, _sep, day = written.partition(" ")
    if month in _MONTHS and day.isdigit():
        return f"{int(day)}.{_MONTHS.index(month) + 1}." if lang == "de" else f"{int(day)} {month}"
    return safe(written)
