"""HSDS 3.0 service objects -> Listings: one service at one place (or reachable from anywhere by phone),
flattened to what search and ranking need. Used for imported files and API answers alike."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers

from . import geo
from .schedule import rules_from_hsds

# Service areas written as ISO 3166 codes, optionally with a county: "US", "US-IL/DuPage County",
# "CA-ON". HSDS 3.0 leaves extent_type free text; this is the convention our data uses.
AREA_EXTENT_TYPE = "iso3166"
_LANGUAGE_NAMES = {"english": "en", "spanish": "es", "español": "es", "french": "fr", "français": "fr"}
_NO_FEE = re.compile(r"^\s*(none|free|no fee|\$?0)\b", re.I)


@dataclass(frozen=True)
class Listing:
    id: str  # service_at_location id, or the service id for a phone/virtual-only service
    service_id: str
    name: str
    description: str
    organization: str
    phone: str | None
    address: str | None
    postal_code: str | None
    lat: float | None
    lon: float | None
    timezone: str | None
    rules: list = field(default_factory=list)  # schedule.rules_from_hsds
    languages: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()  # service-area codes; empty = local to its address
    terms: tuple[str, ...] = ()  # taxonomy term codes
    barriers: int = 0
    text: str = ""  # what keyword search sees
    source: str = ""
    unverified: tuple[str, ...] = ()


def one_line(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _language_codes(*groups) -> tuple[str, ...]:
    codes = []
    for group in groups:
        for lang in group or ():
            code = (lang.get("code") or _LANGUAGE_NAMES.get((lang.get("name") or "").strip().casefold(), ""))
            code = code.split("-")[0].lower()
            if code and code not in codes:
                codes.append(code)
    return tuple(codes)


def _phone(phones_groups, country: str | None) -> tuple[str | None, list]:
    for phones in phones_groups:
        for p in phones or ():
            if (p.get("type") or "voice") in ("voice", "hotline", "text", "tty") and p.get("number"):
                raw = str(p["number"]).strip().strip('"')
                try:
                    parsed = phonenumbers.parse(raw, (country or "US")[:2].upper())
                    if phonenumbers.is_valid_number(parsed):
                        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), p.get("languages")
                except phonenumbers.NumberParseException:
                    pass
                return raw, p.get("languages")  # short codes such as 211 or 988 stay as dialled
    return None, None


def _address(location: dict) -> dict | None:
    addresses = location.get("addresses") or ()
    return next((a for a in addresses if a.get("address_type") == "physical"), None) or next(iter(addresses), None)


def _address_line(a: dict | None) -> str | None:
    if not a:
        return None
    parts = [a.get("address_1"), a.get("address_2"), a.get("city"),
             " ".join(x for x in (a.get("state_province"), a.get("postal_code")) if x)]
    return ", ".join(p for p in parts if p) or None


def _coordinates(location: dict, problems: list[str]) -> tuple[float | None, float | None]:
    lat, lon = location.get("latitude"), location.get("longitude")
    if lat is None or lon is None:
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        problems.append(f"location {location.get('id')}: latitude/longitude {lat},{lon} out of range; "
                        "kept without coordinates")
        return None, None
    return float(lat), float(lon)


def _barriers(service: dict) -> int:
    fees = service.get("fees_description") or ""
    return (bool(service.get("eligibility_description"))
            + (service.get("minimum_age") is not None or service.get("maximum_age") is not None)
            + len(service.get("required_documents") or ())
            + bool(fees and not _NO_FEE.match(fees)))


def _fixed_offset_zone(schedules) -> str | None:
    # HSDS schedule.timezone is a UTC offset; only whole hours map onto an IANA zone (Etc/GMT-N).
    for s in schedules or ():
        offset = s.get("timezone")
        if isinstance(offset, (int, float)) and float(offset).is_integer() and -12 <= offset <= 14:
            return "UTC" if offset == 0 else f"Etc/GMT{-int(offset):+d}"
    return None


def listings(service: dict, default_source: str = "", problems: list[str] | None = None) -> list[Listing]:
    """Every place a (fully nested) HSDS 3.0 service is offered at; `problems` collects what was
    dropped or doubtful without rejecting the service."""
    problems = problems if problems is not None else []
    provenance = service.get("x_provenance") or {}
    source = "; ".join(x for x in (provenance.get("source"), provenance.get("licence")) if x) or default_source
    terms = tuple(dict.fromkeys(
        str(t.get("code") or t.get("id"))
        for t in ((a.get("taxonomy_term") or {"id": a.get("taxonomy_term_id")}) for a in service.get("attributes") or ())
        if t.get("code") or t.get("id")
    ))
    term_names = [a["taxonomy_term"].get("name", "") for a in service.get("attributes") or () if a.get("taxonomy_term")]
    areas = tuple(
        code.strip()
        for area in service.get("service_areas") or () if area.get("extent_type") == AREA_EXTENT_TYPE
        for code in (area.get("extent") or "").split(",") if code.strip()
    )
    organization = (service.get("organization") or {}).get("name") or ""
    common = dict(
        service_id=service["id"], name=service["name"].strip(), organization=organization,
        description=one_line(service.get("description") or service.get("alternate_name")),
        areas=areas, terms=terms, barriers=_barriers(service), source=source,
        text=" ".join(filter(None, [service["name"], service.get("alternate_name"), organization,
                                    service.get("description"), *term_names])),
        unverified=tuple(provenance.get("unverified") or ()),
    )
    org_phones = (service.get("organization") or {}).get("phones")
    found = []
    for sal in service.get("service_at_locations") or ():
        location = sal.get("location") or {}
        address = _address(location)
        country = (address or {}).get("country")
        lat, lon = _coordinates(location, problems)
        schedules = sal.get("schedules") or service.get("schedules") or location.get("schedules")
        phone, phone_langs = _phone((sal.get("phones"), service.get("phones"), location.get("phones"), org_phones), country)
        tz = (geo.timezone_for(country, (address or {}).get("state_province"), (address or {}).get("postal_code"))
              or _fixed_offset_zone(schedules))
        found.append(Listing(
            id=sal.get("id") or f"{service['id']}@{location.get('id')}", phone=phone,
            address=_address_line(address), postal_code=(address or {}).get("postal_code"),
            lat=lat, lon=lon, timezone=tz, rules=rules_from_hsds(schedules),
            languages=_language_codes(service.get("languages"), location.get("languages"), phone_langs),
            **common,
        ))
    if not found:  # reachable by phone or online only
        phone, phone_langs = _phone((service.get("phones"), org_phones), (areas[0][:2] if areas else None))
        found.append(Listing(
            id=service["id"], phone=phone, address=None, postal_code=None, lat=None, lon=None,
            timezone=_fixed_offset_zone(service.get("schedules")), rules=rules_from_hsds(service.get("schedules")),
            languages=_language_codes(service.get("languages"), phone_langs), **common,
        ))
    return found
