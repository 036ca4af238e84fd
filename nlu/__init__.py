"""NLU: language, intent/need and entities for a caller's words (see docs/architecture.md)."""
import logging
import os

# Before Rasa or TensorFlow are imported anywhere: no telemetry, less C++ log noise. These are
# read only by Rasa/TensorFlow; the app's own LOG_LEVEL is left alone (Settings reads it).
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Rasa would otherwise keep a training cache in .rasa/ of the working directory.
os.environ.setdefault("RASA_MAX_CACHE_SIZE", "0")

# Quiet the libraries through their own loggers, not through the process-wide LOG_LEVEL.
for _name in ("rasa", "tensorflow", "absl", "matplotlib", "h5py", "urllib3", "sanic", "apscheduler"):
    logging.getLogger(_name).setLevel(logging.WARNING)

# Rasa saves the classifier with skops; importing skops.io scans every module in sys.modules
# (~5 s once TensorFlow is loaded, ~0.3 s before). Importing it here, first, keeps model load fast.
try:
    import skops.io  # noqa: E402,F401
except ImportError:  # pragma: no cover - only needed by Rasa's LogisticRegressionClassifier
    pass

from nlu.parser import Parser, get_parser  # noqa: E402

__all__ = ["Parser", "get_parser"]
