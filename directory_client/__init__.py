"""Resource directory: who can help with a need, near a place, open now, in the caller's language.

`get_directory(settings)` returns the HSDS 3.0 API client when a directory URL is configured and the
embedded SQLite directory otherwise."""
from __future__ import annotations

import os
from pathlib import Path

from .taxonomy import load_taxonomy, taxonomy_path
from .types import Directory, DirectoryUnavailable, Resource

__all__ = ["get_directory", "Directory", "DirectoryUnavailable", "Resource"]

DEFAULT_DB = "var/directory.sqlite3"


def setting(settings, name: str, default=None):
    """An attribute of the app's settings object, else the environment variable of the same name."""
    value = getattr(settings, name, None)
    return value if value not in (None, "") else (os.environ.get(name.upper()) or default)


def get_directory(settings=None) -> Directory:
    from . import geo
    from .embedded import EmbeddedDirectory

    geo.warm()
    taxonomy = load_taxonomy(taxonomy_path(settings))
    embedded = EmbeddedDirectory(Path(setting(settings, "directory_db", DEFAULT_DB)), taxonomy)
    url = setting(settings, "directory_url")
    if not url:
        return embedded
    from .hsds_api import ApiDirectory

    return ApiDirectory(url, taxonomy, timeout=float(setting(settings, "directory_timeout", 2.0)),
                        redis_url=setting(settings, "redis_url"), fallback=embedded)
