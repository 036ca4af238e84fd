"""Crisis safety net: the model's crisis intent OR crisis words, so a crisis is never missed.

The words are flows/keywords.yml's `crisis` phrases and `crisis_patterns` regexes, matched on normalized
text (folded words, single spaces). `crisis_figurative` spans ("rent is gonna kill me", "me quiero morir
de la vergüenza") are blanked out first, so figures of speech don't trip the net but a real crisis
written next to one still does.
"""
from __future__ import annotations

import re
from typing import Any

from flows.text import normalize
from flows.types import NluResult

# Acted on even when the model is unsure: a false alarm costs a kind message, a miss costs far more.
# The parser's own floor (MIN_CONFIDENCE in nlu/parser.py): a crisis it calls is never dropped here.
CRISIS_CONFIDENCE = 0.25
# Hesitations in speech transcripts ("i took uh too many") would split a phrase in two.
_HESITATION = re.compile(r"\b(u+h+|u+m+|uhm|e+rm?|e+uh|heu|e+h|h?m{2,}|ah)\b ?")


def _union(patterns_by_language: dict[str, list[str]]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for patterns in patterns_by_language.values() for p in patterns))


class CrisisNet:
    def __init__(self, keywords: dict[str, Any]):
        phrases = sorted({normalize(w) for words in keywords["crisis"].values() for w in words})
        # One compiled alternation, whole words only: every message passes through here.
        self._phrases = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, phrases))})(?!\w)")
        self._patterns = _union(keywords["crisis_patterns"])
        self._figurative = _union(keywords["crisis_figurative"])

    def is_crisis(self, text: str | None, nlu: NluResult | None) -> bool:
        if nlu is not None and nlu.available and "crisis" in (nlu.intent, nlu.need) \
                and nlu.confidence >= CRISIS_CONFIDENCE:
            return True
        return self.matches(text)

    def matches(self, text: str | None) -> bool:
        """The words alone, without the model."""
        if not text:
            return False
        # "~" is not a word character: no phrase can match across a blanked span.
        literal = self._figurative.sub(" ~ ", _HESITATION.sub("", normalize(text)))
        return bool(self._patterns.search(literal) or self._phrases.search(literal))
