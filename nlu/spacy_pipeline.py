"""Three blank spaCy pipelines (en, es, fr) behind one object, with lookup lemmas.

Pretrained pipelines can't be downloaded here, so each language is `spacy.blank(lang)` (its own
tokenizer: French elisions, Spanish clitics) plus lemmas from the spacy-lookups-data lookup tables.
Each text goes to the pipeline of its detected language. Lemmas and norms are folded (lower case,
no accents) so "desalojarán" and "desalojaran" give the model the same feature.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc

from nlu import langid
from nlu.lexicon import LANGS, fold

FALLBACK_LANG = "en"  # used when the language is unsure: its tokenizer is the most neutral


@Language.factory("folded_lookup_lemmas")
def folded_lookup_lemmas(nlp, name):  # no annotations: spaCy validates them at runtime
    """Like spaCy's lookup lemmatizer, but keyed on the lower-cased word so ALL-CAPS SMS get lemmas."""
    table = load_lookups(nlp.lang, ["lemma_lookup"]).get_table("lemma_lookup")

    def set_lemmas(doc: Doc) -> Doc:
        for token in doc:
            lemma = table.get(token.lower_, token.lower_)
            # Some tables list several lemmas for a form ("suis" -> être / suivre): the first is the usual one.
            token.lemma_ = fold(lemma[0] if isinstance(lemma, list) else lemma)
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
