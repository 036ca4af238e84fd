"""Conference TwiML for the caller and the specialist, and voicemail, as Twilio will read it."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ivr.config import Settings
from ivr.specialists import twiml

SETTINGS = Settings(public_base_url="https://helpline.example.org")
BASE = "https://helpline.example.org/voice/transfer"


def parse(response) -> ET.Element:
    return ET.fromstring(str(response))


@pytest.mark.parametrize("language, tag, voice, words", [
    ("en", "en-US", "Polly.Joanna-Neural", "I'm connecting you with a specialist"),
    ("es", "es-US", "Polly.Lupe-Neural", "Le estoy comunicando con un especialista"),
    ("fr", "fr-CA", "Polly.Gabrielle-Neural", "Je vous mets en relation avec un spécialiste"),
])
def test_the_caller_hears_connecting_then_waits_in_the_conference(language, tag, voice, words):
    root = parse(twiml.caller_conference("tr-0a1b", language, SETTINGS))
    say, dial, bye = list(root)
    assert (say.tag, say.get("language"), say.get("voice")) == ("Say", tag, voice)
    assert words in say.text
    conference = dial.find("Conference")
    assert conference.text == "tr-0a1b"
    assert conference.get("startConferenceOnEnter") == "false"  # waits until the specialist joins
    assert conference.get("endConferenceOnExit") == "true"
    assert conference.get("waitUrl") == f"{BASE}/hold?conference=tr-0a1b"
    assert conference.get("statusCallback") == f"{BASE}/conference?conference=tr-0a1b"
    assert set(conference.get("statusCallbackEvent").split()) == {"join", "leave", "end"}
    assert bye.tag == "Say"


def test_a_crisis_caller_is_told_it_is_the_crisis_line():
    say = parse(twiml.caller_conference("tr-1", "es", SETTINGS, crisis=True)).find("Say")
    assert say.text == "Le estoy comunicando con la línea de crisis. Por favor, no cuelgue."


def test_hold_says_please_hold_in_the_callers_language_then_plays_music():
    say, play = list(parse(twiml.hold("fr", "https://music.example/hold.mp3", SETTINGS)))
    assert say.text.startswith("Veuillez patienter.") and say.get("language") == "fr-CA"
    assert (play.tag, play.text) == ("Play", "https://music.example/hold.mp3")


def test_the_specialist_hears_the_summary_and_must_press_1():
    root = parse(twiml.whisper("tr-2", "Spanish-speaking caller, eviction notice, family with children, ZIP 48226",
                               SETTINGS))
    [gather] = list(root)
    assert gather.tag == "Gather"
    assert (gather.get("numDigits"), gather.get("action")) == ("1", f"{BASE}/accept?conference=tr-2")
    assert gather.get("actionOnEmptyResult") == "true"  # silence is a decline, answered by the same route
    assert gather.find("Say").text == ("Helpline transfer. Spanish-speaking caller, eviction notice, family with "
                                       "children, ZIP 48226. Press 1 to accept.")
    assert gather.find("Say").get("language") == "en-US"


def test_the_specialist_who_accepts_starts_the_conference():
    say, dial = list(parse(twiml.specialist_join("tr-3", SETTINGS)))
    conference = dial.find("Conference")
    assert (conference.text, conference.get("startConferenceOnEnter")) == ("tr-3", "true")


def test_a_decline_hangs_up():
    assert [v.tag for v in parse(twiml.declined(SETTINGS))] == ["Say", "Hangup"]


def test_voicemail_prompts_then_records_with_a_transcription_callback():
    say, record = list(parse(twiml.voicemail("tr-4", "es", 90, SETTINGS)))
    assert say.text.startswith("En este momento nadie pudo contestar. Por favor, deje un mensaje después del tono")
    assert record.tag == "Record"
    assert record.get("maxLength") == "90"
    assert record.get("action") == f"{BASE}/voicemail/saved?ticket=tr-4"
    assert record.get("transcribeCallback") == f"{BASE}/voicemail/transcription?ticket=tr-4"
    assert record.get("playBeep") == "true"


def test_callback_urls_need_a_public_base_outside_a_request():
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        twiml.whisper("tr-5", "x", Settings())
