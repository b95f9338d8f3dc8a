"""How a data file's contacts are read: a phone number (and its `tel:` URI), an e-mail
address, a web address, each checked, each reported with its line and column; and how a
channel says where to book an appointment (`book`). Apart from schema.py, the walk of the
whole file, which builds on this."""

from __future__ import annotations

import re

import yaml

from erreichbar.data.model import CHANNEL_KINDS, Booking, Contact
from erreichbar.data.nodereader import NodeReader
from erreichbar.data.yamlnodes import Label
from erreichbar.i18n import N_, Message, _

CONTACT_KINDS = ("phone", "email", "url")
BOOK_KEYS = {"via", "url"}  # how to get an appointment (Builder.booking)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^(https?://)?[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.IGNORECASE)
# control characters (ESC starts terminal escape sequences) and bidi controls
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PHONE_CHARS = re.compile(r"^\+?[0-9][0-9 ()/-]*$")


class ContactReader(NodeReader):
    """The readers of contacts, for schema.Builder."""

    def contacts(self, node: yaml.Node | None) -> tuple[Contact, ...]:
        out = []
        for item in self.items(node, "contacts"):
            f = self.mapping(item, Message(N_("contact")), {*CONTACT_KINDS, "uncertain"})
            if f is None:
                continue
            uncertain = self.text(f.pop("uncertain"), "uncertain") if "uncertain" in f \
                else None
            if len(f) != 1:
                self.err(item, _("a contact has exactly one of phone, email, url"))
                continue
            (kind, vnode), = f.items()
            contact = {"phone": self.phone, "email": self.email, "url": self.url}[kind](
                vnode, kind)
            if contact is not None:
                contact.uncertain = uncertain
                out.append(contact)
        return tuple(out)

    def phone(self, node: yaml.Node, what: Label) -> Contact | None:
        value = self.text(node, what)
        if value is None:
            return None
        uri = phone_uri(value)
        if uri is None:
            self.err(node, _("phone number {value} cannot be right: digits, spaces, '-', '/' "
                             "and a leading '+' only, at least 3 digits", value=repr(value)))
            return None
        return Contact("phone", value, uri)

    def email(self, node: yaml.Node, what: Label) -> Contact | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not _EMAIL.match(value) or _CONTROL.search(value):
            self.err(node, _("e-mail address {value} cannot be right", value=repr(value)))
            return None
        return Contact("email", value, f"mailto:{value}")

    def url(self, node: yaml.Node | None, what: Label) -> Contact | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not _URL.match(value) or _CONTROL.search(value):
            self.err(node, _("URL {value} cannot be right", value=repr(value)))
            return None
        from urllib.parse import quote  # start-up: only for a contact with a web address

        # the link target is plain ASCII whatever the text says (ü in a path, say)
        uri = quote(value if "://" in value else f"https://{value}",
                    safe=":/?#[]@!$&'()*+,;=%~")
        return Contact("url", value, uri)

    def as_list(self, node: yaml.Node) -> yaml.Node:
        """A mapping as the one item of a list, for the readers of lists."""
        if isinstance(node, yaml.MappingNode):
            return yaml.SequenceNode("tag:yaml.org,2002:seq", [node], node.start_mark,
                                     node.end_mark)
        return node

    def booking(self, node: yaml.Node) -> Booking | None:
        f = self.mapping(node, Message(N_("book")), BOOK_KEYS)
        if f is None:
            return None
        via = self.text(f.get("via"), "book: via") if "via" in f else None
        if via is not None and via not in CHANNEL_KINDS:
            self.err(f["via"], _("unknown channel kind {kind}; use one of {kinds}",
                                 kind=repr(via), kinds=", ".join(CHANNEL_KINDS)))
            via = None
        link = self.url(f.get("url"), "book: url") if "url" in f else None
        if via is None and link is None:
            self.err(node, _("book: give 'via' (a channel kind of the office) or 'url'"))
            return None
        return Booking(via, link)


def usable(kind: str, value: str) -> bool:
    """Whether VALUE reads as a contact of KIND (`phone`, `email`, `url`) without an
    error, as a data file would be read: for writers of data files (the importer).

    >>> usable("phone", "+49 30 9026-2032"), usable("email", "info@@example.org")
    (True, False)
    """
    if _CONTROL.search(value):
        return False
    if kind == "phone":
        return phone_uri(value) is not None
    return bool((_EMAIL if kind == "email" else _URL).match(value))


def phone_uri(number: str) -> str | None:
    """`tel:` URI (RFC 3966) for a number as written in Germany: 069 8065-3584 ->
    tel:+496980653584, a global number (section 5.1.4); a number without an area code, such
    as the public service number 115, is dialled as it is anywhere in Germany, a local
    number that RFC 3966 requires to name its context (section 5.1.5):
    tel:115;phone-context=+49."""
    if not _PHONE_CHARS.match(number):
        return None
    digits = re.sub(r"[^0-9]", "", number)
    if len(digits) < 3:
        return None
    if number.startswith("+"):
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0"):
        return f"tel:+49{digits[1:]}"
    return f"tel:{digits};phone-context=+49"

