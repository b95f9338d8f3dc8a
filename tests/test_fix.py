"""`erreichbar validate --fix FILE -o OUT`: the hours values that are read with a correction
written in their standard form, and every other byte of the file as it was."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
import yaml

from erreichbar.data.fix import fixed
from helpers import TEST_SOURCE_HEAD, run_cli

# comments, the three quoting styles, a flow mapping (where a plain `,` ends a value), and
# hours already in the standard form; the canonical values are opening_hours.js's
# (tests/test_lenient.py)
DATA = TEST_SOURCE_HEAD + """\
offices:   # the offices
  - id: "amt"
    name: 'Amt'  # single-quoted name
    source: "test"
    channels:
      - kind: visit
        hours: Mon-Fri 8-12 Uhr   # plain, corrected
      - kind: "phone"
        hours: 'Montags und Mittwochs 10am-12pm'
        contacts: [{phone: "069 1234"}]
      - kind: "email"
        hours: "Mo - Fr 05:00 - 22:00, Su 05:00 - 21:00"  # double-quoted
        contacts: [{email: "amt@example.org"}]
      - {kind: email, hours: Mo & We 9-17, contacts: [{email: "b@example.org"}]}
      - kind: "visit"
        hours: "Mo-Fr 09:00-12:00"
"""
FIXED_LINES = {  # line text before -> after
    "        hours: Mon-Fri 8-12 Uhr   # plain, corrected":
        "        hours: Mo-Fr 08:00-12:00   # plain, corrected",
    "        hours: 'Montags und Mittwochs 10am-12pm'": "        hours: 'Mo,We 10:00-12:00'",
    '        hours: "Mo - Fr 05:00 - 22:00, Su 05:00 - 21:00"  # double-quoted':
        '        hours: "Mo-Fr 05:00-22:00, Su 05:00-21:00"  # double-quoted',
    '      - {kind: email, hours: Mo & We 9-17, contacts: [{email: "b@example.org"}]}':
        '      - {kind: email, hours: "Mo,We 09:00-17:00", contacts: [{email: '
        '"b@example.org"}]}',
}


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_only_the_corrected_values_change(tmp_path: Path, newline: str):
    source = tmp_path / "in.yaml"
    source.write_bytes(DATA.replace("\n", newline).encode())
    out = tmp_path / "out.yaml"
    result = run_cli(["--lang", "en", "validate", "--fix", str(source), "-o", str(out)])
    assert result.code == 0, result.output
    assert "4 hours values written in the standard form" in result.err
    before = source.read_bytes().decode().split(newline)
    after = out.read_bytes().decode().split(newline)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert dict(changed) == FIXED_LINES
    assert out.read_bytes().count(b"\r\n") == source.read_bytes().count(b"\r\n")
    diff = list(difflib.unified_diff(before, after, lineterm="", n=0))
    assert len([line for line in diff if line.startswith("+") and not
                line.startswith("+++")]) == 4
    check = run_cli(["--lang", "en", "validate", str(out)])
    assert "standard form" not in check.output
    assert "standard form" in run_cli(["--lang", "en", "validate", str(source)]).output


def test_a_byte_order_mark_stays():
    raw = ("\ufeff" + DATA).encode()
    text, count = fixed(raw, "x.yaml")
    assert text.startswith("\ufeff" + TEST_SOURCE_HEAD[:10]) and count == 4


def test_stdout_with_dash(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    result = run_cli(["validate", "--fix", str(source), "-o", "-"])
    assert result.code == 0
    assert "hours: Mo-Fr 08:00-12:00   # plain, corrected" in result.out
    assert result.out.count("\n") == DATA.count("\n")


def test_never_over_the_input(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(source)
    hard = tmp_path / "hard.yaml"
    os.link(source, hard)
    for spelling in (str(source), str(tmp_path / "." / "in.yaml"), str(link), str(hard)):
        result = run_cli(["--lang", "en", "validate", "--fix", str(source), "-o", spelling,
                          "--force"])
        assert result.code == 2 and "is the input file" in result.err, spelling
    assert source.read_text(encoding="utf-8") == DATA


def test_never_over_an_existing_file_without_force(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    out = tmp_path / "out.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = run_cli(["--lang", "en", "validate", "--fix", str(source), "-o", str(out)])
    assert result.code == 2 and "use --force" in result.err
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run_cli(["validate", "--fix", str(source), "-o", str(out), "--force"]).code == 0
    assert "Mo-Fr 08:00-12:00" in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".erreichbar-")]


@pytest.mark.parametrize("args", [["--fix", "{src}"], ["{src}", "-o", "{out}"],
                                  ["--fix", "-o", "{out}"],
                                  ["--fix", "{src}", "-o", "{out}", "--strict"],
                                  ["--fix", "{src}", "-o", "{out}", "--json"]])
def test_fix_without_its_parts_is_a_usage_error(tmp_path: Path, args: list[str]):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    out = tmp_path / "out.yaml"
    filled = [a.format(src=source, out=out) for a in args]
    result = run_cli(["validate", *filled])
    assert result.code == 2, result.output
    assert not out.exists()


def test_strict_still_refuses_corrected_values(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    assert run_cli(["validate", str(source)]).code == 0
    assert run_cli(["validate", "--strict", str(source)]).code == 4


def test_the_warning_names_file_line_column_and_the_value(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text(DATA, encoding="utf-8")
    line = DATA.splitlines().index("        hours: Mon-Fri 8-12 Uhr   # plain, corrected") + 1
    english = run_cli(["--lang", "en", "validate", str(source)])
    assert (f"{source}:{line}:16: warning: hours 'Mon-Fri 8-12 Uhr': not in the standard "
            "form: write `Mo-Fr 08:00-12:00`") in english.out
    german = run_cli(["--lang", "de", "validate", str(source)])
    assert f"{source}:{line}:16: warning:" in german.out
    assert "schreiben Sie `Mo-Fr 08:00-12:00`" in german.out


def test_a_block_scalar_is_left_as_it_is():
    """A `|` or `>` value would change its style to be rewritten: it is left, and its
    warning stays to say what to write."""
    text = DATA.replace("        hours: Mon-Fri 8-12 Uhr   # plain, corrected\n",
                        "        hours: |\n          Mon-Fri 8-12\n")
    out, count = fixed(text.encode(), "x.yaml")
    assert count == 3 and "        hours: |\n          Mon-Fri 8-12\n" in out


AWKWARD = TEST_SOURCE_HEAD + """\
offices:
  - id: "amt"
    name: "Amt"
    source: "test"
    channels:
      - kind: "phone"
        hours: "Mo-Fr 8-12 Uhr \\"a\\x01b\\""
        contacts: [{phone: "069 1234"}]
      - kind: "visit"
        hours: geschlossen
      - kind: "email"
        hours: "Mo-Fr 8-12 Uhr \\"a\\nb\\""
        contacts: [{email: "amt@example.org"}]
      - kind: "online"
        hours: Mo-Fr 08:00-12:00; Dec 1-3,5-7 off
        contacts: [{url: "https://example.org"}]
"""


def test_what_only_quotes_keep_is_kept_and_a_value_read_as_it_stands_is_left():
    """A control character or a line break in a comment is written as an escape, `off` is
    quoted (plain, YAML reads it as false), and `Dec 1-3,5-7` (days, as opening_hours.js
    reads them: `Dec 01-03,05-07`) is left as it is: the standard form is written only
    where it reads as the same rules."""
    text, count = fixed(AWKWARD.encode(), "awkward.yaml")
    assert count == 3
    channels = yaml.safe_load(text)["offices"][0]["channels"]
    assert [c["hours"] for c in channels] == [
        'Mo-Fr 08:00-12:00 "a\x01b"', "off", 'Mo-Fr 08:00-12:00 "a\nb"',
        "Mo-Fr 08:00-12:00; Dec 1-3,5-7 off"]
    assert '"Mo-Fr 08:00-12:00 \\"a\\nb\\""' in text
