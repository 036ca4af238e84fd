"""Crisis safety net: the model's crisis intent OR crisis words, so a crisis is never missed."""
from __future__ import annotations

from flows.text import contains_phrase, normalize
from flows.types import NluResult

# Acted on even when the model is unsure: a false alarm costs a kind message, a miss costs far more.
CRISIS_CONFIDENCE = 0.3


class CrisisNet:
    def __init__(self, words_by_language: dict[str, list[str]]):
        self._phrases = sorted({normalize(w) for words in words_by_language.values() for w in words})

    def is_crisis(self, text: str | None, nlu: NluResult | None) -> bool:
        if nlu is not None and nlu.available and "crisis" in (nlu.intent, nlu.need) \
                and nlu.confidence >= CRISIS_CONFIDENCE:
            return True
        if not text:
            return False
        normalized = normalize(text)
        return any(contains_phrase(normalized, phrase) for phrase in self._phrases)
