"""The long-lived parts of the app, built once per worker from Settings."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from directory_client import get_directory
from flows.engine import load_engine
from ivr import actions, specialists
from ivr.blueprints.voice import sms_status_url
from ivr.conversation import Conversation
from ivr.sessions import SessionStore
from ivr.twilio_rest import rest_client
from nlu import get_parser


@lru_cache(maxsize=4)
def _parser(settings):
    # The model takes seconds to load: one per worker, shared by every app built with these settings.
    return get_parser(settings)


@lru_cache(maxsize=4)
def _engine(flows_dir: str):
    # Checked in full at start: a typo in a flow stops the app here, not in a caller's face.
    root = Path(flows_dir)
    return load_engine(root / "trees", root / "prompts", root / "keywords.yml")


@dataclass
class Services:
    settings: object
    store: SessionStore
    conversation: Conversation

    @classmethod
    def from_settings(cls, settings) -> "Services":
        store = SessionStore.from_settings(settings)
        directory = get_directory(settings)
        executors = {
            "lookup": actions.lookup(directory, settings.directory_language),
            "record_triage": actions.record_triage(store.client, settings.session_ttl_sms),
            "hangup": actions.hangup,
            "transfer": actions.specialists_action(specialists.handle_transfer, settings, store.client),
            "callback_request": actions.specialists_action(specialists.request_callback, settings, store.client),
            "voicemail": actions.specialists_action(specialists.start_voicemail, settings, store.client),
            # The REST client is built on first use: a dev server without TWILIO_AUTH_TOKEN still starts.
            "send_sms": actions.send_sms(store, lambda: rest_client(settings), lambda: sms_status_url(settings)),
        }
        return cls(settings, store, Conversation(_engine(settings.flows_dir), _parser(settings), executors))
