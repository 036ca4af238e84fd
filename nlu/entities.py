"""Rule-based entities: location (ZIP / Canadian postal code / city), household, urgency, language choice.

Rules beat a learned extractor here: codes have a fixed shape, and the phrases are a closed list
that the flows need to be exact about. Phrases are matched by a spaCy PhraseMatcher on folded
norms (see nlu/spacy_pipeline.py); codes, ages and counts by regular expressions.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from directory_client.geo import is_us_zip
from flows.text import fold
from nlu.lexicon import LANGS

PHRASES_FILE = Path(__file__).parent / "entity_phrases.yml"
HOUSEHOLD_PRIORITY = ("with_children", "family", "older_adult", "youth", "alone")

# Speech transcripts often space the digits out: "4 8 2 0 1".
_ZIP = re.compile(r"(?<![\d-])(\d(?:[ -]?\d){4})(?:-\d{4})?(?![\d])")
_MONEY = re.compile(r"\s*(?:\$|€|pesos|dolares|euros|dlls|usd|eur|mil\b|k\b)")
_ES_POSTAL = re.compile(r"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}")
_POSTAL = re.compile(r"\b([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])(?:[ -]?(\d[ABCEGHJ-NPRSTV-Z]\d))?\b", re.I)
_CITY = re.compile(
    r"\b(?:in|near|around|en|cerca de|à|a|au|dans|pres de|près de)\s+"
    r"((?:(?:St\.?|Ste\.?|San|Santa|Saint|Sainte|New|Los|Las|El|La|Le|Fort|Port)[ -])?"
    r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:[ -][A-ZÀ-Ý][a-zà-ÿ'’]+)?)"
)
# Capitalised words after "in" that aren't places.
_NOT_CITIES = {"i", "english", "spanish", "french", "espanol", "ingles", "frances", "francais", "anglais", "section",
               "court", "jail", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10,
}
_NUM = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_SIZE = [re.compile(p) for p in (
    rf"\bfamily of {_NUM}\b", rf"\bwe are {_NUM}\b", rf"\bthere are {_NUM} of us\b", rf"\b{_NUM} of us\b",
    rf"\bfamilia de {_NUM}\b", rf"\bsomos {_NUM}\b", rf"\bfamille de {_NUM}\b", rf"\b(?:nous sommes|on est) {_NUM}\b",
)]
_CHILDREN = re.compile(rf"\b{_NUM} (?:little )?(?:kids|children|boys|girls|sons|daughters|babies|hijos|hijas|ninos|ninas"
                       r"|chamacos|muchachos|bebes|enfants|petits|filles|fils|garcons|gars|bebes)\b")
_AGE = re.compile(r"\b(?:i'?m|i am|tengo|j'ai|j ai)\s+(\d{2})(?:\s*(?:years? old|yrs?|anos|ans))?\b")


@lru_cache(maxsize=1)
def _phrases() -> dict[str, Any]:
    return yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))


class EntityExtractor:
    def __init__(self, pipelines: dict[str, Any]):
        # The ZIP index now, at model load, not at a caller's first ZIP (~0.7 s; zipcodes.is_real scans its
        # whole list on every call, ~50 ms). The directory shares the same index.
        is_us_zip("")
        # One PhraseMatcher per language: the pattern docs must be tokenized like the messages.
        self.matchers = {}
        for lang in LANGS:
            nlp = pipelines[lang]
            matcher = PhraseMatcher(nlp.vocab, attr="NORM")
            for entity, by_value in _phrases().items():
                if entity in ("household_answer", "household_joins"):
                    continue
                if entity == "language_choice":
                    by_value = {value: {lang: phrases} for value, phrases in by_value.items()}
                for value, by_lang in by_value.items():
                    # Code-switching is common ("tonight" in a Spanish SMS): every language's phrases apply.
                    phrases = [p for lang_phrases in by_lang.values() for p in lang_phrases]
                    matcher.add(f"{entity}:{value}", [nlp(p) for p in phrases])
            self.matchers[lang] = matcher

    def extract(self, doc: Doc) -> list[dict[str, Any]]:
        """Rasa-style entity dicts; `value` may be a dict (location, household)."""
        text = doc.text
        folded = fold(text)
        found: list[dict[str, Any]] = []
        location = self._location(text, doc.lang_)
        if location:
            found.append({"entity": "location", **location})
        matches: dict[str, dict[str, tuple[int, int]]] = {}
        for match_id, start, end in self.matchers.get(doc.lang_, self.matchers["en"])(doc):
            entity, value = doc.vocab.strings[match_id].split(":")
            span = doc[start:end]
            matches.setdefault(entity, {}).setdefault(value, (span.start_char, span.end_char))
        household = self._household(folded, matches.get("household", {}))
        if household:
            found.append({"entity": "household", **household})
        for entity, order in (("urgency", tuple(_phrases()["urgency"])), ("language_choice", LANGS)):
            values = matches.get(entity, {})
            for value in order:
                if value in values:
                    start, end = values[value]
                    found.append({"entity": entity, "value": value, "start": start, "end": end})
                    break
        return found

    @staticmethod
    def _location(text: str, lang: str = "en") -> dict[str, Any] | None:
        for m in _POSTAL.finditer(text):
            # A bare three-character FSA ("K1N") only counts in capitals: "a1c" in a message is noise.
            if m.group(2) or m.group(1).isupper():
                value = m.group(1).upper() + (" " + m.group(2).upper() if m.group(2) else "")
                return {"value": {"type": "postal_code", "value": value}, "start": m.start(), "end": m.end()}
        for m in _ZIP.finditer(text):
            digits = re.sub(r"\D", "", m.group(1))
            if is_us_zip(digits):  # "20000 dollars" is not a place
                return {"value": {"type": "zip", "value": digits}, "start": m.start(), "end": m.end()}
            if lang == "es" and _ES_POSTAL.fullmatch(m.group(1)) and not digits.endswith("000") \
                    and not _MONEY.match(fold(text[m.end():])) and not text[:m.start()].rstrip().endswith(("$", "€")):
                # Spain's códigos postales are five digits too (28013 Madrid): typed as one group, and the
                # first two digits a province (01-52).
                return {"value": {"type": "postal_code", "value": digits}, "start": m.start(), "end": m.end()}
        for m in _CITY.finditer(text):
            if fold(m.group(1).split()[0]) not in _NOT_CITIES:
                return {"value": {"type": "city", "value": m.group(1)}, "start": m.start(1), "end": m.end(1)}
        return None

    @staticmethod
    def _household(folded: str, values: dict[str, tuple[int, int]]) -> dict[str, Any] | None:
        size = None
        for pattern in _SIZE:
            m = pattern.search(folded)
            if m:
                size = _number(m.group(1))
                break
        children = _CHILDREN.search(folded)
        if children:
            values = {**values, "with_children": children.span()}
            size = size or _number(children.group(1)) + 1
        age = _AGE.search(folded)
        if age:
            years = int(age.group(1))
            if years < 25:
                values = {**values, "youth": age.span()}
            elif years >= 60:
                values = {**values, "older_adult": age.span()}
        for kind in HOUSEHOLD_PRIORITY:
            if kind in values:
                if kind == "alone":
                    size = 1
                start, end = values[kind]
                return {"value": {"type": kind, "size": size}, "start": start, "end": end}
        if size:
            return {"value": {"type": "family" if size > 1 else "alone", "size": size}, "start": 0, "end": len(folded)}
        return None


@lru_cache(maxsize=1)
def _household_words() -> tuple[frozenset[str], frozenset[str]]:
    """(every word a bare household answer may use, the words that join its people)."""
    def words_of(phrases):
        return frozenset(w for p in phrases for w in re.findall(r"[^\W\d_]+", fold(p)))
    household = [p for by_lang in _phrases()["household"].values() for ps in by_lang.values() for p in ps]
    answer = [w for ws in _phrases()["household_answer"].values() for w in ws]
    joins = words_of(w for ws in _phrases()["household_joins"].values() for w in ws)
    return words_of(household + answer) | joins | set(_NUMBER_WORDS), joins


def is_household_answer(text: str) -> bool:
    """People and nothing else: "I live with my husband and two kids", "moi pis mon chum", "somos 4"."""
    allowed, joins = _household_words()
    words = re.findall(r"[^\W\d_]+", fold(text))
    return bool(set(words) & joins) and all(w in allowed for w in words)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token]


def to_slots(entities: list[dict[str, Any]]) -> dict[str, Any]:
    """Rasa's entity list -> the NluResult.entities mapping (first of each kind wins)."""
    slots: dict[str, Any] = {}
    for entity in entities:
        slots.setdefault(entity["entity"], entity["value"])
    return slots
