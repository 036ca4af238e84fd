"""Folding and phrase matching shared by the keyword nets (crisis, commands, opt-out)."""
from __future__ import annotations

import re
import unicodedata


# Ligatures have no decomposition: "cœur" typed with one is "coeur" typed without.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "ARRÊT" -> "arret", "Español" -> "espanol", "Cœur" -> "coeur"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Folded words separated by single spaces; punctuation dropped ("s'il" -> "s il")."""
    return " ".join(re.findall(r"\w+", fold(text)))


def strip_phrases(normalized_text: str, phrases: list[str]) -> str:
    """Remove filler phrases (longest first) and tidy the spaces."""
    for phrase in sorted(phrases, key=len, reverse=True):
        normalized_text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", normalized_text)
    return " ".join(normalized_text.split())
