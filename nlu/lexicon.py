"""Text folding and the per-language word counts taken from the training data.

The training files are the only domain lexicon: language ID and the out-of-vocabulary check use
the words in them, so adding phrasings there improves both without a second word list to keep.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).parent / "data"
LANGS = ("en", "es", "fr")
# Small add-k smoothing: a word seen only in one language is strong evidence for it.
SMOOTHING = 0.1
_WORD = re.compile(r"[^\W\d_]+")


def fold(text: str) -> str:
    """Lower-case and strip accents: callers often type without them."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs from a Rasa NLU YAML file."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((block["intent"], line[2:].strip()))
    return pairs


class Lexicon:
    """Word-level naive Bayes over the training data: log P(word | language)."""

    def __init__(self, counts: dict[str, Counter]):
        self.counts = counts
        self.vocabulary = set().union(*counts.values())
        self._totals = {lang: sum(c.values()) for lang, c in counts.items()}

    def log_likelihoods(self, tokens: list[str]) -> dict[str, float]:
        size = len(self.vocabulary) + 1
        return {
            lang: sum(math.log((self.counts[lang][t] + SMOOTHING) / (self._totals[lang] + SMOOTHING * size)) for t in tokens)
            for lang in LANGS
        }

    def known(self, tokens: list[str]) -> list[str]:
        return [t for t in tokens if t in self.vocabulary]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon({lang: Counter(w for _, text in read_examples(DATA_DIR / f"{lang}.yml") for w in words(text))
                    for lang in LANGS})
