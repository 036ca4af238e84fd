"""The flows' crisis keyword net (flows/keywords.yml), applied by the parser too: a crisis the model misses
is still reported as crisis by `parse` and `triage classify`, not only by the conversation engine."""
from __future__ import annotations

from functools import lru_cache

from flows.crisis import CrisisNet
from flows.loader import KEYWORDS_FILE, load_keywords


@lru_cache(maxsize=None)
def crisis_net(keywords_file: str = str(KEYWORDS_FILE)) -> CrisisNet:
    """The net of this keywords file (the operator's copy under FLOWS_DIR, or the shipped one)."""
    return CrisisNet(load_keywords(keywords_file))


def is_crisis(text: str) -> bool:
    """The shipped net's verdict (cross-validation uses it)."""
    return crisis_net().matches(text)
