"""Resource directory: who can help with a need, near a place, open now, in the caller's language.

`get_directory(settings)` returns the HSDS 3.0 API client when a directory URL is configured and the
embedded SQLite directory otherwise."""
from __future__ import annotations

from pathlib import Path

from ivr.config import Settings

from .taxonomy import load_taxonomy
from .types import Directory, DirectoryUnavailable, Resource

__all__ = ["get_directory", "Directory", "DirectoryUnavailable", "Resource"]


def get_directory(settings: Settings | None = None) -> Directory:
    from . import geo
    from .embedded import EmbeddedDirectory

    settings = settings or Settings.from_env()
    geo.warm()
    taxonomy = load_taxonomy(Path(settings.directory_taxonomy))
    embedded = EmbeddedDirectory(Path(settings.directory_db), taxonomy)
    if not settings.directory_url:
        return embedded
    from .hsds_api import ApiDirectory

    return ApiDirectory(settings.directory_url, taxonomy, timeout=settings.directory_timeout,
                        redis_url=settings.redis_url, fallback=embedded)
