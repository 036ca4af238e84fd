"""Sessions in Redis: keyed by the caller's hash, expiring, updated atomically, idempotent per Sid."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Callable

import redis

from flows.types import Session

PREFIX = "triage"


class TurnInProgress(Exception):
    """A retry of a request that is still being answered: Twilio will retry again."""


def _decode(raw: str | None, channel: str, caller: str) -> Session:
    return Session.from_dict(json.loads(raw)) if raw else Session(caller=caller, channel=channel)


@dataclass
class SessionStore:
    client: redis.Redis
    ttl_sms: int
    ttl_voice: int

    @classmethod
    def from_settings(cls, settings) -> "SessionStore":
        client = redis.Redis.from_url(
            settings.redis_url, socket_timeout=1.0, socket_connect_timeout=1.0, decode_responses=True
        )
        return cls(client, settings.session_ttl_sms, settings.session_ttl_voice)

    def ttl(self, channel: str) -> int:
        return self.ttl_voice if channel == "voice" else self.ttl_sms

    @staticmethod
    def session_key(channel: str, caller: str) -> str:
        return f"{PREFIX}:session:{channel}:{caller}"

    @staticmethod
    def reply_key(sid: str) -> str:
        return f"{PREFIX}:reply:{sid}"

    def load(self, channel: str, caller: str) -> Session:
        return _decode(self.client.get(self.session_key(channel, caller)), channel, caller)

    def answer_once(self, channel: str, caller: str, sid: str,
                    turn: Callable[[Session], tuple[Session, str]], wait: float = 5.0) -> str:
        """Run `turn` once per Sid and store its session and reply together.

        A retried Sid gets the stored reply back without running the turn again. Concurrent messages
        from the same caller are serialised by WATCH on the session key: the loser runs again on the
        winner's session, so no update is lost.
        """
        reply_key = self.reply_key(sid)
        claim_key = reply_key + ":claim"
        cached = self.client.get(reply_key)
        if cached is not None:
            return cached
        if not self.client.set(claim_key, "1", nx=True, ex=60):
            return self._wait_for_reply(reply_key, wait)
        key = self.session_key(channel, caller)
        ttl = self.ttl(channel)
        try:
            while True:
                with self.client.pipeline() as pipe:
                    try:
                        pipe.watch(key)
                        session = _decode(pipe.get(key), channel, caller)
                        new_session, reply = turn(session)
                        pipe.multi()
                        pipe.set(key, json.dumps(new_session.to_dict()), ex=ttl)
                        pipe.set(reply_key, reply, ex=ttl)
                        pipe.execute()
                        return reply
                    except redis.WatchError:
                        continue
        finally:
            self.client.delete(claim_key)

    def _wait_for_reply(self, reply_key: str, wait: float) -> str:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            cached = self.client.get(reply_key)
            if cached is not None:
                return cached
            time.sleep(0.05)
        raise TurnInProgress(reply_key)

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except redis.RedisError:
            return False
