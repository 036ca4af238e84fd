"""GET /healthz (process up) and GET /readyz (Redis reachable, NLU model loaded)."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ivr.webhook import services

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    svc = services()
    checks = {
        "redis": svc.store.ping(),
        "nlu": svc.conversation.parser.parse("hello").available,
    }
    ready = all(checks.values())
    return jsonify(status="ready" if ready else "not ready", checks=checks), 200 if ready else 503
