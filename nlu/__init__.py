"""NLU: language, intent/need and entities for a caller's words (see docs/architecture.md)."""
import os

# Before Rasa or TensorFlow are imported anywhere: no telemetry, less log noise.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# Rasa would otherwise keep a training cache in .rasa/ of the working directory.
os.environ.setdefault("RASA_MAX_CACHE_SIZE", "0")

from nlu.parser import Parser, get_parser  # noqa: E402

__all__ = ["Parser", "get_parser"]
