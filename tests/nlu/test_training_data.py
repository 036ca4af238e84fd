"""The training data labels every message with a known intent; held-out messages it also has are not scored."""
from __future__ import annotations

from collections import defaultdict

from flows.types import CONVERSATION_INTENTS, NEEDS
from nlu.heldout_sets import HELDOUT_SETS, trained_on
from nlu.lexicon import DATA_DIR, examples_in


def test_each_language_trains_every_need_and_conversational_intent_and_nothing_else():
    intents = defaultdict(set)
    for lang, intent, _ in examples_in(DATA_DIR):
        intents[lang].add(intent)
    assert dict(intents) == {lang: set(NEEDS) | set(CONVERSATION_INTENTS) for lang in ("en", "es", "fr")}


def test_held_out_messages_the_training_data_also_has_are_not_scored():
    for heldout in HELDOUT_SETS:
        scored = [text for _, _, text in heldout.utterances()] + [t for ts in heldout.lookalikes().values() for t in ts]
        assert not [text for text in scored if trained_on(text)]
    # "I WANT TO DIE!" is the training data's "i want to die" as the features see it.
    assert trained_on("I WANT TO DIE!") and not trained_on("I want to die tonight, the rope is ready")
    assert sum(s.trained_count() for s in HELDOUT_SETS) > 0
