"""The REST client factory reaches Prism (Twilio's spec) with the account's Basic auth."""
from __future__ import annotations

import pytest
from twilio.base.exceptions import TwilioRestException

from ivr.config import Settings
from ivr.twilio_rest import rest_client

SID = "AC0123456789abcdef0123456789abcdef"


def test_rest_calls_go_to_the_configured_base_and_match_twilios_spec(prism, prism_requests):
    client = rest_client(Settings(twilio_account_sid=SID, twilio_auth_token="secret", twilio_api_base=prism))
    call = client.calls.create(to="+13135550101", from_="+13135550100", url="https://example.org/twiml")
    assert call.sid.startswith("CA")
    [sent] = prism_requests.to("POST", "/Calls.json")
    assert sent.path == f"/2010-04-01/Accounts/{SID}/Calls.json"
    assert (sent.status, sent.form["To"], sent.form["Url"]) == (201, "+13135550101", "https://example.org/twiml")


def test_prism_rejects_what_twilio_would_reject(prism, prism_requests):
    client = rest_client(Settings(twilio_account_sid=SID, twilio_auth_token="secret", twilio_api_base=prism))
    with pytest.raises(TwilioRestException):
        # Updating a participant needs the conference's CF... SID, not its friendly name.
        client.conferences("tr-friendly-name").participants("CA" + "0" * 32).update(announce_url="https://x.org/a")
    assert [r.status for r in prism_requests.all] == [422]
