"""Reading the values of a composed node tree (yamlnodes.py) as the kinds a schema asks
for: a mapping with known keys, a text, a list, a date, an identifier, each problem reported
with its line and column. What the keys mean is the schema's (schema.Builder builds on this).
"""

from __future__ import annotations

import re
from datetime import date

import yaml

from erreichbar.data.yamlnodes import STD_TAG, Label, add
from erreichbar.errors import Finding, Report
from erreichbar.i18n import _

_NULLS = {"", "~", "null", "Null", "NULL"}


def is_null(node: yaml.Node) -> bool:
    """An empty value (`key:`, `~`, `null`) as YAML means it; a quoted "null" is text."""
    return (isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS
            and node.tag in (STD_TAG + "str", STD_TAG + "null"))


def kind_name(node: yaml.Node) -> str:
    """What a value is, for "found ..." in a message."""
    if isinstance(node, yaml.MappingNode):
        return _("a mapping")
    if isinstance(node, yaml.SequenceNode):
        return _("a list")
    return _("empty") if is_null(node) else _("the text {text}", text=repr(node.value))


# --- reading values out of the tree -------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")


class NodeReader:
    """Reads the values of one file's node tree as the kinds a schema asks for (a mapping
    with known keys, a text, a list, a date, an identifier), reporting every problem with
    its line and column and answering None or empty so the walk can go on. What the keys
    mean is the schema's (schema.Builder builds on this)."""

    def __init__(self, path: str, report: Report, text: str = "") -> None:
        self.path = path
        self.report = report
        self._source = text
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, split only when a position inside a value is wanted: for a
        country-sized file the list is as big again as the text, and most never need it."""
        if self._lines is None:
            self._lines = self._source.splitlines()
        return self._lines

    def err(self, node: yaml.Node | None, message: str, col_offset: int = 0) -> None:
        add(self.report, self.path, node, "error", message, col_offset)

    def warn(self, node: yaml.Node | None, message: str) -> None:
        add(self.report, self.path, node, "warning", message)

    def mapping(self, node: yaml.Node, what: Label, allowed: set[str],
                required: tuple[str, ...] = ()) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.err(node, _("{what} must be a mapping (key: value), found {found}", what=what,
                             found=kind_name(node)))
            return None
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.err(key_node, _("{what}: keys must be plain words", what=what))
                continue
            if key in out:
                self.err(key_node, _("{what}: key {key} appears twice", what=what,
                                     key=repr(key)))
                continue
            if key == "<<" and not key_node.style:
                self.err(key_node, _("{what}: merge keys (<<) are not supported: write the "
                                     "keys out", what=what))
                continue
            if key not in allowed:
                hint = _closest(key, allowed)
                listing = ", ".join(sorted(allowed))
                if hint:
                    self.err(key_node, _("{what}: unknown key {key} (did you mean {hint}?); "
                                         "allowed: {allowed}", what=what, key=repr(key),
                                         hint=repr(hint), allowed=listing))
                else:
                    self.err(key_node, _("{what}: unknown key {key}; allowed: {allowed}",
                                         what=what, key=repr(key), allowed=listing))
                continue
            out[key] = value_node
        for key in required:
            if key not in out or is_null(out[key]):
                self.err(node, _("{what}: {key} is missing", what=what, key=repr(key)))
        return out

    def text(self, node: yaml.Node | None, what: Label) -> str | None:
        if node is None:
            return None
        if not isinstance(node, yaml.ScalarNode) or is_null(node):
            self.err(node, _("{what} must be text, found {found}", what=what,
                             found=kind_name(node)))
            return None
        value: str = node.value.strip()
        if not value:
            self.err(node, _("{what} is empty", what=what))
            return None
        if _SURROGATE.search(value):
            self.err(node, _("{what} holds half of a character (an escaped UTF-16 surrogate "
                             "such as \\ud83d): write the character itself", what=what))
            return None
        return value

    def texts(self, node: yaml.Node | None, what: Label) -> tuple[str, ...]:
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode) and not is_null(node):
            single = self.text(node, what)
            return (single,) if single is not None else ()
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, _("{what} must be a list of texts, found {found}", what=what,
                             found=kind_name(node)))
            return ()
        return tuple(t for item in node.value if (t := self.text(item, what)) is not None)

    def items(self, node: yaml.Node | None, what: Label) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.err(node, _("{what} must be a list, found {found}", what=what,
                             found=kind_name(node)))
            return []
        return list(node.value)

    def date(self, node: yaml.Node | None, what: Label) -> date | None:
        value = self.text(node, what)
        if value is None:
            return None
        if not _DATE.match(value):
            self.err(node, _("{what} {value} is not a date: write YYYY-MM-DD, e.g. "
                             "\"2024-04-01\"", what=what, value=repr(value)))
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.err(node, _("{what} {value} is not a date of the calendar", what=what,
                             value=repr(value)))
            return None

    def ident(self, node: yaml.Node | None, what: Label) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.match(value):
            self.err(node, _("{what} {value}: use lower-case letters, digits, '-' and '_'",
                             what=what, value=repr(value)))
            return None
        return value


    def err_at(self, node: yaml.ScalarNode, index: int, message: str) -> None:
        """An error at the character at `index` of a scalar's value."""
        line, column = self.position_in(node, index)
        self.report.findings.append(Finding(self.path, line, column, "error", message))

    def position_in(self, node: yaml.ScalarNode, index: int) -> tuple[int, int]:
        """Line and column (1-based) in the file of the character at `index` of a scalar's
        value: escapes in quotes and block scalars make the two differ."""
        line, column = node.start_mark.line, node.start_mark.column
        value = node.value
        if not value:
            return line + 1, column + 1
        source = self.lines[line] if line < len(self.lines) else ""
        single_line = node.start_mark.line == node.end_mark.line
        if single_line and not node.style:
            return line + 1, column + 1 + index
        if single_line and node.style in ("'", '"'):
            raw = source[column + 1:]
            i = 0
            for _step in range(min(index, len(value))):
                if node.style == "'" and raw[i:i + 2] == "''":
                    i += 2
                elif node.style == '"' and raw[i:i + 1] == "\\":
                    i += 2 + {"x": 2, "u": 4, "U": 8}.get(raw[i + 1:i + 2], 0)
                else:
                    i += 1
            return line + 1, column + 2 + i
        # A block or multi-line scalar: find the text from `index` on in the lines that
        # follow, else point at the scalar.
        words = value[index:].split()
        if words:
            for n in range(line, min(node.end_mark.line + 1, len(self.lines))):
                start = column + 1 if n == line else 0
                found = self.lines[n].find(words[0], start)
                if found >= 0:
                    return n + 1, found + 1
        return line + 1, column + 1



def keys_of(node: yaml.Node) -> list[str]:
    """The keys of a mapping as written (none for anything else)."""
    if isinstance(node, yaml.MappingNode):
        return [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    return []


def _closest(word: str, options: set[str]) -> str | None:
    import difflib  # start-up: only for a misspelt key

    match = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return match[0] if match else None

