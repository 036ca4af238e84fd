"""Subcommands for `triage` (see ivr/cli.py): `triage chat`, the engine in a terminal, no Twilio needed."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any

import click

from flows.sms_segments import encoding, segments
from flows.types import Action, InboundEvent, Session


def _clock(at: str | None) -> datetime:
    if not at:
        return datetime.now(timezone.utc)
    moment = datetime.fromisoformat(at)
    return moment if moment.tzinfo else moment.astimezone()


def _local_executors(transfer_available: bool) -> dict[str, Any]:
    """What the real app does through Twilio and Redis, shown on the terminal instead."""
    def show(action: Action, result: dict[str, Any]) -> dict[str, Any]:
        data = {k: v for k, v in action.data.items() if k != "record"}
        record = action.data.get("record")
        click.secho(f"  [{action.kind}] {json.dumps(data, ensure_ascii=False) if data else ''}"
                    f"{' record: ' + record['summary'] + ' (' + record['outcome'] + ')' if record else ''}", fg="cyan")
        return result

    return {
        "transfer": lambda a, c: show(a, {"ok": True, "available": transfer_available, "next_open": None,
                                         "mode": "conference" if c.event.channel == "voice" else "callback"}),
        "send_sms": lambda a, c: show(a, {"ok": True}),
        "record_triage": lambda a, c: show(a, {"ok": True}),
        "callback_request": lambda a, c: show(a, {"ok": True}),
        "voicemail": lambda a, c: show(a, {"ok": True}),
        "hangup": lambda a, c: show(a, {"ok": True}),
    }


@click.command("chat")
@click.option("--lang", type=click.Choice(["en", "es", "fr"]), default=None,
              help="Language already known for this caller (default: detected, or asked).")
@click.option("--from", "from_", default="+15555550100", show_default=True,
              help="Caller's number; only a hash of it is kept, as in production.")
@click.option("--at", default=None, help="Clock for the conversation, ISO 8601 (default: now).")
@click.option("--channel", type=click.Choice(["sms", "voice"]), default="sms", show_default=True)
@click.option("--specialists/--no-specialists", default=False, show_default=True,
              help="Whether a specialist answers a transfer (otherwise the after-hours path).")
def chat(lang: str | None, from_: str, at: str | None, channel: str, specialists: bool) -> None:
    """Try the flows in a terminal. SMS: type messages. Voice: type speech, '#123' for keys, an empty
    line for silence. '/quit' ends."""
    from directory_client import get_directory
    from flows.engine import load_engine
    from ivr.actions import lookup
    from ivr.config import Settings
    from ivr.conversation import Conversation
    from nlu import get_parser

    now = _clock(at)
    caller = "chat-" + hashlib.sha256(from_.encode()).hexdigest()[:16]
    settings = Settings.from_env()
    executors = {**_local_executors(specialists),
                 "lookup": lookup(get_directory(settings), settings.directory_language)}
    conversation = Conversation(load_engine(), get_parser(), executors)
    session = Session(caller=caller, channel=channel, language=lang)
    count = 0

    def turn(**event: Any) -> bool:
        nonlocal session, count
        count += 1
        inbound = InboundEvent(channel=channel, caller=caller, sid=f"CHAT{count}", at=now, **event)
        outcome = conversation.run(inbound, session, now)
        session = outcome.session
        reply = outcome.reply
        if reply.silent:
            click.secho("  (no reply)", dim=True)
        for language, sentence in reply.multilingual:
            click.secho(f"< [{language}] {sentence}", fg="green")
        if reply.texts:
            note = f"  [{segments(reply.text)} segment(s), {encoding(reply.text)}]" if channel == "sms" else ""
            click.secho("< " + reply.text.replace("\n", "\n  ") + note, fg="green")
        return not reply.end

    if channel == "voice":
        going = turn(kind="call_start")
    else:
        going = True
    while going:
        try:
            line = click.prompt(">", default="", show_default=False, prompt_suffix=" ")
        except (EOFError, click.Abort):
            break
        if line.strip() == "/quit":
            break
        if channel == "voice" and line.startswith("#"):
            going = turn(digits=line[1:].strip())
        elif channel == "voice" and not line.strip():
            going = turn(kind="no_input")
        else:
            going = turn(text=line, speech_confidence=0.9 if channel == "voice" else None)


commands: list = [chat]
