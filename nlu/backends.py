"""The two ways to run the model: in this process (default) or a Rasa server over HTTP.

Both return Rasa's parse data ({"intent": {...}, "entities": [...]}) or raise NluUnavailable,
within `timeout` seconds either way.
"""
from __future__ import annotations

import asyncio
import logging
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

import requests


class NluUnavailable(Exception):
    """The back end is down, broken or too slow; the flows fall back to numbered menus."""


class InProcessBackend:
    """The trained model loaded once; parses run on one worker thread so a slow parse can time out."""

    def __init__(self, model_path: Path | str, timeout: float):
        import structlog
        from rasa.core.agent import Agent

        # Rasa logs every parse at debug level to stdout; `triage classify` owns stdout.
        structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING),
                            logger_factory=structlog.PrintLoggerFactory(sys.stderr))
        self.timeout = timeout
        self.agent = Agent.load(str(model_path))
        if not self.agent.is_ready():
            raise NluUnavailable(f"could not load {model_path}")
        self._local = threading.local()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nlu")

    def _parse_in_worker(self, text: str) -> dict[str, Any]:
        # Rasa's parse API is async; one event loop per worker thread, reused.
        loop = getattr(self._local, "loop", None) or asyncio.new_event_loop()
        self._local.loop = loop
        return loop.run_until_complete(self.agent.parse_message(text))

    def parse(self, text: str) -> dict[str, Any]:
        future = self._executor.submit(self._parse_in_worker, text)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout as e:
            raise NluUnavailable(f"in-process parse took over {self.timeout}s") from e
        except Exception as e:  # a broken model must not become a 500
            raise NluUnavailable(repr(e)) from e


class HttpBackend:
    """A `rasa run --enable-api -m <model>` server (the Procfile's nlu: line)."""

    def __init__(self, url: str, timeout: float):
        self.url = url.rstrip("/") + "/model/parse"
        self.timeout = timeout
        self.session = requests.Session()

    def parse(self, text: str) -> dict[str, Any]:
        try:
            response = self.session.post(self.url, json={"text": text}, timeout=self.timeout)
            response.raise_for_status()
            return response.json()
        except (requests.RequestException, ValueError) as e:
            raise NluUnavailable(f"{self.url}: {e}") from e


class MissingModelBackend:
    """Stands in when no model could be loaded, so the app still starts and answers with menus."""

    def __init__(self, reason: str):
        self.reason = reason

    def parse(self, text: str) -> dict[str, Any]:
        raise NluUnavailable(self.reason)
