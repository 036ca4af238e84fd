"""What the runner calls for the engine's transfer, callback_request and voicemail actions.

Each returns the result dict the engine reads back as an action_result (see docs/architecture.md).
"""
from __future__ import annotations

from datetime import datetime, timedelta

import redis

from ivr.specialists import queue, tickets
from ivr.specialists.config import SpecialistsConfig, current
from ivr.specialists.prompts import text, when
from ivr.specialists.routing import RoutingDecision, route
from ivr.specialists.tickets import Ticket
from ivr.specialists.transfer import ring_next
from ivr.specialists.urls import url


def _language(data: dict) -> str:
    return data.get("language") or (data.get("record") or {}).get("language") or "en"


def _local_iso(moment: datetime | None, config: SpecialistsConfig) -> str | None:
    return moment.astimezone(config.timezone).isoformat() if moment else None


def crisis_sentence(language: str, config: SpecialistsConfig) -> str:
    return text(language, "crisis_options", crisis=config.crisis.display)


def expected_answer(decision: RoutingDecision, now: datetime, config: SpecialistsConfig) -> datetime | None:
    """When a queued request will be answered: soon while on shift, else after the next shift starts."""
    start = now if decision.available else decision.next_open
    return (start + timedelta(minutes=config.transfer.textback_minutes)).astimezone(config.timezone) if start else None


def _queue(kind: str, prompt: str, data: dict, channel: str, now: datetime, settings, client: redis.Redis) -> dict:
    config = current(settings.specialists_file)
    language, need = _language(data), data.get("need") or (data.get("record") or {}).get("need")
    decision = route(config, need, language, data.get("population"), now)
    expect_by = expected_answer(decision, now, config)
    entry = queue.enqueue(client, kind, channel=channel, language=language, need=need, record=data.get("record"),
                          now=now, expect_by=expect_by or now, contact=data.get("contact"))
    sentences = [text(language, prompt, when=when(language, expect_by, now, config.timezone))]
    if not decision.available:
        sentences.append(crisis_sentence(language, config))
    return {"ok": True, "available": decision.available, "next_open": _local_iso(decision.next_open, config),
            "mode": "callback", "expect_by": _local_iso(expect_by, config), "queue_id": entry,
            "message": " ".join(sentences)}


def handle_transfer(data: dict, channel: str, now: datetime, settings, client: redis.Redis,
                    call_sid: str | None = None) -> dict:
    """`transfer {need, language, population, record}`.

    voice: rings the best specialist (or line) and returns the conference the caller must join;
    after hours returns mode "after_hours" with when they are back. sms: queues a text-back.
    """
    config = current(settings.specialists_file)
    language, need = _language(data), data.get("need")
    if channel == "sms":
        if need == "crisis":  # a text-back is no answer to a crisis: give the 24/7 line now
            return {"ok": True, "available": True, "next_open": None, "mode": "crisis",
                    "message": crisis_sentence(language, config)}
        return _queue("textback", "textback_by", data, channel, now, settings, client)

    decision = route(config, need, language, data.get("population"), now)
    if not decision.available:
        back = text(language, "after_hours", when=when(language, decision.next_open, now, config.timezone, at=True))
        return {"ok": True, "available": False, "next_open": _local_iso(decision.next_open, config),
                "mode": "after_hours", "message": f"{back} {crisis_sentence(language, config)}"}

    ticket = Ticket(tickets.new_name(), language, need, data.get("population"), data.get("record"),
                    [{"kind": c.kind, "id": c.id, "whisper": c.whisper} for c in decision.candidates],
                    caller_call_sid=call_sid)
    ticket = ring_next(client, ticket, config, settings, settings.session_ttl_voice)
    if ticket.state != "ringing":
        tickets.delete(client, ticket.name)
        return {"ok": False, "available": True, "next_open": None, "mode": "conference", "reason": "twilio_unavailable"}
    return {"ok": True, "available": True, "next_open": None, "mode": "conference", "conference": ticket.name,
            "crisis": need == "crisis"}


def request_callback(data: dict, channel: str, now: datetime, settings, client: redis.Redis) -> dict:
    """`callback_request {record}`: stored with the triage record for the (morning) queue."""
    return _queue("callback", "callback_by", data, channel, now, settings, client)


def start_voicemail(data: dict, channel: str, now: datetime, settings, client: redis.Redis) -> dict:
    """`voicemail {record?, language?}`: the caller's call goes to `url` (a <Redirect>) to record a message."""
    record = data.get("record")
    ticket = Ticket(tickets.new_name(), _language(data), data.get("need") or (record or {}).get("need"),
                    data.get("population"), record, state="voicemail")
    tickets.save(client, ticket, settings.session_ttl_voice)
    return {"ok": True, "mode": "voicemail", "voicemail": ticket.name,
            "url": url(settings, "voicemail", ticket=ticket.name)}
