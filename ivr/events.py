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
