"""The schema of a data file: its node tree, read literally, into model objects.

Every problem is reported with its line and column and the walk goes on where it can, so
a clerk sees every mistake of a file at once. Imported only when a file is read from
YAML (a cached dataset does not need it, nor PyYAML). How a value of a kind is read (a
mapping with known keys, a text, a date) is nodereader.NodeReader's, how a contact is read
contacts.ContactReader's, how the file's head and its sources are read header.py's; what is
left here is one method per part of a data file.
"""

from __future__ import annotations

import yaml

from erreichbar.data.assumed import AssumedReader
from erreichbar.data.contacts import phone_uri  # noqa: F401 - phone_uri re-exported
from erreichbar.data.header import FileData as FileData
from erreichbar.data.model import (
    APPOINTMENT_RULES,
    CHANNEL_KINDS,
    TERM_LANGUAGES,
    Address,
    Channel,
    Elsewhere,
    Line,
    Note,
    Office,
    Planned,
    Schedule,
    Unit,
    Validity,
)
from erreichbar.data.nodereader import is_null, kind_name
from erreichbar.data.yamlnodes import Label
from erreichbar.errors import HoursError, Report
from erreichbar.hours import reader as hours_mod
from erreichbar.i18n import N_, Message, _

TOP_KEYS = {"as_of", "timezone", "region", "sources", "lines", "offices", "planned",
            "elsewhere", "school_holidays", "assumptions", "special_days", "translations"}
OFFICE_KEYS = {"id", "name", "aliases", "services", "terms", "source", "units", "channels",
               "notes", "address", "special_days"}
ADDRESS_KEYS = {"street", "postcode", "city", "source"}
ELSEWHERE_KEYS = {"name", "terms", "see"}
UNIT_KEYS = {"id", "name", "description"}
CHANNEL_KEYS = {"kind", "unit", "hours", "via", "contacts", "appointment", "notes",
                "valid_from", "valid_until", "source", "find_contact", "book", "assumption"}
LINE_KEYS = {"id", "name", "hours", "contacts", "notes", "source"}
NOTE_KEYS = {"text", "valid_from", "valid_until"}
PLANNED_KEYS = {"text", "offices", "source"}


