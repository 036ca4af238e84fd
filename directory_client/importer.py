"""Read HSDS 3.0 data (JSON services or a CSV datapackage), validate it against the HSDS schema and keep
every good record: bad ones are reported (file, row, field, why) and skipped, never fatal."""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .hsds import Listing, listings


@dataclass
class ImportResult:
    services: int = 0
    listings: list[Listing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)  # services kept, by file

    def add(self, service: dict, where: str, default_source: str, seen: set[str]) -> None:
        found = schema.errors("service", service)
        if found:
            label = f"{where} (id={service.get('id')!r}, name={service.get('name')!r})"
            self.problems.extend(f"{label}: {e}" for e in found)
            return
        if service["id"] in seen:
            self.problems.append(f"{where}: duplicate service id {service['id']}; first kept")
            return
        seen.add(service["id"])
        warnings: list[str] = []
        self.listings.extend(listings(service, default_source, warnings))
        self.problems.extend(f"{where}: {w}" for w in warnings)
        self.services += 1


def data_files(paths) -> list[Path]:
    """JSON files and datapackage.json files under the given files/directories, in a stable order."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            packages = sorted(path.rglob("datapackage.json"))
            package_dirs = {p.parent for p in packages}
            found += packages + sorted(p for p in path.rglob("*.json")
                                       if p.name != "datapackage.json" and not (package_dirs & set(p.parents)))
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(path)
    return found


def read(paths) -> ImportResult:
    result, seen = ImportResult(), set()
    for path in data_files(paths):
        before = result.services
        if path.name == "datapackage.json":
            _read_datapackage(path, result, seen)
        else:
            _read_json(path, result, seen)
        result.per_file[str(path)] = result.services - before
    return result


def _read_json(path: Path, result: ImportResult, seen: set[str]) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        result.problems.append(f"{path}: not readable JSON: {e}")
        return
    # A page from the HSDS API ({"contents": [...]}), a list, one service, or organizations with services.
    records = data.get("contents", [data]) if isinstance(data, dict) else data
    for i, record in enumerate(records):
        where = f"{path}[{i}]"
        if not isinstance(record, dict):
            result.problems.append(f"{where}: not an object")
        elif "services" in record and "name" in record and "status" not in record:
            organization = {k: v for k, v in record.items() if k != "services"}
            for j, service in enumerate(record["services"] or ()):
                result.add({"organization": organization, **service}, f"{where}.services[{j}]", "", seen)
        else:
            result.add(record, where, "", seen)


def _coerce(table: str, row: dict) -> dict:
    """CSV cells are text: give numbers their type and drop empty cells (absent, not "")."""
    props = schema.properties(table)
    out = {}
    for key, value in row.items():
        if key is None or value is None or value == "":
            continue
        if props.get(key, {}).get("type") == "number":
            try:
                number = float(value)
                value = int(number) if number.is_integer() else number
            except ValueError:
                pass  # left as text so validation reports it
        out[key] = value
    return out


def _read_datapackage(path: Path, result: ImportResult, seen: set[str]) -> None:
    package = json.loads(path.read_text(encoding="utf-8"))
    source = "; ".join(filter(None, [
        ", ".join(s.get("title") or s.get("path", "") for s in package.get("sources") or ()),
        ", ".join(lic.get("name") or lic.get("path", "") for lic in package.get("licenses") or ()),
    ])) or package.get("name", "")
    tables: dict[str, list[dict]] = {}
    for resource in package.get("resources") or ():
        name, file = resource["name"], path.parent / resource["path"]
        if not file.exists() or name not in ("service", "organization", "location", "service_at_location",
                                              "address", "phone", "schedule", "language", "service_area",
                                              "attribute", "taxonomy_term", "required_document"):
            continue
        rows = []
        with file.open(encoding="utf-8-sig", newline="") as f:
            for line, raw in enumerate(csv.DictReader(f), start=2):
                row = _coerce(name, raw)
                problems = schema.errors(name, row)
                if problems:
                    result.problems.extend(f"{file}:{line}: {name} {row.get('id', '?')}: {p}" for p in problems)
                else:
                    rows.append(row)
        tables[name] = rows
    for where, service in _nest(tables, path.parent):
        result.add(service, where, source, seen)


def _nest(tables: dict[str, list[dict]], folder: Path):
    """Tabular HSDS -> nested service objects, as the API's /services/{id} would return them."""
    def by(table, key):
        index = defaultdict(list)
        for row in tables.get(table, ()):
            if row.get(key):
                index[row[key]].append(row)
        return index

    def strip(row, *keys):
        return {k: v for k, v in row.items() if k not in keys}

    terms = {t["id"]: t for t in tables.get("taxonomy_term", ())}
    orgs = {o["id"]: o for o in tables.get("organization", ())}
    addresses, languages_by_phone = by("address", "location_id"), by("language", "phone_id")
    phones = {key: by("phone", key) for key in ("service_id", "location_id", "service_at_location_id")}
    schedules = {key: by("schedule", key) for key in ("service_id", "location_id", "service_at_location_id")}
    languages = {key: by("language", key) for key in ("service_id", "location_id")}

    def phone_list(rows):
        return [{**p, "languages": languages_by_phone.get(p["id"], [])} for p in rows]

    locations = {
        loc["id"]: {**loc, "addresses": addresses.get(loc["id"], []),
                    "phones": phone_list(phones["location_id"].get(loc["id"], [])),
                    "schedules": schedules["location_id"].get(loc["id"], []),
                    "languages": languages["location_id"].get(loc["id"], [])}
        for loc in tables.get("location", ())
    }
    sals, areas = by("service_at_location", "service_id"), by("service_area", "service_id")
    attributes, documents = by("attribute", "link_id"), by("required_document", "service_id")
    for row in tables.get("service", ()):
        sid = row["id"]
        service = {
            **strip(row, "organization_id", "program_id"),
            "phones": phone_list(phones["service_id"].get(sid, [])),
            "schedules": schedules["service_id"].get(sid, []),
            "languages": languages["service_id"].get(sid, []),
            "service_areas": areas.get(sid, []),
            "required_documents": documents.get(sid, []),
            "attributes": [{**a, **({"taxonomy_term": terms[a["taxonomy_term_id"]]}
                                    if a.get("taxonomy_term_id") in terms else {})}
                           for a in attributes.get(sid, [])],
            "service_at_locations": [
                {**sal, "location": locations[sal["location_id"]],
                 "phones": phone_list(phones["service_at_location_id"].get(sal["id"], [])),
                 "schedules": schedules["service_at_location_id"].get(sal["id"], [])}
                for sal in sals.get(sid, []) if sal.get("location_id") in locations
            ],
        }
        if row.get("organization_id") in orgs:
            service["organization"] = orgs[row["organization_id"]]
        yield f"{folder / 'services.csv'} id={sid}", service
