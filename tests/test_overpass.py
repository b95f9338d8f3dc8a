"""The Overpass query, the request as a server on 127.0.0.1 receives it, and every way the
server can fail, each one line and exit 69; and that the suite reaches no other host."""

from __future__ import annotations

import json
import socket
import time
import urllib.parse
import urllib.request

import pytest

from erreichbar import __version__
from erreichbar.errors import Exit, UsageError
from erreichbar.importer import overpass
from erreichbar.importer.overpass import NetworkError, fetch, query, searched_areas
from erreichbar.importer.selection import DEFAULT_TAGS, BBox
from overpass_server import REPLIES, read_query


def test_the_query_names_the_area_the_default_tags_and_the_timeout():
    q = read_query(query(DEFAULT_TAGS, area="Offenbach am Main", timeout=60))
    assert q == {"timeout": 60, "area": ("name", "Offenbach am Main"), "bbox": None,
                 "tags": [("amenity", "townhall"), ("office", "government"),
                          ("government", None), ("amenity", "courthouse")], "out": True}


def test_quotes_and_backslashes_in_a_name_stay_inside_its_string():
    name = 'Bad "Quote" \\"]; out; ("'
    text = query([("name", 'a"b')], area=name)
    q = read_query(text)
    assert q["area"] == ("name", name)
    assert q["tags"] == [("name", 'a"b')]
    assert text.count(";\n") == 6  # the name added no statement of its own


def test_a_control_character_in_a_name_is_refused():
    with pytest.raises(UsageError, match=r"\\u000a"):
        query(DEFAULT_TAGS, area="Offenbach\nout;")


def test_a_bbox_query_searches_the_box_with_the_given_tags():
    q = read_query(query([("office", None)], bbox=BBox(50.08, 8.72, 50.12, 8.8), timeout=25))
    assert q["bbox"] == (50.08, 8.72, 50.12, 8.8)
    assert (q["area"], q["tags"], q["timeout"]) == (None, [("office", None)], 25)


def test_the_endpoint_comes_from_the_option_then_the_environment_then_the_default():
    env = {overpass.ENDPOINT_VARIABLE: "http://127.0.0.1:1/x"}
    assert overpass.endpoint("https://example.org/api", env) == "https://example.org/api"
    assert overpass.endpoint(None, env) == "http://127.0.0.1:1/x"
    assert overpass.endpoint(None, {}) == "https://overpass-api.de/api/interpreter"
    for bad in ("file:///etc/passwd", "ftp://example.org/", "overpass-api.de", "http://[::1",
                "http://127.0.0.1:99999/"):
        with pytest.raises(UsageError, match="http or https"):
            overpass.endpoint(bad, {})


# -- the request ---------------------------------------------------------------------------

def test_the_server_receives_the_query_as_a_form_post_naming_the_tool(server):
    server.answer.body = (REPLIES / "hoyerswerda.json").read_bytes()
    text = query(DEFAULT_TAGS, area="Hoyerswerda - Wojerecy", timeout=30)
    seen: list[int] = []
    data = fetch(text, server.url, 30, seen.append)
    assert data == server.answer.body
    (request,) = server.answer.requests
    assert request["path"] == "/api/interpreter"
    form = urllib.parse.parse_qs(request["body"].decode())
    assert form["data"] == [text]
    received = read_query(form["data"][0])
    assert received["area"] == ("name", "Hoyerswerda - Wojerecy")
    assert received["timeout"] == 30
    assert request["headers"]["User-Agent"].startswith(f"erreichbar/{__version__} ")
    assert seen and seen[-1] == len(data)  # bytes received, counted up to the whole


def test_the_searched_boundary_comes_with_the_reply():
    areas = searched_areas((REPLIES / "hoyerswerda.json").read_bytes())
    assert [a["name"] for a in areas] == ["Hoyerswerda - Wojerecy"]


def test_the_region_of_the_searched_boundaries():
    hoyerswerda = searched_areas((REPLIES / "hoyerswerda.json").read_bytes())
    assert overpass.regions_of_areas(hoyerswerda) == ["DE-SN"]  # its key 14625240: Sachsen
    # Offenbach am Main's key is 06413000 (Hessen); a state's boundary carries its own code
    assert overpass.regions_of_areas([{"de:amtlicher_gemeindeschluessel": "06413000"},
                                      {"ISO3166-2": "DE-BE", "admin_level": "4"}, {}]) == [
        "DE-HE", "DE-BE"]


# -- each way it fails: one message, exit 69 -----------------------------------------------

