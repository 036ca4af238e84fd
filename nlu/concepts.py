"""Domain concepts: does a message contain a term from a need's word list (nlu/concepts/*.yml)?

Each need's list is one model feature, shared across languages, so a word that no training sentence
contains ("ketamine", "CLSC", "desahucio") still points to its need. Terms are folded (lower case, no
accents) and compared with the message's folded words and with their lookup lemmas, so a term listed
in its base form ("desalojar") also matches inflected forms ("desalojaron"). Terms' own lemmas are not
used: "comida" would become "comer" and match "¿cómo...?".
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from spacy.tokens import Doc

from nlu.lexicon import LANGS

CONCEPTS_DIR = Path(__file__).parent / "concepts"


def read_concepts() -> dict[str, dict[str, list[str]]]:
    """{concept: {language: [terms]}} from the per-language files."""
    concepts: dict[str, dict[str, list[str]]] = {}
    for lang in LANGS:
        path = CONCEPTS_DIR / f"{lang}.yml"
        if path.exists():
            for concept, terms in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
                concepts.setdefault(concept, {})[lang] = [str(t) for t in terms or []]
    return concepts


class ConceptMatcher:
    """Finds concept terms in spaCy docs made by nlu.spacy_pipeline (folded norm_ and lemma_)."""

    def __init__(self, concepts: dict[str, dict[str, list[str]]], pipelines: dict):
        self.names = sorted(concepts)
        # First word -> [(all words, concept index)]: one dict probe per message token.
        self._index: dict[str, set[tuple[tuple[str, ...], int]]] = {}
        for k, name in enumerate(self.names):
            for lang, terms in concepts[name].items():
                for doc in pipelines[lang].pipe(terms):
                    words = tuple(t.norm_ for t in doc)
                    if words:
                        self._index.setdefault(words[0], set()).add((words, k))

    def token_hits(self, doc: Doc) -> np.ndarray:
        """(tokens x concepts) 0/1 matrix: which concept each token is part of."""
        hits = np.zeros((len(doc), len(self.names)), dtype=np.float32)
        for seq in ([t.norm_ for t in doc], [t.lemma_ for t in doc]):
            for i, first in enumerate(seq):
                for words, k in self._index.get(first, ()):
                    if seq[i:i + len(words)] == list(words):
                        hits[i:i + len(words), k] = 1.0
        return hits

    def names_of(self, hits: np.ndarray) -> list[str]:
        """The concepts present in a token_hits matrix."""
        return [self.names[k] for k in np.flatnonzero(hits.any(axis=0))]

    def concepts_in(self, doc: Doc) -> list[str]:
        return self.names_of(self.token_hits(doc))


@lru_cache(maxsize=1)
def concept_matcher() -> ConceptMatcher:
    from nlu.spacy_pipeline import trilingual_nlp

    return ConceptMatcher(read_concepts(), trilingual_nlp().pipelines)
