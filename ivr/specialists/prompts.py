"""Caller- and specialist-facing sentences from prompts.yml, with times said the caller's way."""
from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

LANGUAGES = ("en", "es", "fr")


@lru_cache(maxsize=1)
def _prompts() -> dict:
    return yaml.safe_load(Path(__file__).with_name("prompts.yml").read_text(encoding="utf-8"))


def text(language: str | None, key: str, **values) -> str:
    table = _prompts()[language if language in LANGUAGES else "en"]
    return table[key].format(**values)


def specialist_text(key: str, **values) -> str:
    return _prompts()["specialist"][key].format(**values)


def summary_of(record: dict | None, language: str | None, need: str | None) -> str:
    """The record's one-line summary, or a minimal one, for the whisper and the specialist's SMS."""
    if record and record.get("summary"):
        return record["summary"].rstrip(". ")
    names = _prompts()["specialist"]["languages"]
    return specialist_text("summary", language=names.get(language or "en", "English"),
                           need=(need or "general help").replace("_", " "))


def when(language: str | None, moment: datetime | None, now: datetime, tz: ZoneInfo, at: bool = False) -> str:
    """'by 9:00 AM tomorrow' (at=False) or 'tomorrow at 8:00 AM' (at=True), in the caller's language."""
    table = _prompts()[language if language in LANGUAGES else "en"]
    if moment is None:
        return table["when"]["unknown"]
    local, today = moment.astimezone(tz), now.astimezone(tz).date()
    clock = table["time_format"].format(h=local.hour, h12=(local.hour - 1) % 12 + 1, mm=f"{local.minute:02d}",
                                        ampm="AM" if local.hour < 12 else "PM")
    day = "today" if local.date() == today else "tomorrow" if local.date() == today + timedelta(days=1) else "later"
    key = f"at_{day}" if at else day
    return table["when"][key].format(time=clock, weekday=table["weekdays"][local.weekday()])
