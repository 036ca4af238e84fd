"""Absolute URLs that Twilio calls back (and signs)."""
from __future__ import annotations

from flask import has_request_context, request


def external_url(settings, path: str) -> str:
    """PUBLIC_BASE_URL + path, else the current request's host (already corrected by ProxyFix)."""
    if settings.public_base_url:
        base = settings.public_base_url.rstrip("/")
    elif has_request_context():
        base = request.host_url.rstrip("/")
    else:
        raise RuntimeError("PUBLIC_BASE_URL is needed to build Twilio callback URLs outside a request")
    return base + path
