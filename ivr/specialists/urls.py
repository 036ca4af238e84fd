"""Callback URLs Twilio requests during a transfer: one table for the blueprint and the URL builders."""
from __future__ import annotations

from urllib.parse import urlencode

from ivr.urls import external_url

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
    """Absolute URL of a transfer route, with its query parameters."""
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return external_url(settings, f"{PREFIX}{PATHS[name]}" + (f"?{query}" if query else ""))
