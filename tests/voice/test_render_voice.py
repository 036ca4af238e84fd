"""Reply -> TwiML: what Twilio is told to say and to listen for, per language."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from flows.types import Choice, Reply
from ivr.config import Settings
from ivr.render_voice import MAX_HINTS, render_voice


def action_url(language):
    return "/voice/gather?step=3" + (f"&lang={language}" if language else "")


def twiml(reply: Reply, settings: Settings = Settings()) -> ET.Element:
    return ET.fromstring(render_voice(reply, settings, action_url))


MENU = (Choice("1", "Housing", "housing", ("shelter", "rent")), Choice("2", "Food", "food", ("groceries",)))


@pytest.mark.parametrize("language, settings, tag, voice", [
    ("en", Settings(), "en-US", "Polly.Joanna-Neural"),
    ("es", Settings(), "es-US", "Polly.Lupe-Neural"),
    ("es", Settings(voice_language_es="es-MX"), "es-MX", "Polly.Mia-Neural"),
    ("fr", Settings(), "fr-CA", "Polly.Gabrielle-Neural"),
    ("fr", Settings(voice_language_fr="fr-FR"), "fr-FR", "Polly.Lea-Neural"),
])
def test_a_question_listens_for_keys_and_speech_in_the_callers_language(language, settings, tag, voice):
    root = twiml(Reply(language, ("Question?",), choices=MENU), settings)
    [gather] = root.findall("Gather")
    assert gather.attrib["input"] == "dtmf speech"
    assert (gather.get("language"), gather.get("speechTimeout"), gather.get("actionOnEmptyResult")) == \
        (tag, "auto", "true")
    assert int(gather.get("timeout")) >= 5
    assert gather.get("action") == f"/voice/gather?step=3&lang={language}"
    assert [(s.text, s.get("language"), s.get("voice")) for s in gather.findall("Say")] == [("Question?", tag, voice)]
    assert gather.get("hints") == "Housing, shelter, rent, Food, groceries"
    assert gather.get("numDigits") == "1"  # a menu key answers at once, no # needed


@pytest.mark.parametrize("language, model, enhanced", [("en", "phone_call", "true"), ("es", "phone_call", None),
                                                       ("fr", "phone_call", None)])
def test_the_telephone_speech_model_is_asked_for_where_twilio_has_it(language, model, enhanced):
    gather = twiml(Reply(language, ("?",), choices=MENU)).find("Gather")
    assert (gather.get("speechModel"), gather.get("enhanced")) == (model, enhanced)


def test_es_mx_leaves_the_speech_model_to_twilio():
    gather = twiml(Reply("es", ("?",)), Settings(voice_language_es="es-MX")).find("Gather")
    assert gather.get("language") == "es-MX" and "speechModel" not in gather.attrib


def test_a_free_answer_takes_several_keys_ended_by_pound():
    gather = twiml(Reply("en", ("What's your ZIP code?",))).find("Gather")
    assert "numDigits" not in gather.attrib and gather.get("finishOnKey") == "#"
    assert "hints" not in gather.attrib


def test_the_language_menu_speaks_each_language_in_its_own_voice_and_leaves_the_language_open():
    reply = Reply("en", ("Thank you for calling the helpline.",), choices=MENU,
                  multilingual=(("en", "For English press 1."), ("es", "Para español oprima 2."),
                                ("fr", "Pour le français, appuyez sur 3.")))
    gather = twiml(reply).find("Gather")
    assert [(s.get("language"), s.get("voice")) for s in gather.findall("Say")] == [
        ("en-US", "Polly.Joanna-Neural"), ("en-US", "Polly.Joanna-Neural"),
        ("es-US", "Polly.Lupe-Neural"), ("fr-CA", "Polly.Gabrielle-Neural")]
    assert gather.get("action") == "/voice/gather?step=3"  # no language hint: the caller picks one


def test_hints_stop_at_twilios_limit_and_carry_no_commas_inside_a_phrase():
    many = tuple(Choice(str(i % 10), f"label {i}", str(i), (f"word {i}, more",)) for i in range(400))
    hints = twiml(Reply("en", ("?",), choices=many)).find("Gather").get("hints").split(", ")
    assert len(hints) == MAX_HINTS and hints[:2] == ["label 0", "word 0 more"]


def test_the_end_of_a_call_is_spoken_then_hung_up():
    root = twiml(Reply("fr", ("Au revoir.",), expect_input=False, end=True))
    assert [child.tag for child in root] == ["Say", "Hangup"]
    assert root.find("Say").get("language") == "fr-CA"
