"""Every Twilio webhook is signed: anything else is a 403 that changes nothing."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import redis

from ivr.app import create_app
from tests.twilio_client import CALLER, TwilioSigner, new_sid


def sms_params(body="hello"):
    return {"MessageSid": new_sid(), "From": CALLER, "To": "+18005550199", "Body": body}


def message_text(response) -> str:
    root = ET.fromstring(response.data)
    return " ".join(m.text or "" for m in root.iter("Message"))


def test_signed_request_gets_a_twiml_message(twilio):
    response = twilio.sms("hello")
    assert response.status_code == 200
    assert response.mimetype == "text/xml"
    assert message_text(response).strip()


def test_unsigned_request_is_rejected_without_touching_redis(app, redis_url):
    response = app.test_client().post("/sms", data=sms_params())
    assert response.status_code == 403
    assert redis.Redis.from_url(redis_url).keys("*") == []


def test_forged_signature_is_rejected(app, redis_url):
    forged = TwilioSigner(app.test_client(), token="not-the-real-token")
    assert forged.post("/sms", sms_params()).status_code == 403
    assert redis.Redis.from_url(redis_url).keys("*") == []


def test_signature_replayed_to_another_url_is_rejected(twilio):
    response = twilio.post("/sms", sms_params(), signed_url="http://localhost/voice")
    assert response.status_code == 403


def test_signature_replayed_with_other_parameters_is_rejected(app):
    client = app.test_client()
    params = sms_params("hello")
    signature = TwilioSigner(client).validator.compute_signature("http://localhost/sms", params)
    tampered = {**params, "Body": "something else"}
    response = client.post("/sms", data=tampered, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 403


def test_signature_with_default_port_is_accepted(twilio):
    # Twilio sometimes signs https URLs with :443 left in, sometimes without.
    response = twilio.post("/sms", sms_params(), signed_url="http://localhost:80/sms")
    assert response.status_code == 200


def proxied_post(app):
    """A request as it arrives behind a TLS-terminating proxy, signed for the public https URL."""
    client = TwilioSigner(app.test_client(), base_url="http://10.0.0.5:8000")
    return client.post(
        "/sms", sms_params(), signed_url="https://helpline.example.org/sms",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "helpline.example.org",
                 "X-Forwarded-For": "54.172.60.1"},
    )


def test_proxy_headers_validate_when_trust_proxy_is_set(settings):
    assert proxied_post(create_app(settings.with_(trust_proxy=1))).status_code == 200


def test_proxy_headers_are_ignored_without_trust_proxy(settings):
    assert proxied_post(create_app(settings)).status_code == 403


def test_public_base_url_is_what_twilio_signed(settings):
    app = create_app(settings.with_(public_base_url="https://helpline.example.org"))
    client = TwilioSigner(app.test_client())
    response = client.post("/sms", sms_params(), signed_url="https://helpline.example.org/sms")
    assert response.status_code == 200


def test_dev_mode_without_token_accepts_loopback_only(settings):
    app = create_app(settings.with_(twilio_auth_token=None))
    client = app.test_client()
    assert client.post("/sms", data=sms_params()).status_code == 200
    remote = client.post("/sms", data=sms_params(), environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert remote.status_code == 403


def test_token_is_required_from_non_loopback_when_set(app):
    response = app.test_client().post("/sms", data=sms_params(),
                                      environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 403


def test_unknown_route_is_404_and_wrong_method_405(app):
    client = app.test_client()
    assert client.get("/nope").status_code == 404
    assert client.get("/sms").status_code == 405
    assert client.post("/healthz").status_code == 405



@pytest.mark.parametrize("path, params", [
    ("/sms", {"From": CALLER, "Body": "hi"}),  # no MessageSid
    ("/sms", {"MessageSid": "SM1", "Body": "hi"}),  # no From
    ("/voice", {"From": CALLER}),  # no CallSid
])
def test_signed_request_missing_twilio_fields_is_a_400_that_stores_nothing(twilio, redis_url, path, params):
    response = twilio.post(path, params)
    assert response.status_code == 400
    assert redis.Redis.from_url(redis_url).keys("*") == []


def test_unreadable_speech_confidence_is_ignored_not_a_500(twilio):
    params = {"CallSid": "CA" + "1" * 32, "From": CALLER, "To": "+18005550199",
              "SpeechResult": "English", "Confidence": "not-a-number"}
    response = twilio.post("/voice/gather?step=1", params)
    assert response.status_code == 200
    assert b"<Gather" in response.data
