"""The real trained model, loaded once for the whole session (`make test` trains it first)."""
from __future__ import annotations

import pytest

from nlu.backends import InProcessBackend
from nlu.parser import Parser
from nlu.train import ensure_model


@pytest.fixture(scope="session")
def model_path():
    return ensure_model()  # no-op when the Makefile already trained the current data


@pytest.fixture(scope="session")
def parser(model_path) -> Parser:
    return Parser(InProcessBackend(model_path, timeout=10.0))
