"""Twilio request signatures: every webhook blueprint is protected before any body is processed."""
from __future__ import annotations

import ipaddress
import logging

from flask import Blueprint, abort, current_app, request
from twilio.request_validator import RequestValidator

log = logging.getLogger(__name__)


def signed_url(settings) -> str:
    """The URL Twilio signed: the public base when configured (behind a proxy), else the request's own.

    ProxyFix (TRUST_PROXY) has already applied X-Forwarded-Proto/Host to request.url when trusted.
    """
    if settings.public_base_url:
        query = request.query_string.decode()
        return settings.public_base_url.rstrip("/") + request.path + (f"?{query}" if query else "")
    return request.url


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def check_signature() -> None:
    settings = current_app.config["SETTINGS"]
    if not settings.twilio_auth_token:
        # Dev mode (warned about at start): only a local tool such as `triage call` may skip signing.
        if _is_loopback(request.remote_addr):
            return
        abort(403)
    signature = request.headers.get("X-Twilio-Signature", "")
    validator = RequestValidator(settings.twilio_auth_token)
    if not signature or not validator.validate(signed_url(settings), request.form, signature):
        log.warning("rejected unsigned or forged request", extra={"path": request.path})
        abort(403)


def protect(bp: Blueprint) -> Blueprint:
    bp.before_request(check_signature)
    return bp