def failure(url: str, timeout: float = 5) -> str:
    with pytest.raises(NetworkError) as caught:
        fetch(query(DEFAULT_TAGS, area="X"), url, timeout)
    assert caught.value.exit_code == Exit.NETWORK == 69
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_connection_refused(server):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert failure(f"http://127.0.0.1:{port}/") == (
        "127.0.0.1 refused the connection (is the address and port right?)")


def test_offline_no_name_resolution():
    assert failure("https://overpass.invalid/api/interpreter") == (
        "cannot find the server overpass.invalid: no name resolution (offline?)")


def test_offline_no_route():
    assert failure("http://192.0.2.1/api/interpreter").startswith("cannot reach 192.0.2.1: ")


def test_timeout(server):
    server.answer.delay = 2
    start = time.monotonic()
    assert failure(server.url, timeout=0.3) == "no reply from 127.0.0.1 within 0.3 s (--timeout)"
    assert time.monotonic() - start < 1.5


@pytest.mark.parametrize(("status", "said"), [
    (429, "127.0.0.1 answered HTTP 429 Too Many Requests: the server limits how often one "
          "address may ask; try again in a minute"),
    (504, "127.0.0.1 answered HTTP 504 Gateway Timeout: the server is busy or down; try "
          "again later or name another with --endpoint"),
    (404, "127.0.0.1 answered HTTP 404 Not Found"),
])
def test_http_errors(server, status, said):
    server.answer.status = status
    assert failure(server.url) == said


def test_an_html_page_instead_of_data(server):
    server.answer.kind = "text/html"
    server.answer.body = (b"<!DOCTYPE html><html><head><title>Error</title></head><body>"
                          b"<p>The server is probably too busy to handle your request.</p>"
                          b"</body></html>")
    assert failure(server.url) == ("127.0.0.1 answered with an HTML page, not Overpass data: "
                                   "Error The server is probably too busy to handle your "
                                   "request.")


def test_an_html_page_sent_as_json_is_still_told(server):
    server.answer.body = b"\n<html><body>Dispatcher_Client::request_read_and_idx</body></html>"
    assert "an HTML page" in failure(server.url)


def test_a_reply_that_is_neither_json_nor_xml(server):
    server.answer.kind = "text/plain"
    server.answer.body = b"rate limited, try again later"
    assert failure(server.url) == ("127.0.0.1 answered with something that is not Overpass "
                                   "data: rate limited, try again later")


def test_a_searched_area_with_odd_tags_tells_no_region():
    reply = json.dumps({"elements": [{"type": "area", "id": 1, "tags": ["x"]},
                                     {"type": "area", "id": 2, "tags": {"ISO3166-2": 5}}]})
    assert overpass.regions_of_areas(overpass.searched_areas(reply.encode())) == []


def test_a_runtime_error_remark(server):
    reply = {"version": 0.6, "elements": [],
             "remark": 'runtime error: Query timed out in "query" at line 4 after 31 '
                       "seconds."}
    server.answer.body = json.dumps(reply).encode()
    assert failure(server.url) == ('127.0.0.1: the query failed on the server: runtime error: '
                                   'Query timed out in "query" at line 4 after 31 seconds.')


def test_a_runtime_error_remark_in_xml(server):
    server.answer.kind = "application/osm3s+xml"
    server.answer.body = (b'<?xml version="1.0"?><osm version="0.6"><remark> runtime error: '
                          b"Query run out of memory using about 2048 MB of RAM. </remark></osm>")
    assert failure(server.url).endswith(
        "runtime error: Query run out of memory using about 2048 MB of RAM.")


def test_a_connection_closed_before_the_whole_reply(server):
    server.answer.body = (REPLIES / "berlin-mitte.json").read_bytes()
    server.answer.length = len(server.answer.body) + 5000
    assert failure(server.url) == "the reply from 127.0.0.1 broke off or was no HTTP"


def test_an_empty_reply(server):
    server.answer.body = b""
    assert failure(server.url) == "127.0.0.1 answered with an empty reply"


def test_a_reply_that_breaks_off(server):
    server.answer.body = (REPLIES / "berlin-mitte.json").read_bytes()[:1000]
    assert failure(server.url) == "the reply is not JSON: it breaks off or is damaged"


# -- the suite itself is offline -----------------------------------------------------------

def test_no_test_connects_anywhere_but_the_loopback():
    with pytest.raises(OSError, match=r"no connection to 192\.0\.2\.1"), socket.socket() as s:
        s.connect(("192.0.2.1", 80))
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("overpass-api.de", 443)
    with pytest.raises(OSError):
        urllib.request.urlopen("https://overpass-api.de/api/status", timeout=1)
