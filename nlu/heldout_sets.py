"""The held-out sets (nlu/heldout*/), never trained on; the newest is the blind one.

Kept apart from nlu/evaluate.py, which loads Rasa, so that `triage eval --heldout` can list the keys cheaply.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from flows.text import normalize
from nlu.lexicon import DATA_DIR, LANGS, examples_in

NLU_DIR = DATA_DIR.parent


@dataclass(frozen=True)
class HeldoutSet:
    key: str  # what `triage eval --heldout` takes
    name: str
    directory: Path
    about: str

    def utterances(self) -> list[tuple[str, str, str]]:
        """(language, intent, text) for every utterance the training data does not also have."""
        return [row for row in examples_in(self.directory) if not trained_on(row[2])]

    def lookalikes(self) -> dict[str, list[str]]:
        """Crisis look-alikes per language (lookalikes.yml and/or <lang>-lookalikes.yml), untrained ones."""
        found: dict[str, list[str]] = defaultdict(list)
        for lang, text in self._all_lookalikes():
            if not trained_on(text):
                found[lang].append(text)
        return found

    def trained_count(self) -> int:
        """Messages left out because the training data has them word for word (stock phrases written
        independently, "i want to die", "yes"): scoring them would score training data."""
        return sum(trained_on(text) for text in [row[2] for row in examples_in(self.directory)]
                   + [text for _, text in self._all_lookalikes()])

    def _all_lookalikes(self) -> list[tuple[str, str]]:
        paths = [self.directory / "lookalikes.yml", *(self.directory / f"{lang}-lookalikes.yml" for lang in LANGS)]
        return [(lang, text) for path in paths if path.exists()
                for lang, texts in yaml.safe_load(path.read_text(encoding="utf-8")).items() for text in texts]


@lru_cache(maxsize=1)
def _training_messages() -> frozenset[str]:
    return frozenset(normalize(text) for _, _, text in examples_in(DATA_DIR))


def trained_on(text: str) -> bool:
    """The training data has this message, up to case, accents and punctuation."""
    return normalize(text) in _training_messages()


HELDOUT_SETS = [
    HeldoutSet("v11", "v11 (crisis)", NLU_DIR / "heldout11",
               "20 per need intent and 6 per conversational intent per language (a quarter each short, SMS style "
               "and speech-transcript style, some near a guide boundary), plus 40 crisis messages (a third inside "
               "an ordinary need request) and 40 crisis look-alikes per language, written at the start of the ninth "
               "round by six new writers (guide only) and committed unread; scored blind once before any change "
               "(figures in the notes), then read: a development set since."),
    HeldoutSet("v10", "v10 (crisis)", NLU_DIR / "heldout10",
               "8 per need intent, 40 crisis messages and 40 crisis look-alikes per language, written at the end "
               "of the seventh round by four new writers (guide only) and committed unread; scored blind once at "
               "the start of the eighth round (figures in the notes), then read: a development set since."),
    HeldoutSet("v9", "v9 (crisis)", NLU_DIR / "heldout9",
               "English: 60 crisis messages (about a third buried inside an ordinary need request), 8 per other "
               "need intent and 60 crisis look-alikes, written at the start of the sixth round by a new writer "
               "(guide only). Spanish and French: 50 crisis messages and 40 look-alikes each, written by three "
               "more new writers (guide only) at the start of the seventh; no Spanish or French need messages. "
               "Committed unread and scored once before any change was made for them (figures in the notes); "
               "read afterwards, so a development set in this report."),
    HeldoutSet("v8", "v8 (crisis)", NLU_DIR / "heldout8",
               "60 crisis messages and 8 per other need intent per language, plus 60 crisis look-alikes per "
               "language, written at the start of the fifth round by three new writers (guide only, after the guide "
               "spelled out who is in danger and when) before any of the round's changes; scored blind once, then a "
               "development set (its misses and false alarms were read)."),
    HeldoutSet("v7", "v7 (crisis)", NLU_DIR / "heldout7",
               "60 crisis messages and 8 per other need intent per language, plus 60 crisis look-alikes per "
               "language, written late in the fourth round by three new writers (guide only) after v6 was scored; "
               "scored blind once, then a development set in the fifth round (its misses and false alarms were read)."),
    HeldoutSet("v6", "v6", NLU_DIR / "heldout6",
               "30 per need intent and 8 per conversational intent per language, plus 60 crisis messages and 60 "
               "crisis look-alikes per language, written at the start of the fourth round by six new writers (guide "
               "only; one for needs and one for crisis per language) before any of the round's changes; scored "
               "blind once, then its crisis misses and false alarms were read: a development set since."),
    HeldoutSet("v5", "v5 (crisis)", NLU_DIR / "heldout5",
               "50 crisis messages and 8 per other need intent per language, plus 40 crisis look-alikes per "
               "language, written late in the third round by three new writers (guide only); scored blind once, then "
               "a development set in the fourth round (its crisis misses and false alarms were read)."),
    HeldoutSet("v4", "v4", NLU_DIR / "heldout4",
               "40 per need intent and 8 per conversational intent per language, plus 50 crisis look-alikes per "
               "language, written at the start of the third round by three new writers (guide only, never the "
               "training data or another set); scored blind once in the third round, then its crisis misses and "
               "false alarms were read and shaped the keyword net: a development set since."),
    HeldoutSet("v3", "v3", NLU_DIR / "heldout3",
               "20 per need intent and 6 per conversational intent per language, plus 30 crisis look-alikes per "
               "language, written at the end of the second round by three more writers (guide only); scored blind "
               "once in the second round, then a development set in the third (its look-alike misses shaped "
               "the keyword net's figures of speech)."),
    HeldoutSet("v2", "v2", NLU_DIR / "heldout2",
               "30 per need intent and 8 per conversational intent per language, plus 30 crisis look-alikes per "
               "language, written in the second round from docs/nlu-labeling-guide.md by three writers who never saw "
               "the training data or v1; scored blind once, then a development set (its crisis figures shaped "
               "the third round's keyword net)."),
    HeldoutSet("v1", "v1", NLU_DIR / "heldout",
               "42 per need intent and 10–11 per conversational intent per language, plus 15 look-alikes per "
               "language, written blind in the first round; its aggregates (never its texts) guided which needs "
               "got more training data, so it is no longer fully blind."),
]
