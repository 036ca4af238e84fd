"""Order candidate listings the way a caller needs them: meets the need, within reach, open now (or
soonest), speaks their language, fewest eligibility barriers; nearest breaks ties. Each result says why."""
from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Callable, NamedTuple

from .geo import Place, distance_km
from .hsds import Listing
from .schedule import Status, status
from .types import Resource

class Candidate(NamedTuple):
    """What ranking reads of a listing; `key` fetches the whole Listing for the few that win."""

    key: object  # whatever `resolve` takes: a store rowid, an index into a list of Listings
    score: int  # 2: taxonomy match, 1: keyword match
    lat: float | None
    lon: float | None
    areas: str  # comma-separated service-area codes
    rules: str  # JSON schedule rules
    timezone: str | None
    languages: str  # comma-separated codes
    barriers: int
    name: str
    id: str

    @classmethod
    def of(cls, key, listing: Listing, score: int) -> "Candidate":
        return cls(key, score, listing.lat, listing.lon, ",".join(listing.areas), json.dumps(listing.rules),
                   listing.timezone, ",".join(listing.languages), listing.barriers, listing.name, listing.id)


REACH_KM = 50.0  # a physical place farther than this is "farther away", ranked after phone lines
SEARCH_KM = 150.0  # nothing farther than this is offered as a place to go


def _reach(listing: Candidate, areas: frozenset[str], origin: Place | None) -> tuple[int, float | None, str] | None:
    """(tier, distance, reason), or None when the listing cannot serve this caller at all."""
    if origin and areas and origin.regions and not (areas & origin.regions):
        return None  # serves a different area (e.g. city residents only)
    if listing.lat is None:
        if areas:
            where = ", ".join(sorted(areas & origin.regions)) if origin else ", ".join(sorted(areas))
            return 1, None, f"phone/online service covering {where}"
        return 2, None, "phone/online service, area not stated"
    if origin is None or origin.lat is None:
        return 2, None, "distance unknown (no caller location)"
    km = distance_km(origin.lat, origin.lon, listing.lat, listing.lon)
    if km > SEARCH_KM:
        return None
    if km <= REACH_KM:
        return 0, km, f"{km:.1f} km from {origin.label}"
    return 2, km, f"farther away: {km:.0f} km from {origin.label}"


def _opening(st: Status, now: datetime) -> tuple[int, float, str]:
    if st.open_now:
        return 0, 0.0, f"open now{' until ' + st.closes_at if st.closes_at else ', 24/7'}"
    if st.open_now is None:
        return 2, 0.0, "hours unknown"
    if st.opens_next:
        hours = (datetime.fromisoformat(st.opens_next) - now).total_seconds() / 3600
        # Whole hours, so "opens in 10 vs 11 minutes" does not outrank the caller's language.
        return 1, math.floor(hours), f"closed now, opens {st.opens_next}"
    return 3, 0.0, "closed, no upcoming opening in the next week"


def _language(languages: tuple[str, ...], language: str) -> tuple[int, str]:
    if language in languages:
        return 0, f"serves {language}"
    if not languages:
        return 1, "languages not listed"
    return 2, f"{language} not listed (has {', '.join(languages)})"


def rank(candidates: list[Candidate], need: str, origin: Place | None, language: str, now: datetime,
         limit: int, extra_why: tuple[str, ...], resolve: Callable[[list], dict]) -> list[Resource]:
    """The best `limit` candidates as Resources; `resolve` turns the winners' keys into Listings."""
    # Many candidates share a schedule, a language list or an area list: work each out once.
    openings: dict[tuple, tuple[Status, tuple]] = {}
    splits: dict[str, tuple[str, ...]] = {}
    scored = []
    seen: set[str] = set()
    for c in candidates:
        if c.id in seen:
            continue
        seen.add(c.id)
        if c.areas not in splits:
            splits[c.areas] = tuple(filter(None, c.areas.split(",")))
        reach = _reach(c, frozenset(splits[c.areas]), origin)
        if reach is None:
            continue
        if (c.rules, c.timezone) not in openings:
            st = status(json.loads(c.rules), c.timezone, now)
            openings[(c.rules, c.timezone)] = st, _opening(st, now)
        st, opening = openings[(c.rules, c.timezone)]
        if c.languages not in splits:
            splits[c.languages] = tuple(filter(None, c.languages.split(",")))
        lang = _language(splits[c.languages], language)
        key = (-c.score, reach[0], opening[0], opening[1], lang[0], c.barriers,
               reach[1] if reach[1] is not None else math.inf, c.name)
        scored.append((key, c, st, reach, lang))
    best = sorted(scored, key=lambda s: s[0])[:limit]
    listings = resolve([c.key for _, c, _, _, _ in best])
    return [
        _resource(listings[c.key], st, (
            f"matches {need} ({'taxonomy' if c.score >= 2 else 'keywords'})", reach[2], openings[(c.rules, c.timezone)][1][2],
            lang[1], "no eligibility conditions listed" if not c.barriers else f"{c.barriers} eligibility condition(s)",
            *extra_why), reach[1])
        for _, c, st, reach, lang in best
    ]


def _resource(listing: Listing, st: Status, why: tuple[str, ...], km: float | None) -> Resource:
    extra = {"organization": listing.organization, "service_id": listing.service_id}
    if listing.unverified:
        extra["unverified"] = list(listing.unverified)
    return Resource(
        id=listing.id, name=listing.name, description=listing.description, phone=listing.phone,
        address=listing.address, hours_today=st.hours_today, open_now=st.open_now, closes_at=st.closes_at,
        opens_next=st.opens_next, languages=listing.languages,
        distance_km=round(km, 1) if km is not None else None, why=why, source=listing.source, extra=extra,
    )
