"""The specialists' callback queue in Redis: text-backs, callback requests and voicemails, by due time.

Entries carry the triage record (keyed caller hash, no phone number): whoever works the queue finds the
conversation, and the number, through the caller hash.
"""
from __future__ import annotations

import json
import secrets
from datetime import datetime

import redis

QUEUE = "specialists:queue"  # sorted set: entry id, scored by when the resident expects an answer
ENTRY = "specialists:queue:{id}"
KINDS = ("textback", "callback", "voicemail")
DONE_KEPT = 30 * 24 * 3600  # a handled entry stays readable a month (for reporting), then Redis drops it


def enqueue(client: redis.Redis, kind: str, *, channel: str, language: str, need: str | None,
            record: dict | None, now: datetime, expect_by: datetime, **extra) -> str:
    if kind not in KINDS:
        raise ValueError(kind)
    entry_id = secrets.token_hex(8)
    entry = {"id": entry_id, "kind": kind, "channel": channel, "language": language, "need": need,
             "caller": (record or {}).get("caller"), "record": record, "created_at": now.isoformat(),
             "expect_by": expect_by.isoformat(), **extra}
    with client.pipeline() as pipe:
        pipe.set(ENTRY.format(id=entry_id), json.dumps(entry))
        pipe.zadd(QUEUE, {entry_id: expect_by.timestamp()})
        pipe.execute()
    return entry_id


def get(client: redis.Redis, entry_id: str) -> dict | None:
    raw = client.get(ENTRY.format(id=entry_id))
    return json.loads(raw) if raw else None


def annotate(client: redis.Redis, entry_id: str, **fields) -> None:
    """Add what arrives later (a voicemail's transcription) to an entry."""
    _update(client, entry_id, fields)


def _update(client: redis.Redis, entry_id: str, fields: dict, done: bool = False) -> bool:
    """Merge fields into an entry atomically (a transcription and a "done" may arrive together); False
    when there is no such entry. A done entry leaves the queue and expires after DONE_KEPT."""
    key = ENTRY.format(id=entry_id)

    def apply(pipe) -> bool:
        raw = pipe.get(key)
        if not raw:
            return False
        entry = json.dumps({**json.loads(raw), **fields})
        pipe.multi()
        if done:
            pipe.zrem(QUEUE, entry_id)
            pipe.set(key, entry, ex=DONE_KEPT)
        else:
            pipe.set(key, entry, keepttl=True)
        return True

    return client.transaction(apply, key, value_from_callable=True)


def pending(client: redis.Redis, until: datetime | None = None) -> list[dict]:
    """Entries due by `until` (all when None), soonest first: the morning queue."""
    ids = client.zrangebyscore(QUEUE, "-inf", until.timestamp() if until else "+inf")
    return [entry for entry in (get(client, i.decode() if isinstance(i, bytes) else i) for i in ids) if entry]


def complete(client: redis.Redis, entry_id: str, now: datetime, by: str | None = None) -> bool:
    """Take an entry off the queue once a specialist has answered; False when there is no such entry."""
    return _update(client, entry_id, {"done_at": now.isoformat(), "done_by": by}, done=True)
