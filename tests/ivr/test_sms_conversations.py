"""Whole SMS conversations through POST /sms: signed requests, real Redis, the real NLU model and directory.

Every reply is checked for its language and its SMS segment count.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import redis
from click.testing import CliRunner

from ivr.app import create_app
from ivr.cli import main
from ivr.events import hash_key
from ivr.privacy import caller_key
from flows.sms_segments import segments
from tests.replies import assert_sms, sms_reply
from tests.twilio_client import CALLER, TwilioSigner

# A Tuesday, 10:00 in Detroit and Ottawa: specialists on shift, offices open.
TUESDAY_MORNING = datetime(2026, 11, 24, 15, 0, tzinfo=timezone.utc)


@pytest.fixture
def app(settings):
    return create_app(settings, clock=lambda: TUESDAY_MORNING)


class Texter:
    """A resident texting the helpline."""

    def __init__(self, twilio: TwilioSigner, redis_url: str, settings):
        self.twilio = twilio
        self.redis = redis.Redis.from_url(redis_url, decode_responses=True)
        self.key = f"triage:session:sms:{caller_key(CALLER, hash_key(settings))}"

    def send(self, body: str, language: str | None, max_segments: int = 2) -> str:
        text = sms_reply(self.twilio.sms(body))
        if language:
            assert_sms(text, language, max_segments)
        return text

    @property
    def session(self) -> dict:
        return json.loads(self.redis.get(self.key))

    def records(self) -> list[dict]:
        return [json.loads(raw) for raw in self.redis.lrange("triage:records", 0, -1)]


@pytest.fixture
def resident(twilio, redis_url, settings) -> Texter:
    return Texter(twilio, redis_url, settings)


@pytest.mark.parametrize("message, language, expected", [
    ("I need a place to sleep tonight, I'm by myself, 48226", "en", "Housing Services Helpline"),
    ("necesito un albergue para esta noche, estoy solo, 48226", "es", "Housing Services Helpline"),
    ("j'ai besoin d'un refuge ce soir, je suis seul, K1N 7G4", "fr", "The Ottawa Mission"),
])
def test_need_location_household_and_urgency_from_one_message(resident, message, language, expected):
    reply = resident.send(message, language)
    assert expected in reply
    session = resident.session
    assert session["language"] == language
    assert session["slots"]["need"] == "shelter"
    assert session["slots"]["household"] == "alone"
    assert session["slots"]["urgency"] in ("tonight", "now")
    assert [r["outcome"] for r in resident.records()] == ["referred"]


@pytest.mark.parametrize("language, greeting, housing, rent_help, zip_code", [
    ("en", "hello", "1", "3", "48226"),
    ("es", "hola, buenas tardes", "1", "3", "48226"),
    ("fr", "bonjour", "1", "3", "K1N 7G4"),
])
def test_need_found_through_the_numbered_menu(resident, language, greeting, housing, rent_help, zip_code):
    resident.send(greeting, language)
    resident.send("MENU", language)
    resident.send(housing, language)
    reply = resident.send(rent_help, language)
    assert resident.session["slots"]["need"] == "rent"
    # Rent help asks where and who, one question at a time, and only once each.
    asked = [reply]
    for answer in (zip_code, "1", "1", "1"):
        if resident.session["node"] in ("results", "handed_off"):
            break
        asked.append(resident.send(answer, language))
    assert resident.session["node"] == "results"
    assert resident.session["slots"]["location"]["value"] == zip_code
    assert len(asked) == len(set(asked))


def test_location_is_asked_only_when_missing(resident):
    first = resident.send("I need food for my kids", "en")
    assert "ZIP" not in first
    resident.send("1", "en")  # food today
    ask = resident.session["node"]
    assert ask == "ask_location"
    reply = resident.send("48201", "en")
    assert "ZIP" not in reply
    assert resident.session["slots"]["location"] == {"type": "zip", "value": "48201"}


def test_household_given_up_front_is_not_asked_again(resident):
    resident.send("I need food, it's just me, zip 48201", "en")
    assert resident.session["slots"]["household"] == "alone"
    for _ in range(3):
        if resident.session["node"] != "results":
            reply = resident.send("1", "en")
            assert "Who needs help?" not in reply


def test_language_switch_mid_conversation(resident):
    resident.send("I need help paying my rent", "en")
    reply = resident.send("español por favor", "es")
    assert resident.session["language"] == "es"
    assert resident.session["slots"]["need"] == "rent"
    reply = resident.send("1", "es")
    assert resident.session["language"] == "es"
    assert reply


def test_unsure_language_asks_in_all_three_and_keeps_what_was_said(resident):
    text = sms_reply(resident.twilio.sms("48226"))
    assert text.split("\n") == ["Reply 1 for English.", "Responda 2 para español.", "Répondez 3 pour le français."]
    assert segments(text) <= 2
    reply = resident.send("3", "fr")
    assert resident.session["language"] == "fr"
    assert resident.session["slots"]["location"] == {"type": "zip", "value": "48226"}
    assert reply


CRISIS = {"en": "I want to kill myself", "es": "quiero quitarme la vida", "fr": "je veux me suicider"}


@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("before", [[], ["I need help paying rent"], ["I need help paying rent", "48226", "1"]],
                         ids=["first", "middle", "last"])
def test_crisis_interrupts_at_any_step(resident, language, before):
    for body in before:
        resident.send(body, None)
    reply = resident.send(CRISIS[language], language)
    assert "988" in reply and "911" in reply
    assert resident.session["node"] == "crisis"
    assert "crisis" in [r["outcome"] for r in resident.records()]


def test_stop_then_any_message_gets_no_reply_until_start(resident):
    resident.send("I need food", "en")
    assert sms_reply(resident.twilio.sms("STOP")) == ""
    assert sms_reply(resident.twilio.sms("I need a shelter tonight")) == ""
    assert sms_reply(resident.twilio.sms("I want to kill myself")) == ""
    assert resident.session["opted_out"] is True
    welcome = resident.send("START", "en")
    assert "Welcome back" in welcome
    assert resident.session["opted_out"] is False


@pytest.mark.parametrize("word, language", [("HELP", "en"), ("AYUDA", "es"), ("AIDE", "fr")])
def test_help_keyword_answers_in_its_language(resident, word, language):
    reply = resident.send(word, language)
    assert "911" in reply and "MENU" in reply


def test_empty_or_media_only_message_asks_to_type(resident):
    reply = sms_reply(resident.twilio.sms("", NumMedia="1", MediaUrl0="https://api.twilio.com/x.jpg"))
    assert reply
    assert_sms(reply, "en")


def test_more_pages_a_long_resource_list_even_after_a_stray_message(resident):
    first = resident.send("I need a food pantry, it's just me, 94025", "en")
    while resident.session["node"] not in ("results", "no_results"):
        first = resident.send("1", "en")
    assert "1)" in first and "Reply MORE for more." in first
    assert "3)" not in first
    resident.send("what?", "en")
    second = resident.send("MORE", "en")
    assert "3)" in second and "1)" not in second


def test_asking_for_a_person_queues_a_text_back_a_specialist_can_answer(resident, settings, monkeypatch):
    resident.send("I need help paying my rent", "en")
    reply = resident.send("agent", "en")
    assert "A specialist will text you back today at" in reply
    digits = CALLER.lstrip("+")
    assert not [key for key in resident.redis.keys("*") if digits in key]
    assert not [key for key in resident.redis.keys("*") if digits in (resident.redis.dump(key) or b"").decode("latin-1")]
    monkeypatch.setenv("REDIS_URL", settings.redis_url)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", settings.twilio_auth_token)
    listing = CliRunner().invoke(main, ["specialists", "queue"])
    assert listing.exit_code == 0, listing.output
    assert CALLER in listing.output and "textback" in listing.output and "rent" in listing.output
    assert listing.output.strip().endswith("1 waiting")
