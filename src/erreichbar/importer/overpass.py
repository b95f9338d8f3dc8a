"""Asking an Overpass API server for a town's offices: the query, the request, the reply.

`query()` writes the Overpass QL for a selection of tags in an area named by its name or
in a bounding box; `fetch()` posts it with the standard library and returns the reply's
bytes, or raises one `NetworkError` whose message is the one line the user sees. What the
reply holds is read by the OSM reader, as any Overpass reply a user saved is.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

from erreichbar import __version__
from erreichbar.errors import ErreichbarError, Exit, UsageError, controls, escaped
from erreichbar.i18n import _
from erreichbar.importer.selection import BBox, Selector

DEFAULT_ENDPOINT = "https://overpass-api.de/api/interpreter"
ENDPOINT_VARIABLE = "ERREICHBAR_OVERPASS_URL"
DEFAULT_TIMEOUT = 180  # seconds: the public server's own default for [timeout:]
USER_AGENT = f"erreichbar/{__version__} (opening hours of public offices)"

CHUNK = 64 * 1024


class NetworkError(ErreichbarError):
    """The server could not be reached, did not answer in time, or answered with no data."""

    exit_code = Exit.NETWORK


def _split(url: str) -> urllib.parse.SplitResult | None:
    """The parts of an address; None for one urllib cannot take (`http://[::1`, a port
    out of range), which would otherwise fail only when asked."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (reading the port checks it)
    except ValueError:
        return None
    return parts


def endpoint(option: str | None, environ: dict[str, str] | os._Environ[str] = os.environ
             ) -> str:
    """The server to ask: --endpoint, else ERREICHBAR_OVERPASS_URL, else the public one;
    only http and https are accepted (urllib would also open file: and ftp: addresses)."""
    url = option or environ.get(ENDPOINT_VARIABLE) or DEFAULT_ENDPOINT
    parts = _split(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        where = "--endpoint" if option else ENDPOINT_VARIABLE
        raise UsageError(_("{option} {url}: give an http or https address of an Overpass "
                           "API server", option=where, url=url))
    return url


def ql_string(text: str) -> str:
    """TEXT as an Overpass QL string literal, backslash and quote escaped, so that no name
    can end the string and add statements of its own to the query. A control character
    (a line break, ESC) belongs in no name or tag and is refused."""
    if controls().search(text):
        raise UsageError(_("{text}: a name or tag holds a control character",
                           text=escaped(text)))
    escaped_text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped_text}"'


def _tag_filter(tag: Selector) -> str:
    key, value = tag
    if value is None:
        return f"[{ql_string(key)}]"
    return f"[{ql_string(key)}={ql_string(value)}]"


def query(tags: Sequence[Selector], *, area: str | None = None, bbox: BBox | None = None,
          timeout: int = DEFAULT_TIMEOUT) -> str:
    """The Overpass QL for every node, way and relation carrying one of TAGS, in the
    administrative boundary named AREA or in BBOX (south, west, north, east)."""
    lines = [f"[out:json][timeout:{timeout}];"]
    if bbox is not None:
        where = f"({bbox.south:.7f},{bbox.west:.7f},{bbox.north:.7f},{bbox.east:.7f})"
    elif area is not None:
        # The areas named so are listed in the reply too (`out tags`): a name that names
        # no boundary is told from a town without offices, and a boundary's tags can tell
        # the region. Several boundaries of one name (a town and its district) are all
        # searched.
        lines += [f'area["name"={ql_string(area)}]["boundary"="administrative"]->.searched;',
                  ".searched out tags;"]
        where = "(area.searched)"
    else:
        raise ValueError("give an area or a bbox")
    lines.append("(")
    lines += [f"  nwr{_tag_filter(tag)}{where};" for tag in tags]
    lines.append(");")
    # `out center meta`: a way or relation comes with one point, the centre of its bounding
    # box, instead of all its member ways and nodes (`out body meta; >; out skel qt;` ships
    # every node of a townhall's outline, often hundreds, only to compute a point from
    # them); `meta` adds each object's version, timestamp and changeset, which the imported
    # facts name as their source.
    lines.append("out center meta;")
    return "\n".join(lines) + "\n"


