"""Train the NLU model, or reuse the one built from the same training data.

`python -m nlu.train --if-needed` (what make calls) trains only when nlu/models/ has no model whose
file name carries the current content hash of the data, config and the code that shapes features.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import rasa

from nlu.concepts import CONCEPTS_DIR

NLU_DIR = Path(__file__).parent
DATA_DIR = NLU_DIR / "data"
CONFIG = NLU_DIR / "config.yml"
DEFAULT_MODEL_DIR = NLU_DIR / "models"
# Everything that changes what the model learns or how it featurizes text.
HASHED = [CONFIG, NLU_DIR / "entity_phrases.yml"] + [NLU_DIR / f for f in (
    "components.py", "spacy_pipeline.py", "entities.py", "lexicon.py", "langid.py", "concepts.py")] + [
    NLU_DIR.parent / "flows" / "text.py"]  # fold(): the folded words and lemmas the features are made of


def content_hash(paths: list[Path] | None = None) -> str:
    """Of the training data and everything in HASHED, or of the given files."""
    digest = hashlib.sha256(rasa.__version__.encode())
    for path in paths if paths is not None else training_files() + HASHED:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def training_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yml")) + sorted(CONCEPTS_DIR.glob("*.yml"))


def model_path(model_dir: Path | str = DEFAULT_MODEL_DIR) -> Path:
    return Path(model_dir) / f"nlu-{content_hash()}.tar.gz"


def _say(message: str) -> None:
    print(f"[nlu] {message}", file=sys.stderr, flush=True)


def train(model_dir: Path | str = DEFAULT_MODEL_DIR, config: Path = CONFIG, name: str | None = None) -> Path:
    """Train with Rasa's own API into model_dir; returns the model file."""
    from rasa.model_training import train_nlu

    model_dir = Path(model_dir)
    target = model_dir / f"{name}.tar.gz" if name else model_path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    _say(f"training {target.name} from {DATA_DIR} with {config.name}...")
    started = time.monotonic()
    # Rasa reads all YAML files in the directory: one per language.
    train_nlu(str(config), str(DATA_DIR), output=str(model_dir), fixed_model_name=target.name[: -len(".tar.gz")])
    _say(f"trained in {time.monotonic() - started:.1f}s -> {target}")
    return target


def ensure_model(model_dir: Path | str = DEFAULT_MODEL_DIR) -> Path:
    """The model for the current training data, trained first if missing; older models are removed."""
    target = model_path(model_dir)
    if target.exists():
        _say(f"model up to date: {target}")
        return target
    train(model_dir)
    for old in Path(model_dir).glob("nlu-*.tar.gz"):
        if old != target:
            old.unlink()
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--if-needed", action="store_true", help="skip training when the model is up to date")
    parser.add_argument("--model-dir", default=str(DEFAULT_MODEL_DIR))
    args = parser.parse_args(argv)
    path = ensure_model(args.model_dir) if args.if_needed else train(args.model_dir)
    print(path)


if __name__ == "__main__":
    main()
