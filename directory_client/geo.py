"""Where a caller or a service is: centroids for US ZIPs (offline, `zipcodes`), Canadian FSAs and a
few cities (data/places.csv), the regions a place lies in, its time zone, and distances."""
from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import zipcodes

PLACES_FILE = Path(__file__).parent / "data" / "places.csv"

# First letter of a Canadian postal code -> province (Canada Post's allocation).
_CA_PROVINCE = {
    "A": "NL", "B": "NS", "C": "PE", "E": "NB", "G": "QC", "H": "QC", "J": "QC", "K": "ON", "L": "ON",
    "M": "ON", "N": "ON", "P": "ON", "R": "MB", "S": "SK", "T": "AB", "V": "BC", "X": "NT", "Y": "YT",
}
_CA_TIMEZONE = {
    "NL": "America/St_Johns", "NS": "America/Halifax", "PE": "America/Halifax", "NB": "America/Moncton",
    "QC": "America/Toronto", "ON": "America/Toronto", "MB": "America/Winnipeg", "SK": "America/Regina",
    "AB": "America/Edmonton", "BC": "America/Vancouver", "NT": "America/Yellowknife",
    "YT": "America/Whitehorse", "NU": "America/Iqaluit",
}
_CA_POSTAL = re.compile(r"^([A-Z]\d[A-Z])\s*(\d[A-Z]\d)?$")
_US_ZIP = re.compile(r"^(\d{5})(-\d{4})?$")


@dataclass(frozen=True)
class Place:
    """A resolved point: centroid (if known), the regions it lies in, and its time zone."""

    label: str
    lat: float | None
    lon: float | None
    regions: frozenset[str]  # e.g. {"US", "US-MI", "US-MI/Wayne County"}
    timezone: str | None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@lru_cache(maxsize=1)
def _us_zips() -> dict[str, dict]:
    # zipcodes.matching() scans its whole list on every call; index it once.
    return {z["zip_code"]: z for z in zipcodes.list_all()}


@lru_cache(maxsize=1)
def _us_cities() -> dict[str, list[Place]]:
    grouped: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for z in _us_zips().values():
        if z["lat"] and z["long"]:
            grouped[(z["city"].casefold(), z["state"])].append(z)
    cities: dict[str, list[Place]] = defaultdict(list)
    for (city, state), zips in grouped.items():
        lat = sum(float(z["lat"]) for z in zips) / len(zips)
        lon = sum(float(z["long"]) for z in zips) / len(zips)
        counties = {f"US-{state}/{z['county']}" for z in zips if z["county"]}
        place = Place(f"{zips[0]['city']}, {state}", lat, lon, frozenset({"US", f"US-{state}", *counties}),
                      zips[0]["timezone"])
        cities[city].append((len(zips), place))
    # The biggest city of that name first (Detroit, MI rather than Detroit, TX).
    return {name: [p for _, p in sorted(found, key=lambda f: -f[0])] for name, found in cities.items()}


@lru_cache(maxsize=1)
def _shipped_places() -> dict[tuple[str, str], Place]:
    with PLACES_FILE.open(encoding="utf-8") as f:
        return {
            (row["kind"], row["code"].upper()): Place(
                row["name"], float(row["lat"]), float(row["lon"]),
                frozenset({row["region"].split("-")[0], row["region"]}), row["timezone"],
            )
            for row in csv.DictReader(f)
        }


def warm() -> None:
    """Load the ZIP and city indexes now (about half a second) rather than during a caller's turn."""
    _us_cities()


def is_us_zip(code: str) -> bool:
    """A five-digit code on the US Postal Service's list (zipcodes' data, indexed once per process)."""
    return code in _us_zips()


def us_zip(code: str) -> Place | None:
    z = _us_zips().get(code[:5])
    if not z or not z["lat"]:
        return None
    state = f"US-{z['state']}"
    return Place(f"{z['city']}, {z['state']} {code[:5]}", float(z["lat"]), float(z["long"]),
                 frozenset({"US", state, f"{state}/{z['county']}"}), z["timezone"])


def ca_postal(code: str) -> Place | None:
    m = _CA_POSTAL.match(code.upper().strip())
    if not m:
        return None
    fsa = m.group(1)
    province = _CA_PROVINCE.get(fsa[0])
    regions = frozenset({"CA", f"CA-{province}"})
    known = _shipped_places().get(("fsa", fsa))
    if known:
        return Place(f"{known.label} {fsa}", known.lat, known.lon, regions, known.timezone)
    # Province known but no centroid: province-wide helplines can still be offered.
    return Place(fsa, None, None, regions, _CA_TIMEZONE.get(province))


def city(name: str) -> Place | None:
    key = name.strip().casefold()
    shipped = _shipped_places().get(("city", key.upper()))
    if shipped:
        return shipped
    found = _us_cities().get(key)
    return found[0] if found else None


def es_postal(code: str) -> Place | None:
    """Spanish códigos postales: the first two digits are the province."""
    if not re.fullmatch(r"\d{5}", code):
        return None
    known = _shipped_places().get(("es_province", code[:2]))
    if known:
        return Place(f"{known.label} {code}", known.lat, known.lon, known.regions, known.timezone)
    return Place(code, None, None, frozenset({"ES"}), timezone_for("ES", None, code))


def resolve(location: dict | None) -> Place | None:
    """The NLU's {"type": "zip"|"postal_code"|"city", "value": ...} -> Place, None if unknown.
    Five digits typed "zip" are a US ZIP; typed "postal_code" they are Spanish unless Canadian-shaped."""
    if not location or not location.get("value"):
        return None
    value = str(location["value"]).strip()
    kind = location.get("type")
    if kind == "city":
        return city(value)
    if kind == "zip" and _US_ZIP.match(value):
        return us_zip(value)
    return ca_postal(value) or es_postal(value)


def timezone_for(country: str | None, region: str | None, postal_code: str | None) -> str | None:
    """IANA time zone of an address, so schedules are read in local time (DST included)."""
    country = (country or "").upper()
    if country in ("US", "USA") and postal_code:
        place = us_zip(postal_code.strip())
        return place.timezone if place else None
    if country in ("CA", "CAN"):
        province = (region or "").upper() or _CA_PROVINCE.get((postal_code or " ")[0].upper())
        return _CA_TIMEZONE.get(province)
    if country in ("ES", "ESP"):
        # Las Palmas (35) and Santa Cruz de Tenerife (38) are the Canary Islands.
        return "Atlantic/Canary" if (postal_code or "")[:2] in ("35", "38") else "Europe/Madrid"
    return None


def regions_of(country: str | None, state: str | None, postal_code: str | None) -> frozenset[str]:
    """Regions an address lies in, to match service areas written as "US-MI/Wayne County" etc."""
    country = (country or "").upper()[:2]
    if country == "US" and postal_code:
        place = us_zip(postal_code.strip())
        if place:
            return place.regions
    if country == "CA" and postal_code:
        place = ca_postal(postal_code)
        if place:
            return place.regions
    regions = {country} if country else set()
    if country and state:
        regions.add(f"{country}-{state.upper()}")
    return frozenset(regions)
