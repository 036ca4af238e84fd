"""The HSDS API client against a real HTTP server on a free loopback port, and a real Redis."""
import json
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from directory_client.hsds_api import ApiDirectory, HsdsClient
from directory_client.taxonomy import load_taxonomy
from directory_client.types import DirectoryUnavailable

from .hsds_factory import service

NOW = datetime(2025, 3, 4, 15, 0, tzinfo=timezone.utc)  # Tuesday 10:00 in Detroit
DETROIT = {"type": "zip", "value": "48226"}


def sal_item(name, lat, lon):
    s = service(name, lat=lat, lon=lon)
    [sal] = s.pop("service_at_locations")
    return {**sal, "service": s}


class HsdsServer:
    """Serves GET /service_at_locations as paginated HSDS 3.0 JSON; can fail or stall on demand."""

    def __init__(self, items):
        self.items, self.fail_next, self.delay, self.requests = items, 0, 0.0, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                server.requests.append((url.path, query))
                time.sleep(server.delay)
                if server.fail_next > 0:
                    server.fail_next -= 1
                    return self._send(503, {"error": "overloaded"})
                page, per_page = int(query.get("page", 1)), int(query.get("per_page", 10))
                pages = max(1, -(-len(server.items) // per_page))
                self._send(200, {
                    "total_items": len(server.items), "total_pages": pages, "page_number": page, "size": per_page,
                    "first_page": page == 1, "last_page": page >= pages, "empty": not server.items,
                    "contents": server.items[(page - 1) * per_page: page * per_page]})

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = HsdsServer([sal_item(f"Pantry {i}", 42.33 + i * 0.01, -83.05) for i in range(5)])
    yield s
    s.stop()


def api(server, redis_url=None, timeout=2.0, fallback=None, **cache):
    d = ApiDirectory(server.url, load_taxonomy(), redis_url=redis_url, fallback=fallback,
                     client=HsdsClient(server.url, timeout=timeout, backoff=0.01, per_page=2))
    for key, value in cache.items():
        setattr(d.cache, key, value)
    return d


def test_pages_are_followed_and_results_ranked(server):
    results = api(server).search("food", DETROIT, "en", NOW, limit=5)
    assert [r.name for r in results] == [f"Pantry {i}" for i in range(5)]  # nearest first
    assert [q["page"] for _, q in server.requests] == ["1", "2", "3"]
    path, query = server.requests[0]
    assert path == "/service_at_locations"
    assert query == {"search": "food", "postcode": "48226", "full": "true", "page": "1", "per_page": "2"}


def test_5xx_is_retried_with_backoff(server):
    server.fail_next = 2
    results = api(server).search("food", DETROIT, "en", NOW)
    assert [r.name for r in results] == ["Pantry 0", "Pantry 1", "Pantry 2"]
    assert len(server.requests) == 2 + 3  # two 503s, then three pages


def test_slow_directory_times_out_to_unavailable(server):
    server.delay = 0.5
    started = time.monotonic()
    with pytest.raises(DirectoryUnavailable, match="call 211"):
        api(server, timeout=0.2).search("food", DETROIT, "en", NOW)
    assert time.monotonic() - started < 2.5  # bounded by timeout x retries, not the server


def test_fresh_cache_spares_the_directory(server, redis_url):
    d = api(server, redis_url)
    first = d.search("food", DETROIT, "en", NOW)
    count = len(server.requests)
    assert d.search("food", DETROIT, "en", NOW) == first
    assert len(server.requests) == count


def test_cached_answer_when_directory_is_down(server, redis_url):
    d = api(server, redis_url, fresh_seconds=0)  # always revalidate, keep for outages
    fresh = d.search("food", DETROIT, "en", NOW)
    server.stop()
    cached = d.search("food", DETROIT, "en", NOW)
    assert [r.name for r in cached] == [r.name for r in fresh]
    assert all(any(w.startswith("directory unreachable; cached answer") for w in r.why) for r in cached)


def test_down_without_cache_falls_back_to_embedded(server, redis_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DIRECTORY_DB", str(tmp_path / "fallback.sqlite3"))
    from directory_client import get_directory

    embedded = get_directory()
    server.stop()
    results = api(server, redis_url, fallback=embedded).search("rent", DETROIT, "en", NOW)
    assert results[0].name == "Housing Services Helpline"
    assert "directory unreachable (ConnectionError); from the built-in directory" in results[0].why


def test_redis_down_does_not_break_search(server, redis_server, redis_url):
    d = api(server, redis_url)
    redis_server.stop()
    assert [r.name for r in d.search("food", DETROIT, "en", NOW)][0] == "Pantry 0"
