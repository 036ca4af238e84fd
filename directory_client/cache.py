"""Redis cache for directory answers: fresh for a short TTL, then kept (stale) for a long one so a
directory outage can still be answered from the last good result."""
from __future__ import annotations

import json
import logging
import time

import redis

log = logging.getLogger(__name__)


class AnswerCache:
    def __init__(self, url: str, fresh_seconds: int = 300, keep_seconds: int = 7 * 24 * 3600,
                 prefix: str = "directory:hsds:"):
        # Short socket timeouts: a Redis outage must cost the caller milliseconds, not seconds.
        self.redis = redis.Redis.from_url(url, socket_timeout=0.25, socket_connect_timeout=0.25)
        self.fresh_seconds, self.keep_seconds, self.prefix = fresh_seconds, keep_seconds, prefix

    def get(self, key: str) -> tuple[object, float] | None:
        """(value, age in seconds), or None when absent or Redis is unreachable."""
        try:
            raw = self.redis.get(self.prefix + key)
        except redis.RedisError as e:
            log.warning("directory cache unavailable: %s", e)
            return None
        if raw is None:
            return None
        entry = json.loads(raw)
        return entry["value"], time.time() - entry["at"]

    def put(self, key: str, value) -> None:
        try:
            self.redis.set(self.prefix + key, json.dumps({"at": time.time(), "value": value}), ex=self.keep_seconds)
        except redis.RedisError as e:
            log.warning("directory cache unavailable: %s", e)
