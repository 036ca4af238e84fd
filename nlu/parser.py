"""The one NLU interface: `get_parser(settings).parse(text, language_hint) -> NluResult`."""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from flows.crisis import CrisisNet
from flows.types import NEEDS, UNKNOWN, NluResult
from ivr.config import Settings
from nlu import langid, safety
from nlu.backends import HttpBackend, InProcessBackend, MissingModelBackend, NluUnavailable
from nlu.entities import is_household_answer, to_slots
from nlu.lexicon import lexicon, words

log = logging.getLogger(__name__)

# Twilio concatenates SMS up to 1600 characters; real requests are far shorter, and long pastes
# are not worth the model's time.
MAX_CHARS = 1000
# Below this the caller gets the numbered menu rather than a guess (tuned in docs/nlu-eval.md).
MIN_CONFIDENCE = 0.25
# Crisis is called when the model ranks it first, or gives it at least this probability even if another
# intent ranks first: a missed crisis costs more than a false alarm. From `python -m nlu.cv` (out-of-fold
# on the fourth round's training data, with the keyword net of flows/keywords.yml), at 0.25 / 0.3 / 0.35 /
# 0.4 / 0.5: crisis recall 94.0 / 93.3 / 92.4 / 91.8 / 91.3 %, false alarms on other intents 3.5 / 3.1 /
# 2.8 / 2.6 / 2.5 %. On development sets v1–v6, 0.35 and 0.4 caught the same crises.
MIN_CRISIS_CONFIDENCE = 0.35
# Below this, the model's crisis call on a message that tells a crisis as over (CrisisNet.told_as_past) is
# dropped. With the net's resolved markers, false alarms fell from 78 to 61 of 855 look-alikes on development
# sets v1–v7 (whose false alarms the markers were written from) and from 397 to 372 of 11,125 other intents
# out of fold on the fifth round's training data; no crisis lost on either. 0.98 lost one out of fold.
MAX_TOLD_AS_PAST = 0.95


