"""Need word lists match the way callers write: any case, with or without accents, inflected."""
from __future__ import annotations

import pytest

from flows.types import NEEDS
from nlu.concepts import ConceptMatcher, concept_matcher, read_concepts
from nlu.spacy_pipeline import trilingual_nlp

TERMS = {
    "eviction": {"en": ["evicted"], "es": ["desahucio", "desalojar"], "fr": ["expulsion"]},
    "substance_use": {"en": ["detox", "sober living"], "fr": ["désintox"]},
    "food": {"fr": ["restos du coeur"]},
}


@pytest.fixture(scope="module")
def matcher() -> ConceptMatcher:
    return ConceptMatcher(TERMS, trilingual_nlp().pipelines)


@pytest.mark.parametrize("text, concepts", [
    ("I need a DETOX bed", ["substance_use"]),
    ("looking for a sober living house", ["substance_use"]),
    ("centre de desintox svp", ["substance_use"]),  # accent missing in the message
    ("nos desalojaron ayer", ["eviction"]),  # inflected form of "desalojar"
    ("DESAHUCIO mañana y necesito detox", ["eviction", "substance_use"]),
    ("on va aux Restos du Cœur", ["food"]),  # a ligature typed for the "oe" of the term
    ("sober", []),  # half of a two-word term is not the term
    ("hello there", []),
])
def test_terms_match_folded_and_inflected(matcher, text, concepts):
    assert matcher.concepts_in(trilingual_nlp()(text)) == concepts


def test_token_rows_mark_every_word_of_a_term(matcher):
    hits = matcher.token_hits(trilingual_nlp()("a sober living house"))
    assert hits[:, matcher.names.index("substance_use")].tolist() == [0, 1, 1, 0]


def test_shipped_lists_name_needs_or_figurative_speech_and_no_term_twice():
    concepts = read_concepts()
    assert set(concepts) <= set(NEEDS) | {"figurative"}
    for lang in ("en", "es", "fr"):
        seen: dict[str, str] = {}
        for need, by_lang in concepts.items():
            for term in by_lang.get(lang, []):
                assert seen.setdefault(term.lower(), need) == need, (lang, term, need, seen[term.lower()])
    assert concept_matcher().names == sorted(concepts)
