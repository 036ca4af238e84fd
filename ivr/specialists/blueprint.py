"""Twilio's callbacks during a transfer, under /voice/transfer/... (signed requests only)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, request
from twilio.twiml.voice_response import VoiceResponse

from ivr.events import hash_key
from ivr.privacy import seal_number
from ivr.signature import protect
from ivr.specialists import queue, tickets, transfer, twiml
from ivr.specialists.actions import crisis_sentence, expected_answer
from ivr.specialists.config import current
from ivr.specialists.prompts import summary_of, text, when
from ivr.specialists.routing import route
from ivr.specialists.urls import PATHS, PREFIX
from ivr.webhook import now, services

bp = protect(Blueprint("specialists", __name__, url_prefix=PREFIX))

ANNOUNCEMENTS = {"trying_next"}


@bp.record_once
def _check_config(state) -> None:
    """Refuse to start on an invalid specialists file: the error names the line."""
    current(state.app.config["SETTINGS"].specialists_file)


def _context():
    svc = services()
    return svc.store.client, svc.settings, current(svc.settings.specialists_file), svc.settings.session_ttl_voice


def _ticket(param: str = "conference") -> tickets.Ticket:
    found = tickets.load(services().store.client, request.args.get(param, ""))
    if found is None:
        abort(404)
    return found


def _twiml(response: VoiceResponse) -> Response:
    return Response(str(response), mimetype="text/xml")


def _empty() -> Response:
    return Response(status=204)


@bp.post(PATHS["hold"])
def hold() -> Response:
    client, settings, config, ttl = _context()
    ticket = _ticket()
    if not ticket.caller_call_sid and request.form.get("CallSid"):
        transfer.on_conference_event(client, ticket.name, "participant-join", request.form["CallSid"],
                                     request.form.get("ConferenceSid"), settings, ttl)
    return _twiml(twiml.hold(ticket.language, config.transfer.hold_music_url, settings))


@bp.post(PATHS["conference"])
def conference_event() -> Response:
    client, settings, _, ttl = _context()
    transfer.on_conference_event(client, _ticket().name, request.form.get("StatusCallbackEvent", ""),
                                 request.form.get("CallSid"), request.form.get("ConferenceSid"), settings, ttl)
    return _empty()


@bp.post(PATHS["whisper"])
def whisper() -> Response:
    client, settings, _, ttl = _context()
    ticket = transfer.on_answer(client, _ticket().name, request.form.get("CallSid", ""), ttl)
    if ticket.state != "ringing":  # the caller hung up, or someone else took it
        return _twiml(twiml.declined(settings))
    return _twiml(twiml.whisper(ticket.name, summary_of(ticket.record, ticket.language, ticket.need), settings))


@bp.post(PATHS["accept"])
def accept() -> Response:
    client, settings, config, ttl = _context()
    name = _ticket().name
    if transfer.on_accept(client, name, request.form.get("CallSid", ""), request.form.get("Digits", ""),
                          config, settings, ttl):
        return _twiml(twiml.specialist_join(name, settings))
    return _twiml(twiml.declined(settings))  # its status callback then rings the next person


@bp.post(PATHS["status"])
def call_status() -> Response:
    client, settings, config, ttl = _context()
    transfer.on_leg_status(client, _ticket().name, request.form.get("CallSid", ""),
                           request.form.get("CallStatus", ""), config, settings, ttl)
    return _empty()


@bp.post(PATHS["announce"])
def announce() -> Response:
    prompt = request.args.get("prompt", "")
    if prompt not in ANNOUNCEMENTS:
        abort(404)
    return _twiml(twiml.announcement(_ticket().language, prompt, services().settings))


@bp.post(PATHS["voicemail"])
def voicemail() -> Response:
    _, settings, config, _ = _context()
    ticket = _ticket("ticket")
    return _twiml(twiml.voicemail(ticket.name, ticket.language, config.transfer.voicemail_max_seconds, settings))


@bp.post(PATHS["voicemail_saved"])
def voicemail_saved() -> Response:
    client, settings, config, ttl = _context()
    ticket, at = _ticket("ticket"), now()
    expect_by = expected_answer(route(config, ticket.need, ticket.language, ticket.population, at), at, config)
    recording, seconds = request.form.get("RecordingUrl"), int(request.form.get("RecordingDuration") or 0)
    sentences = [crisis_sentence(ticket.language, config)]
    if recording and seconds > 0 and not ticket.queue_id:
        entry = queue.enqueue(client, "voicemail", channel="voice", language=ticket.language, need=ticket.need,
                              record=ticket.record, now=at, expect_by=expect_by or at,
                              recording_url=recording, recording_seconds=seconds,
                              contact=seal_number(request.form["From"], hash_key(settings))
                              if request.form.get("From") else None)
        tickets.update(client, ticket.name, lambda t: setattr(t, "queue_id", entry), ttl)
        sentences.insert(0, text(ticket.language, "voicemail_saved",
                                 when=when(ticket.language, expect_by, at, config.timezone)))
    elif not ticket.queue_id:
        sentences.insert(0, text(ticket.language, "voicemail_empty"))
    return _twiml(twiml.goodbye(ticket.language, sentences, settings))


@bp.post(PATHS["transcription"])
def transcription() -> Response:
    client = services().store.client
    ticket = _ticket("ticket")
    if ticket.queue_id:
        queue.annotate(client, ticket.queue_id, transcription=request.form.get("TranscriptionText"),
                       transcription_status=request.form.get("TranscriptionStatus"))
    return _empty()