def fetch(text: str, url: str, timeout: float,
          on_progress: Callable[[int], None] | None = None) -> bytes:
    """The reply to the query TEXT from the server at URL; ON_PROGRESS gets the number of
    bytes received so far. The socket's timeout bounds each wait for the server; the
    deadline, checked after each piece, ends a reply that trickles in for longer than
    TIMEOUT in all."""
    host = urllib.parse.urlsplit(url).hostname or url
    body = urllib.parse.urlencode({"data": text}).encode("utf-8")
    # (S310: endpoint() lets only http and https addresses through)
    headers = {"User-Agent": USER_AGENT, "Accept": "application/json",
               "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    request = urllib.request.Request(url, body, headers, method="POST")  # noqa: S310
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            kind = response.headers.get_content_type()
            data = _read(response, deadline, on_progress)
    except urllib.error.HTTPError as error:
        raise NetworkError(_http_message(host, error)) from None
    except http.client.HTTPException:  # a reply cut short, or no HTTP at all
        raise NetworkError(_("the reply from {host} broke off or was no HTTP", host=host)
                           ) from None
    except (urllib.error.URLError, OSError) as error:
        raise NetworkError(_connection_message(host, error, timeout)) from None
    _check(host, kind, data)
    return data


def _read(response: Any, deadline: float, on_progress: Callable[[int], None] | None
          ) -> bytes:
    chunks: list[bytes] = []
    received = 0
    announced = response.headers.get("Content-Length") or ""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            if announced.isdigit() and received < int(announced):
                # (read1 ends quietly where the server closed early; read would raise)
                raise http.client.IncompleteRead(b"".join(chunks), int(announced) - received)
            return b"".join(chunks)
        chunks.append(chunk)
        received += len(chunk)
        if on_progress is not None:
            on_progress(received)


def _http_message(host: str, error: urllib.error.HTTPError) -> str:
    code = error.code
    if code == 429:
        return _("{host} answered HTTP 429 Too Many Requests: the server limits how often "
                 "one address may ask; try again in a minute", host=host)
    if code in (502, 503, 504):
        return _("{host} answered HTTP {code} {reason}: the server is busy or down; try "
                 "again later or name another with --endpoint", host=host, code=code,
                 reason=error.reason)
    if code == 400:
        return _("{host} answered HTTP 400 Bad Request: it did not accept the query ({detail})",
                 host=host, detail=_page_text(error.read(4096)) or error.reason)
    return _("{host} answered HTTP {code} {reason}", host=host, code=code, reason=error.reason)


def _connection_message(host: str, error: BaseException, timeout: float) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return _("no reply from {host} within {seconds} s (--timeout)", host=host,
                 seconds=f"{timeout:g}")
    if isinstance(reason, socket.gaierror):
        return _("cannot find the server {host}: no name resolution (offline?)", host=host)
    if isinstance(reason, ConnectionRefusedError):
        return _("{host} refused the connection (is the address and port right?)", host=host)
    if isinstance(reason, ssl.SSLError):
        return _("no secure connection to {host}: {reason}", host=host,
                 reason=reason.reason or reason)
    detail = getattr(reason, "strerror", None) or str(reason)
    return _("cannot reach {host}: {reason}", host=host, reason=detail)


_TAG = re.compile(rb"<[^>]*>")
_HTML_START = re.compile(rb"\s*<(!doctype\s+html|html)", re.I)


def _page_text(data: bytes) -> str:
    """The first words of an HTML page or other text, for a message of one line."""
    text = _TAG.sub(b" ", data[:4096]).decode("utf-8", "replace")
    return " ".join(text.split())[:160]


def _check(host: str, kind: str, data: bytes) -> None:
    """A reply that is an HTML page, or that says the query failed on the server, is no
    data: the public server answers 200 with an HTML page when it is overloaded, and ends
    a query that ran out of time or memory with a `remark` (`runtime error: ...`) after
    partial results, which are no town's whole list of offices."""
    if not data.strip():
        raise NetworkError(_("{host} answered with an empty reply", host=host))
    if kind == "text/html" or _HTML_START.match(data[:512]):
        raise NetworkError(_("{host} answered with an HTML page, not Overpass data: {text}",
                             host=host, text=_page_text(data)))
    if data.lstrip()[:1] not in (b"{", b"<"):
        raise NetworkError(_("{host} answered with something that is not Overpass data: "
                             "{text}", host=host, text=_page_text(data)))
    remark = _remark(data)
    if remark and remark.strip():
        raise NetworkError(_("{host}: the query failed on the server: {remark}", host=host,
                             remark=" ".join(remark.split())))


def searched_areas(data: bytes) -> list[dict[str, str]]:
    """The tags of the boundaries the query searched (the reply's elements of type `area`,
    which the OSM reader passes over: they are no offices). DATA was checked by fetch."""
    try:
        reply = json.loads(data)
    except (ValueError, RecursionError):  # (an XML reply: the reader takes it whole)
        return []
    elements = reply.get("elements", []) if isinstance(reply, dict) else []
    return [{str(k): str(v) for k, v in e["tags"].items()} for e in elements
            if isinstance(e, dict) and e.get("type") == "area"
            and isinstance(e.get("tags"), dict)]


# The Länderschlüssel, the first two digits of a German municipality's official key
# (Amtlicher Gemeindeschlüssel), as the Statistisches Bundesamt numbers the states.
STATE_KEYS = {"01": "DE-SH", "02": "DE-HH", "03": "DE-NI", "04": "DE-HB", "05": "DE-NW",
              "06": "DE-HE", "07": "DE-RP", "08": "DE-BW", "09": "DE-BY", "10": "DE-SL",
              "11": "DE-BE", "12": "DE-BB", "13": "DE-MV", "14": "DE-SN", "15": "DE-ST",
              "16": "DE-TH"}


def regions_of_areas(areas: Sequence[dict[str, str]]) -> list[str]:
    """The ISO 3166-2 regions the searched boundaries tell: a state's own `ISO3166-2`, or
    for a town or district the state its official key begins with (a town's boundary
    carries no ISO code, but in Germany nearly always the key)."""
    found = []
    for tags in areas:
        code = tags.get("ISO3166-2", "")
        key = tags.get("de:amtlicher_gemeindeschluessel") or tags.get("de:regionalschluessel")
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
            found.append(code)
        elif key and key[:2] in STATE_KEYS:
            found.append(STATE_KEYS[key[:2]])
    return list(dict.fromkeys(found))


def _remark(data: bytes) -> str | None:
    head = data.lstrip()[:1]
    if head == b"{":
        try:
            reply = json.loads(data)
        except (ValueError, RecursionError):
            raise NetworkError(_("the reply is not JSON: it breaks off or is damaged")
                               ) from None
        remark = reply.get("remark") if isinstance(reply, dict) else None
        return remark if isinstance(remark, str) else None
    found = re.search(rb"<remark>(.*?)</remark>", data, re.S)
    return found[1].decode("utf-8", "replace") if found else None
