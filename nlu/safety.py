"""The flows' crisis keyword net (flows/keywords.yml), applied by the parser too: a crisis the model misses
is still reported as crisis by `parse` and `triage classify`, not only by the conversation engine."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from flows.crisis import CrisisNet
from flows.loader import KEYWORDS_FILE


@lru_cache(maxsize=None)
def crisis_net(keywords_file: str = str(KEYWORDS_FILE)) -> CrisisNet:
    """The net of this keywords file (the operator's copy under FLOWS_DIR, or the shipped one)."""
    return CrisisNet(yaml.safe_load(Path(keywords_file).read_text(encoding="utf-8")))


def is_crisis(text: str) -> bool:
    """The shipped net's verdict (cross-validation uses it)."""
    return crisis_net().matches(text)
