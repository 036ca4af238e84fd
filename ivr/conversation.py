"""One conversation turn: NLU, the pure engine, then the engine's actions, fed back until done.

This is the only place where the engine's wishes meet the outside world (directory, Twilio REST,
specialists, Redis records). A failed action becomes an action_result the engine answers; it
never becomes an exception that reaches Twilio.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Callable

from flows.types import Action, InboundEvent, NluResult, Reply, Session
from ivr.twilio_rest import TwilioNotConfigured

log = logging.getLogger(__name__)

# Actions whose outcome the engine must answer, and how many rounds of them one turn may take.
FEEDBACK = {"lookup", "transfer", "send_sms", "callback_request"}
MAX_ROUNDS = 5

Executor = Callable[[Action, "TurnContext"], dict[str, Any]]


@dataclass
class TurnContext:
    """What executors may know about the current turn. `caller_number` lives only in memory."""

    event: InboundEvent
    session: Session
    now: datetime
    caller_number: str | None = None


@dataclass
class Outcome:
    reply: Reply
    session: Session
    results: list[tuple[Action, dict[str, Any]]] = field(default_factory=list)

    def result_of(self, kind: str) -> dict[str, Any] | None:
        found = [result for action, result in self.results if action.kind == kind]
        return found[-1] if found else None


@dataclass
class Conversation:
    engine: Any  # flows.engine.Engine
    parser: Any  # nlu Parser: parse(text, language_hint) -> NluResult
    executors: dict[str, Executor]

    def understand(self, event: InboundEvent, session: Session) -> NluResult | None:
        if not (event.text or "").strip():
            return None
        return self.parser.parse(event.text, language_hint=event.language_hint or session.language)

    def run(self, event: InboundEvent, session: Session, now: datetime,
            caller_number: str | None = None) -> Outcome:
        turn = self.engine.step(event, session, self.understand(event, session), now)
        texts, keys = list(turn.reply.texts), list(turn.reply.prompt_keys)
        results: list[tuple[Action, dict[str, Any]]] = []
        pending = list(turn.actions)
        rounds = 0
        while pending:
            action = pending.pop(0)
            context = TurnContext(event, turn.session, now, caller_number)
            result = self.execute(action, context)
            results.append((action, result))
            if action.kind in FEEDBACK and rounds < MAX_ROUNDS:
                rounds += 1
                feedback = replace(event, kind="action_result", text=None, digits=None,
                                   speech_confidence=None, data={"action": action.kind, **result})
                turn = self.engine.step(feedback, turn.session, None, now)
                texts += turn.reply.texts
                keys += turn.reply.prompt_keys
                pending += turn.actions
        reply = replace(turn.reply, texts=tuple(texts), prompt_keys=tuple(keys))
        return Outcome(reply, turn.session, results)

    def execute(self, action: Action, context: TurnContext) -> dict[str, Any]:
        executor = self.executors.get(action.kind)
        if executor is None:
            log.error("no executor for action", extra={"action": action.kind})
            return {"ok": False, "reason": "unsupported"}
        try:
            return executor(action, context)
        except TwilioNotConfigured as e:  # a dev server without credentials: expected, no traceback
            log.warning("action not sent: %s", e, extra={"action": action.kind})
            return {"ok": False, "reason": "not_configured"}
        except Exception:  # noqa: BLE001 - any failure is an answer the engine can give
            log.exception("action failed", extra={"action": action.kind})
            return {"ok": False, "reason": "error"}
