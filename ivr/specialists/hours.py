"""Opening hours in local wall-clock time: weekly shifts, holidays and the next opening.

Shifts are wall-clock times in the configuration's time zone, so "08:00" stays 08:00 across DST
changes. A shift belongs to the day it starts on ("22:00-06:00" runs past midnight), and a holiday
closes the shifts that start on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Container, Mapping
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_LOOKAHEAD_DAYS = 21  # longer than any holiday cluster plus a weekend


def _days(key: str) -> list[int]:
    """'mon-fri' -> [0..4], 'sat' -> [5], 'daily' -> all; raises ValueError otherwise."""
    key = key.strip().lower()
    if key == "daily":
        return list(range(7))
    first, _, last = key.partition("-")
    start, end = DAYS.index(first), DAYS.index(last or first)
    return list(range(start, end + 1)) if start <= end else list(range(start, 7)) + list(range(end + 1))


def _span(text: str) -> tuple[int, int]:
    """'08:00-18:00' -> (480, 1080) minutes; an end at or before the start runs into the next day."""
    match = _SPAN.match(text.strip())
    if not match:
        raise ValueError(f"expected HH:MM-HH:MM, got {text!r}")
    h1, m1, h2, m2 = map(int, match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ValueError(f"not a time of day in {text!r}")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    return start, end if end > start else end + 24 * 60


@dataclass(frozen=True)
class WeeklyHours:
    shifts: tuple[tuple[tuple[int, int], ...], ...]  # per weekday (Mon=0): (start, end) minutes

    @classmethod
    def parse(cls, spec: Mapping[str, str | list[str]]) -> "WeeklyHours":
        """{"mon-fri": "08:00-18:00", "sat": ["10:00-12:00", "13:00-16:00"], "sun": "closed"}."""
        per_day: list[list[tuple[int, int]]] = [[] for _ in DAYS]
        for key, value in spec.items():
            try:
                days = _days(str(key))
            except ValueError:
                raise ValueError(f"unknown day or range {key!r} (use mon..sun, mon-fri or daily)") from None
            spans = [] if value == "closed" else [_span(v) for v in ([value] if isinstance(value, str) else value)]
            for day in days:
                per_day[day].extend(spans)
        return cls(tuple(tuple(sorted(day)) for day in per_day))

    def _spans_from(self, day: date, tz: ZoneInfo, holidays: Container[date]):
        """(start, end) as UTC datetimes for shifts starting on `day`, none on a holiday."""
        if day in holidays:
            return
        midnight = datetime.combine(day, time.min, tzinfo=tz)
        for start, end in self.shifts[day.weekday()]:
            # Adding to an aware datetime is wall-clock arithmetic; .astimezone resolves the offset.
            yield ((midnight + timedelta(minutes=start)).astimezone(timezone.utc),
                   (midnight + timedelta(minutes=end)).astimezone(timezone.utc))

    def is_open(self, now: datetime, tz: ZoneInfo, holidays: Container[date]) -> bool:
        return self.next_open(now, tz, holidays) == now.astimezone(timezone.utc)

    def open_until(self, now: datetime, tz: ZoneInfo, holidays: Container[date]) -> datetime | None:
        """When the current shift ends (UTC), or None when closed now."""
        utc = now.astimezone(timezone.utc)
        today = now.astimezone(tz).date()
        for day in (today - timedelta(days=1), today):
            for start, end in self._spans_from(day, tz, holidays):
                if start <= utc < end:
                    return end
        return None

    def next_open(self, now: datetime, tz: ZoneInfo, holidays: Container[date]) -> datetime | None:
        """`now` (in UTC) if open, else the next shift start (UTC); None if never within three weeks."""
        utc = now.astimezone(timezone.utc)
        if self.open_until(now, tz, holidays):
            return utc
        today = now.astimezone(tz).date()
        for offset in range(_LOOKAHEAD_DAYS):
            starts = [start for start, _ in self._spans_from(today + timedelta(days=offset), tz, holidays)
                      if start > utc]
            if starts:
                return min(starts)
        return None
