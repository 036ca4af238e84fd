"""Language identification for short caller messages: en, es, fr or "unsure".

langdetect alone is unreliable on one to three words ("no", "ok", "hola"), so its probabilities
(restricted to our three languages) are combined with a naive Bayes score over the words of the
training data and with the language the session was already using. When the winner's margin is
small the answer is "unsure" and the flows ask instead of guessing.
"""
from __future__ import annotations

import math
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from nlu.lexicon import LANGS, lexicon, words

UNSURE = "unsure"
# Weights tuned on the training files (never on nlu/heldout/); see docs/nlu-eval.md.
LANGDETECT_WEIGHT = 0.7
# langdetect is over-confident on a word or two: a floor on its probabilities caps its vote.
LANGDETECT_FLOOR = 0.05
LEXICON_WEIGHT = 1.0
HINT_BONUS = 2.5
MIN_CONFIDENCE = 0.7


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    factory = DetectorFactory()
    profiles = []
    for lang in LANGS:
        with open(f"{PROFILES_DIRECTORY}/{lang}", encoding="utf-8") as f:
            profiles.append(f.read())
    factory.load_json_profile(profiles)
    factory.set_seed(0)  # langdetect samples at random: fixed seed, same answer every time
    return factory


def _langdetect_log_probs(text: str) -> dict[str, float]:
    detector = _factory().create()
    detector.append(text)
    try:
        probs = {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:  # no letters it knows
        return {lang: 0.0 for lang in LANGS}
    return {lang: math.log(probs.get(lang, 0.0) + LANGDETECT_FLOOR) for lang in LANGS}


def scores(text: str, hint: str | None = None, *, use_langdetect: bool = True, use_lexicon: bool = True) -> dict[str, float]:
    """Posterior probability of each language (the switches exist for the evaluation's ablation)."""
    tokens = words(text)
    logit = {lang: 0.0 for lang in LANGS}
    if use_langdetect:
        for lang, value in _langdetect_log_probs(text).items():
            logit[lang] += LANGDETECT_WEIGHT * value
    if use_lexicon:
        lex = lexicon()
        known = lex.known(tokens)
        if known:
            for lang, value in lex.log_likelihoods(known).items():
                logit[lang] += LEXICON_WEIGHT * value
    if hint in LANGS:
        logit[hint] += HINT_BONUS
    top = max(logit.values())
    exp = {lang: math.exp(v - top) for lang, v in logit.items()}
    total = sum(exp.values())
    return {lang: v / total for lang, v in exp.items()}


def detect(text: str, hint: str | None = None) -> tuple[str, float]:
    """(language, confidence); "unsure" when the text has no letters or the evidence is weak."""
    if not words(text):
        return (hint, 0.5) if hint in LANGS else (UNSURE, 0.0)
    probs = scores(text, hint)
    lang = max(probs, key=probs.get)
    confidence = round(probs[lang], 3)
    return (lang, confidence) if confidence >= MIN_CONFIDENCE else (UNSURE, confidence)
