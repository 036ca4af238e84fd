"""The embedded directory's SQLite file: listings, their needs (matched once, at import) and an FTS5
index for free-text look-ups. Built whole into a temporary file and swapped in atomically, so readers
never see half an import."""
from __future__ import annotations

import json
import math
import os
import sqlite3
import tempfile
from pathlib import Path

from .hsds import Listing
from .ranking import Candidate
from .taxonomy import Taxonomy

SCHEMA_VERSION = "1"
REFERRAL = "__referral__"  # pseudo-need: general information-and-referral lines

_DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE listings (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, service_id TEXT NOT NULL, name TEXT NOT NULL,
    description TEXT, organization TEXT, phone TEXT, address TEXT, postal_code TEXT, lat REAL, lon REAL,
    timezone TEXT, rules TEXT NOT NULL, languages TEXT NOT NULL, areas TEXT NOT NULL, terms TEXT NOT NULL,
    barriers INTEGER NOT NULL, source TEXT, unverified TEXT NOT NULL
);
CREATE INDEX listings_position ON listings (lat, lon);
CREATE TABLE listing_needs (need TEXT NOT NULL, listing INTEGER NOT NULL, score INTEGER NOT NULL,
                            PRIMARY KEY (need, listing)) WITHOUT ROWID;
CREATE VIRTUAL TABLE listings_fts USING fts5(name, text, content='', tokenize='unicode61 remove_diacritics 2');
"""
_COLUMNS = ("id", "service_id", "name", "description", "organization", "phone", "address", "postal_code",
            "lat", "lon", "timezone", "rules", "languages", "areas", "terms", "barriers", "source", "unverified")


def build(path: Path, listings: list[Listing], taxonomy: Taxonomy, meta: dict[str, str]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        with db:
            db.executescript(_DDL)
            for rowid, item in enumerate(listings, start=1):
                values = {**item.__dict__, "rules": json.dumps(item.rules), "languages": ",".join(item.languages),
                          "areas": ",".join(item.areas), "terms": ",".join(item.terms),
                          "unverified": ",".join(item.unverified)}
                db.execute(f"INSERT INTO listings (rowid, {', '.join(_COLUMNS)}) VALUES (?{', ?' * len(_COLUMNS)})",
                           (rowid, *(values[c] for c in _COLUMNS)))
                db.execute("INSERT INTO listings_fts (rowid, name, text) VALUES (?, ?, ?)", (rowid, item.name, item.text))
                needs = taxonomy.needs_of(item.terms, item.text)
                if taxonomy.referral_terms & set(item.terms):
                    needs[REFERRAL] = 2
                db.executemany("INSERT INTO listing_needs VALUES (?, ?, ?)",
                               [(need, rowid, score) for need, score in needs.items()])
            db.executemany("INSERT INTO meta VALUES (?, ?)", [*meta.items(), ("schema_version", SCHEMA_VERSION)])
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def read_meta(path: Path) -> dict[str, str]:
    if not Path(path).exists():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return dict(db.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return {}


def _row_to_listing(row: sqlite3.Row) -> Listing:
    return Listing(**{
        **{c: row[c] for c in _COLUMNS},
        "rules": json.loads(row["rules"]),
        "languages": tuple(filter(None, row["languages"].split(","))),
        "areas": tuple(filter(None, row["areas"].split(","))),
        "terms": tuple(filter(None, row["terms"].split(","))),
        "unverified": tuple(filter(None, row["unverified"].split(","))),
    })


class Store:
    """Read side. One connection per thread (sqlite3 objects are not shared across threads)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    def counts(self) -> dict[str, int]:
        return {
            "listings": self.db.execute("SELECT count(*) FROM listings").fetchone()[0],
            "services": self.db.execute("SELECT count(DISTINCT service_id) FROM listings").fetchone()[0],
        }

    def by_need(self, need: str, lat: float | None = None, lon: float | None = None,
                radius_km: float | None = None) -> list[Candidate]:
        """Listings meeting a need, light enough to rank by the thousand. With a position: those in the
        radius's bounding box plus phone/online ones; without: phone/online ones only (a place to go
        means nothing until we know where the caller is)."""
        sql = ("SELECT l.rowid, n.score, l.lat, l.lon, l.areas, l.rules, l.timezone, l.languages, l.barriers, "
               "l.name, l.id FROM listing_needs n JOIN listings l ON l.rowid = n.listing WHERE n.need = ?")
        args: list = [need]
        if lat is not None and radius_km:
            dlat = radius_km / 111.0
            dlon = radius_km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
            sql += " AND (l.lat IS NULL OR (l.lat BETWEEN ? AND ? AND l.lon BETWEEN ? AND ?))"
            args += [lat - dlat, lat + dlat, lon - dlon, lon + dlon]
        else:
            sql += " AND l.lat IS NULL"
        return [Candidate(*row) for row in self.db.execute(sql, args)]

    def by_text(self, query: str, limit: int = 200) -> list[Candidate]:
        """Free-text look-up (FTS5, any of the words), best text match first."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if len(w) > 1]
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT l.rowid, 1, l.lat, l.lon, l.areas, l.rules, l.timezone, l.languages, l.barriers, l.name, l.id "
            "FROM listings_fts f JOIN listings l ON l.rowid = f.rowid WHERE listings_fts MATCH ? ORDER BY f.rank LIMIT ?",
            (match, limit))
        return [Candidate(*row) for row in rows]

    def listings(self, rowids: list[int]) -> dict[int, Listing]:
        rows = self.db.execute(f"SELECT rowid, * FROM listings WHERE rowid IN ({','.join('?' * len(rowids))})", rowids)
        return {row["rowid"]: _row_to_listing(row) for row in rows}
