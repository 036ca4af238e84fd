"""Resources and times said the way a caller needs them: compact for SMS, slow and few for voice."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import phonenumbers
from babel.dates import format_date, format_time

from flows.prompts import Prompts

LOCALES = {"en": "en_US", "es": "es_US", "fr": "fr_CA"}
VOICE_MAX_RESOURCES = 3
# What a session keeps of each resource (sessions stay small; ids let reports link back).
KEPT_FIELDS = ("id", "name", "description", "phone", "address", "hours_today", "open_now", "closes_at", "opens_next")


def keep(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: r.get(k) for k in KEPT_FIELDS} for r in resources]


def _time(moment: time, language: str) -> str:
    # CLDR puts narrow no-break spaces in times ("8:30\u202fPM"): one such character makes an SMS UCS-2.
    return format_time(moment, "short", locale=LOCALES[language]).replace("\u202f", " ").replace("\xa0", " ")


def clock(hhmm: str, language: str) -> str:
    hour, minute = (int(x) for x in hhmm.split(":")[:2])
    return _time(time(hour, minute), language)


def when(iso: str | None, now: datetime, language: str, prompts: Prompts, channel: str) -> str | None:
    """ "today at 9:00 AM", "tomorrow at ...", "Monday at ..." in the caller's language."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    local_now = now.astimezone(moment.tzinfo) if moment.tzinfo else now.replace(tzinfo=None)
    at = _time(moment.time(), language)
    if moment.date() == local_now.date():
        return prompts.text(language, "time.today", channel, time=at)
    if moment.date() == local_now.date() + timedelta(days=1):
        return prompts.text(language, "time.tomorrow", channel, time=at)
    day = format_date(moment.date(), "EEEE", locale=LOCALES[language])
    return prompts.text(language, "time.day", channel, day=day, time=at)


def _number(phone: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(phone, "US") if phone else None
    except phonenumbers.NumberParseException:
        return None


def phone_for_text(phone: str | None) -> str | None:
    number = _number(phone)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL) if number else phone


def phone_for_voice(phone: str | None) -> str | None:
    """Digits in their groups, spaced so text-to-speech reads them one by one: "3 1 3, 5 5 5, 0 1 0 1"."""
    text = phone_for_text(phone)
    if not text:
        return None
    groups = ["".join(ch for ch in part if ch.isdigit()) for part in text.replace("-", " ").split()]
    return ", ".join(" ".join(group) for group in groups if group)


def hours(resource: dict[str, Any], now: datetime, language: str, prompts: Prompts, channel: str) -> str | None:
    if resource.get("open_now") and resource.get("closes_at"):
        return prompts.text(language, "res.open_until", channel, time=clock(resource["closes_at"], language))
    if resource.get("open_now") is False and resource.get("opens_next"):
        opens = when(resource["opens_next"], now, language, prompts, channel)
        if opens:
            return prompts.text(language, "res.opens", channel, when=opens)
    if resource.get("hours_today"):
        return prompts.text(language, "res.hours", channel, hours=resource["hours_today"])
    return None


def sms_block(number: int, resource: dict[str, Any], now: datetime, language: str, prompts: Prompts) -> str:
    """ "1) Name - (313) 555-0101 / 123 Main St. Open now until 8:00 PM." """
    head = f"{number}) {resource['name']}"
    phone = phone_for_text(resource.get("phone"))
    lines = [f"{head} - {phone}" if phone else head]
    address = (resource.get("address") or "").rstrip(". ")
    tail = ". ".join(x for x in (address, hours(resource, now, language, prompts, "sms")) if x)
    if tail:
        lines.append(tail)
    return "\n".join(lines)


def voice_sentences(resource: dict[str, Any], now: datetime, language: str, prompts: Prompts) -> str:
    """Name, what it offers, the phone number read slowly, then its hours if open now, else its address."""
    parts = [f"{resource['name']}.", resource.get("description") or ""]
    phone = phone_for_voice(resource.get("phone"))
    if phone:
        parts.append(prompts.text(language, "res.phone", "voice", phone=phone))
    opening = hours(resource, now, language, prompts, "voice")
    parts.append(opening if resource.get("open_now") and opening else resource.get("address") or opening or "")
    return " ".join(p.strip() for p in parts if p and p.strip())
