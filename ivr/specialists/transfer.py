"""The warm-transfer state machine: ring candidates in turn over Twilio REST, then voicemail.

Twilio's callbacks drive it (blueprint.py); every change to a ticket is atomic, and the REST side
effects happen after it, so a late or repeated callback for an earlier call changes nothing.
"""
from __future__ import annotations

import logging

import redis
from requests import RequestException
from twilio.base.exceptions import TwilioRestException

from ivr.specialists import tickets
from ivr.specialists.config import SpecialistsConfig
from ivr.specialists.prompts import summary_of
from ivr.specialists.tickets import Ticket
from ivr.specialists.urls import url
from ivr.twilio_rest import TwilioNotConfigured, rest_client

log = logging.getLogger(__name__)

ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}
REST_ERRORS = (TwilioRestException, TwilioNotConfigured, RequestException)


def _phone(config: SpecialistsConfig, candidate: dict) -> str | None:
    if candidate["kind"] == "specialist":
        person = config.specialist(candidate["id"])
        return person.phone if person else None
    if candidate["kind"] == "overflow":
        team = config.teams.get(candidate["id"])
        return team.overflow if team else None
    return config.crisis.phone


def _ring(ticket: Ticket, config: SpecialistsConfig, settings) -> str | None:
    """Place the call for ticket.current; its CallSid, or None if Twilio refused or the person left the roster."""
    candidate, client = ticket.current, rest_client(settings)
    phone = _phone(config, candidate)
    if not phone:
        return None
    common = dict(from_=config.transfer.caller_id, to=phone, timeout=config.transfer.ring_seconds,
                  status_callback=url(settings, "status", conference=ticket.name), status_callback_method="POST")
    try:
        if candidate["whisper"]:  # a person: hears the summary first and joins by pressing 1
            return client.calls.create(url=url(settings, "whisper", conference=ticket.name), method="POST",
                                       **common).sid
        # A helpline answers with its own intake: straight into the conference, which starts. Booleans as
        # "true": twilio 8.2 would send Python's "True", which Twilio's spec does not allow.
        return client.conferences(ticket.name).participants.create(
            start_conference_on_enter="true", end_conference_on_exit="true", beep="false", label=candidate["kind"],
            **common).call_sid
    except REST_ERRORS:
        log.exception("could not place the transfer call", extra={"conference": ticket.name,
                                                                  "candidate": candidate["id"]})
        return None


def ring_next(client: redis.Redis, ticket: Ticket, config: SpecialistsConfig, settings, ttl: int) -> Ticket:
    """Ring ticket.current, moving down the list past failures; state "voicemail" when the list runs out."""
    while ticket.current is not None:
        sid = _ring(ticket, config, settings)
        if sid:
            ticket.leg_call_sid, ticket.leg_answered, ticket.state = sid, False, "ringing"
            tickets.save(client, ticket, ttl)
            return ticket
        ticket.index += 1
    ticket.leg_call_sid, ticket.state = None, "voicemail"
    tickets.save(client, ticket, ttl)
    return ticket


def _redirect_caller_to_voicemail(ticket: Ticket, settings) -> None:
    try:
        rest_client(settings).calls(ticket.caller_call_sid).update(
            url=url(settings, "voicemail", ticket=ticket.name), method="POST")
    except REST_ERRORS:
        log.exception("could not move the caller to voicemail", extra={"conference": ticket.name})


def _tell_caller(ticket: Ticket, prompt: str, settings) -> None:
    """Announce to the waiting caller; needs the conference SID, which arrives with the join callback."""
    if not (ticket.conference_sid and ticket.caller_call_sid):
        return
    try:
        rest_client(settings).conferences(ticket.conference_sid).participants(ticket.caller_call_sid).update(
            announce_url=url(settings, "announce", conference=ticket.name, prompt=prompt), announce_method="POST")
    except REST_ERRORS:
        log.exception("could not announce to the caller", extra={"conference": ticket.name})


