"""Three blank spaCy pipelines (en, es, fr) behind one object, with lookup lemmas.

Pretrained pipelines can't be downloaded here, so each language is `spacy.blank(lang)` (its own
tokenizer: French elisions, Spanish clitics) plus lemmas from the spacy-lookups-data lookup tables.
Each text goes to the pipeline of its detected language. Lemmas and norms are folded (lower case,
no accents) so "desalojarán" and "desalojaran" give the model the same feature.
"""
from __future__ import annotations

import logging
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
import spacy_lookups_data
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.strings import get_string_id
from spacy.tokens import Doc

from flows.text import fold
from nlu import langid
from nlu.lexicon import LANGS

FALLBACK_LANG = "en"  # used when the language is unsure: its tokenizer is the most neutral
# Reading spacy-lookups-data's packaged tables takes ~3 s for Spanish and French together (half the
# model's load); a marshal copy of the same table reads in ~0.6 s. Rebuilt when either version changes.
LEMMA_CACHE = Path(__file__).parent / "models" / "lemma-cache"

log = logging.getLogger(__name__)


def lemma_table(lang: str, cache_dir: Path = LEMMA_CACHE) -> dict[int, str]:
    """spacy-lookups-data's lemma_lookup table for lang, keyed like spaCy's (string hash)."""
    cached = cache_dir / f"{lang}-{spacy_lookups_data.__version__}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    # Some tables list several lemmas for a form ("suis" -> être / suivre): the first is the usual one.
    table = {key: lemma[0] if isinstance(lemma, list) else lemma
             for key, lemma in load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup").items()}
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")  # workers starting together don't clash
        partial.write_bytes(marshal.dumps(table))
        partial.replace(cached)
    except OSError as e:  # a read-only install only loses the speed-up
        log.warning("could not cache lemmas in %s: %s", cache_dir, e)
    return table


@Language.factory("folded_lookup_lemmas")
def folded_lookup_lemmas(nlp, name):  # no annotations: spaCy validates them at runtime
    """Like spaCy's lookup lemmatizer, but keyed on the lower-cased word so ALL-CAPS SMS get lemmas."""
    table = lemma_table(nlp.lang)

    def set_lemmas(doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = fold(table.get(get_string_id(token.lower_), token.lower_))
            token.norm_ = fold(token.text)
        return doc

    return set_lemmas


def _blank(lang: str) -> Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("folded_lookup_lemmas")
    return nlp


class TrilingualNlp:
    """Quacks like a spaCy `Language` as far as Rasa's SpacyNLP needs (call, pipe, vocab)."""

    def __init__(self) -> None:
        self.pipelines = {lang: _blank(lang) for lang in LANGS}
        self.vocab = self.pipelines[FALLBACK_LANG].vocab

    def pipeline_for(self, text: str) -> Language:
        lang, _ = langid.detect(text)
        return self.pipelines.get(lang, self.pipelines[FALLBACK_LANG])

    def __call__(self, text: str) -> Doc:
        return self.pipeline_for(text)(text)

    def pipe(self, texts: Iterable[str], **_: object) -> Iterator[Doc]:
        return (self(text) for text in texts)


@lru_cache(maxsize=1)
def trilingual_nlp() -> TrilingualNlp:
    """One instance per process: the lookup tables take a few seconds and ~100 MB."""
    return TrilingualNlp()
