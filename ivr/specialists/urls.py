"""Callback URLs Twilio requests during a transfer: one table for the blueprint and the URL builders."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import has_request_context, request

PREFIX = "/voice/transfer"
PATHS = {
    "hold": "/hold",  # caller's conference waitUrl: "please hold" + music
    "conference": "/conference",  # conference statusCallback (join/leave/end)
    "whisper": "/whisper",  # specialist answered: summary + "press 1"
    "accept": "/accept",  # specialist's key press
    "status": "/status",  # specialist or overflow call status: no-answer, busy, completed
    "announce": "/announce",  # said to the waiting caller (participant announceUrl)
    "voicemail": "/voicemail",  # caller leaves a message
    "voicemail_saved": "/voicemail/saved",  # <Record action>
    "transcription": "/voicemail/transcription",  # <Record transcribeCallback>
}


def url(settings, name: str, **params: str) -> str:
    """Absolute URL of a transfer route: PUBLIC_BASE_URL, else the current request's host."""
    if settings.public_base_url:
        base = settings.public_base_url.rstrip("/")
    elif has_request_context():
        base = request.host_url.rstrip("/")
    else:
        raise RuntimeError("PUBLIC_BASE_URL is needed to build Twilio callback URLs outside a request")
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{base}{PREFIX}{PATHS[name]}" + (f"?{query}" if query else "")
