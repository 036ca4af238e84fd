"""Prism serving Twilio's own OpenAPI spec, behind a recording proxy so tests can read what was sent.

`prism` (session): base URL to put in Settings.twilio_api_base; Prism validates every request against
Twilio's spec (auth, required and typed parameters) and answers with the spec's examples.
`prism_requests` (per test): the requests that reached Prism during this test, with parsed form bodies.
"""
from __future__ import annotations

import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import free_port, wait_for_port

PRISM_DIR = Path(__file__).with_name("prism")
PRISM_BIN = PRISM_DIR / "node_modules" / ".bin" / "prism"
TWILIO_SPEC = PRISM_DIR / "node_modules" / "@twilio-alpha" / "mcp" / "twilio-oai" / "spec" / "json" / "twilio_api_v2010.json"
_HOP_BY_HOP = {"host", "content-length", "connection", "transfer-encoding"}


@dataclass(frozen=True)
class PrismRequest:
    method: str
    path: str  # e.g. /2010-04-01/Accounts/AC.../Calls.json
    form: dict  # body parameters: a str, or a list when repeated (StatusCallbackEvent)
    status: int  # Prism's answer: 2xx when the request matched Twilio's spec
    problem: str | None = None  # Prism's explanation when it refused the request


class PrismLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[PrismRequest] = []

    def add(self, request: PrismRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()

    @property
    def all(self) -> list[PrismRequest]:
        with self._lock:
            return list(self._requests)

    def to(self, method: str, path_suffix: str) -> list[PrismRequest]:
        """Requests by method whose path ends with e.g. "/Calls.json" or "/Participants.json"."""
        return [r for r in self.all if r.method == method and r.path.endswith(path_suffix)]


def _form(body: bytes) -> dict:
    parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in parsed.items()}


class _Recorder(BaseHTTPRequestHandler):
    server: "_RecordingProxy"

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = urllib.request.Request(self.server.upstream + self.path, data=body or None,
                                          method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(upstream, timeout=30) as answer:
                status, answer_headers, data = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            status, answer_headers, data = error.code, error.headers, error.read()
        problem = data.decode("utf-8", "replace") if status >= 400 else None
        self.server.log.add(PrismRequest(self.command, urlsplit(self.path).path, _form(body), status, problem))
        self.send_response(status)
        for name in ("Content-Type", "Content-Encoding"):
            if answer_headers.get(name):
                self.send_header(name, answer_headers[name])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _forward

    def log_message(self, *args) -> None:  # the recorded log is the useful one
        pass


class _RecordingProxy(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.upstream = upstream
        self.log = PrismLog()


@pytest.fixture(scope="session")
def prism_server(tmp_path_factory):
    if not PRISM_BIN.exists():
        raise RuntimeError(f"Prism is not installed: run `npm ci` in {PRISM_DIR}")
    port = free_port()
    output = (tmp_path_factory.mktemp("prism") / "prism.log").open("w")
    process = subprocess.Popen([str(PRISM_BIN), "mock", "-h", "127.0.0.1", "-p", str(port), str(TWILIO_SPEC)],
                               stdout=output, stderr=subprocess.STDOUT)
    proxy = _RecordingProxy(f"http://127.0.0.1:{port}")
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        wait_for_port(port, timeout=120)  # Prism parses the 2 MB spec before it listens
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()
        process.terminate()
        process.wait(10)
        output.close()


@pytest.fixture(scope="session")
def prism(prism_server) -> str:
    """Base URL for Settings.twilio_api_base."""
    return f"http://127.0.0.1:{prism_server.server_address[1]}"


@pytest.fixture
def prism_requests(prism_server) -> PrismLog:
    prism_server.log.clear()
    return prism_server.log
