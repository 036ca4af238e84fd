"""Reproduces seed/ohana_san_mateo.json from Code for America's Ohana API sample directory.

    python directory_client/data/sources/convert_ohana.py OHANA_REPO/data/sample-csv > directory_client/data/seed/ohana_san_mateo.json

Source: github.com/codeforamerica/ohana-api, data/sample-csv (commit e3ab280, BSD-3-Clause, (c) 2013 Code
for America). The sample is San Mateo County, CA, circa 2014. Ohana's own test fixtures (the "Example" and
"Admin Test" locations, inactive and defunct services) are left out. Ohana keywords are mapped to the
Open Eligibility codes below; Ohana lists languages other than English, so English is added.
"""
from __future__ import annotations

import csv
import json
import sys
import uuid
from collections import defaultdict
from pathlib import Path

KEYWORD_TERMS = {
    "Brown Bag Food Programs": "102-04", "Food Pantries": "102-04", "Food Boxes/Food Vouchers": "102-04",
    "Emergency Food": "101-03", "Congregate Meals/Nutrition Sites": "102-05", "Meal Sites/Home-delivered Meals": "102-05",
    "Meal Sites/Home-delivered Mea": "102-05", "Home Delivered Meals": "102-03",
    "Homeless Shelter": "101-04", "Shelter/Refuge": "101-04",
    "Rental Deposit Assistance": "103-03", "Utility Assistance": "103-03-02",
    "Utility Service Payment Assistance": "103-03-02", "Utilities": "103-03-02",
    "Geriatric Counseling": "106-06-07-01", "Individual/Group Counseling": "106-06-07-01",
    "Divorce Counseling": "108-07-01", "MENTAL HEALTH SERVICES": "106-06-07-01", "Psychiatric Emergency": "106-06-08",
    "ALCOHOLISM SERVICES": "106-01", "DRUG ABUSE SERVICES": "106-01", "Residential Care": "106-01-05",
    "Job Development": "110-01", "Job Information/Placement/Referral": "110-01-01", "Job Search/Placement": "110-01-01",
    "Job Training": "110-03", "Day Care": "108-03-03", "Information and Referral": "108-05",
    "Case/Care Management": "108-05", "Domestic Violence": "101-06-01", "Mediation": "111-02",
    "Interpretation/Translation": "111-05", "Community Clinics": "106-06-09", "Adult Day Health Care": "108-03-01",
    "Literacy Programs": "109-06-01",
}
LANGUAGES = {"Spanish": "es", "Tagalog": "tl", "Chinese (Mandarin)": "zh", "Chinese (Cantonese)": "yue", "Italian": "it",
             "Vietnamese": "vi", "Korean": "ko", "Hindi": "hi", "Russian": "ru", "Cantonese": "yue", "English": "en"}
COUNTY_OF = {"San Mateo County": "San Mateo County", "Alameda County": "Alameda County"}  # cities below are in San Mateo County
SAN_MATEO_CITIES = {"Colma", "Belmont", "Burlingame", "East Palo Alto", "Daly City", "South San Francisco"}
TEST_LOCATIONS = {"20", "21", "22"}
SOURCE = {"source": "Code for America, Ohana API sample data (github.com/codeforamerica/ohana-api data/sample-csv)",
          "licence": "BSD-3-Clause", "unverified": ["2014 sample data: may be out of date", "hours not in source"]}


def uid(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "ohana-sample:" + ":".join(parts)))


def rows(folder: Path, name: str) -> list[dict]:
    with (folder / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(folder: Path) -> list[dict]:
    orgs = {o["id"]: o for o in rows(folder, "organizations")}
    locations = {loc["id"]: loc for loc in rows(folder, "locations")}
    terms = {t["taxonomy_id"]: t["name"] for t in rows(folder, "taxonomy")}
    addresses = {a["location_id"]: a for a in rows(folder, "addresses")}
    phones = defaultdict(list)
    for p in rows(folder, "phones"):
        if p["location_id"] and p["number_type"] == "voice":
            phones[p["location_id"]].append(p)
    services = []
    for s in rows(folder, "services"):
        loc = locations.get(s["location_id"])
        if s["status"] != "active" or not loc or s["location_id"] in TEST_LOCATIONS:
            continue
        sid, lid = uid("service", s["id"]), uid("location", loc["id"])
        org = orgs[loc["organization_id"]]
        codes = list(dict.fromkeys(
            [KEYWORD_TERMS[k.strip()] for k in s["keywords"].split(",") if k.strip() in KEYWORD_TERMS]
            + [t.strip() for t in s["taxonomy_ids"].split(",") if t.strip() in terms]))
        areas = set()
        for area in filter(None, (a.strip() for a in s["service_areas"].split(","))):
            county = COUNTY_OF.get(area) or ("San Mateo County" if area in SAN_MATEO_CITIES else None)
            if county:
                areas.add(f"US-CA/{county}")
        langs = ["English"] + [name.strip() for name in loc["languages"].split(",") if name.strip() in LANGUAGES]
        a = addresses.get(loc["id"])
        service = {
            "id": sid, "name": s["name"], "status": "active",
            "description": s["description"] or loc["short_desc"],
            "organization": {"id": uid("organization", org["id"]), "name": org["name"], "description": org["description"]},
            "application_process": s["application_process"] or None,
            "eligibility_description": s["eligibility"] if s["eligibility"] not in ("", "None", "None.") else None,
            "fees_description": s["fees"] or None,
            "wait_time": s["wait_time"] or None,
            "languages": [{"id": uid("language", s["id"], n), "service_id": sid, "name": n, "code": LANGUAGES[n]} for n in langs],
            "attributes": [{"id": uid("attribute", s["id"], c), "link_id": sid, "link_type": "service", "link_entity": "service",
                            "taxonomy_term_id": uid("oe", c),
                            "taxonomy_term": {"id": uid("oe", c), "code": c, "name": terms[c], "description": terms[c],
                                              "taxonomy": "Open Eligibility"}} for c in codes],
            "service_areas": [{"id": uid("area", s["id"]), "service_id": sid, "name": s["service_areas"],
                               "extent": ",".join(sorted(areas)), "extent_type": "iso3166"}] if areas else [],
            "service_at_locations": [{
                "id": uid("sal", s["id"]), "service_id": sid, "location_id": lid,
                "phones": [{"id": uid("phone", p["id"]), "number": p["number"], "type": "voice",
                            **({"extension": int(p["extension"])} if p["extension"] else {})} for p in phones[loc["id"]]],
                "location": {
                    "id": lid, "location_type": "physical", "name": loc["name"], "organization_id": uid("organization", org["id"]),
                    "latitude": float(loc["latitude"]), "longitude": float(loc["longitude"]),
                    "transportation": loc["transportation"] or None,
                    "addresses": [{"id": uid("address", a["id"]), "location_id": lid, "address_type": "physical",
                                   "address_1": a["address_1"], "city": a["city"], "state_province": a["state_province"],
                                   "postal_code": a["postal_code"], "country": a["country"]}] if a else [],
                },
            }],
            "x_provenance": SOURCE,
        }
        services.append(json.loads(json.dumps(service), object_hook=lambda d: {k: v for k, v in d.items() if v is not None}))
    return services


if __name__ == "__main__":
    json.dump(main(Path(sys.argv[1])), sys.stdout, indent=1, ensure_ascii=False)