class Builder(AssumedReader):
    """Walks one file's node tree into model objects, reporting every problem it meets."""

    def __init__(self, path: str, report: Report, text: str = "",
                 inherited_lines: dict[str, Line] | None = None) -> None:
        super().__init__(path, report, text)
        self.data = FileData(path)
        self.inherited_lines = inherited_lines or {}
        self.hours_warnings: dict[str, list[str]] = {}  # per hours text, in this run's language

    def validity(self, fields: dict[str, yaml.Node], what: Label) -> Validity:
        start = (self.date(fields["valid_from"], f"{what}: valid_from")
                 if "valid_from" in fields else None)
        end = (self.date(fields["valid_until"], f"{what}: valid_until")
               if "valid_until" in fields else None)
        if start and end and start > end:
            self.err(fields["valid_from"], _("{what}: valid_from {start} is after valid_until "
                                             "{end}", what=what, start=start, end=end))
        return Validity(start, end)

    def file(self, root: yaml.Node) -> FileData:
        top = self.mapping(root, Message(N_("the data file")), TOP_KEYS)
        if top is None:
            return self.data
        self._read_header(top)
        self._read_sources(top)
        self._read_assumed(top)
        if top.get("school_holidays") is not None:
            self.data.school_holidays = self.school_holidays(top["school_holidays"])
        self._read_lines(top)
        if "offices" not in top:
            self.err(root, _("no 'offices' in this file"))
        seen = self._read_offices(top)
        for node in self.items(top.get("planned"), "planned"):
            self.planned(node, seen)
        for node in self.items(top.get("elsewhere"), "elsewhere"):
            self.elsewhere(node)
        return self.data

    def _read_lines(self, top: dict[str, yaml.Node]) -> None:
        for node in self.items(top.get("lines"), "lines"):
            line = self.line(node)
            if line is not None:
                if line.id in self.data.lines:
                    self.err(node, _("line id {id} is used twice", id=repr(line.id)))
                self.data.lines[line.id] = line

    def _read_offices(self, top: dict[str, yaml.Node]) -> set[str]:
        """The offices, each added to the file's; the ids read."""
        seen: set[str] = set()
        # Each office's nodes are let go as soon as it is built, so a country-sized file's
        # node tree and its model are never held whole at once (the tree is the bigger).
        office_nodes = self.items(top.get("offices"), "offices")
        if isinstance(top.get("offices"), yaml.SequenceNode):
            top["offices"].value = []
        office_nodes.reverse()  # (taken from the end: in the file's order)
        while office_nodes:
            node = office_nodes.pop()
            office = self.office(node)
            if office is not None:
                if office.id in seen:
                    self.err(node, _("office id {id} is used twice in this file",
                                     id=repr(office.id)))
                seen.add(office.id)
                self.data.offices.append(office)
        return seen

    def line(self, node: yaml.Node) -> Line | None:
        f = self.mapping(node, Message(N_("line")), LINE_KEYS, ("id", "name", "hours", "source"))
        if f is None:
            return None
        line_id = self.text(f.get("id"), Message(N_("line id")))
        name = self.text(f.get("name"), Message(N_("line name")))
        sched = self.hours(f.get("hours"))
        sources = (self.source_ref(f.get("source"), Message(N_("line {id}"), id=repr(line_id)))
                   if "source" in f else ())
        contacts = self.contacts(f.get("contacts"))
        notes = self.notes(f.get("notes"))
        if line_id is None or name is None or sched is None or not sources:
            return None
        return Line(line_id, name, sched, contacts, notes, sources[0])

    def office(self, node: yaml.Node) -> Office | None:
        f = self.mapping(node, Message(N_("office")), OFFICE_KEYS,
                         ("id", "name", "channels", "source"))
        if f is None:
            return None
        office_id = self.ident(f.get("id"), Message(N_("office id")))
        what = Message(N_("office {id}"), id=repr(office_id))
        name = self.text(f.get("name"), f"{what}: name")
        sources = self.source_ref(f.get("source"), what) if "source" in f else ()
        units: list[Unit] = []
        unit_nodes: dict[str, yaml.Node] = {}
        for unode in self.items(f.get("units"), f"{what}: units"):
            unit = self.unit(unode, what)
            if unit is not None:
                if unit.id in unit_nodes:
                    self.err(unode, _("{what}: unit id {id} is used twice", what=what,
                                      id=repr(unit.id)))
                unit_nodes[unit.id] = unode
                units.append(unit)
        unit_ids = {u.id for u in units}
        nodes: dict[int, yaml.Node] = {}
        channels = [c for cnode in self.items(f.get("channels"), f"{what}: channels")
                    if (c := self.channel(cnode, office_id or "?", unit_ids)) is not None
                    and nodes.setdefault(id(c), cnode) is cnode]
        special = self.flag(f.get("special_days"), f"{what}: special_days") \
            if "special_days" in f else True
        self.apply_to_office(channels, nodes, special)
        if "channels" in f and not channels and not self.report.errors:
            self.err(f["channels"], _("{what}: no channels", what=what))
        for unit_id, unode in unit_nodes.items():
            if not any(c.unit == unit_id for c in channels):
                self.warn(unode, _("{what}: unit {id} has no channels", what=what,
                                   id=repr(unit_id)))
        if office_id is None or name is None:
            return None
        return Office(
            id=office_id,
            name=name,
            aliases=self.texts(f.get("aliases"), f"{what}: aliases"),
            services=self.texts(f.get("services"), f"{what}: services"),
            sources=sources,
            units=tuple(units),
            channels=tuple(channels),
            notes=self.notes(f.get("notes")),
            origin=self.path,
            as_of=self.data.as_of,
            terms=self.terms(f.get("terms"), what),
            address=self.address(f["address"], what) if "address" in f else None,
            special_days=special,
        )

    def flag(self, node: yaml.Node | None, what: Label) -> bool:
        """true or false, written as such."""
        text = self.text(node, what)
        if text not in ("true", "false"):
            self.err(node, _("{what}: write \"true\" or \"false\"", what=what))
        return text != "false"

    def address(self, node: yaml.Node, what: Label) -> Address | None:
        f = self.mapping(node, Message(N_("{what}: address"), what=what), ADDRESS_KEYS,
                         ("street", "postcode", "city"))
        if f is None:
            return None
        street = self.text(f.get("street"), "street")
        postcode = self.text(f.get("postcode"), "postcode")
        city = self.text(f.get("city"), "city")
        sources = self.source_ref(f.get("source"), "address") if "source" in f else ()
        if street is None or postcode is None or city is None:
            return None
        return Address(street, postcode, city, sources[0] if sources else None)

    def terms(self, node: yaml.Node | None, what: Label) -> tuple[tuple[str, str], ...]:
        """`terms: {de: [...], en: [...]}`: search terms marked by their language."""
        if node is None:
            return ()
        by_lang = self.mapping(node, Message(N_("{what}: terms"), what=what),
                               set(TERM_LANGUAGES))
        return tuple((lang, term) for lang, items in (by_lang or {}).items()
                     for term in self.texts(items, Message(N_("{what}: terms"), what=what)))

    def elsewhere(self, node: yaml.Node) -> None:
        f = self.mapping(node, "elsewhere", ELSEWHERE_KEYS, ("name", "terms"))
        if f is None:
            return
        name = self.text(f.get("name"), "elsewhere: name")
        terms = self.terms(f.get("terms"), "elsewhere")
        see = self.text(f.get("see"), "elsewhere: see") if "see" in f else None
        if name is not None:
            self.data.elsewhere.append(Elsewhere(name, terms, see))

    def unit(self, node: yaml.Node, what: Label) -> Unit | None:
        f = self.mapping(node, Message(N_("{what}: unit"), what=what), UNIT_KEYS, ("id", "name"))
        if f is None:
            return None
        unit_id = self.ident(f.get("id"), Message(N_("unit id")))
        name = self.text(f.get("name"), Message(N_("unit name")))
        description = self.text(f.get("description"), "description") if "description" in f \
            else None
        if unit_id is None or name is None:
            return None
        return Unit(unit_id, name, description)

    def channel(self, node: yaml.Node, office_id: str, unit_ids: set[str]) -> Channel | None:
        f = self.mapping(node, Message(N_("office {id}: channel"), id=repr(office_id)),
                         CHANNEL_KEYS, ("kind",))
        if f is None:
            return None
        kind = self.text(f.get("kind"), "kind")
        if kind is not None and kind not in CHANNEL_KINDS:
            self.err(f["kind"], _("unknown channel kind {kind}; use one of {kinds}",
                                  kind=repr(kind), kinds=", ".join(CHANNEL_KINDS)))
            kind = None
        unit = self.text(f.get("unit"), "unit") if "unit" in f else None
        if unit is not None and unit not in unit_ids:
            if unit_ids:
                self.err(f["unit"], _("unit {unit} is not defined under this office's 'units' "
                                      "({units})", unit=repr(unit),
                                      units=", ".join(sorted(unit_ids))))
            else:
                self.err(f["unit"], _("unit {unit} is not defined under this office's 'units'",
                                      unit=repr(unit)))
        via = None
        sched: Schedule | None = None
        if "via" in f:
            line_id = self.text(f["via"], "via")
            via = self.data.lines.get(line_id or "") or self.inherited_lines.get(line_id or "")
            if line_id is not None and via is None:
                self.err(f["via"], _("line {id} is not defined under 'lines'",
                                     id=repr(line_id)))
            if "hours" in f:
                self.err(f["hours"], _("a channel 'via' a line has the line's hours; remove "
                                       "'hours'"))
            sched = via.hours if via else None
        elif "hours" in f:
            sched = self.hours(f["hours"])
        else:
            self.err(node, _("channel: 'hours' is missing (write \"unknown\" when no times "
                             "are published)"))
        appointment = self.text(f.get("appointment"), "appointment") if "appointment" in f \
            else None
        if appointment is not None and appointment not in APPOINTMENT_RULES:
            self.err(f["appointment"], _("appointment {value}: use one of {rules}",
                                         value=repr(appointment),
                                         rules=", ".join(APPOINTMENT_RULES)))
            appointment = None
        contacts = self.contacts(f.get("contacts"))
        notes = self.notes(f.get("notes"))
        validity = self.validity(f, Message(N_("channel")))
        if kind is None or sched is None:
            return None
        channel = Channel(office_id, unit, kind, sched, contacts, appointment, notes, validity,
                          via)
        self._channel_extras(channel, f)
        self._check_contacts(channel, node)
        return channel

    def _channel_extras(self, channel: Channel, f: dict[str, yaml.Node]) -> None:
        """Where its facts come from, where to find its contact, how to book, what decides
        its hours."""
        if "source" in f:
            sources = self.source_ref(f["source"], "channel")
            channel.source = sources[0] if sources else None
        if "find_contact" in f:
            found = self.contacts(self.as_list(f["find_contact"]))
            channel.find = found[0] if found else None
        if "book" in f:
            channel.book = self.booking(f["book"])
        if "assumption" in f:
            channel.assumption = self.assumption_of(f["assumption"])

    def _check_contacts(self, channel: Channel, node: yaml.Node) -> None:
        """A phone number is no web address; every channel but a visit says how to use it:
        a contact, or where to find one."""
        pages = [c for c in channel.contacts if c.kind == "url"]
        if channel.kind == "phone" and pages:
            self.warn(node, _("a phone channel's contact is a web address: give the page "
                              "as find_contact, and a number as contact"))
            channel.contacts = tuple(c for c in channel.contacts if c.kind != "url")
            channel.find = channel.find or pages[0]  # where to look: never shown as a number
        if channel.kind == "visit" or channel.via is not None:
            return
        if not channel.contacts and channel.find is None:
            self.warn(node, _("{kind} channel of {office} has no contact and no "
                              "find_contact: say where a person finds one",
                              kind=channel.kind, office=repr(channel.target)))

    def hours(self, node: yaml.Node | None) -> Schedule | None:
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            try:
                hours_mod.check_size(node.value)  # (before any reading)
                schedule, warnings = hours_mod.analyse(node.value)
                if schedule.dated is not None and schedule.dated.school:
                    at = node.value.upper().find("SH")  # (where the value asks for them)
                    line, column = self.position_in(node, max(at, 0))
                    self.data.school_asked.append((line, column, node.value))
                if warnings:  # translated here, not in the cached analysis; once per text
                    texts = self.hours_warnings.get(node.value)
                    if texts is None:
                        texts = self.hours_warnings[node.value] = [
                            _("hours {hours}: {problem}", hours=hours_mod.shown(node.value),
                              problem=str(warning)) for warning in warnings]
                    for text in texts:
                        self.warn(node, text)
                return schedule
            except HoursError as exc:
                self.err_at(node, exc.column - 1, _("hours {hours}: {problem}",
                                                    hours=hours_mod.shown(node.value),
                                                    problem=exc.message))
                return None
        self.err(node, _("hours must be text such as \"Mo-Fr 09:00-12:00\", found {found}",
                         found=kind_name(node)))
        return None

    def notes(self, node: yaml.Node | None) -> tuple[Note, ...]:
        out = []
        for item in self.items(node, "notes"):
            if isinstance(item, yaml.ScalarNode):
                text = self.text(item, Message(N_("note")))
                if text is not None:
                    out.append(Note(text))
                continue
            f = self.mapping(item, Message(N_("note")), NOTE_KEYS, ("text",))
            if f is None:
                continue
            text = self.text(f.get("text"), Message(N_("note text")))
            validity = self.validity(f, Message(N_("note")))
            if text is not None:
                out.append(Note(text, validity))
        return tuple(out)

    def planned(self, node: yaml.Node, office_ids: set[str]) -> None:
        f = self.mapping(node, "planned", PLANNED_KEYS, ("text", "offices", "source"))
        if f is None:
            return
        text = self.text(f.get("text"), Message(N_("planned text")))
        offices = self.texts(f.get("offices"), Message(N_("planned offices")))
        item_nodes = f["offices"].value if isinstance(f.get("offices"), yaml.SequenceNode) \
            else [f.get("offices")] * len(offices)
        for oid, item in zip(offices, item_nodes, strict=False):
            if oid not in office_ids:
                self.err(item, _("planned: office {id} is not defined in this file",
                                 id=repr(oid)))
        sources = self.source_ref(f.get("source"), "planned") if "source" in f else ()
        if text is not None and sources:
            self.data.planned.append(Planned(text, offices, sources[0]))

