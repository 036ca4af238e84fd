"""The shape every Twilio webhook shares: once per Sid, session in Redis, never a 500."""
from __future__ import annotations

import logging
from typing import Callable

from flask import current_app

from flows.types import InboundEvent, Session
from ivr.conversation import Outcome
from ivr.messages import message
from ivr.sessions import TurnInProgress

log = logging.getLogger(__name__)


def services():
    return current_app.extensions["triage"]


def now():
    return current_app.config["CLOCK"]()


def answer(event: InboundEvent, caller_number: str | None,
           render: Callable[[Outcome], str], apologize: Callable[[str, str | None], str],
           in_progress: Callable[[], str]) -> str:
    """Run one turn and return TwiML. Any failure becomes a localized apology, logged with its traceback."""
    svc = services()
    language: list[str | None] = [event.language_hint]

    def turn(session: Session) -> tuple[Session, str]:
        language[0] = session.language or language[0]
        outcome = svc.conversation.run(event, session, event.at, caller_number)
        language[0] = outcome.session.language
        return outcome.session, render(outcome)

    try:
        return svc.store.answer_once(event.channel, event.caller, event.sid, turn)
    except TurnInProgress:
        return in_progress()
    except Exception:  # noqa: BLE001 - Twilio must always get TwiML, the log gets the traceback
        log.exception("webhook turn failed", extra={"channel": event.channel})
        spoken = language[0] or _language_of(svc, event)
        return apologize(message("apology", spoken), spoken)


def _language_of(svc, event: InboundEvent) -> str | None:
    """With no session to ask (Redis down), the caller's own words tell which language to apologize in."""
    try:
        nlu = svc.conversation.understand(event, Session(event.caller, event.channel))
    except Exception:  # noqa: BLE001 - already failing: fall back to English rather than fail twice
        return None
    return nlu.language if nlu else None
