"""Lookup lemmas: the same from the cached table as from spacy-lookups-data, cache or no cache."""
from __future__ import annotations

import pytest
from spacy.lookups import load_lookups
from spacy.strings import get_string_id

from nlu.spacy_pipeline import lemma_table, trilingual_nlp


@pytest.mark.parametrize("lang, word, lemma", [("es", "desalojaron", "desalojar"), ("fr", "expulsés", "expulser"),
                                               ("en", "evicted", "evict")])
def test_cached_lemmas_are_the_packaged_ones(tmp_path, lang, word, lemma):
    packaged = load_lookups(lang, ["lemma_lookup"]).get_table("lemma_lookup").get(word)
    built, cached = lemma_table(lang, tmp_path), lemma_table(lang, tmp_path)
    assert list(tmp_path.iterdir()), "the first call writes the cache"
    assert built[get_string_id(word)] == cached[get_string_id(word)] == lemma
    assert lemma in (packaged if isinstance(packaged, list) else [packaged])


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert lemma_table("en", blocked / "cache")[get_string_id("evicted")] == "evict"


def test_lemmas_are_folded_and_caps_get_them_too():
    doc = trilingual_nlp()("NOS DESALOJARÁN MAÑANA")
    assert [t.lemma_ for t in doc][1:] == ["desalojar", "manana"]
