"""The default directory: the local SQLite file built from shipped HSDS data (no network needed)."""
from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path

from . import build, geo
from .ranking import REACH_KM, SEARCH_KM, rank
from .store import REFERRAL, Store
from .taxonomy import Taxonomy
from .types import DirectoryUnavailable, Resource


class EmbeddedDirectory:
    def __init__(self, db_path: Path, taxonomy: Taxonomy):
        self.db_path = Path(db_path)
        self.taxonomy = taxonomy
        self._local = threading.local()

    def _store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            try:
                if not self.db_path.exists():
                    # First run without `make`: build from the shipped data rather than fail.
                    build.import_data(self.db_path, self.taxonomy)
                store = self._local.store = Store(self.db_path)
            except Exception as e:  # any failure here means the directory cannot answer at all
                raise DirectoryUnavailable(f"embedded directory {self.db_path} unusable: {e}") from e
        return store

    def search(self, need: str, location: dict | None = None, language: str = "en",
               now: datetime | None = None, limit: int = 3) -> list[Resource]:
        try:
            return self._search(need, location, language, now, limit)
        except sqlite3.Error as e:  # a damaged or half-copied file: say so, never a 500
            raise DirectoryUnavailable(f"embedded directory {self.db_path}: {e}") from e

    def _search(self, need, location, language, now, limit) -> list[Resource]:
        self.taxonomy.need(need)  # unknown need codes are a caller bug: fail loudly
        now = now or datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=timezone.utc)
        origin = geo.resolve(location)
        extra = () if origin or not location else (f"location {location.get('value')!r} not recognised",)
        store = self._store()
        lat, lon = (origin.lat, origin.lon) if origin else (None, None)
        results = rank(store.by_need(need, lat, lon, REACH_KM), need, origin, language, now, limit, extra, store.listings)
        if len(results) < limit and lat is not None:  # widen: a place farther away beats none
            results = rank(store.by_need(need, lat, lon, SEARCH_KM), need, origin, language, now, limit, extra,
                           store.listings)
        if len(results) < limit:
            # Nothing (or too little) for this need nearby: a general helpline can still refer the caller.
            reason = (f"general helpline: {'no' if not results else 'only ' + str(len(results))} "
                      f"{need} service(s) found within reach",)
            taken = {r.id for r in results}
            referrals = [c for c in store.by_need(REFERRAL, lat, lon, SEARCH_KM) if c.id not in taken]
            results += rank(referrals, "information and referral", origin, language, now,
                            limit - len(results), extra + reason, store.listings)
        return results

    def search_text(self, query: str, location: dict | None = None, language: str = "en",
                    now: datetime | None = None, limit: int = 3) -> list[Resource]:
        """Free-text search for operators (FTS5), ranked like `search`."""
        now = now or datetime.now(timezone.utc)
        store = self._store()
        return rank(store.by_text(query), f"'{query}'", geo.resolve(location), language, now, limit, (),
                    store.listings)
