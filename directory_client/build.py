"""Build the embedded directory from HSDS files, and only when the data, the need mapping or the
database layout changed (so `make` can run it every time)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import importer, store
from .taxonomy import Taxonomy

SHIPPED_DATA = Path(__file__).parent / "data" / "seed"


def fingerprint(files: list[Path], taxonomy: Taxonomy) -> str:
    digest = hashlib.sha256(f"{store.SCHEMA_VERSION}\n{taxonomy.fingerprint}\n".encode())
    for path in files:
        digest.update(str(path.resolve()).encode())
        digest.update(path.read_bytes())
        if path.name == "datapackage.json":  # its tables live beside it
            for table in sorted(path.parent.glob("*.csv")):
                digest.update(table.name.encode() + table.read_bytes())
    return digest.hexdigest()


def import_data(db_path: Path, taxonomy: Taxonomy, paths=None, if_needed: bool = False
                ) -> importer.ImportResult | None:
    """Replace the database with the given files (default: the shipped seed data). Returns None
    when `if_needed` and the database already holds exactly this data."""
    files = importer.data_files(paths or [SHIPPED_DATA])
    stamp = fingerprint(files, taxonomy)
    if if_needed and store.read_meta(db_path).get("fingerprint") == stamp:
        return None
    result = importer.read(files)
    store.build(db_path, result.listings, taxonomy,
                {"fingerprint": stamp, "sources": "\n".join(map(str, files)), "services": str(result.services)})
    return result
