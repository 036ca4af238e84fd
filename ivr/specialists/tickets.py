"""Transfer tickets in Redis: the state a conference's callbacks share, keyed by its PII-free name."""
from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from typing import Callable

import redis

KEY = "specialists:ticket:{name}"


@dataclass
class Ticket:
    name: str  # conference name and callback key: random, says nothing about the caller
    language: str
    need: str | None = None
    population: str | None = None
    record: dict | None = None  # TriageRecord.to_dict(): no phone number inside
    candidates: list[dict] = field(default_factory=list)  # {"kind", "id", "whisper"}, in calling order
    index: int = 0  # the candidate being called
    state: str = "ringing"  # ringing | connected | voicemail | done
    leg_call_sid: str | None = None  # the outbound call ringing candidates[index]
    leg_answered: bool = False  # the specialist is hearing the whisper
    caller_call_sid: str | None = None
    conference_sid: str | None = None  # known once Twilio reports the caller joining
    queue_id: str | None = None  # the voicemail's queue entry

    @property
    def current(self) -> dict | None:
        return self.candidates[self.index] if self.index < len(self.candidates) else None


def new_name() -> str:
    return "tr-" + secrets.token_hex(12)


def save(client: redis.Redis, ticket: Ticket, ttl: int) -> None:
    client.set(KEY.format(name=ticket.name), json.dumps(asdict(ticket)), ex=ttl)


def load(client: redis.Redis, name: str) -> Ticket | None:
    raw = client.get(KEY.format(name=name))
    return Ticket(**json.loads(raw)) if raw else None


def update(client: redis.Redis, name: str, change: Callable[[Ticket], None], ttl: int) -> Ticket | None:
    """Apply `change` atomically (Twilio's callbacks for one conference can race); None if unknown."""
    key = KEY.format(name=name)

    def apply(pipe) -> Ticket | None:
        raw = pipe.get(key)
        if not raw:
            return None
        ticket = Ticket(**json.loads(raw))
        change(ticket)
        pipe.multi()
        pipe.set(key, json.dumps(asdict(ticket)), ex=ttl)
        return ticket

    return client.transaction(apply, key, value_from_callable=True)


def delete(client: redis.Redis, name: str) -> None:
    client.delete(KEY.format(name=name))
