"""yamlnodes.py: a file composed literally (every scalar the text as written), and
NodeReader, which reads values of a kind out of any node tree and reports each mistake at
its line and column. (Refusing tags, aliases and bombs: test_data_safety.py.)

Places are counted in the texts below: line 1 is the first line, column 1 its first
character.
"""

from __future__ import annotations

from datetime import date

import pytest

from erreichbar.data.nodereader import NodeReader, is_null, keys_of
from erreichbar.data.yamlnodes import compose
from erreichbar.errors import Report


def read(text: str) -> tuple[NodeReader, dict]:
    reader = NodeReader("f.yaml", Report(), text)
    fields = reader.mapping(compose(text, "f.yaml"), "top", {"a", "b", "c", "d"})
    assert fields is not None
    return reader, fields


def findings(reader: NodeReader) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.column, f.severity, f.message) for f in reader.report.findings]


def test_scalars_are_the_text_as_written():
    """YAML 1.1 would read 07:30 as 450, off as False and 0698065 as a number."""
    _, f = read("a: 07:30\nb: off\nc: 0698065\nd: 2024-03-01\n")
    assert [f[k].value for k in "abcd"] == ["07:30", "off", "0698065", "2024-03-01"]


def test_empty_values_are_null_a_quoted_null_is_text():
    _, f = read('a:\nb: ~\nc: null\nd: "null"\n')
    assert [is_null(f[k]) for k in "abcd"] == [True, True, True, False]


def test_an_unknown_key_is_found_where_it_stands_with_the_closest_allowed():
    reader, fields = read("a: 1\nbb: 2\nzzz: 3\n")
    assert set(fields) == {"a"}
    assert [(line, column) for line, column, *_ in findings(reader)] == [(2, 1), (3, 1)]
    first, second = (m for *_, m in findings(reader))
    assert "'bb'" in first and "did you mean 'b'" in first
    assert "'zzz'" in second and "did you mean" not in second


def test_a_required_key_that_is_missing_or_empty():
    reader = NodeReader("f.yaml", Report(), "a: 1\nb:\n")
    reader.mapping(compose("a: 1\nb:\n", "f.yaml"), "top", {"a", "b", "c"}, ("b", "c"))
    assert [(line, column, m) for line, column, _, m in findings(reader)] == [
        (1, 1, "top: 'b' is missing"), (1, 1, "top: 'c' is missing")]


def test_text_texts_and_items():
    text = 'a: "  Sozialamt "\nb: [eins, zwei]\nc: eins\nd: {x: 1}\n'
    reader, f = read(text)
    assert reader.text(f["a"], "a") == "Sozialamt"  # trimmed
    assert reader.texts(f["b"], "b") == ("eins", "zwei")
    assert reader.texts(f["c"], "c") == ("eins",)  # one text is a list of one
    assert reader.items(f["b"], "b") == f["b"].value
    assert findings(reader) == []
    assert reader.text(f["d"], "d") is None
    assert reader.items(f["d"], "d") == []
    assert [(line, column) for line, column, *_ in findings(reader)] == [(4, 4), (4, 4)]


@pytest.mark.parametrize(("written", "expected"), [
    ("2024-02-29", date(2024, 2, 29)),  # 2024 is a leap year
    ("2023-02-29", None),
    ("2024-04-31", None),  # April has 30 days
    ("1.4.2024", None),
])
def test_dates_as_the_calendar_has_them(written, expected):
    reader, f = read(f'a: "{written}"\n')
    assert reader.date(f["a"], "a") == expected
    assert len(findings(reader)) == (expected is None)


@pytest.mark.parametrize(("written", "ok"), [
    ("sozialamt", True), ("mainarbeit-2", True), ("a_b", True),
    ("Sozialamt", False), ("-amt", False), ("amt amt", False), ("ämt", False),
])
def test_identifiers(written, ok):
    reader, f = read(f'a: "{written}"\n')
    assert (reader.ident(f["a"], "a") == written) is ok


def test_positions_inside_quoted_scalars_count_the_escapes():
    r"""In "a\tXy" the X is the 3rd character of the value but the 5th after the quote."""
    text = 'a: "a\\tXy"\nb: \'it\'\'s Xy\'\n'
    reader, f = read(text)
    assert reader.position_in(f["a"], f["a"].value.index("X")) == (1, 8)
    assert reader.position_in(f["b"], f["b"].value.index("X")) == (2, 11)
    reader.err_at(f["a"], 2, "here")
    assert findings(reader) == [(1, 8, "error", "here")]


def test_keys_of_a_mapping():
    root = compose("x: 1\ny: 2\n", "f.yaml")
    assert keys_of(root) == ["x", "y"]
    assert keys_of(compose("[1, 2]", "f.yaml")) == []


def test_untagged_values_share_one_tag_string_per_kind():
    """A country-sized file has over a million values: each holding a tag string of its
    own (70 bytes) was a seventh of its node tree. The tag is YAML's plain one, once."""
    text = "offices:\n" + "".join(f"  - id: amt-{i}\n    hours: [Mo 09:00-12:00, x]\n"
                                  for i in range(50))
    root = compose(text, "t.yaml")
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if isinstance(node.value, list):
            stack.extend(c for item in node.value
                         for c in (item if isinstance(item, tuple) else (item,)))
    assert len(nodes) > 300
    tags = {}
    for node in nodes:
        tags.setdefault(node.tag, set()).add(id(node.tag))
    assert set(tags) == {"tag:yaml.org,2002:str", "tag:yaml.org,2002:seq",
                         "tag:yaml.org,2002:map"}
    assert all(len(ids) == 1 for ids in tags.values())
