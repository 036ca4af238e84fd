"""Executors for the engine's actions: each takes (Action, TurnContext) and returns a result dict."""
from __future__ import annotations

from typing import Any, Callable

import phonenumbers
from requests import RequestException
from twilio.base.exceptions import TwilioRestException

from directory_client.types import DirectoryUnavailable
from flows.types import Action
from ivr.conversation import Executor, TurnContext
from ivr.events import hash_key
from ivr.privacy import seal_number
from ivr.records import store_record
from ivr.sessions import SessionStore

LOOKUP_LIMIT = 9  # enough for three SMS pages or three voice read-backs


def lookup(directory, description_language: str) -> Executor:
    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        data = action.data
        language = data.get("language") or "en"
        try:
            found = directory.search(data["need"], location=data.get("location"), language=language,
                                     now=context.now, limit=LOOKUP_LIMIT)
        except DirectoryUnavailable:
            return {"ok": False, "reason": "directory_unavailable"}
        resources = [resource.to_dict() for resource in found]
        if language != description_language:
            # A Spanish caller should not hear an English description read by a Spanish voice: name,
            # phone, hours and address carry the referral on their own.
            resources = [{**r, "description": None} for r in resources]
        return {"ok": True, "resources": resources}

    return run


def record_triage(redis_client, ttl: int) -> Executor:
    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        store_record(redis_client, action.data["record"], ttl)
        return {"ok": True}

    return run


def specialists_action(handler, settings, redis_client) -> Executor:
    """transfer / callback_request / voicemail: ivr.specialists decides who, when and how."""

    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        extra = {}
        if action.kind == "transfer":
            # Voice sids are "CallSid:step"; the conference needs the call itself.
            extra["call_sid"] = context.event.sid.split(":")[0] if context.event.channel == "voice" else None
        data = dict(action.data)
        if context.caller_number:
            # A queued text-back or callback must reach the caller: the number goes in sealed, never plain.
            data["contact"] = seal_number(context.caller_number, hash_key(settings))
        return handler(data, context.event.channel, context.now, settings, redis_client, **extra)

    return run


def hangup(action: Action, context: TurnContext) -> dict[str, Any]:
    return {"ok": True}


TEXTABLE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
UNSUBSCRIBED = 21610  # Twilio: the recipient replied STOP to this sender


def textable(number: str | None) -> bool:
    """An E.164 number that can receive SMS: not a landline, toll-free line or something unparseable."""
    try:
        parsed = phonenumbers.parse(number or "", None)
    except phonenumbers.NumberParseException:
        return False
    return (number == phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            and phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in TEXTABLE)


def send_sms(store: SessionStore, client: Callable[[], Any], status_callback: Callable[[], str]) -> Executor:
    """Texts `body` to the number the caller is calling from, and only to it; never after STOP."""

    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        number = context.caller_number
        if not textable(number):
            return {"ok": False, "reason": "not_mobile"}
        if store.load("sms", context.event.caller).opted_out:
            return {"ok": False, "reason": "opted_out"}
        try:
            message = client().messages.create(to=number, from_=context.event.data.get("helpline"),
                                                body=action.data["body"], status_callback=status_callback())
        except TwilioRestException as error:
            return {"ok": False, "reason": "opted_out" if error.code == UNSUBSCRIBED else "rest_error"}
        except RequestException:  # Twilio unreachable: the caller hears it did not go through
            return {"ok": False, "reason": "rest_unreachable"}
        return {"ok": True, "sid": message.sid}

    return run
