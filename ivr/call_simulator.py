"""A phone call as Twilio would make it: signed webhooks in, TwiML played, typed keys or "speech" back.

Drives a running server over HTTP (`triage call`) or a Flask test client (the voice tests).
"""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urljoin

from twilio.request_validator import RequestValidator

# (url, form, headers) -> (HTTP status, body)
Transport = Callable[[str, dict, dict], "tuple[int, str]"]
MAX_REDIRECTS = 20  # Twilio gives up on a redirect loop too
STATUS_PATH = "/voice/status"

_sids = itertools.count(1)


def http_transport(url: str, form: dict, headers: dict) -> tuple[int, str]:
    import requests

    response = requests.post(url, data=form, headers=headers, timeout=30)
    return response.status_code, response.text


def flask_transport(client) -> Transport:
    def post(url: str, form: dict, headers: dict) -> tuple[int, str]:
        response = client.post(url, data=form, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    return post


@dataclass(frozen=True)
class Spoken:
    text: str
    language: str | None
    voice: str | None


@dataclass
class Page:
    """What the caller got since their last input: all that was said, then a Gather, a Dial or the end."""

    documents: list[ET.Element] = field(default_factory=list)  # each TwiML response, Redirects followed
    urls: list[str] = field(default_factory=list)  # the URL each document came from
    said: list[Spoken] = field(default_factory=list)
    gather: ET.Element | None = None
    dial: ET.Element | None = None
    ended: bool = False

    @property
    def text(self) -> str:
        return " ".join(spoken.text for spoken in self.said)

    @property
    def hints(self) -> list[str]:
        raw = self.gather.get("hints", "") if self.gather is not None else ""
        return [hint.strip() for hint in raw.split(",") if hint.strip()]


class CallFailed(Exception):
    """The server answered with something Twilio would not play."""


class CallSimulator:
    def __init__(self, post: Transport, base_url: str, auth_token: str | None = None,
                 caller: str = "+13135552520", helpline: str = "+18005550199"):
        self.post = post
        self.base_url = base_url
        self.validator = RequestValidator(auth_token) if auth_token else None
        self.caller = caller
        self.helpline = helpline
        self.call_sid = f"CA{next(_sids):032x}"
        self.page: Page | None = None
        self.status_sent = False
        self.requests: list[tuple[str, dict]] = []  # every webhook sent, for tests and --verbose

    # --- what the caller does --------------------------------------------------------------------

    def start(self) -> Page:
        return self._fetch(urljoin(self.base_url, "/voice"), {"CallStatus": "ringing"})

    def press(self, digits: str) -> Page:
        return self._answer({"Digits": digits})

    def say(self, speech: str, confidence: float = 0.9) -> Page:
        return self._answer({"SpeechResult": speech, "Confidence": f"{confidence:.2f}"})

    def silence(self) -> Page:
        return self._answer({})

    def hang_up(self, status: str = "completed") -> int:
        """The caller hangs up: Twilio sends the call's status callback."""
        self.status_sent = True
        code, _ = self._send(urljoin(self.base_url, STATUS_PATH),
                             {"CallStatus": status, "CallDuration": "42"})
        return code

    # --- Twilio's side ---------------------------------------------------------------------------

    def _answer(self, result: dict) -> Page:
        gather = self.page.gather if self.page else None
        if gather is None:
            raise CallFailed("nothing is listening: the last page has no <Gather>")
        current = self.page.urls[-1]
        if not result and gather.get("actionOnEmptyResult") != "true":
            # Twilio moves on to the verbs after an empty Gather.
            return self._play_from(current, self.page.documents[-1], after=gather)
        action = urljoin(current, gather.get("action") or current)
        return self._fetch(action, {"CallStatus": "in-progress", **result})

    def _params(self, extra: dict) -> dict:
        return {"AccountSid": "AC" + "0" * 32, "CallSid": self.call_sid, "From": self.caller,
                "To": self.helpline, "Caller": self.caller, "Called": self.helpline,
                "Direction": "inbound", "ApiVersion": "2010-04-01", **extra}

    def _send(self, url: str, extra: dict) -> tuple[int, str]:
        params = self._params(extra)
        headers = {"X-Twilio-Signature": self.validator.compute_signature(url, params)} if self.validator else {}
        self.requests.append((url, params))
        return self.post(url, params, headers)

    def _fetch(self, url: str, extra: dict, page: Page | None = None) -> Page:
        code, body = self._send(url, extra)
        if code != 200:
            raise CallFailed(f"POST {url} answered {code}: {body[:200]}")
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            raise CallFailed(f"POST {url} answered something that is not TwiML: {body[:200]}") from error
        return self._play_from(url, root, page=page)

    def _play_from(self, url: str, root: ET.Element, after: ET.Element | None = None,
                   page: Page | None = None) -> Page:
        page = page or Page()
        page.documents.append(root)
        page.urls.append(url)
        verbs = list(root)
        if after is not None:
            verbs = verbs[verbs.index(after) + 1:]
        for verb in verbs:
            if verb.tag == "Say":
                page.said.append(_spoken(verb))
            elif verb.tag == "Gather":
                page.said += [_spoken(say) for say in verb.iter("Say")]
                page.gather = verb
                return self._settle(page)
            elif verb.tag == "Dial":
                page.dial = verb
                return self._settle(page)
            elif verb.tag == "Hangup":
                break
            elif verb.tag == "Redirect":
                if len(page.documents) > MAX_REDIRECTS:
                    raise CallFailed(f"more than {MAX_REDIRECTS} redirects")
                return self._fetch(urljoin(url, verb.text.strip()), {"CallStatus": "in-progress"}, page)
        page.ended = True  # a Hangup, or the end of the document: Twilio hangs up
        self._settle(page)
        if not self.status_sent:
            self.hang_up()
        return page

    def _settle(self, page: Page) -> Page:
        self.page = page
        return page


def _spoken(say: ET.Element) -> Spoken:
    return Spoken(re.sub(r"\s+", " ", "".join(say.itertext())).strip(), say.get("language"), say.get("voice"))


def parse_input(line: str) -> tuple[str, str | None, float]:
    """A typed line -> ("keys", digits) / ("speech", words, confidence) / ("silence") / ("hangup").

    "eviction @0.4" says "eviction" with a speech confidence of 0.4.
    """
    line = line.strip()
    if not line:
        return "silence", None, 0.0
    if line in ("/hangup", "/bye"):
        return "hangup", None, 0.0
    if re.fullmatch(r"[0-9*#]+", line):
        return "keys", line, 1.0
    match = re.fullmatch(r"(.*?)\s*@\s*(0(?:\.\d+)?|1(?:\.0+)?)", line)
    if match:
        return "speech", match.group(1), float(match.group(2))
    return "speech", line, 0.9
