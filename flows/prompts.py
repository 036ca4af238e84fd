"""Prompt templates in en/es/fr, with per-channel variants ("key.sms", "key.voice")."""
from __future__ import annotations


class Prompts:
    def __init__(self, by_language: dict[str, dict[str, str]]):
        self._by_language = by_language

    def key_for(self, language: str, key: str, channel: str) -> str:
        variant = f"{key}.{channel}"
        return variant if variant in self._by_language[language] else key

    def text(self, language: str, key: str, channel: str, /, **values: object) -> str:
        template = self._by_language[language][self.key_for(language, key, channel)]
        for name, value in values.items():
            if isinstance(value, str) and value.endswith("."):
                template = template.replace(f"{{{name}}}.", f"{{{name}}}")  # "9:00 a.m.." -> "9:00 a.m."
        return template.format(**values)

    def words(self, language: str, key: str) -> tuple[str, ...]:
        """A comma-separated prompt (speech hints) as a tuple of phrases."""
        return tuple(w.strip() for w in self._by_language[language][key].split(",") if w.strip())
