"""`triage call` against a running server: an operator hears the menu and answers from the keyboard."""
from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from werkzeug.serving import make_server

from ivr.call_cli import call
from ivr.call_simulator import parse_input
from tests.twilio_client import AUTH_TOKEN


@pytest.fixture
def server(app):
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def test_an_operator_calls_picks_spanish_and_hangs_up(server):
    result = CliRunner().invoke(call, ["--url", server], input="2\n\n/hangup\n",
                                env={"TWILIO_AUTH_TOKEN": AUTH_TOKEN})
    assert result.exit_code == 0, result.output
    assert "[en-US] Thank you for calling the helpline. For English press 1 or say English." in result.output
    assert "[es-US] Para español oprima 2 o diga español." in result.output
    assert "[es-US] Perdone, no le escuché." in result.output  # the empty line was silence
    assert "(you hung up)" in result.output


def test_a_call_signed_with_the_wrong_token_is_reported(server):
    result = CliRunner().invoke(call, ["--url", server], input="/hangup\n", env={"TWILIO_AUTH_TOKEN": "wrong"})
    assert result.exit_code != 0 and "403" in result.output


@pytest.mark.parametrize("line, parsed", [
    ("12#", ("keys", "12#", 1.0)), ("", ("silence", None, 0.0)), ("/hangup", ("hangup", None, 0.0)),
    ("eviction", ("speech", "eviction", 0.9)), ("i need rent @0.35", ("speech", "i need rent", 0.35)),
])
def test_typed_lines_become_keys_speech_silence_or_a_hang_up(line, parsed):
    assert parse_input(line) == parsed
