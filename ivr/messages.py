"""ivr/'s own localized messages (messages.yml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from flows.types import LANGUAGES


@lru_cache(maxsize=1)
def _messages() -> dict:
    return yaml.safe_load((Path(__file__).parent / "messages.yml").read_text(encoding="utf-8"))


def message(key: str, language: str | None) -> str:
    texts = _messages()[key]
    return texts[language if language in LANGUAGES else "en"]
