"""POST /sms: Twilio Messaging webhook."""
from __future__ import annotations

from flask import Blueprint, Response, request
from twilio.twiml.messaging_response import MessagingResponse

from ivr.events import sms_event
from ivr.render_sms import render_sms
from ivr.signature import protect
from ivr.webhook import answer, now, services

bp = protect(Blueprint("sms", __name__))


def _apology(text: str, language: str | None) -> str:
    response = MessagingResponse()
    response.message(text)
    return str(response)


@bp.post("/sms")
def inbound_sms() -> Response:
    event = sms_event(request.form, services().settings, now())
    twiml = answer(
        event,
        request.form.get("From"),
        render=lambda outcome: render_sms(outcome.reply),
        apologize=_apology,
        # The first delivery of this Sid is still being answered and will send the reply.
        in_progress=lambda: str(MessagingResponse()),
    )
    return Response(twiml, mimetype="text/xml")
