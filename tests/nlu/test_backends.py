"""The HTTP back end against a real `rasa run` server, and the down / slow paths.

The server takes ~30-60 s to start (TensorFlow, spaCy lookup tables), so it is started once for
this module; the timeout tests need no server and run in about a second each.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from nlu import get_parser
from nlu.backends import HttpBackend
from nlu.parser import Parser
from tests.conftest import free_port

pytestmark = pytest.mark.timeout(240)
RASA = Path(sys.executable).with_name("rasa")


@pytest.fixture(scope="module")
def rasa_url(model_path, tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("rasa") / "rasa.log").open("w")
    process = subprocess.Popen(
        [str(RASA), "run", "--enable-api", "-m", str(model_path), "--port", str(port), "-i", "127.0.0.1"],
        cwd=Path(__file__).parents[2], stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_MAX_CACHE_SIZE": "0"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline:
            assert process.poll() is None, f"rasa run exited, see {log.name}"
            try:
                if requests.get(f"{url}/status", timeout=1).ok:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        else:
            pytest.fail(f"rasa run did not answer within 180 s, see {log.name}")
        yield url
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def test_http_backend_gives_the_same_answer_as_in_process(rasa_url, parser):
    http = Parser(HttpBackend(rasa_url, timeout=5.0))
    for text in ["me van a desalojar", "need a bed tonight for me and my 2 kids in 48201",
                 "le chauffage ne marche plus depuis une semaine"]:
        remote, local = http.parse(text), parser.parse(text)
        assert remote.available
        assert (remote.language, remote.intent, remote.entities) == (local.language, local.intent, local.entities)


def test_get_parser_uses_rasa_url_from_the_environment(rasa_url, monkeypatch):
    monkeypatch.setenv("RASA_URL", rasa_url)
    result = get_parser().parse("je veux parler à une personne")
    assert (result.available, result.need) == (True, "agent")


@pytest.fixture
def silent_server():
    """Accepts connections and never answers: a hung NLU server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_slow_server_times_out_quickly(silent_server):
    parser = Parser(HttpBackend(silent_server, timeout=0.3))
    started = time.monotonic()
    result = parser.parse("I need food")
    assert time.monotonic() - started < 1.5
    assert result.available is False and result.intent == "unknown"


def test_server_down_is_unavailable_not_an_error():
    result = Parser(HttpBackend(f"http://127.0.0.1:{free_port()}", timeout=0.5)).parse("I need food")
    assert result.available is False
