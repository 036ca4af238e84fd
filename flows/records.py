"""The triage record a specialist reads, and the redaction that keeps phone numbers out of it."""
from __future__ import annotations

import re
from datetime import datetime

from flows.types import Session, TriageRecord

# Seven or more digits, possibly with separators: a phone number (ZIP codes have five).
_PHONE_LIKE = re.compile(r"\+?\d(?:[\s().-]*\d){6,}")
HISTORY_TEXT_LIMIT = 80


def redact(text: str | None) -> str:
    return _PHONE_LIKE.sub("[number]", text or "")[:HISTORY_TEXT_LIMIT]


def summary(session: Session) -> str:
    """One English line for the whisper and the queue, e.g. "eviction/court_date · 48201 · with_children"."""
    slots = session.slots
    need = "/".join(v for v in (slots.get("need"), slots.get("sub_need")) if v) or "need unknown"
    location = (slots.get("location") or {}).get("value")
    population = slots.get("population") if slots.get("population") not in (None, "none") else None
    parts = [need, location, slots.get("household"), population, slots.get("urgency"),
             session.language, session.channel]
    return " · ".join(str(p) for p in parts if p)


def build(session: Session, outcome: str, now: datetime) -> TriageRecord:
    return TriageRecord(
        caller=session.caller,
        channel=session.channel,
        language=session.language or "en",
        need=session.slots.get("need"),
        sub_need=session.slots.get("sub_need"),
        slots={k: v for k, v in session.slots.items() if k not in ("need", "sub_need")},
        summary=summary(session),
        transcript=list(session.history),
        started_at=session.started_at,
        ended_at=now.isoformat(),
        outcome=outcome,
    )
