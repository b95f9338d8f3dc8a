"""A local Overpass API server for the tests (127.0.0.1, a free port), serving a recorded
reply (tests/data/overpass/, built from the real extracts) or any failure a test sets up,
and keeping each request it receives; and a reader of the queries it receives, written
apart from the code that writes them."""

from __future__ import annotations

import contextlib
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPLIES = Path(__file__).parent / "data" / "overpass"


@dataclass
class Answer:
    """What the local server answers, and what it was asked."""

    body: bytes = b"{}"
    status: int = 200
    kind: str = "application/json"
    delay: float = 0.0  # seconds before the answer
    pause: float = 0.0  # seconds between its first and second half
    length: int | None = None  # the Content-Length announced, if not the body's
    requests: list[dict[str, object]] = field(default_factory=list)


class Server:
    def __init__(self) -> None:
        self.answer = Answer()
        answer_of = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                answer = answer_of.answer
                answer.requests.append({"path": self.path, "headers": dict(self.headers),
                                        "body": self.rfile.read(length)})
                time.sleep(answer.delay)
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.kind)
                self.send_header("Content-Length", str(answer.length or len(answer.body)))
                self.end_headers()
                half = len(answer.body) // 2
                with contextlib.suppress(OSError):  # (a client that gave up waiting)
                    self.wfile.write(answer.body[:half])
                    self.wfile.flush()
                    time.sleep(answer.pause)
                    self.wfile.write(answer.body[half:])

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/interpreter"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


STRING = r'"((?:[^"\\]|\\.)*)"'


def unquote(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def read_query(text: str) -> dict[str, object]:
    """Timeout, searched area name, bbox and the tag filters of the statements of QUERY."""
    timeout = re.match(r"\[out:json\]\[timeout:(\d+)\];", text)
    area = re.search(r'area\[' + STRING + '=' + STRING + r'\]\["boundary"="administrative"\]',
                     text)
    tags = []
    for key, value in re.findall(r"nwr\[" + STRING + r"(?:=" + STRING + r")?\]", text):
        tags.append((unquote(key), unquote(value) if value else None))
    bbox = re.search(r"\]\(([-\d.]+),([-\d.]+),([-\d.]+),([-\d.]+)\);", text)
    return {"timeout": int(timeout[1]) if timeout else None,
            "area": (unquote(area[1]), unquote(area[2])) if area else None,
            "bbox": tuple(float(x) for x in bbox.groups()) if bbox else None,
            "tags": tags, "out": "out center meta;" in text}


