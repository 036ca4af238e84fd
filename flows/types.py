"""Shared types: the seams between ivr/, nlu/, flows/ and directory_client/.

Everything here is plain data (dataclasses of str/int/float/dict/list), so a Session
round-trips through JSON for Redis and a Turn can be asserted on in tests.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

LANGUAGES = ("en", "es", "fr")
UNSURE = "unsure"

# Need codes are a stable contract: NLU, flows, directory taxonomy map, specialists and reports use them.
NEEDS = (
    "shelter", "housing", "eviction", "rent", "utilities", "property_tax", "landlord",
    "food", "mental_health", "substance_use", "employment", "transportation", "childcare",
    "crisis", "agent",
)
# Conversational intents that carry no need.
CONVERSATION_INTENTS = (
    "greet", "goodbye", "affirm", "deny", "help", "choose_language", "stop", "out_of_scope",
)
UNKNOWN = "unknown"


@dataclass(frozen=True)
class InboundEvent:
    """One thing that happened on a channel, already stripped of Twilio specifics.

    kind: "message" (SMS text, speech or digits), "call_start", "no_input", "hangup",
    or "action_result" (the outcome of an Action the engine asked for, in `data`).
    """

    channel: str  # "sms" | "voice"
    caller: str  # keyed hash of the caller's number: never the number itself
    sid: str  # MessageSid, or CallSid + step for voice
    at: datetime  # timezone-aware
    kind: str = "message"
    text: str | None = None  # SMS body or speech transcript
    digits: str | None = None  # DTMF keys
    speech_confidence: float | None = None  # Twilio's Confidence for speech, 0..1
    language_hint: str | None = None  # e.g. the language of the voice Gather that produced the text
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Session:
    """Conversation state for one caller on one channel. No raw phone numbers, ever."""

    caller: str
    channel: str
    language: str | None = None
    node: str = "start"
    slots: dict[str, Any] = field(default_factory=dict)
    retries: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    opted_out: bool = False
    started_at: str | None = None  # ISO 8601
    updated_at: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # engine scratch: pages, pending results

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Session":
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        return cls(**known)


@dataclass(frozen=True)
class NluResult:
    language: str  # en | es | fr | unsure
    language_confidence: float
    intent: str
    need: str | None
    confidence: float
    entities: dict[str, Any] = field(default_factory=dict)  # location, household, urgency, ...
    available: bool = True  # False when the NLU back end was down or too slow

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def unavailable(cls, language: str = UNSURE) -> "NluResult":
        return cls(language, 0.0, UNKNOWN, None, 0.0, {}, available=False)


@dataclass(frozen=True)
class Choice:
    key: str  # what the caller presses or types: "1".."9", "0"
    label: str  # rendered in the reply's language
    value: str  # what choosing it means: a need code, an intent, a language or a node id
    hints: tuple[str, ...] = ()  # words a caller may say for it (voice speech hints)


@dataclass(frozen=True)
class Reply:
    """What the caller reads or hears, already rendered in one language."""

    language: str
    texts: tuple[str, ...]  # paragraphs/sentences, in order
    prompt_keys: tuple[str, ...] = ()  # where each text came from, for tests and logs
    choices: tuple[Choice, ...] = ()
    expect_input: bool = True  # voice: wrap in <Gather>; SMS: nothing
    end: bool = False  # conversation over: voice hangs up after speaking
    silent: bool = False  # send nothing at all (opted-out SMS numbers)
    # Extra sentences each in its own language (the trilingual language menu).
    multilingual: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@dataclass(frozen=True)
class Action:
    """Something the engine wants done outside itself.

    kind: lookup | transfer | send_sms | record_triage | callback_request | voicemail | hangup.
    Actions whose outcome the engine must answer (lookup, transfer, send_sms) come back to it as an
    InboundEvent(kind="action_result", data={"action": kind, "ok": bool, ...}).
    """

    kind: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    reply: Reply
    session: Session
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class TriageRecord:
    """What a specialist needs to know in 10 seconds. No phone number inside."""

    caller: str  # keyed hash, so a callback queue can find the session again
    channel: str
    language: str
    need: str | None
    sub_need: str | None
    slots: dict[str, Any]
    summary: str  # one line, English, for the whisper and the queue
    transcript: list[dict[str, Any]]
    started_at: str | None
    ended_at: str
    outcome: str  # referred | transferred | callback | voicemail | abandoned | crisis

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "TriageRecord":
        return cls(**{k: raw.get(k) for k in cls.__dataclass_fields__})

