"""Global commands and language switches, recognised in any of the three languages at every step."""
from __future__ import annotations

from flows.text import normalize, strip_phrases
from flows.types import NluResult

MENU, BACK, AGENT, HELP, MORE = "menu", "back", "agent", "help", "more"
# The model's intents that mean the same as a command word, when it is confident.
INTENT_COMMANDS = {"agent": AGENT, "help": HELP}
CONFIDENT = 0.6


class Commands:
    def __init__(self, keywords: dict):
        self._filler = [normalize(w) for w in keywords["filler"]]
        self._commands = {
            name: {normalize(w) for words in by_lang.values() for w in words}
            for name, by_lang in keywords["commands"].items()
        }
        self._languages = {
            lang: {normalize(w) for w in words} for lang, words in keywords["languages"].items()
        }

    def _bare(self, text: str | None) -> str:
        normalized = normalize(text or "")
        return strip_phrases(normalized, self._filler) or normalized

    def command(self, text: str | None, digits: str | None, nlu: NluResult | None) -> str | None:
        """menu | back | agent | help | more, or None."""
        if digits == "0":
            return AGENT
        bare = self._bare(text)
        for name, phrases in self._commands.items():
            if bare in phrases:
                return name
        if nlu is not None and nlu.available and nlu.confidence >= CONFIDENT:
            return INTENT_COMMANDS.get(nlu.intent) or INTENT_COMMANDS.get(nlu.need or "")
        return None

    def language_switch(self, text: str | None, nlu: NluResult | None) -> str | None:
        """The language the caller asks for ("español", "french please"), or None."""
        bare = self._bare(text)
        for lang, names in self._languages.items():
            if bare in names:
                return lang
        if nlu is not None and nlu.available and nlu.intent == "choose_language" and nlu.confidence >= CONFIDENT:
            choice = nlu.entities.get("language_choice")
            if choice in self._languages:
                return choice
        return None
