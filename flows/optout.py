"""SMS opt-out keywords (carrier and Twilio rules): the whole message, any case, surrounding spaces."""
from __future__ import annotations

from flows.text import normalize

STOP, START, HELP = "stop", "start", "help"


class OptOut:
    def __init__(self, keywords: dict):
        self._stop = {normalize(w) for w in keywords["stop"]}
        self._start = {normalize(w) for w in keywords["start"]}
        self._help = {normalize(w): lang for lang, words in keywords["help"].items() for w in words}

    def classify(self, text: str | None) -> tuple[str | None, str | None]:
        """(stop | start | help | None, language of a help keyword or None)."""
        word = normalize(text or "")
        if " " in word:
            return None, None
        if word in self._stop:
            return STOP, None
        if word in self._start:
            return START, None
        if word in self._help:
            return HELP, self._help[word]
        return None, None
