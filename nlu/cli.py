"""Subcommands for `triage` (see ivr/cli.py): train, classify, eval."""
from __future__ import annotations

import json
import sys

import click

from nlu.heldout_sets import HELDOUT_SETS


@click.command("train", help="Train the NLU model into nlu/models/ (skipped with --if-needed when up to date).")
@click.option("--if-needed", is_flag=True, help="Reuse the model built from the current training data.")
def train_command(if_needed: bool) -> None:
    from nlu.train import ensure_model, train

    click.echo(ensure_model() if if_needed else train())


@click.command("classify", help='JSON lines {"text", "channel"} on stdin -> one JSON result line each on stdout.')
def classify_command() -> None:
    from nlu import get_parser

    parser = get_parser()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            text = json.loads(line).get("text") or ""
        except (ValueError, AttributeError):
            text = ""
        result = parser.parse(text)
        out = {"text": text, "language": result.language, "language_confidence": result.language_confidence,
               "intent": result.intent, "need": result.need, "confidence": result.confidence,
               "entities": result.entities}
        click.echo(json.dumps(out, ensure_ascii=False))
        sys.stdout.flush()


@click.command("eval", help="Evaluate on the held-out sets (nlu/heldout*/), against Rasa's default pipeline; writes docs/nlu-eval.md.")
@click.option("--report", default="docs/nlu-eval.md", show_default=True)
@click.option("--skip-baselines", is_flag=True, help="Only the shipped model (no baseline training).")
@click.option("--cv", is_flag=True, help="Add the cross-validation tuning grid on the training data (nlu/cv.py).")
@click.option("--baseline-json", default=None,
              help="Rasa's default pipeline scored elsewhere (--write-baseline-json): not trained again here.")
@click.option("--write-baseline-json", default=None,
              help="Only train and score Rasa's default pipeline (the slow part), write its JSON and stop.")
@click.option("--preamble", default="", help="Text put under the title (how the numbers were obtained).")
@click.option("--heldout", multiple=True, type=click.Choice([s.key for s in HELDOUT_SETS]),
              help="Only these held-out sets (default: all). Keep the newest set blind: score it once.")
def eval_command(report: str, skip_baselines: bool, cv: bool, baseline_json: str | None,
                 write_baseline_json: str | None, preamble: str, heldout: tuple[str, ...]) -> None:
    from nlu.evaluate import BaselineMismatch, run, write_default_baseline

    if write_baseline_json:
        write_default_baseline(write_baseline_json, heldout)
        return
    try:
        run(report, baselines=not skip_baselines, cv=cv, baseline_json=baseline_json, preamble=preamble,
            heldout=heldout)
    except BaselineMismatch as e:
        raise click.UsageError(str(e)) from e
    # Aggregates only: the report holds no held-out texts, and neither does stdout.
    click.echo(f"wrote {report}")


commands: list = [train_command, classify_command, eval_command]
