"""Caller numbers never leave the request: sessions use a keyed hash, logs a redacted form."""
from __future__ import annotations

import base64
import hashlib
import hmac
import re

import phonenumbers
from cryptography.fernet import Fernet

# 7+ digits, optionally with the usual separators: what a phone number looks like inside free text.
_PHONE_IN_TEXT = re.compile(r"\+?\d[\d\s().-]{5,}\d")


def normalize_number(raw: str) -> str:
    """E.164 when the number parses, so "+1 (313) 555-0101" and "+13135550101" hash alike."""
    try:
        parsed = phonenumbers.parse(raw, None)
    except phonenumbers.NumberParseException:
        return raw.strip()
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def caller_key(number: str, secret: str) -> str:
    """Keyed hash: without the secret nobody can test guessed numbers against Redis keys."""
    digest = hmac.new(secret.encode(), normalize_number(number).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def redact_number(number: str) -> str:
    """'+13135552520' -> '+1******2520': enough to tell calls apart in a log, not to dial."""
    number = number.strip()
    if len(number) <= 6:
        return "*" * len(number)
    return number[:2] + "*" * (len(number) - 6) + number[-4:]


def redact_text(text: str) -> str:
    return _PHONE_IN_TEXT.sub(lambda m: redact_number(re.sub(r"[^\d+]", "", m.group())), text)


def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"callback-number:" + secret.encode()).digest()))


def seal_number(number: str, secret: str) -> str:
    """A number the caller asked to be called or texted back on, encrypted for the specialists' queue."""
    return _fernet(secret).encrypt(normalize_number(number).encode()).decode()


def open_number(sealed: str, secret: str) -> str:
    return _fernet(secret).decrypt(sealed.encode()).decode()
