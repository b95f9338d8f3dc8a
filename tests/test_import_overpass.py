"""`erreichbar import overpass` end to end, against a local server on 127.0.0.1 serving
replies recorded from the real extracts (tests/data/overpass/README.md): the query the
server receives, the dataset written and the answers from it, and each failure as one line,
its exit code and no file."""

from __future__ import annotations

import io
import json
import os
import urllib.parse
from pathlib import Path

import pytest
import yaml

from erreichbar.cli import overpass as cli_overpass
from erreichbar.data import progress
from helpers import one_line_error, run_cli
from overpass_server import REPLIES, read_query


def english(args: list[str], env: dict[str, str | None] | None = None):
    """The command with its messages in English, the words these tests compare."""
    return run_cli(args, {"ERREICHBAR_LANG": "en", **(env or {})})


def imported(server, tmp_path: Path, *args: str, reply: str = "hoyerswerda.json",
             env: dict[str, str | None] | None = None):
    server.answer.body = (REPLIES / reply).read_bytes()
    out = tmp_path / "offices.yaml"
    run = english(["import", "overpass", *args, "-o", str(out)],
                  {"ERREICHBAR_OVERPASS_URL": server.url, **(env or {})})
    return run, out


def received(server) -> dict[str, object]:
    (request,) = server.answer.requests
    (text,) = urllib.parse.parse_qs(request["body"].decode())["data"]
    return read_query(text)


def test_a_town_by_name_is_asked_for_and_imported_with_saxonys_holidays(server, tmp_path):
    run, out = imported(server, tmp_path, "--area", "Hoyerswerda - Wojerecy", "--timeout", "60")
    assert (run.code, run.out, run.err) == (0, "", "")  # not a terminal: no status line
    asked = received(server)
    assert asked["area"] == ("name", "Hoyerswerda - Wojerecy")
    assert asked["timeout"] == 60
    assert asked["tags"] == [("amenity", "townhall"), ("office", "government"),
                             ("government", None), ("amenity", "courthouse")]
    data = yaml.safe_load(out.read_text("utf-8"))
    # Hoyerswerda's official key 14625240 begins with 14: Sachsen
    assert (data["region"], data["timezone"]) == ("DE-SN", "Europe/Berlin")
    names = {o["name"] for o in data["offices"]}
    assert {"Neues Rathaus", "Finanzamt Hoyerswerda", "Amtsgericht Hoyerswerda",
            "Gesundheitsamt"} <= names
    # Buß- und Bettag, a public holiday in Sachsen alone: 20 November 2024
    days = json.loads(english(["holidays", "--year", "2024", "--json", "--data",
                               str(out)]).out)
    assert "2024-11-20" in json.dumps(days)


def test_a_box_is_asked_for_and_the_rotes_rathaus_answers_as_its_hours_say(server, tmp_path):
    run, out = imported(server, tmp_path, "--bbox", "52.51,13.40,52.53,13.42",
                        reply="berlin-mitte.json")
    assert run.code == 0, run.err
    asked = received(server)
    assert (asked["bbox"], asked["area"]) == ((52.51, 13.40, 52.53, 13.42), None)
    # opening_hours=Mo-Fr 09:00-18:00 on relation 4211905
    thursday = visit(out, "2024-03-07T10:00")
    assert thursday["state"] == "open"
    assert thursday["source"]["url"] == "https://www.openstreetmap.org/relation/4211905"
    # 8 March, Internationaler Frauentag: a public holiday in Berlin
    friday = visit(out, "2024-03-08T10:00")
    assert (friday["state"], friday["holiday"]) == ("closed", "Frauentag")


def visit(data: Path, at: str) -> dict[str, object]:
    answer = json.loads(english(["office", "Rotes Rathaus", "--json", "--data", str(data),
                                 "--at", at]).out)
    (channel,) = [c for c in answer["channels"] if c["channel"] == "visit"]
    return channel


def test_the_tags_given_replace_the_default_selection(server, tmp_path):
    run, _ = imported(server, tmp_path, "--area", "Hoyerswerda - Wojerecy", "--tag",
                      "government=tax", "--tag", "amenity=*")
    assert run.code == 0, run.err
    assert received(server)["tags"] == [("government", "tax"), ("amenity", None)]


def test_the_endpoint_option_wins_over_the_environment(server, tmp_path):
    run, _ = imported(server, tmp_path, "--area", "Hoyerswerda - Wojerecy", "--endpoint",
                      server.url, env={"ERREICHBAR_OVERPASS_URL": "http://127.0.0.1:1/"})
    assert run.code == 0, run.err


