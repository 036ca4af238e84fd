"""The per-language word counts taken from the training data (text folded as flows/text.py folds it).

The training files are the only domain lexicon: language ID and the out-of-vocabulary check use
the words in them, so adding phrasings there improves both without a second word list to keep.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from flows.text import fold
from flows.types import NEEDS

DATA_DIR = Path(__file__).parent / "data"
LANGS = ("en", "es", "fr")
# Small add-k smoothing: a word seen only in one language is strong evidence for it.
SMOOTHING = 0.1
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def message_key(text: str) -> str:
    """A whole message as the replies table keys it: lower case, words only, accents KEPT ("sí" is not "si")."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text.lower())))


def read_examples(path: Path) -> list[tuple[str, str]]:
    """(intent, text) pairs from a Rasa NLU YAML file."""
    pairs = []
    for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((block["intent"], line[2:].strip()))
    return pairs


def examples_in(directory: Path = DATA_DIR) -> list[tuple[str, str, str]]:
    """(language, intent, text) for every example in a directory of <lang>.yml files (default: training),
    plus <lang>-crisis.yml where a held-out set keeps its crisis messages apart (another writer's);
    a held-out set may lack a language."""
    return [(lang, intent, text) for lang in LANGS for name in (f"{lang}.yml", f"{lang}-crisis.yml")
            if (directory / name).exists() for intent, text in read_examples(directory / name)]


class Lexicon:
    """Word-level naive Bayes over the training data: log P(word | language).

    Also the replies (non-need intents) each language lists word for word: "ok", "no", "stop" are
    whole replies in two or three languages, so their words say nothing about the language.
    """

    def __init__(self, counts: dict[str, Counter], replies: dict[str, set[str]] | None = None):
        self.counts = counts
        self.vocabulary = set().union(*counts.values())
        self._totals = {lang: sum(c.values()) for lang, c in counts.items()}
        self.replies = replies or {}

    @classmethod
    def from_examples(cls, examples: Iterable[tuple[str, str, str]]) -> "Lexicon":
        """From (language, intent, text) triples: all the training data, or some folds of it."""
        counts = {lang: Counter() for lang in LANGS}
        replies: dict[str, set[str]] = defaultdict(set)
        for lang, intent, text in examples:
            counts[lang].update(words(text))
            # Needs with a borrowed word ("food stamps" in the Spanish data) stay evidence: English speakers
            # write them far more often. A language's name ("english") is the one wanted, not the one written.
            if intent not in NEEDS and intent != "choose_language":
                replies[message_key(text)].add(lang)
        return cls(counts, dict(replies))

    def shared_reply(self, text: str) -> frozenset[str]:
        """The languages listing this whole message as a reply, when there are two or more; else empty."""
        langs = self.replies.get(message_key(text), ())
        return frozenset(langs) if len(langs) > 1 else frozenset()

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
    return Lexicon.from_examples(examples_in())
