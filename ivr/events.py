"""Twilio form fields -> InboundEvent. The caller's number is hashed here and goes no further."""
from __future__ import annotations

from datetime import datetime

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest

from flows.types import InboundEvent
from ivr.privacy import caller_key

DEV_HASH_KEY = "helpline-triage-dev-only"


def hash_key(settings) -> str:
    return settings.caller_hash_key or settings.twilio_auth_token or DEV_HASH_KEY


def required(form: MultiDict, *names: str) -> None:
    """Twilio always sends these: without them there is no caller to answer, nor a retry to recognise."""
    missing = [name for name in names if not form.get(name)]
    if missing:
        raise BadRequest(f"missing {', '.join(missing)}")


def _confidence(raw: str | None) -> float | None:
    try:
        return min(max(float(raw), 0.0), 1.0) if raw else None
    except ValueError:
        return None


def sms_event(form: MultiDict, settings, now: datetime) -> InboundEvent:
    required(form, "From", "MessageSid")
    return InboundEvent(
        channel="sms",
        caller=caller_key(form["From"], hash_key(settings)),
        sid=form["MessageSid"],
        at=now,
        text=form.get("Body", ""),
    )


def voice_event(form: MultiDict, settings, now: datetime, step: str, kind: str | None = None,
                language_hint: str | None = None) -> InboundEvent:
    """A call webhook. `step` tells the call's requests apart, so a Twilio retry of one is answered once.

    Without `kind`, a Gather result: a message when the caller pressed or said something, else no_input.
    """
    required(form, "From", "CallSid")
    digits = form.get("Digits") or None
    speech = (form.get("SpeechResult") or "").strip() or None
    confidence = form.get("Confidence")
    return InboundEvent(
        channel="voice",
        caller=caller_key(form["From"], hash_key(settings)),
        sid=f"{form['CallSid']}:{step}",
        at=now,
        kind=kind or ("message" if digits or speech else "no_input"),
        text=speech,
        digits=digits,
        speech_confidence=_confidence(confidence) if speech else None,
        language_hint=language_hint,
        # The helpline's own number (not the caller's): what a "text me this list" SMS is sent from.
        data={"helpline": form.get("To", "")},
    )
