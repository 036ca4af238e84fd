"""Subcommands for `triage` (see ivr/cli.py): `triage directory import` and `triage directory search`."""
from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from ivr.config import Settings

from . import get_directory
from .build import import_data
from .embedded import EmbeddedDirectory
from .taxonomy import load_taxonomy


@click.group("directory", help="The resource directory (HSDS 3.0): import data, search it.")
def directory() -> None:
    pass


@directory.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), help="SQLite file (default: DIRECTORY_DB or var/directory.sqlite3).")
@click.option("--if-needed", is_flag=True, help="Do nothing when the database already holds exactly this data.")
def import_command(paths, db, if_needed) -> None:
    """Build the embedded directory from HSDS 3.0 JSON files or CSV datapackages (default: the shipped
    seed data). Bad records are reported and skipped; good ones are kept."""
    settings = Settings.from_env()
    db = db or Path(settings.directory_db)
    taxonomy = load_taxonomy(Path(settings.directory_taxonomy))
    result = import_data(db, taxonomy, list(paths) or None, if_needed=if_needed)
    if result is None:
        click.echo(f"{db}: up to date")
        return
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    for file, count in result.per_file.items():
        click.echo(f"{file}: {count} services")
    click.echo(f"{db}: {result.services} services, {len(result.listings)} listings, {len(result.problems)} problems")
    if result.services == 0:
        sys.exit(1)


@directory.command("search")
@click.argument("query")
@click.option("--zip", "zip_code", help="US ZIP code of the caller.")
@click.option("--postal-code", help="Canadian or Spanish postal code of the caller.")
@click.option("--city", help="City of the caller.")
@click.option("--lang", default="en", show_default=True)
@click.option("--limit", default=3, show_default=True)
@click.option("--at", "at", help="Pretend it is this time (ISO 8601 with offset).")
@click.option("--json", "as_json", is_flag=True, help="Print Resource dicts as JSON.")
def search_command(query, zip_code, postal_code, city, lang, limit, at, as_json) -> None:
    """Who helps with QUERY (a need code such as rent, or words such as "rent help")."""
    location = ({"type": "zip", "value": zip_code} if zip_code else {"type": "postal_code", "value": postal_code.upper()}
                if postal_code else {"type": "city", "value": city} if city else None)
    now = datetime.fromisoformat(at) if at else None
    settings = Settings.from_env()
    need = load_taxonomy(Path(settings.directory_taxonomy)).guess_need(query)
    found = get_directory(settings)
    if need:
        results = found.search(need, location, lang, now, limit)
    elif isinstance(found, EmbeddedDirectory):
        results = found.search_text(query, location, lang, now, limit)
    else:
        raise click.UsageError(f"{query!r} names no known need; free text works on the embedded directory only")
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in results], indent=1, ensure_ascii=False))
        return
    click.echo(f"need: {need or 'free text'}; {len(results)} result(s)")
    for n, r in enumerate(results, 1):
        click.echo(f"{n}. {r.name} — {r.phone or 'no phone'}")
        click.echo(f"   {r.description}")
        for label, value in (("address", r.address), ("hours today", r.hours_today),
                             ("languages", ", ".join(r.languages)),
                             ("distance", f"{r.distance_km} km" if r.distance_km is not None else None),
                             ("source", r.source)):
            if value:
                click.echo(f"   {label}: {value}")
        click.echo(f"   why: {'; '.join(r.why)}")


commands: list = [directory]

if __name__ == "__main__":  # `python -m directory_client.cli ...` works even when `triage` cannot start
    directory()