class Parser:
    def __init__(self, backend, net: CrisisNet | None = None):
        self.backend = backend
        self.net = net or safety.crisis_net()

    def parse(self, text: str | None, language_hint: str | None = None) -> NluResult:
        """Never raises: a broken back end gives NluResult.unavailable()."""
        try:
            return self._parse(text or "", language_hint)
        except NluUnavailable as e:
            log.warning("NLU unavailable: %s", e)
        except Exception:
            log.exception("NLU failed")
        return NluResult.unavailable()

    def _parse(self, text: str, hint: str | None) -> NluResult:
        text = " ".join(text.split())
        tokens = words(text)
        if not text or len(text) > MAX_CHARS or (not tokens and not any(c.isdigit() for c in text)):
            # Empty, emoji-only or oversized: nothing to understand.
            lang, confidence = (hint, 0.5) if hint in langid.LANGS else (langid.UNSURE, 0.0)
            return NluResult(lang, confidence, UNKNOWN, None, 0.0, {})
        language, language_confidence = langid.detect(text, hint)
        data = self.backend.parse(text)
        intent = (data.get("intent") or {}).get("name") or UNKNOWN
        confidence = float((data.get("intent") or {}).get("confidence") or 0.0)
        known = bool(lexicon().known(tokens))
        if confidence < MIN_CONFIDENCE or not known:
            # Words the training data never saw ("48201", "asdfgh") carry no intent.
            intent = UNKNOWN
        entities = to_slots(data.get("entities") or [])
        crisis_confidence = next((float(r.get("confidence") or 0.0) for r in data.get("intent_ranking") or []
                                  if r.get("name") == "crisis"), confidence if intent == "crisis" else 0.0)
        if self.net.matches(text):
            intent, confidence = "crisis", max(confidence, 0.99) if intent == "crisis" else 1.0
        elif crisis_confidence < MAX_TOLD_AS_PAST and self.net.told_as_past(text):
            if intent == "crisis":  # the need the story leads to ("…doing better now, I want a support group")
                intent, confidence = self._runner_up(data)
        elif is_household_answer(text):
            # People named and nothing that happens to them: a crisis call is the model's partner-means-crisis
            # habit, and there is no other intent either (the flows take the household from the entities).
            if intent == "crisis":
                intent, confidence = UNKNOWN, 0.0
        elif intent == "crisis" or (crisis_confidence >= MIN_CRISIS_CONFIDENCE and known):
            # Ranked first (above the MIN_CONFIDENCE floor) or likely enough: either way, crisis.
            intent, confidence = "crisis", crisis_confidence
        if intent == "agent":
            # "Can I talk to someone about my eviction?": the need whose words the message uses (the model's
            # concept lists), best ranked first, goes to the specialist's summary.
            named = self._named_need(data)
            if named:
                entities["need"] = named[0]
        elif intent == "choose_language" and entities.get("language_choice") == language:
            # "NA en español", "english is my 2nd language, need help w my cv": a need asked for in the
            # language the caller already writes, so nothing to switch; the need the message names is the intent.
            named = self._named_need(data)
            if named:
                intent, confidence = named
        return NluResult(
            language=language,
            language_confidence=language_confidence,
            intent=intent,
            need=intent if intent in NEEDS else None,
            confidence=round(confidence, 3),
            entities=entities,
        )

    @staticmethod
    def _given_not(data: dict, excluded: str) -> dict[str, float]:
        """Every other ranked intent's probability given that the message is not `excluded`, best first."""
        ranked = {r["name"]: float(r.get("confidence") or 0.0) for r in data.get("intent_ranking") or []
                  if r.get("name") and r["name"] != excluded}
        rest = sum(ranked.values())
        return {name: p / rest for name, p in ranked.items()} if rest else {}

    @classmethod
    def _named_need(cls, data: dict) -> tuple[str, float] | None:
        """The need whose words the message uses (the model's concept lists), best ranked first, with its
        probability given that the message is not the top intent."""
        named = set(data.get("concepts") or []) & (set(NEEDS) - {"agent", "crisis"})
        if not named:
            return None
        top = ((data.get("intent_ranking") or [{}])[0]).get("name", "")
        probs = cls._given_not(data, top)
        best = max(named, key=lambda n: probs.get(n, -1.0))
        return best, probs.get(best, 0.0)

    @classmethod
    def _runner_up(cls, data: dict) -> tuple[str, float]:
        """The best other intent, its probability given that the message is not a crisis."""
        probs = cls._given_not(data, "crisis")
        best = next(iter(probs), None)
        return (best, probs[best]) if best and probs[best] >= MIN_CONFIDENCE else (UNKNOWN, 0.0)


def get_parser(settings: Settings | None = None) -> Parser:
    """The parser for these settings, built once per process (the model loads at first call)."""
    settings = settings or Settings.from_env()
    return _build_parser(settings.rasa_url, settings.nlu_timeout, settings.nlu_model_dir, settings.flows_dir)


@lru_cache(maxsize=None)
def _build_parser(rasa_url: str | None, timeout: float, model_dir: str, flows_dir: str) -> Parser:
    langid.preload()  # here, not at the first caller's message (~0.7 s)
    net = safety.crisis_net(str(Path(flows_dir) / "keywords.yml"))
    if rasa_url:
        return Parser(HttpBackend(rasa_url, timeout), net)
    from nlu.train import model_path

    current = model_path(model_dir)
    # A model from older training data still beats no model: `make` retrains it.
    candidates = [current] if current.exists() else sorted(Path(model_dir).glob("nlu-*.tar.gz"),
                                                           key=lambda p: p.stat().st_mtime, reverse=True)
    if not candidates:
        log.error("no NLU model in %s: run `triage train`", model_dir)
        return Parser(MissingModelBackend(f"no model in {model_dir}"), net)
    try:
        return Parser(InProcessBackend(candidates[0], timeout), net)
    except Exception as e:
        log.exception("could not load %s", candidates[0])
        return Parser(MissingModelBackend(repr(e)), net)
