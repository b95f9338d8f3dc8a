"""Reading YAML safely and literally, with the line and column of every value.

The file is only *composed* into a node tree, never constructed into Python objects.
So every scalar is the text the clerk wrote: an unquoted `07:30` stays "07:30" instead
of YAML 1.1's sexagesimal 450, `off` stays "off" instead of False, `2024-03-01` stays a
string and `0698065` keeps its leading zero. Tags other than YAML's own are refused, so
no Python object can ever be created from a data file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Protocol

import yaml

from erreichbar.data.files import MAX_BYTES, decode, read_bytes, read_text  # noqa: F401 - re-exported
from erreichbar.errors import DataError, Finding, Report
from erreichbar.i18n import N_, Message, _

# What a message is about: a key as written, or a description translated when a message
# names it (Message): a big file describes hundreds of thousands of values without a mistake.
Label = str | Message

# Aliases may multiply what a file says, but only so far: past AMPLIFIED_FROM values once
# expanded, at most MAX_AMPLIFICATION times the values written ("billion laughs", and the
# milder kind that makes 40,000 channels out of 3 kB); never more than MAX_NODES.
MAX_NODES = 20_000_000
AMPLIFIED_FROM = 100_000
MAX_AMPLIFICATION = 10
_STD_TAG = "tag:yaml.org,2002:"
_STR_TAG, _SEQ_TAG, _MAP_TAG = (_STD_TAG + kind for kind in ("str", "seq", "map"))
# YAML's plain types only: any other tag (!!python/object, !!binary, a local !tag) is refused
_ALLOWED_TAGS = {"!"} | {_STD_TAG + t for t in ("str", "int", "float", "bool", "null",
                                                 "timestamp", "map", "seq")}
# libyaml's words for the common mistakes, translated when shown (others stay as they are)
YAML_PROBLEMS = (
    N_("mapping values are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("did not find expected key"), N_("did not find expected '-' indicator"),
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
    N_("could not find expected ':'"), N_("did not find expected <document start>"),
    N_("found undefined alias"), N_("found unexpected end of stream"),
    N_("found unknown escape character"), N_("control characters are not allowed"),
)


def add(report: Report, file: str, node: yaml.Node | None, severity: str, message: str,
        col_offset: int = 0) -> None:
    line, column = position(node)
    report.findings.append(Finding(file, line, column + col_offset, severity, message))


def position(node: yaml.Node | None) -> tuple[int, int]:
    if node is None:
        return 1, 1
    return node.start_mark.line + 1, node.start_mark.column + 1


class _LiteralResolver(yaml.resolver.BaseResolver):
    """Gives every untagged value its plain collection or string tag, without YAML 1.1's
    guessing (the regexes that make 07:30 an int): nothing here constructs values, so the
    guess would only cost time. A null is recognised by `is_null` from the text."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        # one string for all: the node keeps the tag it is given, and a new string per
        # node is 70 bytes each, a seventh of a country-sized file's node tree
        if kind is yaml.ScalarNode:
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


class _Composer(Protocol):
    """What compose() asks of a loader (yaml.compose's own use of one)."""

    def get_single_node(self) -> yaml.Node | None: ...
    def dispose(self) -> None: ...


_Loader: Callable[[str | bytes], _Composer]
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
except ImportError:  # PyYAML built without libyaml: the same, slower
    class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                    yaml.composer.Composer, _LiteralResolver):
        def __init__(self, stream: str | bytes) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _LiteralResolver.__init__(self)

    _Loader = _PyLoader
else:
    class _CLoader(CParser, _LiteralResolver):
        def __init__(self, stream: str | bytes) -> None:
            CParser.__init__(self, stream)
            _LiteralResolver.__init__(self)

    _Loader = _CLoader


def compose(text: str, path: str, raw: bytes | None = None) -> yaml.Node:
    """The node tree of TEXT. RAW, the UTF-8 bytes TEXT was decoded from, is what the
    parser reads if given: given the text, libyaml would first make its own UTF-8 copy,
    a third copy of a country-sized file beside the bytes and the text."""
    try:
        loader = _Loader(text if raw is None else raw)  # (as yaml.compose does)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        raise DataError(_("not valid YAML: {problem}", problem=_(problem)), path, line,
                        column) from exc
    except yaml.reader.ReaderError as exc:
        # a character YAML does not allow (a control character): it has no mark, only an
        # offset into the text
        before = text[: max(0, exc.position)]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise DataError(_("not valid YAML: unacceptable character #x{code}: {reason}",
                          code=f"{ord(char):04x}", reason=_(exc.reason)),
                        path, line, column) from exc
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DataError(_("not valid YAML: {problem}", problem=first), path) from exc
    if node is None:
        raise DataError(_("data file is empty"), path)
    # Without '&' there are no anchors, so no aliases; without '!' no tags: the common
    # file needs no walk of its graph.
    if "&" in text or "!" in text:
        _check_tree(node, path)
    return node


def _check_tree(root: yaml.Node, path: str) -> None:
    """Refuse foreign tags, recursive aliases and alias bombs before anything walks the tree.

    Aliases share nodes, so the tree is a graph; its size once expanded is counted per
    distinct node (memoised), which takes time linear in the file, not in the expansion.
    """
    expanded: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            total = 1 + sum(expanded[id(c)] for c in children)
            if total > MAX_NODES or (total > AMPLIFIED_FROM
                                     and total > MAX_AMPLIFICATION * (len(expanded) + 1)):
                line, column = position(node)
                raise DataError(_("too many values once aliases are expanded (an alias "
                                  "bomb?); write the values out instead of using & and *"),
                                path, line, column)
            expanded[key] = total
            continue
        if key in expanded:
            continue
        if key in on_path:
            line, column = position(node)
            raise DataError(_("an alias refers to the value that contains it"), path, line,
                            column)
        tag = node.tag or ""
        if tag not in _ALLOWED_TAGS:
            line, column = position(node)
            if tag == _STD_TAG + "merge":
                raise DataError(_("merge keys (<<) are not supported: write the keys out"),
                                path, line, column)
            shown = "!!" + tag[len(_STD_TAG):] if tag.startswith(_STD_TAG) else tag
            raise DataError(_("the tag {tag} is not allowed in a data file (only plain YAML "
                              "values are)", tag=shown), path, line, column)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


_NULLS = {"", "~", "null", "Null", "NULL"}


def is_null(node: yaml.Node) -> bool:
    """An empty value (`key:`, `~`, `null`) as YAML means it; a quoted "null" is text."""
    return (isinstance(node, yaml.ScalarNode) and not node.style and node.value in _NULLS
            and node.tag in (_STD_TAG + "str", _STD_TAG + "null"))


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

