"""Reading YAML safely and literally, with the line and column of every value.

The file is only *composed* into a node tree, never constructed into Python objects.
So every scalar is the text the clerk wrote: an unquoted `07:30` stays "07:30" instead
of YAML 1.1's sexagesimal 450, `off` stays "off" instead of False, `2024-03-01` stays a
string and `0698065` keeps its leading zero. Tags other than YAML's own are refused, so
no Python object can ever be created from a data file.
"""

from __future__ import annotations

import yaml

from .errors import DataError, Finding, Report
from .files import MAX_BYTES, decode, read_bytes, read_text  # noqa: F401 - re-exported
from .i18n import N_, _

# Aliases may multiply what a file says, but only so far: past AMPLIFIED_FROM values once
# expanded, at most MAX_AMPLIFICATION times the values written ("billion laughs", and the
# milder kind that makes 40,000 channels out of 3 kB); never more than MAX_NODES.
MAX_NODES = 20_000_000
AMPLIFIED_FROM = 100_000
MAX_AMPLIFICATION = 10
_STD_TAG = "tag:yaml.org,2002:"
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
        if kind is yaml.ScalarNode:
            return _STD_TAG + "str"
        return _STD_TAG + ("seq" if kind is yaml.SequenceNode else "map")


try:
    from yaml.cyaml import CParser as _Parser
except ImportError:  # PyYAML built without libyaml
    _Parser = None


if _Parser is not None:
    class _Loader(_Parser, _LiteralResolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _LiteralResolver.__init__(self)
else:  # PyYAML without its C extension: the same, slower
    class _Loader(yaml.reader.Reader, yaml.scanner.Scanner,  # type: ignore[no-redef]
                  yaml.parser.Parser, yaml.composer.Composer, _LiteralResolver):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _LiteralResolver.__init__(self)


def compose(text: str, path: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=_Loader)
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
