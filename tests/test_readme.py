"""README.md and the code agree: the set-up commands, the commands, the exit codes and the
picture of the week; docs/data-format.md's example data file works as it says."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from erreichbar.cli.app import app
from erreichbar.errors import Exit
from helpers import ROOT, run_cli

README = (ROOT / "README.md").read_text("utf-8")
DATA_FORMAT = (ROOT / "docs" / "data-format.md").read_text("utf-8")


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert len(first_block) == 2
    assert first_block[0].endswith("erreichbar now") and "pip install ." in first_block[0]
    assert "'.[test]'" in first_block[1] and first_block[1].endswith("pytest")
    assert first_block[1] in (ROOT / ".ci" / "run").read_text("utf-8")


def test_every_command_is_documented():
    commands = {c.name for c in app.registered_commands} - {None}
    commands |= {c.callback.__name__ for c in app.registered_commands if c.name is None}
    for name in commands:
        assert f"`erreichbar {name}" in README, name


def test_exit_codes_match():
    table = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, re.M))
    assert {int(k) for k in table} == {int(e) for e in Exit} | {141}


def test_example_user_file_works(tmp_path):
    assert "docs/data-format.md" in README  # where the README sends its reader for it
    block = re.search(r"```yaml\n(as_of.*?)```", DATA_FORMAT, re.S).group(1)
    folder = tmp_path / "config" / "erreichbar"
    folder.mkdir(parents=True)
    (folder / "offices.yaml").write_text(block, encoding="utf-8")
    own_layer = {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = run_cli(["list", "--json"], own_layer)
    assert result.code == 0, result.err
    rows = {r["id"]: r for r in json.loads(result.out)}
    assert rows["beratung-musterstrasse"]["origin"].endswith("erreichbar/offices.yaml")
    assert "sozialamt" in rows  # layered on top of the bundled data
    # Tuesday 2024-09-03 10:00: the open consultation hour (Tu,Th 09:00-12:00)
    result = run_cli(["check", "beratung", "-c", "visit", "-q", "--at", "2024-09-03T10:00"],
                     own_layer)
    assert result.code == 0
    result = run_cli(["validate", str(folder / "offices.yaml")], own_layer)
    assert result.code == 0, result.out


def test_the_week_picture_is_the_tools_own():
    root = ET.fromstring((ROOT / "docs" / "week.svg").read_text("utf-8"))  # noqa: S314
    assert root.tag in ("svg", "{http://www.w3.org/2000/svg}svg")
    assert "karfreitag" in "".join(root.itertext()).lower()
    assert "docs/week.svg" in README
