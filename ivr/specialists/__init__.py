"""Live specialists: routing, warm transfer over Twilio Conference, callback and voicemail queue.

The runner calls these (see docs/architecture.md, "Specialists"); Twilio's callbacks land in
`ivr.specialists.blueprint.bp`.
"""
from ivr.specialists.actions import handle_transfer, request_callback, start_voicemail

__all__ = ["handle_transfer", "request_callback", "start_voicemail"]
