"""cli/importing.py: `erreichbar import osm` end to end on the real extracts of
tests/data/osm/ (ODbL 1.0, © OpenStreetMap contributors), then the other commands on
what it wrote, alone and layered over the bundled data.

The facts expected are the tags themselves, read with pyosmium here, and the calendar:
2024-03-07 is a Thursday; 8 March (Internationaler Frauentag) is a public holiday in
Berlin since 2019 (Berliner Feiertagsgesetz § 1), in no other state but Mecklenburg-
Vorpommern since 2023; Buß- und Bettag, Wednesday 20 November 2024, only in Saxony.
"""

from __future__ import annotations

import json
from pathlib import Path

import osmium
import pytest
import yaml

from helpers import cli, names, one_line_error, run_cli

OSM = Path(__file__).parent / "data" / "osm"
BERLIN = OSM / "berlin-alexanderplatz.osm.pbf"
HOYERSWERDA = OSM / "hoyerswerda.osm.pbf"
THURSDAY = "2024-03-07T10:00"
FRAUENTAG = "2024-03-08T10:00"
BUSS_UND_BETTAG = "2024-11-20T10:00"


def tags_of(path: Path, kind: str, oid: int) -> dict[str, str]:
    """An object's tags, read with pyosmium, as the extract holds them."""
    for o in osmium.FileProcessor(str(path)):
        if (o.type_str(), o.id) == (kind, oid):
            return {t.k: t.v for t in o.tags}
    raise AssertionError(f"{kind}{oid} is not in {path.name}")


