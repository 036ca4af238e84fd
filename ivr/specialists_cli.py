"""Subcommands for `triage` (see ivr/cli.py): `triage specialists check`, `queue` and `done`."""
from __future__ import annotations

from datetime import datetime, timezone

import click

from flows.types import LANGUAGES, NEEDS
import redis

from ivr.config import Settings
from ivr.events import hash_key
from ivr.privacy import open_number
from ivr.specialists import queue
from ivr.specialists.config import ConfigError, load
from ivr.specialists.routing import route


@click.group(help="Live specialists: configuration and routing.")
def specialists() -> None:
    pass


@specialists.command(help="Validate the specialists file and show who would get a call for each need and language.")
@click.option("--file", "path", help="Specialists YAML (default: SPECIALISTS_FILE or config/specialists.yaml).")
@click.option("--at", "at", help="ISO 8601 time with offset to route at (default: now).")
def check(path: str | None, at: str | None) -> None:
    try:
        config = load(path or Settings.from_env().specialists_file)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    now = datetime.fromisoformat(at) if at else datetime.now(timezone.utc)
    if now.tzinfo is None:
        raise click.BadParameter("needs a UTC offset, e.g. 2024-12-25T03:00:00-05:00", param_hint="--at")
    local = now.astimezone(config.timezone)
    click.echo(f"{config.source}: {len(config.teams)} teams, {len(config.specialists)} specialists; "
               f"routing at {local:%a %Y-%m-%d %H:%M %Z}")
    for need in NEEDS:
        for language in LANGUAGES:
            decision = route(config, need, language, None, now)
            if decision.available:
                first = decision.candidates[0]
                who = f"{first.kind} {first.id} ({first.phone})"
                if len(decision.candidates) > 1:
                    who += ", then " + ", ".join(c.id for c in decision.candidates[1:])
            else:
                opens = decision.next_open.astimezone(config.timezone) if decision.next_open else None
                who = f"after hours; next open {opens:%a %Y-%m-%d %H:%M %Z}" if opens else "nobody configured"
            click.echo(f"{need:<15} {language}  {who}")


@specialists.command("queue", help="List the text-backs, callbacks and voicemails waiting for a specialist, soonest due first.")
@click.option("--due-by", help="Only entries due by this ISO 8601 time with offset (default: all).")
def queue_command(due_by: str | None) -> None:
    settings = Settings.from_env()
    client = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    entries = queue.pending(client, datetime.fromisoformat(due_by) if due_by else None)
    for entry in entries:
        contact = open_number(entry["contact"], hash_key(settings)) if entry.get("contact") else "no number"
        summary = (entry.get("record") or {}).get("summary") or entry.get("need") or ""
        click.echo(f"{entry['id']}  {entry['expect_by']}  {entry['kind']:<9} {entry['language']}  {contact}  {summary}")
    click.echo(f"{len(entries)} waiting")


@specialists.command(help="Mark a queue entry answered (its id is the first column of `triage specialists queue`).")
@click.argument("entry_id")
@click.option("--by", help="Who answered it (kept with the entry for reporting).")
def done(entry_id: str, by: str | None) -> None:
    settings = Settings.from_env()
    client = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    if not queue.complete(client, entry_id, datetime.now(timezone.utc), by):
        raise click.ClickException(f"no queue entry {entry_id}")
    click.echo(f"{entry_id} done")


commands: list = [specialists]
