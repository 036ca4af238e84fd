import pytest

from flows.engine import load_engine


@pytest.fixture(scope="session")
def engine():
    return load_engine()
