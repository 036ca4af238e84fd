"""Language identification for short caller messages: en, es, fr or "unsure".

Three voters add log scores, and the session's language (the hint) gets a bonus:
- lingua, restricted to our three languages: character n-grams of up to five letters, so it knows
  words the training data never saw ("desalojaron", "garderie") and what accents say. Added to the
  lexicon it did better on 1–3 words than langdetect, py3langid or fastText's lid.176 did (out-of-fold
  on the training data and on nlu/langid_dev.yml; numbers in docs/nlu-eval.md).
- langdetect, restricted to the same three profiles: a second character-level opinion, asked only
  when the other two leave it close (LANGDETECT_MARGIN). Its effect beside the other two is small
  (out-of-fold on the training data + dev set, weight 0 / 0.3 / 0.7: 1–12 words right 97.68 / 97.73 / 97.72 %, 1–3 words wrong 86 / 102 / 128 of 2426, unsure 88 / 69 / 47),
  so it gets a low weight.
- a naive Bayes vote over the words of the training data (nlu/lexicon.py): the domain's words and
  spellings ("renta", "proprio", "jpeux").
Replies the training data lists word for word in several languages ("ok", "no", "stop") carry no
language: without a hint they are "unsure"; with one, the hint's language. Below MIN_CONFIDENCE the
answer is "unsure" too: the flows ask instead of guessing.
"""
from __future__ import annotations

import math
import threading
from functools import lru_cache

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException
from lingua import Language, LanguageDetectorBuilder

from nlu.lexicon import LANGS, Lexicon, lexicon, words

UNSURE = "unsure"
VOTERS = ("lingua", "langdetect", "lexicon", "replies")  # switches for the ablations in nlu/langid_eval.py
# Tuned by `python -m nlu.langid_eval --tune`: training data 5-fold (the lexicon built from the other
# folds) plus the short-message dev set nlu/langid_dev.yml; never on nlu/heldout*/.
LINGUA_WEIGHT = 2.0
# lingua spreads its confidence on one or two words; the floor keeps a near-zero value from vetoing
# a language the lexicon knows the word in.
LINGUA_FLOOR = 0.1
LEXICON_WEIGHT = 1.0
# langdetect is over-confident on a word or two: a low weight and a floor cap its vote.
LANGDETECT_WEIGHT = 0.3
LANGDETECT_FLOOR = 0.05
# Asked only when lingua and the lexicon leave the two leading languages closer than its largest swing
# (0.3 × log 0.05 ≈ 0.9) plus the hint's bonus: on the training data, dev and held-out sets, with and
# without hints, 19 of 23,668 answers changed and detect() took a fifth of the time (1.0 -> 0.2 ms).
LANGDETECT_MARGIN = 3.5
# Big enough to settle words two languages share ("taxi", "transport"), small enough that a caller who
# switches language in a sentence is followed (flows/engine.py switches at 0.9 on 3+ words).
HINT_BONUS = 2.5
# Same bar as the flows' LANGUAGE_CONFIDENT: below it they would ask anyway.
MIN_CONFIDENCE = 0.6

_LINGUA = {Language.ENGLISH: "en", Language.SPANISH: "es", Language.FRENCH: "fr"}
_lock = threading.Lock()
_detector = None
_langdetect = None


def preload():
    """Build lingua and the lexicon once per process (~0.7 s, ~100 MB): call at startup so no caller waits."""
    global _detector, _langdetect
    with _lock:
        if _langdetect is None:
            factory = DetectorFactory()
            profiles = []
            for lang in LANGS:
                with open(f"{PROFILES_DIRECTORY}/{lang}", encoding="utf-8") as f:
                    profiles.append(f.read())
            factory.load_json_profile(profiles)
            factory.set_seed(0)  # langdetect samples at random: fixed seed, same answer every time
            _langdetect = factory
        if _detector is None:
            # Preloaded models: lazily loaded ones cost ~0.7 s on the first message and p99 ~4 ms after.
            detector = LanguageDetectorBuilder.from_languages(*_LINGUA).with_preloaded_language_models().build()
            detector.compute_language_confidence_values("hola")  # the first call initialises more (~15 ms)
            lexicon()
            _detector = detector
    return _detector


def _langdetect_log_probs(text: str) -> dict[str, float]:
    if _langdetect is None:
        preload()
    detector = _langdetect.create()
    detector.append(text)
    try:
        probs = {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:  # no letters it knows
        return {lang: 0.0 for lang in LANGS}
    return {lang: math.log(probs.get(lang, 0.0) + LANGDETECT_FLOOR) for lang in LANGS}


def _logits(text: str, voters, lex: Lexicon | None) -> dict[str, float]:
    logit = {lang: 0.0 for lang in LANGS}
    if "lingua" in voters:
        values = (_detector or preload()).compute_language_confidence_values(text)
        confidence = {_LINGUA[c.language]: c.value for c in values}
        for lang in LANGS:
            logit[lang] += LINGUA_WEIGHT * math.log(confidence.get(lang, 0.0) + LINGUA_FLOOR)
    if "lexicon" in voters:
        lex = lex or lexicon()
        known = lex.known(words(text))
        if known:
            for lang, value in lex.log_likelihoods(known).items():
                logit[lang] += LEXICON_WEIGHT * value
    first, second = sorted(logit.values(), reverse=True)[:2]
    if "langdetect" in voters and first - second < LANGDETECT_MARGIN:
        for lang, value in _langdetect_log_probs(text).items():
            logit[lang] += LANGDETECT_WEIGHT * value
    return logit


@lru_cache(maxsize=1024)
def _shipped_logits(text: str) -> dict[str, float]:
    # Each parse asks twice (the parser with the session's hint, then the spaCy pipeline choosing a
    # tokenizer without): the voters run once.
    return _logits(text, VOTERS, None)


def scores(text: str, hint: str | None = None, *, voters=VOTERS, lex: Lexicon | None = None) -> dict[str, float]:
    """Posterior probability of each language from the voters (and the hint's bonus)."""
    logit = dict(_shipped_logits(text) if voters == VOTERS and lex is None else _logits(text, voters, lex))
    if hint in LANGS:
        logit[hint] += HINT_BONUS
    top = max(logit.values())
    exp = {lang: math.exp(v - top) for lang, v in logit.items()}
    total = sum(exp.values())
    return {lang: v / total for lang, v in exp.items()}


def detect(text: str, hint: str | None = None, *, voters=VOTERS, lex: Lexicon | None = None) -> tuple[str, float]:
    """(language, confidence); "unsure" when the text has no letters or the evidence is weak."""
    if not words(text):
        return (hint, 0.5) if hint in LANGS else (UNSURE, 0.0)
    if "replies" in voters:
        shared = (lex or lexicon()).shared_reply(text)
        if shared:  # the text can't tell these languages apart: only the session can (0.5, as for digits)
            return (hint, 0.5) if hint in shared else (UNSURE, 0.0)
    probs = scores(text, hint, voters=voters, lex=lex)
    lang = max(probs, key=probs.get)
    confidence = round(probs[lang], 3)
    return (lang, confidence) if confidence >= MIN_CONFIDENCE else (UNSURE, confidence)
