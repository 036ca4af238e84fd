"""JSON Schemas for the YAML data: trees, prompts and keywords. Cross-references are checked in loader.py."""
from __future__ import annotations

_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_KEY = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$"}  # prompt key: "section.name"
_TARGET = {"type": "string", "pattern": "^(@(slots|agent|main|again|text|callback|voicemail|yes|no)|[a-z][a-z0-9_]*)$"}
_SLOT = {"enum": ["location", "household", "population", "urgency"]}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}


def _by_language(items: dict) -> dict:
    return {
        "type": "object",
        "properties": {lang: items for lang in ("en", "es", "fr")},
        "required": ["en", "es", "fr"],
        "additionalProperties": False,
    }


_BY_LANGUAGE = _by_language(_WORDS)
# Checked by the loader's format checker: a pattern that doesn't compile names its file and place.
_PATTERNS_BY_LANGUAGE = _by_language({**_WORDS, "items": {**_WORDS["items"], "format": "regex"}})

CHOICE = {
    "type": "object",
    "properties": {
        "key": {"type": "string", "pattern": "^[0-9]$"},
        "label": _KEY,
        "hints": _KEY,
        "intents": {"type": "array", "items": {"type": "string"}},
        "set": {"type": "object", "additionalProperties": {"type": "string"}},
        "need": {"type": "string"},
        "language": {"enum": ["en", "es", "fr"]},
        "channel": {"enum": ["sms", "voice"]},
        "next": _TARGET,
    },
    "required": ["key", "label"],
    # A choice either names a need (and goes to its entry node) or says where to go next.
    "oneOf": [{"required": ["need"], "not": {"required": ["next"]}}, {"required": ["next"]}],
    "additionalProperties": False,
}

NODE = {
    "type": "object",
    "properties": {
        "prompt": _KEY,
        "fills": _SLOT,
        "choices": {"type": "array", "items": CHOICE},
    },
    "required": ["prompt"],
    "anyOf": [{"required": ["choices"]}, {"required": ["fills"]}],
    "additionalProperties": False,
}

TREE = {
    "type": "object",
    "properties": {
        "family": _ID,
        "needs": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"entry": _TARGET, "slots": {"type": "array", "items": _SLOT, "uniqueItems": True}},
                "required": ["entry", "slots"],
                "additionalProperties": False,
            },
        },
        "nodes": {"type": "object", "propertyNames": _ID, "additionalProperties": NODE, "minProperties": 1},
    },
    "required": ["family", "nodes"],
    "additionalProperties": False,
}

PROMPTS = {
    "type": "object",
    "propertyNames": _KEY,
    "additionalProperties": {"type": "string", "minLength": 1},
    "minProperties": 1,
}

KEYWORDS = {
    "type": "object",
    "properties": {
        "crisis": _BY_LANGUAGE,
        "crisis_patterns": _PATTERNS_BY_LANGUAGE,
        "crisis_figurative": _PATTERNS_BY_LANGUAGE,
        "crisis_distanced": _PATTERNS_BY_LANGUAGE,
        "crisis_negations": _PATTERNS_BY_LANGUAGE,
        "crisis_resolved": _PATTERNS_BY_LANGUAGE,
        "crisis_present": _PATTERNS_BY_LANGUAGE,
        "crisis_joking": _PATTERNS_BY_LANGUAGE,
        "commands": {
            "type": "object",
            "properties": {name: _BY_LANGUAGE for name in ("menu", "back", "agent", "help", "more")},
            "required": ["menu", "back", "agent", "help", "more"],
            "additionalProperties": False,
        },
        "languages": _BY_LANGUAGE,
        "filler": _WORDS,
        "optout": {
            "type": "object",
            "properties": {"stop": _WORDS, "start": _WORDS, "help": _BY_LANGUAGE},
            "required": ["stop", "start", "help"],
            "additionalProperties": False,
        },
    },
    "required": ["crisis", "crisis_patterns", "crisis_figurative", "commands", "languages", "filler", "optout"],
    "additionalProperties": False,
}
