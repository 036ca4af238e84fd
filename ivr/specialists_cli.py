"""Subcommands for `triage` (see ivr/cli.py): `triage specialists check`."""
from __future__ import annotations

from datetime import datetime, timezone

import click

from flows.types import LANGUAGES, NEEDS
from ivr.config import Settings
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


commands: list = [specialists]
