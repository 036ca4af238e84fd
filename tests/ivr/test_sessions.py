"""Sessions live in a real Redis: hashed keys, TTLs, one answer per MessageSid, survives Redis loss."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import redis

from ivr.events import hash_key
from ivr.privacy import caller_key
from tests.twilio_client import CALLER, new_sid


def messages(response) -> list[str]:
    return [m.text or "" for m in ET.fromstring(response.data).iter("Message")]


def session_of(redis_url, settings, channel="sms") -> dict:
    client = redis.Redis.from_url(redis_url)
    raw = client.get(f"triage:session:{channel}:{caller_key(CALLER, hash_key(settings))}")
    return json.loads(raw)


def test_retried_message_sid_returns_the_same_reply_and_does_not_advance(twilio, redis_url, settings):
    sid = new_sid()
    first = twilio.sms("I need food for my kids", sid=sid)
    before = session_of(redis_url, settings)
    again = twilio.sms("I need food for my kids", sid=sid)
    assert again.status_code == 200
    assert again.data == first.data
    assert session_of(redis_url, settings) == before


def test_a_new_message_sid_advances_the_session(twilio, redis_url, settings):
    twilio.sms("hello")
    before = session_of(redis_url, settings)
    twilio.sms("I need food")
    assert session_of(redis_url, settings)["history"] != before["history"]


def test_redis_keys_hold_no_raw_phone_number_and_all_expire(twilio, redis_url, settings):
    twilio.sms("I need a shelter tonight in 48201")
    client = redis.Redis.from_url(redis_url)
    keys = client.keys("*")
    assert keys
    digits = CALLER.lstrip("+")
    for key in keys:
        assert digits not in key.decode()
        value = client.dump(key)
        assert digits.encode() not in value
        ttl = client.ttl(key)
        assert 0 < ttl <= settings.session_ttl_sms


def test_webhook_still_answers_twiml_when_redis_stops(twilio, redis_server):
    redis_server.stop()
    response = twilio.sms("hello")
    assert response.status_code == 200
    [text] = messages(response)
    assert "211" in text and "988" in text


def test_healthz_is_up_and_readyz_follows_redis(app, redis_server):
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    redis_server.stop()
    assert client.get("/healthz").status_code == 200
    not_ready = client.get("/readyz")
    assert not_ready.status_code == 503
    assert not_ready.get_json()["checks"]["redis"] is False


def test_apology_when_redis_stops_is_in_the_language_of_the_message(twilio, redis_server):
    redis_server.stop()
    [text] = messages(twilio.sms("necesito ayuda para pagar la renta"))
    assert text.startswith("Disculpe") and "211" in text and "988" in text
