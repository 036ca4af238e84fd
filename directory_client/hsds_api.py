"""Client for a remote Open Referral HSDS 3.0 API (GET /service_at_locations with taxonomy_term_id or
search, postcode, page/per_page), with timeouts, retries with backoff and a Redis cache. When the
directory is down or slow: cached answer, else the embedded directory, else DirectoryUnavailable."""
from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import replace
from datetime import datetime, timezone

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import geo
from .cache import AnswerCache
from .hsds import listings
from .ranking import Candidate, rank
from .taxonomy import Taxonomy
from .types import DirectoryUnavailable, Resource

log = logging.getLogger(__name__)


class HsdsClient:
    def __init__(self, base_url: str, timeout: float = 2.0, retries: int = 2, backoff: float = 0.1,
                 per_page: int = 50, max_pages: int = 4):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.per_page, self.max_pages = timeout, per_page, max_pages
        self.session = requests.Session()
        retry = Retry(total=retries, backoff_factor=backoff, status_forcelist=(429, 500, 502, 503, 504),
                      allowed_methods=frozenset({"GET"}))
        self.session.mount("http://", HTTPAdapter(max_retries=retry))
        self.session.mount("https://", HTTPAdapter(max_retries=retry))

    def service_at_locations(self, **params) -> list[dict]:
        """Every item of a paginated /service_at_locations answer (up to max_pages pages), fully nested.
        Raises requests.RequestException when the directory fails or takes longer than the timeout."""
        deadline = time.monotonic() + self.timeout
        items: list[dict] = []
        for page in range(1, self.max_pages + 1):
            left = deadline - time.monotonic()
            if left <= 0:
                raise requests.Timeout(f"{self.base_url}: no complete answer within {self.timeout}s")
            response = self.session.get(f"{self.base_url}/service_at_locations", timeout=left, params={
                **params, "full": "true", "page": page, "per_page": self.per_page})
            response.raise_for_status()
            body = response.json()
            items += body.get("contents") or []
            if body.get("last_page", True) or page >= int(body.get("total_pages") or page) or not body.get("contents"):
                break
        return items


def _as_service(item: dict) -> dict:
    """A /service_at_locations item (service and location nested in it) -> a service with one place."""
    service = dict(item["service"])
    service["service_at_locations"] = [{k: v for k, v in item.items() if k != "service"}]
    return service


class ApiDirectory:
    def __init__(self, url: str, taxonomy: Taxonomy, timeout: float = 2.0, redis_url: str | None = None,
                 fallback=None, client: HsdsClient | None = None):
        self.url = url
        self.taxonomy = taxonomy
        self.client = client or HsdsClient(url, timeout)
        self.cache = AnswerCache(redis_url) if redis_url else None
        self.fallback = fallback

    def _queries(self, need: str, location: dict | None) -> list[dict]:
        entry = self.taxonomy.need(need)
        postcode = {"postcode": str(location["value"])} if location and location.get("type") in ("zip", "postal_code") else {}
        if entry.api_term_ids:
            return [{"taxonomy_term_id": term, **postcode} for term in entry.api_term_ids]
        words = entry.keywords.get("en") or (need.replace("_", " "),)
        return [{"search": words[0], **postcode}]

    def _fetch(self, queries: list[dict]) -> tuple[list[dict] | None, str]:
        """Items for the queries, and a note for `why` when they came from the cache."""
        key = hashlib.sha256(json.dumps([self.url, queries], sort_keys=True).encode()).hexdigest()
        cached = self.cache.get(key) if self.cache else None
        if cached and cached[1] < self.cache.fresh_seconds:
            return cached[0], ""
        try:
            items = [item for q in queries for item in self.client.service_at_locations(**q)]
        except (requests.RequestException, ValueError) as e:
            log.warning("HSDS directory %s failed: %s", self.url, e)
            if cached:
                return cached[0], f"directory unreachable; cached answer from {cached[1] / 60:.0f} min ago"
            return None, f"directory unreachable ({type(e).__name__})"
        if self.cache:
            self.cache.put(key, items)
        return items, ""

    def search(self, need: str, location: dict | None = None, language: str = "en",
               now: datetime | None = None, limit: int = 3) -> list[Resource]:
        now = now or datetime.now(timezone.utc)
        queries = self._queries(need, location)
        items, note = self._fetch(queries)
        results: list[Resource] = []
        if items:
            score = 2 if "taxonomy_term_id" in queries[0] else 1
            found = []
            for item in items:
                try:
                    found += listings(_as_service(item), self.url)
                except (KeyError, TypeError, AttributeError) as e:
                    log.warning("HSDS directory %s: unusable item %s: %s", self.url, item.get("id"), e)
            candidates = [Candidate.of(i, listing, score) for i, listing in enumerate(found)]
            results = rank(candidates, need, geo.resolve(location), language, now, limit, (note,) if note else (),
                           lambda keys: {k: found[k] for k in keys})
        if results:
            return results
        # Nothing usable from the remote directory: never a silent empty list.
        reason = note or "no match in the remote directory"
        if self.fallback is not None:
            try:
                return [_with_reason(r, f"{reason}; from the built-in directory")
                        for r in self.fallback.search(need, location, language, now, limit)]
            except DirectoryUnavailable:
                pass
        if items is None:
            raise DirectoryUnavailable(f"{self.url}: {reason}, nothing cached; offer a transfer or 'call 211'")
        return []


def _with_reason(resource: Resource, reason: str) -> Resource:
    return replace(resource, why=(*resource.why, reason))
