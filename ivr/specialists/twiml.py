"""TwiML for both sides of a warm transfer and for voicemail (twilio.twiml builders only)."""
from __future__ import annotations

from twilio.twiml.voice_response import Dial, Gather, Record, VoiceResponse

from ivr.specialists.prompts import specialist_text, text
from ivr.specialists.urls import url
from ivr.voice_languages import voice_language

ACCEPT_KEY = "1"
ACCEPT_SECONDS = 8  # time to press 1 after the whisper, before the call passes to the next person


def _say(parent, words: str, language: str | None, settings) -> None:
    voice = voice_language(language, settings)
    parent.say(words, voice=voice.voice, language=voice.tag)


def caller_conference(conference: str, language: str | None, settings, crisis: bool = False) -> VoiceResponse:
    """The caller waits in the conference (hold music, no start) until the specialist joins it."""
    response = VoiceResponse()
    _say(response, text(language, "connecting_crisis" if crisis else "connecting"), language, settings)
    dial = Dial()
    dial.conference(
        conference, start_conference_on_enter=False, end_conference_on_exit=True, beep=False,
        wait_url=url(settings, "hold", conference=conference), wait_method="POST",
        status_callback=url(settings, "conference", conference=conference), status_callback_method="POST",
        status_callback_event="join leave end",
    )
    response.append(dial)
    _say(response, text(language, "goodbye"), language, settings)
    return response


def hold(language: str | None, music_url: str, settings) -> VoiceResponse:
    """waitUrl: Twilio plays it again when it ends, so the caller hears "please hold" between tunes."""
    response = VoiceResponse()
    _say(response, text(language, "hold"), language, settings)
    response.play(music_url)
    return response


def announcement(language: str | None, key: str, settings) -> VoiceResponse:
    response = VoiceResponse()
    _say(response, text(language, key), language, settings)
    return response


def whisper(conference: str, summary: str, settings) -> VoiceResponse:
    """What the specialist hears on answering; only pressing 1 joins the caller."""
    response = VoiceResponse()
    gather = Gather(num_digits=1, timeout=ACCEPT_SECONDS, action=url(settings, "accept", conference=conference),
                    method="POST", action_on_empty_result=True)
    _say(gather, specialist_text("whisper", summary=summary), "en", settings)
    response.append(gather)
    return response


def specialist_join(conference: str, settings, announce: bool = True) -> VoiceResponse:
    """Joining starts the conference: the caller's hold music stops and they talk."""
    response = VoiceResponse()
    if announce:
        _say(response, specialist_text("accepted"), "en", settings)
    dial = Dial()
    dial.conference(conference, start_conference_on_enter=True, end_conference_on_exit=True, beep=False)
    response.append(dial)
    return response


def declined(settings) -> VoiceResponse:
    response = VoiceResponse()
    _say(response, specialist_text("declined"), "en", settings)
    response.hangup()
    return response


def voicemail(ticket: str, language: str | None, max_seconds: int, settings) -> VoiceResponse:
    """Prompt in the caller's language, then <Record> with a transcription callback."""
    response = VoiceResponse()
    _say(response, text(language, "voicemail"), language, settings)
    response.append(Record(
        max_length=max_seconds, finish_on_key="#", play_beep=True, timeout=10,
        action=url(settings, "voicemail_saved", ticket=ticket), method="POST",
        transcribe=True, transcribe_callback=url(settings, "transcription", ticket=ticket),
    ))
    return response


def goodbye(language: str | None, sentences: list[str], settings) -> VoiceResponse:
    response = VoiceResponse()
    for sentence in sentences + [text(language, "goodbye")]:
        _say(response, sentence, language, settings)
    response.hangup()
    return response
