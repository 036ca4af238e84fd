"""Phone numbers are hashed for storage and redacted in logs."""
from __future__ import annotations

import json
import logging

from ivr.logging_setup import configure_logging
from ivr.privacy import caller_key, redact_number, redact_text


def test_redacted_number_keeps_only_country_code_and_last_four():
    assert redact_number("+13135552520") == "+1******2520"


def test_numbers_inside_text_are_redacted():
    assert redact_text("call me at +1 313 555 2520 please") == "call me at +1******2520 please"


def test_caller_key_is_keyed_and_format_independent():
    assert caller_key("+1 (313) 555-2520", "k1") == caller_key("+13135552520", "k1")
    assert caller_key("+13135552520", "k1") != caller_key("+13135552520", "k2")
    assert "3135552520" not in caller_key("+13135552520", "k1")


def test_log_lines_are_json_with_numbers_and_bodies_redacted(capfd):
    configure_logging("INFO")
    logging.getLogger("test").info("sms from %s", "+13135552520", extra={"Body": "I need rent help"})
    line = capfd.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["message"] == "sms from +1******2520"
    assert record["Body"] == "[redacted]"
    assert "3135552520" not in line and "rent help" not in line
