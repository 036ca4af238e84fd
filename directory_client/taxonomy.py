"""Need codes -> taxonomy terms and keywords, from the operator-editable needs_taxonomy.yml."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_FILE = Path(__file__).parent / "data" / "needs_taxonomy.yml"


@dataclass(frozen=True)
class Need:
    code: str
    terms: frozenset[str]
    keywords: dict[str, tuple[str, ...]]  # language -> words
    api_term_ids: tuple[str, ...]

    def all_keywords(self) -> tuple[str, ...]:
        return tuple(word for words in self.keywords.values() for word in words)


@dataclass(frozen=True)
class Taxonomy:
    needs: dict[str, Need]
    referral_terms: frozenset[str]
    fingerprint: str  # changes when the file does, so the embedded index knows to rebuild

    def need(self, code: str) -> Need:
        try:
            return self.needs[code]
        except KeyError:
            raise ValueError(f"unknown need code {code!r}; known: {', '.join(self.needs)}") from None

    def needs_of(self, terms, text: str) -> dict[str, int]:
        """Which needs a service meets: 2 by taxonomy term, 1 by keyword in its text only."""
        terms = set(terms)
        folded = text.casefold()
        found: dict[str, int] = {}
        for need in self.needs.values():
            if need.terms & terms:
                found[need.code] = 2
            elif any(_word_in(word, folded) for word in need.all_keywords()):
                found[need.code] = 1
        return found

    def guess_need(self, text: str) -> str | None:
        """The need an operator's free-text query names ("rent help" -> rent), for the CLI."""
        folded = text.casefold()
        if folded in self.needs:
            return folded
        for need in self.needs.values():
            if any(_word_in(word, folded) for word in need.all_keywords()):
                return need.code
        return None


def _word_in(word: str, folded_text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(word.casefold()) + r"(?!\w)", folded_text) is not None


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = DEFAULT_FILE) -> Taxonomy:
    raw_text = Path(path).read_bytes()
    raw = yaml.safe_load(raw_text)
    api_ids = raw.get("api_term_ids") or {}
    needs = {
        code: Need(
            code=code,
            terms=frozenset(str(t) for t in entry.get("terms") or ()),
            keywords={lang: tuple(words) for lang, words in (entry.get("keywords") or {}).items()},
            api_term_ids=tuple(str(t) for t in api_ids.get(code) or ()),
        )
        for code, entry in raw["needs"].items()
    }
    return Taxonomy(needs, frozenset(str(t) for t in raw.get("referral_terms") or ()),
                    hashlib.sha256(raw_text).hexdigest())
