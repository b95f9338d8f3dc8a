"""Reading YAML safely and literally, with the line and column of every value.

The file is only *composed* into a node tree, never constructed into Python objects.
So every scalar is the text the clerk wrote: an unquoted `07:30` stays "07:30" instead
of YAML 1.1's sexagesimal 450, `off` stays "off" instead of False, `2024-03-01` stays a
string and `0698065` keeps its leading zero. Tags other than YAML's own are refused, so
no Python object can ever be created from a data file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import yaml

from erreichbar.data.files import MAX_BYTES, decode, read_bytes, read_text  # noqa: F401 - re-exported
from erreichbar.errors import DataError, Finding, Report
from erreichbar.i18n import N_, Message, _, language

# What a message is about: a key as written, or a description translated when a message
# names it (Message): a big file describes hundreds of thousands of values without a mistake.
Label = str | Message

# Aliases may multiply what a file says, but only so far: past AMPLIFIED_FROM values once
# expanded, at most MAX_AMPLIFICATION times the values written ("billion laughs", and the
# milder kind that makes 40,000 channels out of 3 kB); never more than MAX_NODES.
MAX_NODES = 20_000_000
AMPLIFIED_FROM = 100_000
MAX_AMPLIFICATION = 10
# What one file may hold as written, checked as each value is met and before it is built:
# a value costs ~360 bytes as a node, so what is read, not what is kept, would otherwise
# set the memory (a 50 MiB `junk: [1,1,...]` is 26 million values, 7 GB). The densest
# valid 50 MiB file (430,000 small offices) holds 8.2 million values; real data nests 7
# deep and its longest list is its offices.
MAX_FILE_VALUES = 10_000_000
MAX_ITEMS = 1_000_000  # in one list or mapping
MAX_DEPTH = 100  # (libyaml stops at 1,000; Python's own parser would overflow its stack)
MAX_SCALAR = 100_000  # characters in one value
STD_TAG = "tag:yaml.org,2002:"
_STR_TAG, _SEQ_TAG, _MAP_TAG = (STD_TAG + kind for kind in ("str", "seq", "map"))
# YAML's plain types only: any other tag (!!python/object, !!binary, a local !tag) is refused
_ALLOWED_TAGS = {"!"} | {STD_TAG + t for t in ("str", "int", "float", "bool", "null",
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


class _Refused(Exception):
    """A limit crossed while composing: the message, and the node it is about."""

    def __init__(self, message: str, node: yaml.Node | None) -> None:
        super().__init__(message)
        self.node = node


class _BoundedResolver(_LiteralResolver):
    """Counts the values as the composer meets them: both composers (libyaml's and
    PyYAML's own) ask descend_resolver() before each value but an alias is built, with
    the collection it goes into, and resolve() with each untagged scalar's text."""

    def __init__(self) -> None:
        super().__init__()
        self._left = MAX_FILE_VALUES
        self._depth = 0
        self.long_scalar: str | None = None  # the first, found in the tree afterwards

    def descend_resolver(self, current_node: yaml.Node | None, current_index: object) -> None:
        # (one test on the way of every value: this runs millions of times in a big file)
        self._left -= 1
        self._depth += 1
        if self._left < 0 or self._depth > MAX_DEPTH or (
                current_node is not None and len(current_node.value) >= MAX_ITEMS):
            raise self._refused(current_node)

    def _refused(self, parent: yaml.Node | None) -> _Refused:
        if self._depth > MAX_DEPTH:
            return _Refused(_("nested more than {count} levels deep", count=MAX_DEPTH), parent)
        if self._left < 0:
            return _Refused(_("more than {count} values in one file: is it a data file?",
                              count=_number(MAX_FILE_VALUES)), parent)
        count = _number(MAX_ITEMS)
        return _Refused(_("this list has more than {count} items", count=count)
                        if isinstance(parent, yaml.SequenceNode) else
                        _("this mapping has more than {count} keys", count=count), parent)

    def ascend_resolver(self) -> None:
        self._depth -= 1

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            if len(value) > MAX_SCALAR and self.long_scalar is None:  # type: ignore[arg-type]  # a scalar's value is its text
                self.long_scalar = value  # type: ignore[assignment]  # (the same)
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


def _number(count: int) -> str:
    """10,000,000 as the reader's language writes it (10.000.000 in German)."""
    return f"{count:,}".replace(",", "." if language() == "de" else ",")


class _Composer(Protocol):
    """What compose() asks of a loader (yaml.compose's own use of one)."""

    def get_single_node(self) -> yaml.Node | None: ...
    def dispose(self) -> None: ...


_Loader: Callable[[str | bytes], _Composer]
try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # the stubs do not re-export it
except ImportError:  # PyYAML built without libyaml: the same, slower
    class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                    yaml.composer.Composer, _BoundedResolver):
        def __init__(self, stream: str | bytes) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _BoundedResolver.__init__(self)

    _Loader = _PyLoader
else:
    class _CLoader(CParser, _BoundedResolver):
        def __init__(self, stream: str | bytes) -> None:
            CParser.__init__(self, stream)
            _BoundedResolver.__init__(self)

    _Loader = _CLoader


def compose(text: str, path: str, raw: bytes | None = None) -> yaml.Node:
    """The node tree of TEXT. RAW, the UTF-8 bytes TEXT was decoded from, is what the
    parser reads if given: given the text, libyaml would first make its own UTF-8 copy,
    a third copy of a country-sized file beside the bytes and the text."""
    try:
        loader = _Loader(text if raw is None else raw)  # (as yaml.compose does)
        try:
            node = loader.get_single_node()
            long_scalar = loader.long_scalar  # type: ignore[attr-defined]  # (a _BoundedResolver)
        finally:
            loader.dispose()
            del loader  # what it built, before a message is made
    except _Refused as exc:
        raise DataError(str(exc), path, *position(exc.node)) from None
    except MemoryError:
        # past what the limits allow for, on a machine with less memory than that: the
        # tree built so far is gone with the loader by now
        raise DataError(_("not enough memory to read the file"), path) from None
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
    # file needs no walk of its graph. (A tagged scalar is not resolved, so its length is
    # checked there.)
    if "&" in text or "!" in text:
        _check_tree(node, path)
    if long_scalar is not None:
        _refuse_long(node, long_scalar, path)
    return node


def _refuse_long(root: yaml.Node, value: str, path: str) -> None:
    """The error for the scalar over MAX_SCALAR whose text is VALUE (the same object),
    at its place in the tree."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.value is value:
                break
        else:
            stack.extend(_children(node))
    else:
        node = root
    line, column = position(node)
    raise DataError(_("a value of more than {count} characters: is it a data file?",
                      count=_number(MAX_SCALAR)), path, line, column)


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
        if isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_SCALAR:
            _refuse_long(node, node.value, path)
        if tag not in _ALLOWED_TAGS:
            line, column = position(node)
            if tag == STD_TAG + "merge":
                raise DataError(_("merge keys (<<) are not supported: write the keys out"),
                                path, line, column)
            shown = "!!" + tag[len(STD_TAG):] if tag.startswith(STD_TAG) else tag
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