def test_without_o_the_file_is_named_after_the_town(server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    server.answer.body = (REPLIES / "hoyerswerda.json").read_bytes()
    run = english(["import", "overpass", "--area", "Hoyerswerda - Wojerecy", "--endpoint",
                   server.url])
    assert run.code == 0, run.err
    assert os.listdir(tmp_path) == ["hoyerswerda-wojerecy.yaml"]
    assert cli_overpass.output_name("Offenbach am Main") == "offenbach-am-main.yaml"
    assert cli_overpass.output_name("Görlitz Straße") == "gorlitz-strasse.yaml"


def test_an_existing_file_is_refused_before_the_server_is_asked(server, tmp_path):
    out = tmp_path / "offices.yaml"
    out.write_text("mine\n", encoding="utf-8")
    run = english(["import", "overpass", "--area", "X", "--endpoint", server.url, "-o",
                   str(out)])
    assert "exists; give --force" in one_line_error(run, 2)
    assert server.answer.requests == []
    assert out.read_text("utf-8") == "mine\n"


@pytest.mark.parametrize(("args", "said"), [
    (["--area", "X", "--bbox", "1,2,3,4"], "one of them"),
    ([], "one of them"),
    (["--bbox", "52,13,51,14"], "south below north"),
    (["--area", "X", "--timeout", "0"], "--timeout 0: give seconds from 1 to 3600"),
    (["--area", "X", "--tag", "amenity"], "--tag 'amenity': write KEY=VALUE"),
    (["--area", "X", "--endpoint", "file:///etc/passwd"], "give an http or https address"),
])
def test_bad_options_are_refused_before_the_server_is_asked(server, tmp_path, args, said):
    run = english(["import", "overpass", *args, "-o", str(tmp_path / "o.yaml")],
                  {"ERREICHBAR_OVERPASS_URL": server.url})
    assert said in one_line_error(run, 2)
    assert server.answer.requests == []
    assert list(tmp_path.iterdir()) == []


def test_a_name_that_names_no_boundary(server, tmp_path):
    server.answer.body = b'{"version": 0.6, "elements": []}'
    run = english(["import", "overpass", "--area", "Offenbach", "-o",
                   str(tmp_path / "o.yaml")], {"ERREICHBAR_OVERPASS_URL": server.url})
    assert "no administrative boundary in OpenStreetMap is named 'Offenbach'" in (
        one_line_error(run, 2))
    assert list(tmp_path.iterdir()) == []


def _fails(server, tmp_path: Path, *extra: str) -> str:
    run = english(["import", "overpass", "--area", "Hoyerswerda - Wojerecy", *extra, "-o",
                   str(tmp_path / "o.yaml")], {"ERREICHBAR_OVERPASS_URL": server.url})
    line = one_line_error(run, 69)
    assert list(tmp_path.iterdir()) == []  # no file, not even a half-written one
    return line


def test_each_failure_of_the_server_is_one_line_exit_69_and_no_file(server, tmp_path):
    server.answer.status = 504
    assert "answered HTTP 504 Gateway Timeout" in _fails(server, tmp_path)
    server.answer.status, server.answer.kind = 200, "text/html"
    server.answer.body = b"<html><body><p>The server is probably too busy</p></body></html>"
    assert "answered with an HTML page, not Overpass data" in _fails(server, tmp_path)
    server.answer.kind = "application/json"
    server.answer.body = json.dumps({"elements": [], "remark": "runtime error: Query run "
                                     "out of memory using about 2048 MB of RAM."}).encode()
    assert "the query failed on the server: runtime error: Query run out of memory" in (
        _fails(server, tmp_path))
    server.answer.body = (REPLIES / "hoyerswerda.json").read_bytes()[:-200]
    assert "the reply is not JSON: it breaks off" in _fails(server, tmp_path)
    server.answer.delay = 3
    assert "no reply from 127.0.0.1 within 1 s (--timeout)" in _fails(server, tmp_path,
                                                                     "--timeout", "1")


def test_offline(tmp_path):
    """No --endpoint, no variable: the public server, which the tests cannot reach (the
    guard in conftest.py answers every name lookup as an offline machine does)."""
    run = english(["import", "overpass", "--area", "X", "-o", str(tmp_path / "o.yaml")],
                  {"ERREICHBAR_OVERPASS_URL": None})
    assert one_line_error(run, 69) == ("erreichbar: cannot find the server overpass-api.de: "
                                       "no name resolution (offline?)")
    assert list(tmp_path.iterdir()) == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_is_shown_how_much_has_come(server, monkeypatch):
    server.answer.body = (REPLIES / "berlin-mitte.json").read_bytes()
    server.answer.pause = 0.6
    monkeypatch.setattr(progress, "DELAY", 0.05)
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    cli_overpass._fetch("[out:json];", server.url, 10)
    half = len(server.answer.body) // 2
    assert f"erreichbar: asking 127.0.0.1: {half / 1000:,.0f} kB received" in screen.getvalue()
    assert screen.getvalue().endswith("\r")  # and wiped when done


def test_o_dash_writes_the_dataset_to_stdout(server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    server.answer.body = (REPLIES / "hoyerswerda.json").read_bytes()
    run = english(["import", "overpass", "--area", "Hoyerswerda - Wojerecy", "-o", "-"],
                  {"ERREICHBAR_OVERPASS_URL": server.url})
    assert run.code == 0, run.err
    data = yaml.safe_load(run.out)
    assert data["sources"]["osm-w128918734"]["url"] == (
        "https://www.openstreetmap.org/way/128918734")  # Finanzamt Hoyerswerda
    assert list(tmp_path.iterdir()) == []
