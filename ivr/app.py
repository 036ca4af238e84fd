"""Flask application factory."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Callable

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from flows.types import LANGUAGES
from ivr.config import Settings
from ivr.logging_setup import configure_logging
from ivr.services import Services
from ivr.voice_languages import voice_language

log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def create_app(settings: Settings | None = None, clock: Callable[[], datetime] = utc_now) -> Flask:
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level)
    app = Flask(__name__)
    app.config["SETTINGS"] = settings
    app.config["CLOCK"] = clock
    if settings.trust_proxy:
        n = settings.trust_proxy
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)
    if not settings.twilio_auth_token:
        log.warning("TWILIO_AUTH_TOKEN is unset: unsigned requests are accepted from loopback only")
    for language in LANGUAGES:
        voice_language(language, settings)  # an unsupported VOICE_LANGUAGE_* stops the app here
    app.extensions["triage"] = Services.from_settings(settings)

    from ivr.blueprints import health, sms, voice
    from ivr.specialists.blueprint import bp as specialists_bp

    app.register_blueprint(health.bp)
    app.register_blueprint(sms.bp)
    app.register_blueprint(voice.bp)
    app.register_blueprint(specialists_bp)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return jsonify(error=error.name), error.code

    return app
