"""A helpline with the shipped directory seed data, called through the call simulator as Twilio would."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from directory_client.build import import_data
from directory_client.taxonomy import load_taxonomy
from ivr.app import create_app
from ivr.call_simulator import CallSimulator, flask_transport
from ivr.config import Settings
from tests.twilio_client import ACCOUNT_SID, AUTH_TOKEN, CALLER

TUESDAY_10AM_SAN_MATEO = datetime(2025, 3, 4, 18, 0, tzinfo=timezone.utc)
SUNDAY_3AM_SAN_MATEO = datetime(2025, 3, 9, 11, 0, tzinfo=timezone.utc)  # specialists are off
SAN_MATEO_ZIP = "94401"


@pytest.fixture(scope="session")
def directory_db(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("directory") / "directory.sqlite3"
    import_data(db, load_taxonomy(), None)  # the seed data `make directory` ships
    return str(db)


@pytest.fixture
def settings(redis_url, directory_db, prism) -> Settings:
    return Settings.from_env({"TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
                              "REDIS_URL": redis_url, "DIRECTORY_DB": directory_db, "TWILIO_API_BASE": prism})


@pytest.fixture
def now() -> datetime:
    """The app's clock; a test parametrizes `now` to call at another hour."""
    return TUESDAY_10AM_SAN_MATEO


@pytest.fixture
def app(settings, now):
    return create_app(settings, clock=lambda: now)


@pytest.fixture
def phone(app):
    """phone() -> a new call from CALLER (or phone(caller="+1...")), signed with the helpline's token."""
    def dial(caller: str = CALLER, token: str = AUTH_TOKEN) -> CallSimulator:
        return CallSimulator(flask_transport(app.test_client()), "http://localhost", token, caller)
    return dial
