"""Validation against the HSDS 3.0 JSON schemas (openreferral/specification, branch 3.0, schema/*.json,
CC BY-SA 4.0, shipped in data/hsds_schema): one validator per table, resolving the schemas' relative
`$ref`s ("phone.json") from the shipped files rather than the network."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, RefResolver

SCHEMA_DIR = Path(__file__).parent / "data" / "hsds_schema"
_BASE = "https://hsds.invalid/schema/"  # a stand-in base URI; every ref is served from SCHEMA_DIR


@lru_cache(maxsize=1)
def _store() -> dict[str, dict]:
    return {_BASE + p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}


@lru_cache(maxsize=None)
def validator(table: str) -> Draft202012Validator:
    """table: an HSDS table name such as "service" or "phone"."""
    store = _store()
    schema = store[_BASE + f"{table}.json"]
    return Draft202012Validator(schema, resolver=RefResolver(_BASE + f"{table}.json", schema, store=store),
                                format_checker=FormatChecker(formats=("uuid",)))


def properties(table: str) -> dict[str, dict]:
    return _store()[_BASE + f"{table}.json"]["properties"]


def errors(table: str, record: dict) -> list[str]:
    """Readable problems with one record, empty when it is valid HSDS 3.0."""
    found = sorted(validator(table).iter_errors(record), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(record)'}: {e.message}" for e in found]
