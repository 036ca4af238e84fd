"""Configuration: every environment variable the service reads, read here and only here."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

ROOT = Path(__file__).resolve().parent.parent


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    return int(raw) if raw else default


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    return float(raw) if raw else default


def _str(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    raw = env.get(name, "").strip()
    return raw or default


@dataclass(frozen=True)
class Settings:
    twilio_auth_token: str | None = None
    twilio_account_sid: str = "AC00000000000000000000000000000000"
    # Where outbound REST calls go; tests point it at Prism serving Twilio's OpenAPI spec.
    twilio_api_base: str | None = None
    redis_url: str = "redis://127.0.0.1:6379/0"
    port: int = 5000
    public_base_url: str | None = None  # e.g. https://helpline.example.org, when behind a proxy
    trust_proxy: int = 0  # number of proxies whose X-Forwarded-* headers are trusted
    # Secret for the keyed hash of callers' numbers; falls back to the auth token.
    caller_hash_key: str | None = None
    session_ttl_sms: int = 24 * 3600
    session_ttl_voice: int = 2 * 3600
    rasa_url: str | None = None
    nlu_timeout: float = 1.0
    nlu_model_dir: str = str(ROOT / "nlu" / "models")
    directory_url: str | None = None
    directory_db: str = str(ROOT / "var" / "directory.sqlite3")
    directory_timeout: float = 2.0
    directory_taxonomy: str = str(ROOT / "directory_client" / "data" / "needs_taxonomy.yml")
    directory_language: str = "en"  # the language the directory's descriptions are written in
    specialists_file: str = str(ROOT / "config" / "specialists.yaml")
    # Operators may keep their own copy of the menu trees, prompts and keywords (trees/, prompts/, keywords.yml).
    flows_dir: str = str(ROOT / "flows")
    voice_language_es: str = "es-US"  # or es-MX
    voice_language_fr: str = "fr-CA"  # or fr-FR
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        d = cls()
        return cls(
            twilio_auth_token=_str(env, "TWILIO_AUTH_TOKEN"),
            twilio_account_sid=_str(env, "TWILIO_ACCOUNT_SID", d.twilio_account_sid),
            twilio_api_base=_str(env, "TWILIO_API_BASE"),
            redis_url=_str(env, "REDIS_URL", d.redis_url),
            port=_int(env, "PORT", d.port),
            public_base_url=_str(env, "PUBLIC_BASE_URL"),
            trust_proxy=_int(env, "TRUST_PROXY", d.trust_proxy),
            caller_hash_key=_str(env, "CALLER_HASH_KEY"),
            session_ttl_sms=_int(env, "SESSION_TTL_SMS", d.session_ttl_sms),
            session_ttl_voice=_int(env, "SESSION_TTL_VOICE", d.session_ttl_voice),
            rasa_url=_str(env, "RASA_URL"),
            nlu_timeout=_float(env, "NLU_TIMEOUT", d.nlu_timeout),
            nlu_model_dir=_str(env, "NLU_MODEL_DIR", d.nlu_model_dir),
            directory_url=_str(env, "DIRECTORY_URL"),
            directory_db=_str(env, "DIRECTORY_DB", d.directory_db),
            directory_timeout=_float(env, "DIRECTORY_TIMEOUT", d.directory_timeout),
            directory_taxonomy=_str(env, "DIRECTORY_TAXONOMY", d.directory_taxonomy),
            directory_language=_str(env, "DIRECTORY_LANGUAGE", d.directory_language),
            specialists_file=_str(env, "SPECIALISTS_FILE", d.specialists_file),
            flows_dir=_str(env, "FLOWS_DIR", d.flows_dir),
            voice_language_es=_str(env, "VOICE_LANGUAGE_ES", d.voice_language_es),
            voice_language_fr=_str(env, "VOICE_LANGUAGE_FR", d.voice_language_fr),
            log_level=_str(env, "LOG_LEVEL", d.log_level),
        )

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)