@pytest.fixture(scope="module")
def berlin(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("berlin") / "berlin.yaml"
    run = cli("import", "osm", str(BERLIN), "-o", str(out))
    assert run.code == 0, run.err
    assert run.out == ""
    return out


@pytest.fixture(scope="module")
def hoyerswerda(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hoy") / "hoyerswerda.yaml"
    run = cli("import", "osm", str(HOYERSWERDA), "-o", str(out))
    assert run.code == 0, run.err
    return out


def now_rows(data: Path, at: str, *more: str) -> list[dict]:
    run = cli("now", "--all", "--json", "--at", at, "--data", str(data), *more)
    assert run.code == 0, run.err
    return json.loads(run.out)


def row(rows: list[dict], office: str, channel: str) -> dict:
    found = [r for r in rows if r["office"] == office and r["channel"] == channel]
    assert len(found) == 1, found
    return found[0]


# --- the "done when" of the issue --------------------------------------------------------

def test_the_rotes_rathaus_is_open_on_a_thursday_morning(berlin):
    tags = tags_of(BERLIN, "r", 4211905)
    assert tags["name"] == "Rotes Rathaus" and tags["opening_hours"] == "Mo-Fr 09:00-18:00"
    visit = row(now_rows(berlin, THURSDAY), "osm-r4211905", "visit")
    assert visit["name"] == tags["name"]
    assert visit["state"] == "open"
    assert visit["until"] == "2024-03-07T18:00:00+01:00"  # Mo-Fr 09:00-18:00
    run = cli("now", "--data", str(berlin), "--at", THURSDAY)
    assert "Rotes Rathaus" in run.out


def test_the_rotes_rathaus_is_closed_on_8_march_a_berlin_holiday_that_is_named(berlin):
    visit = row(now_rows(berlin, FRAUENTAG), "osm-r4211905", "visit")
    assert visit["state"] == "closed"
    assert names(visit["holiday"], "Frauentag")
    assert visit["next_open"] == "2024-03-11T09:00:00+01:00"  # Monday, after the weekend
    shown = cli("now", "--data", str(berlin), "--at", FRAUENTAG, "--all", "--lang", "en",
                env={"COLUMNS": "200", "FORCE_COLOR": "1"})
    assert shown.code == 0


def test_the_jugendberufsagentur_is_listed_with_its_phone_number_and_unknown_hours(berlin):
    tags = tags_of(BERLIN, "n", 6244614471)
    assert "opening_hours" not in tags
    rows = now_rows(berlin, THURSDAY)
    phone = row(rows, "osm-n6244614471", "phone")
    assert phone["name"] == tags["name"] == "Jugendberufsagentur Berlin"
    assert [c["value"] for c in phone["contacts"]] == [tags["contact:phone"]]
    assert phone["contacts"][0]["uri"] == "tel:+4930902272976"
    assert phone["state"] == "unknown"
    assert row(rows, "osm-n6244614471", "visit")["state"] == "unknown"
    listed = cli("now", "--data", str(berlin), "--at", THURSDAY)
    assert "Jugendberufsagentur Berlin" in listed.out and tags["contact:phone"] in listed.out


def test_the_hoyerswerda_import_keeps_the_holidays_of_saxony(hoyerswerda):
    assert yaml.safe_load(hoyerswerda.read_text("utf-8"))["region"] == "DE-SN"
    days = json.loads(cli("holidays", "--year", "2024", "--json", "--data",
                          str(hoyerswerda)).out)
    assert "2024-11-20" in {d["date"] for d in days}  # Buß- und Bettag: Saxony only
    rows = now_rows(hoyerswerda, BUSS_UND_BETTAG)
    finanzamt = row(rows, "osm-w128918734", "visit")
    assert names(finanzamt["holiday"], "Buß- und Bettag")
    assert finanzamt["state"] == "closed"
    assert row(now_rows(hoyerswerda, "2024-11-21T10:00"), "osm-w128918734",
               "visit")["state"] == "unknown"


@pytest.mark.parametrize("path", [BERLIN, HOYERSWERDA])
def test_every_real_opening_hours_value_is_evaluated_or_reported_with_its_link(tmp_path, path):
    values = {}
    for o in osmium.FileProcessor(str(path)):
        if "opening_hours" in o.tags:
            kind = {"n": "node", "w": "way", "r": "relation"}[o.type_str()]
            values[(f"osm-{o.type_str()}{o.id}",
                    f"https://www.openstreetmap.org/{kind}/{o.id}")] = o.tags["opening_hours"]
    assert len(values) == {BERLIN: 223, HOYERSWERDA: 51}[path]  # 274 in all
    out = tmp_path / "all.yaml"
    run = cli("import", "osm", str(path), "--tag", "opening_hours=*", "-o", str(out))
    assert run.code == 0, run.err
    written = {o["id"]: next(c for c in o["channels"] if c["kind"] == "visit")
               for o in yaml.safe_load(out.read_text("utf-8"))["offices"]}
    rows = {r["office"]: r for r in now_rows(out, THURSDAY, "--channel", "visit")}
    reported = [line for line in run.err.splitlines() if "opening_hours=" in line]
    evaluated = 0
    for (office, link), value in values.items():
        warned = [line for line in reported if link + ":" in line]
        if warned:
            assert repr(value) in warned[0]
            assert written[office]["hours"] == "unknown"
            assert any(value in n for n in written[office]["notes"])
        else:
            assert written[office]["hours"] != "unknown" or value.strip() == "unknown"
            assert rows[office]["state"] in ("open", "closed", "unknown")
            evaluated += 1
    assert len(reported) == len(values) - evaluated  # no warning about another object
    assert evaluated >= len(values) * 0.9


# --- every fact keeps its source -----------------------------------------------------------

def test_office_json_shows_the_origin_of_the_rotes_rathaus(berlin):
    tags = tags_of(BERLIN, "r", 4211905)
    shown = json.loads(cli("office", "rotes-rathaus", "--json", "--data", str(berlin),
                           "--at", THURSDAY).out)
    assert shown["office"] == "osm-r4211905" and shown["name"] == tags["name"]
    src = shown["source"]
    assert src["url"] == "https://www.openstreetmap.org/relation/4211905"
    assert src["publisher"] == "© OpenStreetMap contributors, ODbL 1.0"
    assert "relation 4211905" in src["title"] and "version " in src["title"]
    assert "wheelchair=" + tags["wheelchair"] in " ".join(n["text"] for n in shown["notes"])
    phone = next(c for c in shown["channels"] if c["channel"] == "phone")
    assert [c["value"] for c in phone["contacts"]] == [tags["contact:phone"]]
    drawn = run_cli(["office", "Rotes Rathaus", "--data", str(berlin), "--at", THURSDAY],
                    terminal=True)
    assert "openstreetmap.org/relation/4211905" in drawn.words and "ODbL" in drawn.words


def test_check_date_of_the_hours_drives_the_staleness_warning(hoyerswerda):
    tags = tags_of(HOYERSWERDA, "n", 606151138)  # Altes Rathaus
    assert tags["check_date:opening_hours"] == "2023-07-31"
    args = ("office", "altes-rathaus", "--channel", "visit", "--data", str(hoyerswerda),
            "--lang", "en")
    within = run_cli([*args, "--at", "2024-07-15T10:00"], terminal=True)
    after = run_cli([*args, "--at", "2024-08-15T10:00"], terminal=True)
    assert "2023-07-31" in within.words or "31 Jul 2023" in within.words \
        or "31.07.2023" in within.words
    assert "more than a year" not in within.words
    assert "more than a year" in after.words


def test_ids_are_stable_across_imports(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert cli("import", "osm", str(BERLIN), "-o", str(first)).code == 0
    assert cli("import", "osm", str(BERLIN), "--bbox", "52.51,13.40,52.53,13.42",
               "-o", str(second)).code == 0
    ids = [o["id"] for o in yaml.safe_load(first.read_text("utf-8"))["offices"]]
    again = [o["id"] for o in yaml.safe_load(second.read_text("utf-8"))["offices"]]
    assert "osm-r4211905" in ids and set(again) <= set(ids)


# --- layered over the bundled data -------------------------------------------------------

@pytest.fixture(scope="module")
def offenbach(tmp_path_factory) -> Path:
    """An import from a generated extract of Offenbach am Main (postcode 63065: Hessen, as
    the bundled data): a layer must agree with the data below it on the region."""
    folder = tmp_path_factory.mktemp("offenbach")
    source = folder / "offenbach.osm.pbf"
    with osmium.SimpleWriter(str(source)) as writer:
        writer.add_node(osmium.osm.mutable.Node(
            id=1001, version=2, timestamp="2024-02-01T08:00:00Z", location=(8.7665, 50.1055),
            tags={"amenity": "townhall", "name": "Rathaus Offenbach",
                  "opening_hours": "Mo-Fr 08:00-12:00", "addr:street": "Berliner Straße",
                  "addr:housenumber": "100", "addr:postcode": "63065",
                  "addr:city": "Offenbach am Main", "phone": "069 8065-0"}))
    out = folder / "offenbach.yaml"
    run = cli("import", "osm", str(source), "-o", str(out))
    assert run.code == 0, run.err
    return out


def test_layered_over_the_bundled_data_every_command_works(offenbach):
    from erreichbar.data.loader import bundled_path

    layered = ("--data", bundled_path(), "--data", str(offenbach))
    rows = json.loads(cli("now", "--all", "--json", "--at", THURSDAY, *layered).out)
    assert {"osm-n1001", "sozialamt"} <= {r["office"] for r in rows}
    assert row(rows, "osm-n1001", "visit")["state"] == "open"  # Mo-Fr 08:00-12:00
    assert cli("office", "rathaus-offenbach", "--at", THURSDAY, *layered).code == 0
    nxt = cli("next", "rathaus-offenbach", "--json", "--at", "2024-03-07T13:00", *layered)
    assert "2024-03-08T08:00:00+01:00" in nxt.out
    assert cli("check", "rathaus-offenbach", "-c", "visit", "-q", "--at", THURSDAY,
               *layered).code == 0
    assert cli("check", "rathaus-offenbach", "-c", "visit", "-q", "--at", "2024-03-29T10:00",
               *layered).code == 1  # Karfreitag
    assert cli("week", "rathaus-offenbach", "--at", THURSDAY, *layered).code == 0
    jsonld = cli("export", "rathaus-offenbach", "--format", "jsonld", "--at", THURSDAY,
                 *layered)
    assert jsonld.code == 0, jsonld.err
    assert "OpenStreetMap contributors" in jsonld.out and "ODbL" in jsonld.out
    assert "https://www.openstreetmap.org/node/1001" in jsonld.out
    assert cli("validate", str(offenbach)).code == 0


def test_the_berlin_import_is_a_valid_data_file_of_its_own(berlin):
    run = cli("validate", str(berlin))
    assert run.code == 0, run.err


# --- output files ------------------------------------------------------------------------

def test_the_default_output_is_named_after_the_source(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("import", "osm", str(HOYERSWERDA)).code == 0
    assert (tmp_path / "hoyerswerda.yaml").exists()


def test_an_existing_file_is_replaced_only_with_force(tmp_path):
    out = tmp_path / "mine.yaml"
    out.write_text("mine\n", "utf-8")
    line = one_line_error(cli("import", "osm", str(HOYERSWERDA), "-o", str(out)), 2)
    assert "--force" in line
    assert out.read_text("utf-8") == "mine\n"
    assert cli("import", "osm", str(HOYERSWERDA), "-o", str(out), "--force").code == 0
    assert "osm-w128918734" in out.read_text("utf-8")


def test_dash_is_standard_output_and_standard_input(tmp_path):
    run = run_cli(["import", "osm", "-", "-o", "-"], stdin=HOYERSWERDA.read_bytes())
    assert run.code == 0, run.err
    data = yaml.safe_load(run.out)
    assert data["region"] == "DE-SN" and len(data["offices"]) == 6
    assert "© OpenStreetMap contributors" in run.out


# --- bad input: one line, its exit code, no output file -----------------------------------

def bad_input(tmp_path: Path, data: bytes, *more: str, code: int = 4) -> str:
    source, out = tmp_path / "input.osm.pbf", tmp_path / "out.yaml"
    source.write_bytes(data)
    line = one_line_error(cli("import", "osm", str(source), "-o", str(out), "--lang", "en",
                              *more), code)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["input.osm.pbf"]  # no temporary file
    return line


def test_a_truncated_pbf(tmp_path):
    line = bad_input(tmp_path, BERLIN.read_bytes()[:100_000])
    assert "cannot be read as OpenStreetMap data" in line and "truncated" in line


def test_a_damaged_pbf(tmp_path):
    data = bytearray(BERLIN.read_bytes())
    data[300:2300] = b"\x00" * 2000
    assert "cannot be read as OpenStreetMap data" in bad_input(tmp_path, bytes(data))


def test_an_empty_file(tmp_path):
    assert "is empty: no OpenStreetMap data" in bad_input(tmp_path, b"")


def test_an_overpass_runtime_error(tmp_path):
    reply = b'{"elements": [], "remark": "runtime error: Query ran out of memory."}'
    assert "runtime error: Query ran out of memory" in bad_input(tmp_path, reply)


def test_an_html_page_instead_of_json(tmp_path):
    line = bad_input(tmp_path, b"<html><body>429 Too Many Requests</body></html>")
    assert "is a web page (HTML)" in line


@pytest.mark.parametrize("box", ["1,2,3", "52.6,13.4,52.5,13.5", "x,y,z,w"])
def test_a_wrong_bbox(tmp_path, box):
    assert "--bbox" in bad_input(tmp_path, HOYERSWERDA.read_bytes(), "--bbox", box, code=2)


def test_a_region_that_cannot_be_told(tmp_path):
    data = HOYERSWERDA.read_bytes()
    line = bad_input(tmp_path, data, "--tag", "government=healthcare", code=2)
    assert "--region" in line
    out = tmp_path / "out.yaml"
    ok = cli("import", "osm", str(tmp_path / "input.osm.pbf"), "--tag",
             "government=healthcare", "--region", "DE-SN", "-o", str(out))
    assert ok.code == 0, ok.err


def test_a_selection_that_finds_nothing(tmp_path):
    assert "nothing to import" in bad_input(tmp_path, HOYERSWERDA.read_bytes(),
                                            "--tag", "amenity=spaceport")


def test_without_pyosmium_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "osmium", None)  # `import osmium` raises ImportError
    line = bad_input(tmp_path, HOYERSWERDA.read_bytes(), code=2)
    assert "pip install 'erreichbar[osm]'" in line


def test_the_common_options_before_the_group_reach_the_import_command(tmp_path):
    line = one_line_error(cli("--lang", "en", "import", "osm", str(HOYERSWERDA), "--bbox",
                              "1,2", "-o", str(tmp_path / "x.yaml")), 2)
    assert "write four numbers S,W,N,E" in line  # in English, as --lang en asked
    line = one_line_error(cli("--json", "import", "osm", str(HOYERSWERDA)), 2)
    assert "--json" in line


def test_the_help_of_import_osm_is_in_the_language_of_the_run():
    german = cli("import", "osm", "-h", "--lang", "de")
    assert german.code == 0 and "Rathäuser" in german.out
    english = cli("import", "osm", "-h", "--lang", "en")
    assert "town halls" in english.out


@pytest.mark.parametrize(("source", "named"), [
    ("berlin-latest.osm.pbf", "berlin-latest.yaml"),
    ("/data/hessen.osm.bz2", "hessen.yaml"),
    ("reply.json", "reply.yaml"),
    ("-", "imported-offices.yaml"),
])
def test_the_default_output_name(source, named):
    from erreichbar.cli.importing import default_output

    assert default_output(source) == named


def test_the_source_itself_is_never_the_output(tmp_path):
    source = tmp_path / "x.osm.pbf"
    source.write_bytes(HOYERSWERDA.read_bytes())
    line = one_line_error(cli("import", "osm", str(source), "-o", str(source), "--force",
                              "--lang", "en"), 2)
    assert "is the file being imported" in line
    assert source.read_bytes() == HOYERSWERDA.read_bytes()


def test_a_source_that_is_not_there(tmp_path):
    line = one_line_error(cli("import", "osm", str(tmp_path / "missing.osm.pbf"), "-o",
                              str(tmp_path / "out.yaml"), "--lang", "en"), 4)
    assert "cannot read" in line and "missing.osm.pbf" in line
    assert list(tmp_path.iterdir()) == []
