"""Structured JSON log lines, with phone numbers redacted and message bodies never written."""
from __future__ import annotations

import logging

from pythonjsonlogger import jsonlogger

from ivr.privacy import redact_text

# Request fields that hold what a resident wrote or said: never logged, whatever a caller passes.
_PRIVATE_FIELDS = ("Body", "SpeechResult", "body", "text", "speech")


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_text(record.getMessage())
        record.args = ()
        for name, value in list(record.__dict__.items()):
            if name in _PRIVATE_FIELDS:
                setattr(record, name, "[redacted]")
            elif isinstance(value, str) and name not in ("msg", "exc_text", "stack_info"):
                setattr(record, name, redact_text(value))
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
