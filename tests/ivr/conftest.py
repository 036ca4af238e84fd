from __future__ import annotations

import pytest

from ivr.app import create_app
from ivr.config import Settings
from tests.twilio_client import AUTH_TOKEN, TwilioSigner


@pytest.fixture
def settings(redis_url) -> Settings:
    return Settings.from_env({"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "REDIS_URL": redis_url})


@pytest.fixture
def app(settings):
    return create_app(settings)


@pytest.fixture
def twilio(app) -> TwilioSigner:
    return TwilioSigner(app.test_client())
