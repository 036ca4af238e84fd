"""Twilio form fields -> InboundEvent. The caller's number is hashed here and goes no further."""
from __future__ import annotations

from datetime import datetime

from werkzeug.datastructures import MultiDict

from flows.types import InboundEvent
from ivr.privacy import caller_key

DEV_HASH_KEY = "helpline-triage-dev-only"


def hash_key(settings) -> str:
    return settings.caller_hash_key or settings.twilio_auth_token or DEV_HASH_KEY


def sms_event(form: MultiDict, settings, now: datetime) -> InboundEvent:
    return InboundEvent(
        channel="sms",
        caller=caller_key(form.get("From", ""), hash_key(settings)),
        sid=form.get("MessageSid") or form.get("SmsSid", ""),
        at=now,
        text=form.get("Body", ""),
    )


def voice_event(form: MultiDict, settings, now: datetime, step: str, kind: str | None = None,
                language_hint: str | None = None) -> InboundEvent:
    """A call webhook. `step` tells the call's requests apart, so a Twilio retry of one is answered once.

    Without `kind`, a Gather result: a message when the caller pressed or said something, else no_input.
    """
    digits = form.get("Digits") or None
    speech = (form.get("SpeechResult") or "").strip() or None
    confidence = form.get("Confidence")
    return InboundEvent(
        channel="voice",
        caller=caller_key(form.get("From", ""), hash_key(settings)),
        sid=f"{form.get('CallSid', '')}:{step}",
        at=now,
        kind=kind or ("message" if digits or speech else "no_input"),
        text=speech,
        digits=digits,
        speech_confidence=float(confidence) if speech and confidence else None,
        language_hint=language_hint,
        # The helpline's own number (not the caller's): what a "text me this list" SMS is sent from.
        data={"helpline": form.get("To", "")},
    )
