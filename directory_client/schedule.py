"""HSDS 3.0 schedules (RRULE-like: freq, byday, bymonthday, interval, opens_at/closes_at) read in the
location's own time zone: is it open now, today's hours, when does it next open."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})")
DAY = 24 * 60


@dataclass(frozen=True)
class Status:
    open_now: bool | None  # None: no usable schedule
    hours_today: str | None
    closes_at: str | None = None
    opens_next: str | None = None  # ISO datetime, local time with offset


def _minutes(value) -> int | None:
    m = _HHMM.match(str(value or "").strip())
    if not m:
        return None
    hours, minutes = int(m.group(1)), int(m.group(2))
    return hours * 60 + minutes if hours <= 24 and minutes < 60 else None


def rules_from_hsds(schedules: list[dict]) -> list[dict]:
    """Compact, JSON-able rules from HSDS schedule objects; ones without opening hours are dropped
    (a free-text description alone cannot say whether a place is open)."""
    rules = []
    for s in schedules or ():
        opens, closes = _minutes(s.get("opens_at")), _minutes(s.get("closes_at"))
        if opens is None or closes is None:
            continue
        days = []
        for part in str(s.get("byday") or "").upper().replace(" ", "").split(","):
            m = _BYDAY.match(part)
            if m:
                days.append([int(m.group(1)) if m.group(1) else 0, WEEKDAYS.index(m.group(2))])
        if closes <= opens:  # past midnight, or 00:00-00:00 meaning all day
            closes += DAY
        rules.append({
            "freq": (s.get("freq") or "WEEKLY").upper(),
            "days": days,
            "monthdays": [int(d) for d in str(s.get("bymonthday") or "").replace(" ", "").split(",")
                          if re.fullmatch(r"-?\d{1,2}", d)],
            "interval": int(s.get("interval") or 1),
            "dtstart": str(s.get("dtstart") or "")[:10] or None,
            "valid_from": str(s.get("valid_from") or "")[:10] or None,
            "valid_to": str(s.get("valid_to") or "")[:10] or None,
            "opens": opens,
            "closes": min(closes, opens + DAY),
        })
    return rules


def _occurs(rule: dict, day: date) -> bool:
    iso = day.isoformat()
    if (rule["valid_from"] and iso < rule["valid_from"]) or (rule["valid_to"] and iso > rule["valid_to"]):
        return False
    weekday = day.weekday()
    if rule["freq"] == "MONTHLY":
        last = calendar.monthrange(day.year, day.month)[1]
        for d in rule["monthdays"]:
            if day.day == (d if d > 0 else last + 1 + d):
                return True
        for nth, wd in rule["days"]:
            if wd == weekday and (nth == 0 or (nth > 0 and (day.day - 1) // 7 + 1 == nth)
                                  or (nth < 0 and (last - day.day) // 7 + 1 == -nth)):
                return True
        return False
    if rule["days"] and weekday not in {wd for _, wd in rule["days"]}:
        return False
    if rule["interval"] > 1 and rule["dtstart"]:
        start = date.fromisoformat(rule["dtstart"])
        weeks = ((day - timedelta(days=weekday)) - (start - timedelta(days=start.weekday()))).days // 7
        return weeks >= 0 and weeks % rule["interval"] == 0
    return True


@lru_cache(maxsize=64)
def _zone(name: str | None):
    try:
        return ZoneInfo(name) if name else timezone.utc
    except (KeyError, ValueError):
        return timezone.utc


def _fmt(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def status(rules: list[dict], tz_name: str | None, now: datetime) -> Status:
    if not rules:
        return Status(None, None)
    tz = _zone(tz_name)
    local = now.astimezone(tz)
    today = local.date()
    minute_now = local.hour * 60 + local.minute
    # Intervals as (day offset from today, opens, closes) in minutes; yesterday's may run past midnight.
    intervals = sorted(
        (offset, r["opens"], r["closes"])
        for offset in range(-1, 8)
        for r in rules
        if _occurs(r, today + timedelta(days=offset))
    )
    todays = [(o, c) for off, o, c in intervals if off == 0]
    if not todays:
        hours_today = "closed today"
    elif any(c - o >= DAY for o, c in todays):
        hours_today = "24h"
    else:
        hours_today = ", ".join(f"{_fmt(o)}-{_fmt(c)}" for o, c in todays)
    t = minute_now
    # Open now: follow back-to-back intervals so 24/7 places report no closing time.
    open_until = None
    for off, o, c in intervals:
        start, end = off * DAY + o, off * DAY + c
        if start <= t < end or (open_until is not None and start <= open_until):
            open_until = max(open_until or end, end)
    if open_until is not None and open_until > t:
        closes_at = None if open_until - t >= 7 * DAY else _fmt(open_until)
        return Status(True, hours_today, closes_at=closes_at)
    upcoming = [off * DAY + o for off, o, _ in intervals if off * DAY + o > t]
    opens_next = None
    if upcoming:
        at = datetime.combine(today, time(0), tz) + timedelta(minutes=min(upcoming))
        # Re-localise so a DST change between now and then gives the right offset.
        opens_next = at.astimezone(timezone.utc).astimezone(tz).isoformat(timespec="minutes")
    return Status(False, hours_today, opens_next=opens_next)
