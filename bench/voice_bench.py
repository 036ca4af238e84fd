"""Voice turn latency: whole English calls through the signed webhooks, each with a directory look-up.

Real Redis (a private redis-server), the in-process NLU model, the embedded directory with the seed data.
Prints p50/p99 over every webhook request and over the turns that looked resources up and read them back.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from directory_client.build import import_data
from directory_client.taxonomy import load_taxonomy
from ivr.app import create_app
from ivr.call_simulator import CallSimulator, Transport, flask_transport
from ivr.config import Settings
from tests.conftest import RedisServer

CALLS = 200
ZIP = "94401"  # San Mateo: the seed data's county
TOKEN = "bench-auth-token"
READ_BACK = "Here are places that can help."
NEEDS = ("I need food", "I need a place to stay tonight", "help with my rent", "I need a job")


def timed(post: Transport, timings: list[tuple[float, str]]) -> Transport:
    def run(url: str, form: dict, headers: dict) -> tuple[int, str]:
        started = time.perf_counter()
        code, body = post(url, form, headers)
        timings.append((time.perf_counter() - started, body))
        return code, body
    return run


def one_call(sim: CallSimulator, need: str) -> None:
    """Greeting, English, the need in words, then the first choice (or the ZIP code) until the read-back."""
    sim.start()
    sim.press("1")
    page = sim.say(need)
    for _ in range(8):
        if READ_BACK in page.text or page.gather is None:
            break
        page = sim.press(ZIP if "ZIP" in page.text else "1")
    sim.hang_up()


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(f"{label}: n={len(ms)} p50={percentile(ms, 50):.1f} ms p99={percentile(ms, 99):.1f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        redis = RedisServer(Path(tmp))
        redis.start()
        try:
            db = Path(tmp) / "directory.sqlite3"
            import_data(db, load_taxonomy(), None)
            settings = Settings.from_env({"TWILIO_AUTH_TOKEN": TOKEN, "REDIS_URL": redis.url,
                                          "DIRECTORY_DB": str(db), "LOG_LEVEL": "WARNING"})
            client = create_app(settings).test_client()
            timings: list[tuple[float, str]] = []
            for n in range(CALLS):
                sim = CallSimulator(timed(flask_transport(client), timings), "http://localhost", TOKEN,
                                    caller=f"+1650555{n:04d}")
                one_call(sim, NEEDS[n % len(NEEDS)])
        finally:
            redis.stop()
    report("voice turn (every webhook)", [seconds for seconds, _ in timings])
    report("voice turn with directory look-up and read-back", [s for s, body in timings if READ_BACK in body])


if __name__ == "__main__":
    main()
