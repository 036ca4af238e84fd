"""Order candidate listings the way a caller needs them: meets the need, within reach, open now (or
soonest), speaks their language, fewest eligibility barriers; nearest breaks ties. Each result says why."""
from __future__ import annotations

import json
import math
from datetime import datetime

from .geo import Place, distance_km
from .hsds import Listing
from .schedule import Status, status
from .types import Resource

REACH_KM = 50.0  # a physical place farther than this is "farther away", ranked after phone lines
SEARCH_KM = 150.0  # nothing farther than this is offered as a place to go


def _reach(listing: Listing, origin: Place | None) -> tuple[int, float | None, str] | None:
    """(tier, distance, reason), or None when the listing cannot serve this caller at all."""
    areas = set(listing.areas)
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


def _language(listing: Listing, language: str) -> tuple[int, str]:
    if language in listing.languages:
        return 0, f"serves {language}"
    if not listing.languages:
        return 1, "languages not listed"
    return 2, f"{language} not listed (has {', '.join(listing.languages)})"


def rank(candidates: list[tuple[Listing, int]], need: str, origin: Place | None, language: str,
         now: datetime, limit: int, extra_why: tuple[str, ...] = ()) -> list[Resource]:
    statuses: dict[tuple, Status] = {}  # many listings share a schedule; read each one once
    scored = []
    seen: set[str] = set()
    for listing, score in candidates:
        if listing.id in seen:
            continue
        seen.add(listing.id)
        reach = _reach(listing, origin)
        if reach is None:
            continue
        rules_key = (listing.rules if isinstance(listing.rules, str) else json.dumps(listing.rules), listing.timezone)
        if rules_key not in statuses:
            rules = json.loads(rules_key[0])
            statuses[rules_key] = status(rules, listing.timezone, now)
        st = statuses[rules_key]
        opening = _opening(st, now)
        lang = _language(listing, language)
        key = (-score, reach[0], opening[0], opening[1], lang[0], listing.barriers,
               reach[1] if reach[1] is not None else math.inf, listing.name)
        why = (f"matches {need} ({'taxonomy' if score >= 2 else 'keywords'})", reach[2], opening[2], lang[1],
               "no eligibility conditions listed" if not listing.barriers else f"{listing.barriers} eligibility condition(s)",
               *extra_why)
        scored.append((key, listing, st, why, reach[1]))
    scored.sort(key=lambda s: s[0])
    return [_resource(listing, st, why, km) for _, listing, st, why, km in scored[:limit]]


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
