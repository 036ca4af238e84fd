"""POST /voice and /voice/...: Twilio Programmable Voice webhooks."""
from __future__ import annotations

import logging
from dataclasses import replace

import redis
from flask import Blueprint, Response, request, url_for
from twilio.twiml.voice_response import VoiceResponse

from ivr.conversation import Outcome
from ivr.events import voice_event
from ivr.render_voice import render_voice
from ivr.signature import protect
from ivr.specialists.twiml import caller_conference
from ivr.urls import external_url
from ivr.voice_languages import voice_language
from ivr.webhook import answer, now, services

log = logging.getLogger(__name__)

bp = protect(Blueprint("voice", __name__))

# Call statuses after which nobody is on the line any more.
ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}
SMS_STATUS_PATH = "/voice/sms-status"


def sms_status_url(settings) -> str:
    """Absolute URL for a read-back message's status callback, as Twilio will sign it."""
    return external_url(settings, SMS_STATUS_PATH)


def _twiml(twiml: str) -> Response:
    return Response(twiml, mimetype="text/xml")


def _elsewhere(outcome: Outcome, settings):
    """What follows the spoken reply when a specialists' action takes the call on: a conference, a voicemail."""
    transfer = outcome.result_of("transfer")
    if transfer and transfer.get("ok") and transfer.get("mode") == "conference":
        def join(response: VoiceResponse) -> None:
            conference = caller_conference(transfer["conference"], outcome.reply.language, settings,
                                           crisis=bool(transfer.get("crisis")))
            for verb in conference.verbs:
                response.append(verb)
        return join
    voicemail = outcome.result_of("voicemail")
    if voicemail and voicemail.get("ok") and voicemail.get("url"):
        return lambda response: response.redirect(voicemail["url"], method="POST")
    return None


def _run(event, step: int) -> Response:
    settings = services().settings

    def render(outcome: Outcome) -> str:
        return render_voice(outcome.reply, settings,
                            lambda language: url_for("voice.gather", step=step + 1, lang=language),
                            _elsewhere(outcome, settings))

    def apologize(text: str, language: str | None) -> str:
        response = VoiceResponse()
        voice = voice_language(language, settings)
        response.say(text, voice=voice.voice, language=voice.tag)
        response.hangup()
        return str(response)

    def in_progress() -> str:
        # A Twilio retry while the first request is still being answered: come back for its answer.
        response = VoiceResponse()
        response.pause(length=1)
        response.redirect(request.script_root + request.full_path.rstrip("?"), method="POST")
        return str(response)

    return _twiml(answer(event, request.form.get("From"), render, apologize, in_progress))


def _texting_language(caller: str) -> str | None:
    """The language this number last texted us in: a caller known by SMS skips the language menu."""
    try:
        return services().store.load("sms", caller).language
    except redis.RedisError:
        return None  # the turn itself will meet the same outage and apologize


@bp.post("/voice")
def incoming_call() -> Response:
    event = voice_event(request.form, services().settings, now(), "0", kind="call_start")
    return _run(replace(event, language_hint=_texting_language(event.caller)), 0)


@bp.post("/voice/gather")
def gather() -> Response:
    step = request.args.get("step", 1, type=int)
    language = request.args.get("lang")
    event = voice_event(request.form, services().settings, now(), str(step), language_hint=language)
    return _run(event, step)


@bp.post("/voice/status")
def call_status() -> Response:
    """The call's status callback: when the caller is gone, the engine closes the session and files the
    triage record, so hanging up mid-flow loses nothing collected."""
    if request.form.get("CallStatus") not in ENDED:
        return _twiml(str(VoiceResponse()))
    return _run(voice_event(request.form, services().settings, now(), "hangup", kind="hangup"), 0)


@bp.post(SMS_STATUS_PATH)
def sms_status() -> Response:
    """Delivery status of a "text me this list" message: logged, so a failed delivery is visible."""
    log.info("read-back sms status", extra={"status": request.form.get("MessageStatus"),
                                            "error": request.form.get("ErrorCode")})
    return Response(status=204)
