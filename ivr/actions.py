"""Executors for the engine's actions: each takes (Action, TurnContext) and returns a result dict."""
from __future__ import annotations

from typing import Any

from directory_client.types import DirectoryUnavailable
from flows.types import Action
from ivr.conversation import Executor, TurnContext
from ivr.records import store_record

LOOKUP_LIMIT = 9  # enough for three SMS pages or three voice read-backs


def lookup(directory) -> Executor:
    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        data = action.data
        try:
            found = directory.search(data["need"], location=data.get("location"),
                                     language=data.get("language") or "en", now=context.now,
                                     limit=LOOKUP_LIMIT)
        except DirectoryUnavailable:
            return {"ok": False, "reason": "directory_unavailable"}
        return {"ok": True, "resources": [resource.to_dict() for resource in found]}

    return run


def record_triage(redis_client, ttl: int) -> Executor:
    def run(action: Action, context: TurnContext) -> dict[str, Any]:
        store_record(redis_client, action.data["record"], ttl)
        return {"ok": True}

    return run


def hangup(action: Action, context: TurnContext) -> dict[str, Any]:
    return {"ok": True}
