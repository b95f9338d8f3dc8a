"""A data file with every `hours` value that is read with a correction (hours/lenient.py)
written in its standard form, and nothing else of the file changed (`validate --fix`).

Each such value's scalar is replaced where it stands in the text, from its first character
to its last (the marks of its YAML node), by the standard value quoted as it was: a plain
scalar stays plain where YAML reads the standard value so, else it is double-quoted; a
quoted one keeps its quotes. Comments, order, indentation and line endings are the text's
own, untouched. A block scalar (`|`, `>`) is left as it is.
"""

from __future__ import annotations

import re

import yaml

from erreichbar.data.files import decode
from erreichbar.data.yamlnodes import compose
from erreichbar.errors import HoursError
from erreichbar.hours.reader import analyse, check_size, standard_value

BOM = "\ufeff"


def fixed(raw: bytes, path: str) -> tuple[str, int]:
    """The text of a file's bytes with its correctable hours values in the standard form,
    and how many were replaced. DataError where the file cannot be read as YAML."""
    text = decode(raw, path)
    bom = BOM if raw.startswith(BOM.encode()) else ""  # (decode drops it)
    root = compose(text, path)
    spans: list[tuple[int, int, str]] = []
    for node, in_flow in _hours_scalars(root, False):
        replacement = _replacement(text, node, in_flow)
        if replacement is not None:
            spans.append((node.start_mark.index, node.end_mark.index, replacement))
    out: list[str] = []
    at = 0
    for start, end, replacement in sorted(spans):
        out += [text[at:start], replacement]
        at = end
    out.append(text[at:])
    return bom + "".join(out), len(spans)


def _hours_scalars(node: yaml.Node, in_flow: bool) -> list[tuple[yaml.ScalarNode, bool]]:
    """The scalars that are the value of an `hours` key, anywhere in the tree, each with
    whether it stands in a flow collection (`{…}`, `[…]`), where `,` ends a plain one."""
    found: list[tuple[yaml.ScalarNode, bool]] = []
    stack: list[tuple[yaml.Node, bool]] = [(node, in_flow)]
    seen: set[int] = set()
    while stack:
        current, flow = stack.pop()
        if id(current) in seen:  # (an alias is the same node again)
            continue
        seen.add(id(current))
        inner = flow or bool(getattr(current, "flow_style", False))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "hours" \
                        and isinstance(value, yaml.ScalarNode):
                    found.append((value, inner))
                else:
                    stack.append((value, inner))
        elif isinstance(current, yaml.SequenceNode):
            stack += [(item, inner) for item in current.value]
    return found


def _replacement(text: str, node: yaml.ScalarNode, in_flow: bool) -> str | None:
    """The standard value quoted as the node was, if the node is an hours value read with
    a correction and stands in the text where its marks say; else None."""
    value = node.value
    if node.style in ("|", ">"):
        return None
    try:
        check_size(value)
        written = standard_value(value)
        if written == value:
            return None
        _schedule, warnings = analyse(written)
    except HoursError:
        return None  # not read: its error stays, for the person to mend
    if any(w.msgid.startswith("not in the standard form") for w in warnings):
        return None
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""  # (plain: None, or '' from libyaml)
    source = text[start:end]
    if not source.startswith(style or value[:1]) or not source.endswith(style):
        return None  # (marks that do not fall on the value: leave it)
    plain_text = not _NEEDS_ESCAPE.search(written)
    if style == "'" and plain_text:
        return "'" + written.replace("'", "''") + "'"
    if not style and plain_text and _plain_reads_as(written, in_flow):
        return written
    return '"' + _NEEDS_ESCAPE.sub(_escape, written.replace("\\", "\\\\")
                                   .replace('"', '\\"')) + '"'


# what only a double-quoted scalar keeps as it is, written as an escape: controls, line
# breaks (a quoted scalar folds them to spaces), and what YAML does not allow raw
_NEEDS_ESCAPE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    named = _NAMED_ESCAPES.get(code)
    if named:
        return named
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_NAMED_ESCAPES = {0x09: "\\t", 0x0a: "\\n", 0x0d: "\\r"}


# what a plain scalar may not begin with, or hold, to be read as the text it is
_NOT_PLAIN_START = re.compile(r"""^[-?:,\[\]{}#&*!|>'"%@`\s]""")
_NOT_PLAIN_INSIDE = re.compile(r":(\s|$)|\s#|\s$")
_NOT_PLAIN_IN_FLOW = re.compile(r"[,\[\]{}]")


def _plain_reads_as(value: str, in_flow: bool) -> bool:
    """Whether `value` written plain is read back as itself, a string (not `off`, which
    YAML 1.1 reads as false, nor a number)."""
    if _NOT_PLAIN_START.search(value) or _NOT_PLAIN_INSIDE.search(value):
        return False
    if in_flow and _NOT_PLAIN_IN_FLOW.search(value):
        return False
    try:
        return bool(yaml.safe_load(value) == value)
    except yaml.YAMLError:
        return False
