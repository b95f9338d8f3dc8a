"""What a data file says once for many channels, and how it changes them: the assumptions
that decide hours the texts leave open (`assumptions:`), the days on which offices are not
open though no law closes them (`special_days:`, 24 and 31 December), and the English of
the comments in hours (`translations:`). schema.Builder reads these before the offices and
applies them to each office's channels (apply_to_office).

    assumptions:
      arbeitszeit:                  # unknown inside the office's own visiting hours
        within: "visit"
        text: "..."                 # German, shown wherever it decides an answer
        en: "..."                   # its English, marked as a translation
      buerozeiten:                  # unknown inside these hours, closed outside them
        hours: "Mo-Fr 07:00-18:00"
        text: "..."
    special_days:
      - date: "Dec 24"
        reason: "Heiligabend: ..."
        en: "Christmas Eve: ..."
        source: "tvoed"
"""

from __future__ import annotations

import yaml

from erreichbar.data.header import HeaderReader
from erreichbar.data.model import CHANNEL_KINDS, Assumption, Channel, SpecialDay
from erreichbar.data.nodereader import keys_of
from erreichbar.data.yamlnodes import Label
from erreichbar.errors import HoursError
from erreichbar.hours.compose import inside, unknown_on
from erreichbar.hours.reader import analyse
from erreichbar.hours.values import State
from erreichbar.i18n import N_, Message, _

ASSUMPTION_KEYS = {"within", "hours", "text", "en"}
SPECIAL_DAY_KEYS = {"date", "reason", "en", "source"}
# the kinds of channel that need someone at work at the time: the ones special days change
STAFFED = ("phone", "visit")


class AssumedReader(HeaderReader):
    """Reads `assumptions`, `special_days` and `translations` into `data`, and applies
    them to the channels of an office."""

    def _read_assumed(self, top: dict[str, yaml.Node]) -> None:
        node = top.get("assumptions")
        if node is not None:
            entries = self.mapping(node, "assumptions", set(keys_of(node)))
            for key, item in (entries or {}).items():
                self._assumption(key, item)
        for item in self.items(top.get("special_days"), "special_days"):
            self._special_day(item)
        node = top.get("translations")
        if node is not None:
            pairs = self.mapping(node, "translations", set(keys_of(node)))
            for german, english in (pairs or {}).items():
                text = self.text(english, Message(N_("translation of {text}"),
                                                  text=repr(german)))
                if text is not None:
                    self.data.translations[german] = text

    def _assumption(self, key: str, node: yaml.Node) -> None:
        what = Message(N_("assumption {key}"), key=repr(key))
        f = self.mapping(node, what, ASSUMPTION_KEYS, ("text",))
        if f is None:
            return
        text = self.text(f.get("text"), f"{what}: text")
        en = self.text(f.get("en"), f"{what}: en") if "en" in f else None
        within = self.text(f.get("within"), f"{what}: within") if "within" in f else None
        frame = self.text(f.get("hours"), f"{what}: hours") if "hours" in f else None
        if (within is None) == (frame is None):
            self.err(node, _("{what}: give either 'within' (a channel kind of the same "
                             "office) or 'hours'", what=what))
            return
        if within is not None and within not in CHANNEL_KINDS:
            self.err(f["within"], _("unknown channel kind {kind}; use one of {kinds}",
                                    kind=repr(within), kinds=", ".join(CHANNEL_KINDS)))
            return
        if frame is not None and not self._plain_hours(f["hours"], frame, what):
            return
        if text is not None:
            self.data.assumptions[key] = (Assumption(key, text, en, within, frame), within,
                                          frame)

    def _plain_hours(self, node: yaml.Node, hours: str, what: Label) -> bool:
        try:
            inside(hours, None)
        except HoursError as exc:
            self.err(node, _("{what}: hours {hours}: {problem}", what=what,
                             hours=repr(hours), problem=exc.message))
            return False
        return True

    def _special_day(self, node: yaml.Node) -> None:
        f = self.mapping(node, "special_days", SPECIAL_DAY_KEYS, ("date", "reason"))
        if f is None:
            return
        when = self.text(f.get("date"), "special_days: date")
        reason = self.text(f.get("reason"), "special_days: reason")
        en = self.text(f.get("en"), "special_days: en") if "en" in f else None
        sources = self.source_ref(f.get("source"), "special_days") if "source" in f else ()
        if when is None or reason is None:
            return
        if '"' in reason:
            self.err(f["reason"], _("special_days: a reason holds no '\"' (it becomes the "
                                    "comment of the hours)"))
            return
        try:  # the date as the hours write it: checked by reading a rule made of it
            analyse(f'{when} unknown "{reason}"')
        except HoursError as exc:
            self.err(f["date"], _("special_days: date {date}: {problem}", date=repr(when),
                                  problem=exc.message))
            return
        self.data.special_days.append(SpecialDay(when, reason, en, sources[0] if sources
                                                 else None))
        if en is not None:
            self.data.translations.setdefault(reason, en)

    def assumption_of(self, node: yaml.Node) -> Assumption | None:
        key = self.text(node, "assumption")
        if key is None:
            return None
        found = self.data.assumptions.get(key)
        if found is None:
            self.err(node, _("assumption {key} is not defined under 'assumptions'",
                             key=repr(key)))
            return None
        return found[0]

    def apply_to_office(self, channels: list[Channel], nodes: dict[int, yaml.Node],
                        special_days: bool) -> None:
        """Each channel's hours as its assumption and the special days make them."""
        for channel in channels:
            if channel.assumption is not None:
                self._assume(channel, channels, nodes[id(channel)])
        if not special_days or not self.data.special_days:
            return
        days = [(d.date, d.reason) for d in self.data.special_days]
        for channel in channels:
            if channel.kind in STAFFED and channel.via is None:
                written = channel.hours_written or channel.hours.text
                channel.hours = analyse(unknown_on(channel.hours, days))[0]
                channel.hours_written = written

    def _assume(self, channel: Channel, channels: list[Channel], node: yaml.Node) -> None:
        """Hours that the texts do not publish, inside the assumption's frame."""
        assert channel.assumption is not None  # noqa: S101 - the caller asks only these
        _assumption, within, frame = self.data.assumptions[channel.assumption.id]
        if within is not None:
            frame = next((c.hours.text for c in channels if c.kind == within
                          and c is not channel and c.unit is None), None)
            if frame is None:
                self.err(node, _("assumption {key}: the office has no {kind} channel of its "
                                 "own to work inside", key=repr(channel.assumption.id),
                                 kind=within))
                return
        segments = [s for day in channel.hours.days for s in day]
        if channel.hours.dated is not None or not segments \
                or any(s.state is State.OPEN for s in segments):
            self.err(node, _("a channel with an assumption has no published times: write its "
                             "hours as unknown \"why\""))
            return
        comment = next((s.comment for s in segments if s.state is State.UNKNOWN), None)
        assert frame is not None  # noqa: S101 - one of the two, checked when read
        try:
            written = channel.hours.text
            channel.hours = analyse(inside(frame, comment))[0]
            channel.hours_written = written
        except HoursError as exc:  # the frame of another channel, not plain hours
            self.err(node, _("assumption {key}: {problem}", key=repr(channel.assumption.id),
                             problem=exc.message))
