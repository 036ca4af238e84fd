"""Look-up latency of the embedded directory with 10,000 generated services (goal: p99 < 20 ms).

Services are spread over 800 random US ZIP centroids, with a dense cluster in Detroit; each meets one to
three needs, has one of a few realistic schedules, and some are state-wide phone lines. Queries mix ZIP,
city and no location, all needs and three languages."""
from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from directory_client import geo
from directory_client.build import import_data
from directory_client.embedded import EmbeddedDirectory
from directory_client.taxonomy import load_taxonomy

SERVICES = 10_000
QUERIES = 3_000
SCHEDULES = [
    [{"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}],
    [{"byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "00:00", "closes_at": "00:00"}],
    [{"byday": "MO,WE,FR", "opens_at": "10:00", "closes_at": "14:00"}, {"byday": "TU,TH", "opens_at": "13:00", "closes_at": "19:00"}],
    [{"byday": "MO,TU,WE,TH,FR,SA,SU", "opens_at": "19:00", "closes_at": "07:00"}],
    [{"freq": "MONTHLY", "byday": "1SA,3SA", "opens_at": "09:00", "closes_at": "12:00"}],
    [],
]


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(rng: random.Random, zips: list[dict], detroit: list[dict], taxonomy) -> list[dict]:
    needs = [n for n in taxonomy.needs.values() if n.terms]
    services = []
    for i in range(SERVICES):
        chosen = rng.sample(needs, rng.randint(1, 3))
        s = {
            "id": _id(rng), "name": f"Service {i} ({', '.join(n.code for n in chosen)})", "status": "active",
            "description": f"Generated {' and '.join(n.code for n in chosen)} service number {i}.",
            "attributes": [{"id": _id(rng), "taxonomy_term": {"id": _id(rng), "code": sorted(n.terms)[0],
                                                              "name": n.code, "description": n.code}} for n in chosen],
            "languages": [{"id": _id(rng), "code": c} for c in rng.sample(["en", "es", "fr"], rng.randint(1, 2))],
            "schedules": [{"id": _id(rng), "freq": "WEEKLY", **r} for r in rng.choice(SCHEDULES)],
            "phones": [{"id": _id(rng), "number": f"+1 313 555 {i % 10000:04d}"}],
        }
        if rng.random() < 0.5:
            s["eligibility_description"] = "Residents only"
        z = rng.choice(detroit if rng.random() < 0.15 else zips)
        if rng.random() < 0.05:  # a state-wide phone line
            s["service_areas"] = [{"id": _id(rng), "extent": f"US-{z['state']}", "extent_type": "iso3166"}]
        else:
            s["service_at_locations"] = [{"id": _id(rng), "location": {
                "id": _id(rng), "location_type": "physical", "name": s["name"],
                "latitude": float(z["lat"]) + rng.uniform(-0.05, 0.05), "longitude": float(z["long"]) + rng.uniform(-0.05, 0.05),
                "addresses": [{"id": _id(rng), "address_1": f"{i} Main St", "city": z["city"], "state_province": z["state"],
                               "postal_code": z["zip_code"], "country": "US", "address_type": "physical"}]}}]
        services.append(s)
    return services


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    rng = random.Random(8)
    taxonomy = load_taxonomy()
    all_zips = [z for z in geo._us_zips().values() if z["lat"] and z["zip_code_type"] == "STANDARD"]
    zips = rng.sample(all_zips, 800)
    detroit = [z for z in all_zips if z["city"] == "Detroit" and z["state"] == "MI"]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        (data / "generated.json").write_text(json.dumps(generate(rng, zips, detroit, taxonomy)))
        started = time.perf_counter()
        result = import_data(Path(tmp) / "bench.sqlite3", taxonomy, [data])
        print(f"import: {result.services} services, {len(result.problems)} problems, "
              f"{time.perf_counter() - started:.1f} s")
        directory = EmbeddedDirectory(Path(tmp) / "bench.sqlite3", taxonomy)
        geo.warm()
        kinds = {
            "zip": lambda: {"type": "zip", "value": rng.choice(zips + detroit * 3)["zip_code"]},
            "city": lambda: {"type": "city", "value": rng.choice(["Detroit", "Chicago", "Houston", "Ottawa"])},
            "none": lambda: None,
        }
        timings: dict[str, list[float]] = {kind: [] for kind in kinds}
        start = datetime(2025, 3, 3, tzinfo=timezone.utc)
        for n in range(QUERIES):
            kind = rng.choices(list(kinds), weights=(70, 15, 15))[0]
            args = (rng.choice(list(taxonomy.needs)), kinds[kind](), rng.choice(["en", "es", "fr"]),
                    start + timedelta(minutes=rng.randrange(7 * 24 * 60)))
            t = time.perf_counter()
            directory.search(*args)
            timings[kind].append((time.perf_counter() - t) * 1000)
        everything = [t for ts in timings.values() for t in ts]
        for label, values in [("all", everything), *timings.items()]:
            print(f"search {label:>4}: n={len(values):4d}  p50 {percentile(values, 50):6.2f} ms  "
                  f"p99 {percentile(values, 99):6.2f} ms")
        p99 = percentile(everything, 99)
        print(f"p99 {p99:.2f} ms {'<' if p99 < 20 else '>='} 20 ms goal")


if __name__ == "__main__":
    main()
