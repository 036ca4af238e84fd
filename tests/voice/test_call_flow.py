"""Whole phone calls, as a caller hears them: signed Twilio webhooks in, TwiML out, real Redis, NLU,
directory and (for "text me this list") Twilio's REST API described by Prism."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
import redis

from directory_client import get_directory
from ivr.events import hash_key
from ivr.privacy import caller_key
from ivr.records import latest_record
from ivr.sessions import SessionStore
from tests.twilio_client import CALLER, HELPLINE, TwilioSigner
from tests.voice.conftest import SAN_MATEO_ZIP, SUNDAY_3AM_SAN_MATEO, TUESDAY_10AM_SAN_MATEO

LANGUAGES = {
    "en": dict(key="1", word="English", tag="en-US", voice="Polly.Joanna-Neural", need="I need food",
               main="what do you need help with", intro="Here are places that can help.",
               sent="I sent them to you by text message.", crisis="I want to kill myself"),
    "es": dict(key="2", word="español", tag="es-US", voice="Polly.Lupe-Neural", need="necesito comida",
               main="en qué le podemos ayudar", intro="Estos lugares le pueden ayudar.",
               sent="Se los envié por mensaje de texto.", crisis="quiero morir"),
    "fr": dict(key="3", word="français", tag="fr-CA", voice="Polly.Gabrielle-Neural",
               need="j'ai besoin de nourriture", main="de quoi avez-vous besoin",
               intro="Voici des endroits qui peuvent vous aider.", sent="Je vous les ai envoyés par texto.",
               crisis="je veux mourir"),
}
SPOKEN_PHONE = re.compile(r"\d \d \d, \d \d \d, \d \d \d \d")  # a number read digit by digit, in groups


def speaks_all(page, language: str) -> bool:
    """Everything said in that language's tag and voice."""
    info = LANGUAGES[language]
    return bool(page.said) and all((s.language, s.voice) == (info["tag"], info["voice"]) for s in page.said)


def speaks(page, language: str) -> bool:
    """Everything said, and the Gather listening, in that language."""
    return speaks_all(page, language) and page.gather.get("language") == LANGUAGES[language]["tag"]


def record_of(settings) -> dict | None:
    return latest_record(redis.Redis.from_url(settings.redis_url, decode_responses=True),
                        caller_key(CALLER, hash_key(settings)))


def to_read_back(call, language: str):
    """Language by key, the need in words, today's food, a ZIP code on the keypad, 'just me'."""
    call.start()
    call.press(LANGUAGES[language]["key"])
    call.say(LANGUAGES[language]["need"])
    call.press("1")
    call.press(SAN_MATEO_ZIP)
    return call.press("1")


def test_the_call_opens_with_the_language_menu_each_sentence_in_its_own_voice(phone):
    page = phone().start()
    assert [(s.language, s.voice) for s in page.said] == [
        ("en-US", "Polly.Joanna-Neural"), ("es-US", "Polly.Lupe-Neural"), ("fr-CA", "Polly.Gabrielle-Neural")]
    assert page.said[0].text.startswith("Thank you for calling")
    assert "For English press 1" in page.text and "Para español oprima 2" in page.text \
        and "Pour le français, appuyez sur 3" in page.text
    assert page.gather.get("input") == "dtmf speech" and page.gather.get("numDigits") == "1"
    assert page.gather.get("action") == "/voice/gather?step=1"
    assert {"English", "español", "français"} <= set(page.hints)


