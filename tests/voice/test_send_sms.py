"""'Text me this list': one SMS, to the calling number only, through Twilio's REST API (Prism here)."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from flows.types import Action, InboundEvent, Session
from ivr.actions import send_sms
from ivr.config import Settings
from ivr.conversation import Conversation, TurnContext
from ivr.sessions import SessionStore
from ivr.twilio_rest import rest_client
from tests.twilio_client import ACCOUNT_SID, AUTH_TOKEN, HELPLINE

CALLBACK = "https://helpline.example.org/voice/sms-status"
BODY = "Detroit Rescue Mission, 313-555-0101"


@pytest.fixture
def store(redis_url) -> SessionStore:
    return SessionStore.from_settings(Settings(redis_url=redis_url))


@pytest.fixture
def send(store, prism):
    settings = Settings(twilio_account_sid=ACCOUNT_SID, twilio_auth_token=AUTH_TOKEN, twilio_api_base=prism)
    executor = send_sms(store, lambda: rest_client(settings), lambda: CALLBACK)

    def run(number: str | None, caller: str = "c0ffee") -> dict:
        event = InboundEvent("voice", caller, "CA1:4", datetime.now(timezone.utc), data={"helpline": HELPLINE})
        return executor(Action("send_sms", {"body": BODY}), TurnContext(event, Session(caller, "voice"),
                                                                        event.at, number))
    return run


def test_the_list_goes_to_the_calling_mobile_number_with_a_status_callback(send, prism_requests):
    assert send("+13135552520")["ok"] is True
    [sent] = prism_requests.to("POST", "/Messages.json")
    assert sent.status == 201  # Twilio's own spec accepted it
    assert sent.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    assert (sent.form["To"], sent.form["From"], sent.form["Body"], sent.form["StatusCallback"]) == \
        ("+13135552520", HELPLINE, BODY, CALLBACK)


@pytest.mark.parametrize("number", [
    "+442071838750",  # a UK landline
    "+18005550199",  # toll-free
    "3135552520",  # not E.164
    "+1313555",  # too short
    "anonymous",  # caller ID withheld
    None,
])
def test_nothing_is_sent_to_a_number_that_cannot_take_a_text(send, prism_requests, number):
    assert send(number) == {"ok": False, "reason": "not_mobile"}
    assert prism_requests.all == []


def test_nothing_is_sent_to_a_number_that_opted_out_of_texts(send, store, prism_requests):
    opted_out = Session("c0ffee", "sms", language="en", opted_out=True)
    store.client.set(store.session_key("sms", "c0ffee"), json.dumps(opted_out.to_dict()))
    assert send("+13135552520", caller="c0ffee") == {"ok": False, "reason": "opted_out"}
    assert prism_requests.all == []


def test_a_dev_server_without_credentials_says_not_sent_without_a_traceback(store, prism_requests, caplog):
    settings = Settings(twilio_auth_token=None, twilio_api_base="http://127.0.0.1:9")
    conversation = Conversation(engine=None, parser=None, executors={
        "send_sms": send_sms(store, lambda: rest_client(settings), lambda: CALLBACK)})
    event = InboundEvent("voice", "c0ffee", "CA2:1", datetime.now(timezone.utc), data={"helpline": HELPLINE})
    context = TurnContext(event, Session("c0ffee", "voice"), event.at, "+13135552520")
    with caplog.at_level("WARNING"):
        result = conversation.execute(Action("send_sms", {"body": BODY}), context)
    assert result == {"ok": False, "reason": "not_configured"}
    assert "TWILIO_AUTH_TOKEN" in caplog.text
    assert all(record.exc_info is None for record in caplog.records)
    assert prism_requests.all == []
