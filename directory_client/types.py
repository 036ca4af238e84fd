"""What a directory look-up returns: everything a caller needs, nothing channel-specific."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol


class DirectoryUnavailable(Exception):
    """The directory could not answer (down, slow, bad data) and nothing was cached."""


@dataclass(frozen=True)
class Resource:
    id: str
    name: str
    description: str  # one line
    phone: str | None  # E.164 where known
    address: str | None  # one line
    hours_today: str | None  # e.g. "09:00-17:00" in the location's time zone, None if unknown
    open_now: bool | None  # None when the schedule is unknown
    closes_at: str | None = None  # "20:00" when open now
    opens_next: str | None = None  # ISO datetime of the next opening when closed
    languages: tuple[str, ...] = ()
    distance_km: float | None = None
    why: tuple[str, ...] = ()  # reasons it was chosen, for operators
    source: str = ""  # data source and licence
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Directory(Protocol):
    """What flows and ivr call; both the embedded directory and the HSDS API client provide it."""

    def search(self, need: str, location: dict | None = None, language: str = "en",
               now: datetime | None = None, limit: int = 3) -> list[Resource]: ...