def on_leg_status(client: redis.Redis, name: str, call_sid: str, status: str, config: SpecialistsConfig,
                  settings, ttl: int) -> Ticket | None:
    """A specialist's or line's call ended: after a conversation the transfer is done, else ring the next."""
    moved: list[bool] = []

    def change(ticket: Ticket) -> None:
        if call_sid != ticket.leg_call_sid:
            return  # a callback for an earlier attempt
        if status in ENDED and ticket.state == "ringing":
            ticket.index += 1
            ticket.leg_call_sid = None
            moved.append(True)
        elif status in ENDED and ticket.state == "connected":
            ticket.state = "done"

    ticket = tickets.update(client, name, change, ttl)
    if ticket and moved:
        if ticket.current is not None:
            _tell_caller(ticket, "trying_next", settings)
        ticket = ring_next(client, ticket, config, settings, ttl)
        if ticket.state == "voicemail" and ticket.caller_call_sid:
            _redirect_caller_to_voicemail(ticket, settings)
    return ticket


def on_answer(client: redis.Redis, name: str, call_sid: str, ttl: int) -> Ticket | None:
    """The person called picked up and hears the whisper."""
    def change(ticket: Ticket) -> None:
        if call_sid == ticket.leg_call_sid:
            ticket.leg_answered = True

    return tickets.update(client, name, change, ttl)


def on_accept(client: redis.Redis, name: str, call_sid: str, digits: str, config: SpecialistsConfig,
              settings, ttl: int) -> bool:
    """The specialist pressed a key (or nothing): True when they take the call."""
    def change(ticket: Ticket) -> None:
        if call_sid == ticket.leg_call_sid and ticket.state == "ringing" and digits == "1":
            ticket.state = "connected"

    ticket = tickets.update(client, name, change, ttl)
    accepted = bool(ticket and ticket.state == "connected" and call_sid == ticket.leg_call_sid)
    if accepted and config.transfer.sms_record:
        _text_record(ticket, config, settings)
    return accepted


def _text_record(ticket: Ticket, config: SpecialistsConfig, settings) -> None:
    """The triage summary by SMS to the specialist who took the call, to read while talking."""
    phone = _phone(config, ticket.current)
    try:
        rest_client(settings).messages.create(
            to=phone, from_=config.transfer.caller_id,
            body=summary_of(ticket.record, ticket.language, ticket.need) + f" (ref {ticket.name})")
    except REST_ERRORS:
        log.exception("could not text the triage record", extra={"conference": ticket.name})


def on_conference_event(client: redis.Redis, name: str, event: str, call_sid: str | None,
                        conference_sid: str | None, settings, ttl: int) -> Ticket | None:
    """Learn the caller's call, the conference SID and who joined; if the caller hangs up while waiting,
    stop ringing."""
    ringing: list[tuple[str, str]] = []

    def change(ticket: Ticket) -> None:
        ticket.conference_sid = conference_sid or ticket.conference_sid
        if event == "participant-join" and call_sid == ticket.leg_call_sid:
            ticket.state = "connected"  # a line answered (a person joins only after pressing 1)
        elif event == "participant-join":
            ticket.caller_call_sid = ticket.caller_call_sid or call_sid
        elif event == "participant-leave" and call_sid == ticket.caller_call_sid and ticket.state == "ringing":
            if ticket.leg_call_sid:
                # Twilio hangs up a ringing call with "canceled", an answered one with "completed".
                ringing.append((ticket.leg_call_sid, "completed" if ticket.leg_answered else "canceled"))
            ticket.state, ticket.leg_call_sid = "done", None
        elif event == "conference-end" and ticket.state == "connected":
            ticket.state = "done"

    ticket = tickets.update(client, name, change, ttl)
    for sid, status in ringing:
        try:
            rest_client(settings).calls(sid).update(status=status)
        except REST_ERRORS:
            log.exception("could not cancel the ringing call", extra={"conference": name})
    return ticket
