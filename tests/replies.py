"""Checks on what a resident reads: the language of a reply and its SMS segment count."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import yaml

from flows.sms_segments import segments

PROMPTS = Path(__file__).resolve().parent.parent / "flows" / "prompts"
MIN_FRAGMENT = 14  # shorter pieces ("911", "MENU") are shared by the languages


@lru_cache(maxsize=1)
def fragments() -> dict[str, set[str]]:
    """Pieces of every prompt between placeholders, per language, minus those two languages share."""
    found: dict[str, set[str]] = {}
    for path in PROMPTS.glob("*.yml"):
        texts = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[path.stem] = {
            piece.strip() for text in texts.values() if isinstance(text, str)
            for piece in re.split(r"\{[^}]*\}", text) if len(piece.strip()) >= MIN_FRAGMENT
        }
    shared = {piece for lang in found for other in found if other != lang for piece in found[lang] & found[other]}
    return {lang: pieces - shared for lang, pieces in found.items()}


def languages_in(text: str) -> set[str]:
    return {lang for lang, pieces in fragments().items() if any(piece in text for piece in pieces)}


def sms_reply(response) -> str:
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    return "\n".join(m.text or "" for m in ET.fromstring(response.data).iter("Message"))


def assert_sms(text: str, language: str, max_segments: int = 2) -> None:
    assert languages_in(text) == {language}, f"expected only {language}: {text!r}"
    assert 1 <= segments(text) <= max_segments, f"{segments(text)} segments: {text!r}"
