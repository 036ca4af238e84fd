"""Crisis safety net: the model's crisis intent OR crisis words, so a crisis is never missed.

The words are flows/keywords.yml's `crisis` phrases and `crisis_patterns` regexes, matched on normalized
text (folded words, single spaces). `crisis_figurative` spans ("rent is gonna kill me", "me quiero morir
de la vergüenza") are blanked out first, so figures of speech don't trip the net but a real crisis
written next to one still does. A match with a `crisis_distanced` marker within a few words ("tried to
kill myself 5 years ago", "mi hermano tuvo una sobredosis el año pasado") is left to the model: the words
alone can't tell a past crisis from a present one. So is a match right after a `crisis_negations` marker
("not thinking of hurting myself", "no pienso en hacerme daño", "je suis pas suicidaire"), and one in a
sentence with `crisis_joking` laughter ("gonna kill my landlord haha").

`told_as_past` serves the parser: the model's own crisis call on a message that tells a crisis as over
("I tried to end my life two years ago, doing much better now") is the model's commonest false alarm.
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
# Where a sentence ends in the caller's text; the break is a word no pattern matches.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")
SENTENCE_BREAK = "|"


# Words either side of a match searched for a distancing marker: near enough to be about the same event
# (6 missed "il y a deux ans j'ai fait une tentative de suicide"; 10 lost no crisis on v1–v7 or out of fold).
DISTANCE_WINDOW = 10
# Words before a match searched for a negation: only the ones that govern it.
NEGATION_WINDOW = 3
# A negation pattern ending in "$" must end right before the crisis word, so it may reach further back
# ("no tengo pensamientos de | matarme", "i don't have any thoughts of | hurting myself").
ANCHORED_NEGATION_WINDOW = 6


def _each(patterns_by_language: dict[str, list[str]]) -> list[re.Pattern]:
    # Compiled one by one, not as one alternation: re scans for each pattern's own leading words, which
    # an alternation of 300 patterns defeats (5.8 -> 0.7 ms on a 200-character message). Every pattern's
    # matches are looked at, so one inside a distanced match is not skipped as a union's would be.
    return [re.compile(p) for by_language in patterns_by_language.values() for p in by_language]


def _union(patterns_by_language: dict[str, list[str]]) -> re.Pattern | None:
    patterns = [p for by_language in patterns_by_language.values() for p in by_language]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class CrisisNet:
    def __init__(self, keywords: dict[str, Any]):
        phrases = sorted({normalize(w) for words in keywords["crisis"].values() for w in words})
        # One compiled alternation, whole words only: every message passes through here.
        self._phrases = re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, phrases))})(?!\w)")
        self._patterns = _each(keywords["crisis_patterns"])
        self._figurative = _union(keywords["crisis_figurative"])
        # A crisis told as over ("she's safe now") distances the words near it as a past one does.
        self._distanced = _union({**{f"past-{k}": v for k, v in keywords.get("crisis_distanced", {}).items()},
                                  **keywords.get("crisis_resolved", {})})
        negations = keywords.get("crisis_negations", {})
        self._negations = _union({lang: [p for p in ps if not p.endswith("$")] for lang, ps in negations.items()})
        self._anchored_negations = _union({lang: [p for p in ps if p.endswith("$")] for lang, ps in negations.items()})
        self._present = _union(keywords.get("crisis_present", {}))
        self._joking = _union(keywords.get("crisis_joking", {}))

    def is_crisis(self, text: str | None, nlu: NluResult | None) -> bool:
        if nlu is not None and nlu.available and "crisis" in (nlu.intent, nlu.need) \
                and nlu.confidence >= CRISIS_CONFIDENCE:
            return True
        return self.matches(text)

    def matches(self, text: str | None) -> bool:
        """The words alone, without the model."""
        if not text:
            return False
        # Sentences kept apart: a marker in an earlier sentence is about another event ("applied for SNAP
        # last week. also took my meds on purpose").
        literal = f" {SENTENCE_BREAK} ".join(_HESITATION.sub("", normalize(s)) for s in _SENTENCE_END.split(text))
        if self._figurative:
            # "~" is not a word character: no phrase can match across a blanked span.
            literal = self._figurative.sub(" ~ ", literal)
        return any(not self._qualified(literal, m) for net in (*self._patterns, self._phrases)
                   for m in net.finditer(literal))

    def told_as_past(self, text: str | None) -> bool:
        """A marker that the crisis is over or elsewhere, and nothing that says it is back or happening now."""
        literal = normalize(text or "")
        if not self._distanced or not self._distanced.search(literal):
            return False
        # Blanked first: "doing better now" is a sign it is over, not of a crisis now.
        return not (self._present and self._present.search(self._distanced.sub(" ~ ", literal)))

    def _qualified(self, literal: str, match: re.Match) -> bool:
        """A distancing marker around the match, or a negation just before it."""
        # Whole words around the match: a pattern may end mid-word ("suicid").
        start, end = literal.rfind(" ", 0, match.start()) + 1, literal.find(" ", match.end())
        end = len(literal) if end < 0 else end
        # Negations and markers before the match: its own sentence only.
        sentence_start = literal.rfind(SENTENCE_BREAK, 0, start) + 1
        before, words, after = literal[sentence_start:start].split(), literal[start:end], literal[end:].split()
        if self._negations and self._negations.search(" ".join(before[-NEGATION_WINDOW:])):
            return True
        if self._anchored_negations and self._anchored_negations.search(" ".join(before[-ANCHORED_NEGATION_WINDOW:])):
            return True
        window = " ".join(before[-DISTANCE_WINDOW:] + [words] + after[:DISTANCE_WINDOW])
        # Laughter anywhere in the match's sentence ("gonna kill him haha", "je vais le tuer lol").
        sentence_after = after[:after.index(SENTENCE_BREAK)] if SENTENCE_BREAK in after else after
        if self._joking and self._joking.search(" ".join(before + [words] + sentence_after)):
            return True
        return bool(self._distanced and self._distanced.search(window))
