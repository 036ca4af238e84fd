"""Fixtures for the specialists tests: the test roster and local Detroit times."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ivr.specialists.config import load

ROSTER = Path(__file__).with_name("data") / "specialists.yaml"
DETROIT = ZoneInfo("America/Detroit")


def detroit(*args) -> datetime:
    return datetime(*args, tzinfo=DETROIT)


@pytest.fixture
def roster():
    return load(ROSTER)
