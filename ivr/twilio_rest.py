"""The Twilio REST client, built once per Settings; `TWILIO_API_BASE` redirects it (tests: Prism)."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from twilio.base.exceptions import TwilioException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

TIMEOUT = 10.0  # seconds; REST calls happen inside Twilio webhooks, which give up after 15


class RebasedHttpClient(TwilioHttpClient):
    """Sends every request to `base` instead of https://*.twilio.com, keeping path and query."""

    def __init__(self, base: str, **kwargs):
        super().__init__(**kwargs)
        self.base = urlsplit(base.rstrip("/"))

    def request(self, method, url, *args, **kwargs):
        target = urlsplit(url)
        url = urlunsplit((self.base.scheme, self.base.netloc, self.base.path + target.path, target.query, ""))
        return super().request(method, url, *args, **kwargs)


class TwilioNotConfigured(TwilioException):
    """No TWILIO_AUTH_TOKEN (a dev server): texts and transfers can't be sent, which is expected there."""


@lru_cache(maxsize=8)
def rest_client(settings) -> Client:
    """`twilio.rest.Client` for the account in Settings (a frozen dataclass, so it can key the cache)."""
    if not settings.twilio_auth_token:
        raise TwilioNotConfigured("TWILIO_AUTH_TOKEN is not set")
    http = (RebasedHttpClient(settings.twilio_api_base, timeout=TIMEOUT) if settings.twilio_api_base
            else TwilioHttpClient(timeout=TIMEOUT))
    return Client(settings.twilio_account_sid, settings.twilio_auth_token, http_client=http)
