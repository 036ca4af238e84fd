"""Triage records for specialists and reporting, in Redis (no phone numbers inside)."""
from __future__ import annotations

import json

import redis

RECORDS_KEY = "triage:records"  # newest first
LATEST_KEY = "triage:record:latest:{caller}"
KEEP = 10_000  # a Redis list is a queue, not an archive: reporting exports before this rolls over


def store_record(client: redis.Redis, record: dict, ttl: int) -> None:
    payload = json.dumps(record, sort_keys=True)
    with client.pipeline() as pipe:
        pipe.lpush(RECORDS_KEY, payload)
        pipe.ltrim(RECORDS_KEY, 0, KEEP - 1)
        pipe.set(LATEST_KEY.format(caller=record["caller"]), payload, ex=ttl)
        pipe.execute()


def latest_record(client: redis.Redis, caller: str) -> dict | None:
    raw = client.get(LATEST_KEY.format(caller=caller))
    return json.loads(raw) if raw else None
