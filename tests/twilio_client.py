"""Sends webhook requests to the app exactly as Twilio does: form-encoded and signed."""
from __future__ import annotations

import itertools
from urllib.parse import urljoin

from twilio.request_validator import RequestValidator

AUTH_TOKEN = "test-auth-token-0123456789abcdef"
ACCOUNT_SID = "AC" + "0" * 32
CALLER = "+13135552520"
HELPLINE = "+18005550199"

_sids = itertools.count(1)


def new_sid(prefix: str = "SM") -> str:
    return f"{prefix}{next(_sids):032x}"


class TwilioSigner:
    def __init__(self, flask_client, token: str = AUTH_TOKEN, base_url: str = "http://localhost"):
        self.client = flask_client
        self.validator = RequestValidator(token)
        self.base_url = base_url

    def post(self, path: str, params: dict, *, signed_url: str | None = None, headers=None, **kwargs):
        url = urljoin(self.base_url, path)
        signature = self.validator.compute_signature(signed_url or url, params)
        headers = {"X-Twilio-Signature": signature, **(headers or {})}
        return self.client.post(url, data=params, headers=headers, **kwargs)

    def sms(self, body: str, *, sid: str | None = None, caller: str = CALLER, **extra):
        params = {
            "MessageSid": sid or new_sid(), "SmsSid": sid or "", "AccountSid": ACCOUNT_SID,
            "From": caller, "To": HELPLINE, "Body": body, "NumMedia": "0", **extra,
        }
        return self.post("/sms", params)
