"""A conversation driver that checks every reply the way a caller would notice a fault."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from flows.engine import Engine
from flows.sms_segments import segments
from flows.types import InboundEvent, NluResult, Reply, Session, Turn

NOW = datetime(2024, 5, 6, 14, 30, tzinfo=timezone.utc)  # a Monday afternoon
# Keys whose text is assembled from parts rather than one template.
ASSEMBLED = {"choice.line", "resource", "more.page", "language.menu"}


def nlu(intent: str = "unknown", need: str | None = None, language: str = "en", confidence: float = 0.9,
        **entities: Any) -> NluResult:
    return NluResult(language, 0.95 if language != "unsure" else 0.2, intent, need, confidence, entities)


def template_prefix(engine: Engine, language: str, key: str, channel: str) -> str:
    """The fixed words a template starts with (up to its first placeholder)."""
    template = engine.data.prompts[language][engine.prompts.key_for(language, key, channel)]
    return template.split("{", 1)[0].strip()


def check_reply(engine: Engine, reply: Reply, language: str, channel: str) -> None:
    assert reply.language == language, f"reply in {reply.language}, expected {language}: {reply.text!r}"
    if channel == "sms" and not reply.silent:
        assert segments(reply.text) <= 2, f"{segments(reply.text)} segments: {reply.text!r}"
    for key in reply.prompt_keys:
        if key not in ASSEMBLED:
            assert template_prefix(engine, language, key, channel) in reply.text, (key, language, reply.text)
    if "choice.line" in reply.prompt_keys and (channel == "voice" or reply.choices[0].value not in ("@again", "@agent")):
        for choice in reply.choices:  # every offered choice is written out, with its key
            assert choice.label in reply.text and choice.key in reply.text, (choice, reply.text)
    if reply.silent:
        assert reply.texts == ()


class Chat:
    def __init__(self, engine: Engine, channel: str = "sms", language: str | None = None, now: datetime = NOW,
                 node: str = "start", slots: dict | None = None):
        self.engine = engine
        self.channel = channel
        self.now = now
        self.session = Session(caller="hashed-caller", channel=channel, language=language, node=node,
                               slots=dict(slots or {}))
        self.count = 0

    def step(self, expect: str, kind: str = "message", text: str | None = None, digits: str | None = None,
             nlu: NluResult | None = None, data: dict | None = None, speech_confidence: float | None = None) -> Turn:
        self.count += 1
        before = json.dumps(self.session.to_dict(), sort_keys=True)
        event = InboundEvent(channel=self.channel, caller="hashed-caller", sid=f"S{self.count}", at=self.now,
                             kind=kind, text=text, digits=digits, speech_confidence=speech_confidence,
                             data=data or {})
        turn = self.engine.step(event, self.session, nlu, self.now)
        assert json.dumps(self.session.to_dict(), sort_keys=True) == before, "step mutated its input session"
        json.dumps(turn.session.to_dict())  # sessions must stay JSON-serializable
        check_reply(self.engine, turn.reply, expect, self.channel)
        self.session = turn.session
        return turn

    def say(self, text: str, expect: str, nlu: NluResult | None = None, **kw: Any) -> Turn:
        return self.step(expect, text=text, nlu=nlu, **kw)

    def press(self, digits: str, expect: str) -> Turn:
        if self.channel == "voice":
            return self.step(expect, digits=digits)
        return self.step(expect, text=digits)

    def result(self, action: str, expect: str, **data: Any) -> Turn:
        return self.step(expect, kind="action_result", data={"action": action, **data})


def kinds(turn: Turn) -> list[str]:
    return [a.kind for a in turn.actions]


def action(turn: Turn, kind: str) -> dict:
    found = [a.data for a in turn.actions if a.kind == kind]
    assert found, f"no {kind} action in {kinds(turn)}"
    return found[0]


def resource(n: int, **over: Any) -> dict:
    base = {"id": f"r{n}", "name": f"Place {n}", "description": "Beds for families", "phone": "+13135550101",
            "address": f"{n}00 Main St, Detroit", "hours_today": "08:00-20:00", "open_now": True,
            "closes_at": "20:00", "opens_next": None, "languages": ["en"], "distance_km": 1.0, "why": [],
            "source": "test", "extra": {}}
    return {**base, **over}
