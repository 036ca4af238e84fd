"""Reply -> TwiML for Messaging."""
from __future__ import annotations

from twilio.twiml.messaging_response import MessagingResponse

from flows.types import Reply


def sms_text(reply: Reply) -> str:
    return "\n".join([*reply.texts, *(sentence for _, sentence in reply.multilingual)])


def render_sms(reply: Reply) -> str:
    response = MessagingResponse()
    text = sms_text(reply)
    if text and not reply.silent:
        response.message(text)
    return str(response)
