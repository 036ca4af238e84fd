"""Small, valid HSDS 3.0 services for tests (only what each test needs varies)."""
from __future__ import annotations

import uuid

WEEKDAYS_9_TO_5 = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}
ALWAYS = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "00:00"}


def uid() -> str:
    return str(uuid.uuid4())


def service(name: str, terms=("102-04",), lat=None, lon=None, postal_code="48226", country="US", state="MI",
            schedule=WEEKDAYS_9_TO_5, languages=("en",), areas=None, **fields) -> dict:
    sid = uid()
    s = {
        "id": sid, "name": name, "status": "active", "description": f"{name}. More text.",
        "phones": [{"id": uid(), "number": "313-555-0100", "type": "voice"}],
        "languages": [{"id": uid(), "code": code} for code in languages],
        "attributes": [{"id": uid(), "taxonomy_term": {"id": uid(), "code": c, "name": c, "description": c}} for c in terms],
        "schedules": [{"id": uid(), **schedule}] if schedule else [],
        **fields,
    }
    if areas:
        s["service_areas"] = [{"id": uid(), "extent": areas, "extent_type": "iso3166"}]
    if lat is not None:
        lid = uid()
        s["service_at_locations"] = [{"id": uid(), "location": {
            "id": lid, "location_type": "physical", "name": name, "latitude": lat, "longitude": lon,
            "addresses": [{"id": uid(), "address_1": "1 Main St", "city": "X", "state_province": state,
                           "postal_code": postal_code, "country": country, "address_type": "physical"}]}}]
    return s
