"""Fixtures for the specialists tests: the test roster, Detroit times, Prism-backed Settings, and an app
serving the specialists blueprint that Twilio's callbacks (signed like Twilio signs them) reach."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import redis
from flask import Flask
from twilio.request_validator import RequestValidator

from ivr.config import Settings
from ivr.services import Services
from ivr.sessions import SessionStore
from ivr.specialists.config import load

ROSTER = Path(__file__).with_name("data") / "specialists.yaml"
DETROIT = ZoneInfo("America/Detroit")
PUBLIC = "https://helpline.example.org"
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
TOKEN = "test-auth-token"


def detroit(*args) -> datetime:
    return datetime(*args, tzinfo=DETROIT)


@pytest.fixture
def roster():
    return load(ROSTER)


@pytest.fixture
def settings(prism, redis_url) -> Settings:
    return Settings(twilio_account_sid=ACCOUNT, twilio_auth_token=TOKEN, twilio_api_base=prism,
                    public_base_url=PUBLIC, redis_url=redis_url, specialists_file=str(ROSTER))


@pytest.fixture
def store(settings) -> SessionStore:
    return SessionStore.from_settings(settings)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(detroit(2024, 3, 4, 10, 0))


class TwilioCallbacks:
    """Posts to the app as Twilio does: to the absolute URL it was given, with X-Twilio-Signature."""

    def __init__(self, client) -> None:
        self.client = client
        self.validator = RequestValidator(TOKEN)

    def post(self, absolute_url: str, **form: str):
        assert absolute_url.startswith(PUBLIC), absolute_url
        signature = self.validator.compute_signature(absolute_url, form)
        return self.client.post(absolute_url[len(PUBLIC):], data=form, headers={"X-Twilio-Signature": signature})


@pytest.fixture
def twilio(settings, store, clock) -> TwilioCallbacks:
    from ivr.specialists.blueprint import bp

    app = Flask(__name__)
    app.config.update(SETTINGS=settings, CLOCK=clock)
    app.extensions["triage"] = Services(settings, store, conversation=None)
    app.register_blueprint(bp)
    return TwilioCallbacks(app.test_client())


@pytest.fixture
def redis_client(store) -> redis.Redis:
    return store.client