@pytest.mark.parametrize("by", ["key", "speech"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_chosen_by_key_or_by_speech(phone, language, by):
    call = phone()
    call.start()
    info = LANGUAGES[language]
    page = call.press(info["key"]) if by == "key" else call.say(info["word"])
    assert speaks(page, language)
    assert info["main"] in page.text.lower()
    assert page.gather.get("action") == f"/voice/gather?step=2&lang={language}"


def test_a_caller_whose_language_is_known_skips_the_menu(phone):
    first = phone()
    first.start()
    first.press("2")
    first.hang_up()
    page = phone().start()
    assert speaks(page, "es") and not any(s.language != "es-US" for s in page.said)
    assert page.said[0].text == "Gracias por llamar a la línea de ayuda."


def test_a_caller_who_texted_in_french_is_greeted_in_french(phone, app):
    TwilioSigner(app.test_client()).sms("bonjour, j'ai besoin d'aide pour mon loyer")
    page = phone().start()
    assert speaks(page, "fr")
    assert "For English press 1" not in page.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_whole_call_from_greeting_to_read_back_to_text_me_this_list(phone, prism_requests, language):
    call = phone()
    page = to_read_back(call, language)
    assert speaks(page, language)
    assert LANGUAGES[language]["intro"] in page.text
    resources = [s.text for s in page.said if SPOKEN_PHONE.search(s.text)]
    assert 1 <= len(resources) <= 3
    assert [key for key in "1239" if re.search(rf"\b{key}\b", page.said[-1].text)] == list("1239")

    again = call.press("1")
    assert [s.text for s in again.said if SPOKEN_PHONE.search(s.text)] == resources

    texted = call.press("2")
    assert LANGUAGES[language]["sent"] in texted.text and texted.gather is not None
    [sms] = prism_requests.to("POST", "/Messages.json")
    assert sms.status == 201
    assert (sms.form["To"], sms.form["From"]) == (CALLER, HELPLINE)
    assert sms.form["StatusCallback"] == "http://localhost/voice/sms-status"
    first_name = resources[0].split(".")[0]
    assert first_name in sms.form["Body"]

    start_over = call.press("9")
    assert LANGUAGES[language]["main"] in start_over.text.lower()


def test_a_landline_caller_is_told_the_text_did_not_go_through(phone, prism_requests):
    call = phone(caller="+442071838750")
    to_read_back(call, "en")
    page = call.press("2")
    assert "the text message didn't go through" in page.text and page.gather is not None
    assert prism_requests.to("POST", "/Messages.json") == []


@pytest.mark.parametrize("now", [TUESDAY_10AM_SAN_MATEO, SUNDAY_3AM_SAN_MATEO])
def test_silence_reprompts_then_reads_the_menu_then_offers_a_person_and_never_loops(phone, now):
    call = phone()
    call.start()
    call.press("1")
    first = call.silence()
    assert first.said[0].text == "Sorry, I didn't hear you." and "what do you need help with" in first.text.lower()
    second = call.silence()
    assert second.said[0].text == "Here are the choices." and "Food: press 2." in second.text
    third = call.silence()
    if now == TUESDAY_10AM_SAN_MATEO:
        assert third.text == "Thank you. I'm connecting you with a specialist now."  # said once, not thrice
        assert third.dial is not None and third.dial.find("Conference") is not None
        return
    assert "Our specialists are away right now." in third.text and third.gather is not None
    last = call.silence()
    assert last.ended and last.gather is None, "a silent caller is never kept in a loop"
    assert "211" in last.text and "988" in last.text  # how to get help, before the hang-up
    assert last.documents[-1][-1].tag == "Hangup"


def test_garbage_speech_is_asked_again_not_guessed(phone):
    call = phone()
    call.start()
    call.press("1")
    page = call.say("blorp fnarg zzzt")
    assert "Sorry, I didn't get that." in page.text
    assert "Food: press 2." in page.text and page.gather.get("hints")


@pytest.mark.parametrize("key", ["*", "#"])
def test_star_and_pound_are_not_a_choice(phone, key):
    call = phone()
    call.start()
    call.press("1")
    page = call.press(key)
    assert "Sorry, I didn't get that." in page.text and page.gather is not None


def test_low_confidence_speech_is_confirmed_before_it_counts(phone):
    call = phone()
    call.start()
    call.press("1")
    page = call.say("eviction", confidence=0.3)
    assert 'I heard "eviction". Press 1 if that\'s right' in page.text
    assert page.gather.get("numDigits") == "1"
    confirmed = call.press("1")
    assert "Where are things with the eviction?" in confirmed.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_crisis_mid_call_gets_988_and_911_in_the_callers_language_then_a_person(phone, settings, prism_requests,
                                                                                 language):
    call = phone()
    call.start()
    call.press(LANGUAGES[language]["key"])
    call.say(LANGUAGES[language]["need"])
    page = call.say(LANGUAGES[language]["crisis"])
    assert speaks(page, language)
    assert "911" in page.text and "988" in page.text
    assert page.said[0].text.count("911") == 1  # the first thing heard
    assert record_of(settings)["outcome"] == "crisis"
    transfer = call.press("1")  # the crisis line, at any hour: the caller waits in a conference for it
    assert speaks_all(transfer, language)
    assert transfer.dial.find("Conference").get("startConferenceOnEnter") == "false"
    [ringing] = prism_requests.to("POST", "/Participants.json")
    assert ringing.status == 201


def test_a_caller_hanging_up_mid_flow_loses_nothing_collected(phone, settings):
    call = phone()
    call.start()
    call.press("1")
    call.say("I need food")
    call.press("1")
    call.press(SAN_MATEO_ZIP)
    assert call.hang_up() == 200
    record = record_of(settings)
    assert (record["outcome"], record["channel"], record["language"], record["need"]) == \
        ("abandoned", "voice", "en", "food")
    assert record["slots"]["location"]["value"] == SAN_MATEO_ZIP
    assert CALLER not in str(record) and CALLER[1:] not in str(record)


def test_a_status_callback_while_the_call_is_still_ringing_changes_nothing(phone, settings):
    call = phone()
    call.start()
    assert call.hang_up(status="ringing") == 200
    assert record_of(settings) is None


def test_a_twilio_retry_of_a_step_gets_the_same_answer_without_a_second_turn(phone, app, settings):
    call = phone()
    call.start()
    call.press("1")
    call.say("I need food")
    url, params = call.requests[-1]
    store = SessionStore.from_settings(settings)
    session = store.load("voice", caller_key(CALLER, hash_key(settings)))
    code, body = call.post(url, params, {"X-Twilio-Signature": call.validator.compute_signature(url, params)})
    assert code == 200
    assert ET.tostring(ET.fromstring(body)) == ET.tostring(call.page.documents[-1])
    assert store.load("voice", session.caller).history == session.history


def test_an_unsigned_call_is_refused_and_nothing_is_stored(phone, settings):
    call = phone(token="not-the-helplines-token")
    with pytest.raises(Exception, match="403"):
        call.start()
    assert redis.Redis.from_url(settings.redis_url).keys("triage:*") == []


def test_redis_lost_mid_call_apologizes_in_the_callers_language(phone, redis_server):
    call = phone()
    call.start()
    call.press("2")
    redis_server.stop()
    page = call.say("necesito comida")
    assert page.said and all(s.language == "es-US" for s in page.said)
    assert page.text.startswith("Disculpe") and "911" in page.text and "988" in page.text
    assert page.documents[-1][-1].tag == "Hangup"


@pytest.mark.parametrize("language", LANGUAGES)
def test_descriptions_are_read_only_in_the_directorys_own_language(phone, settings, now, language):
    resources = [s.text for s in to_read_back(phone(), language).said if SPOKEN_PHONE.search(s.text)]
    listed = {r.name: r.description for r in get_directory(settings).search(
        "food", location={"type": "zip", "value": SAN_MATEO_ZIP}, language=language, now=now, limit=9)}
    for sentence in resources:
        name = next(n for n in listed if sentence.startswith(f"{n}."))
        assert listed[name]
        assert (listed[name] in sentence) is (language == settings.directory_language == "en")
