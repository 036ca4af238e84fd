"""The `triage` console script, as scripts and operators call it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

TRIAGE = str(Path(sys.executable).parent / "triage")
CLASSIFY_KEYS = {"text", "language", "language_confidence", "intent", "need", "confidence", "entities"}


def test_help_lists_every_subcommand():
    out = subprocess.run([TRIAGE, "--help"], capture_output=True, text=True, check=True).stdout
    for command in ("serve", "train", "classify", "eval", "chat", "call", "directory", "specialists"):
        assert f"  {command} " in out or f"  {command}\n" in out, command


def test_classify_reads_and_writes_json_lines_exactly():
    lines = [
        {"text": "me van a desalojar", "channel": "sms"},
        {"text": "I NEED FOOD FOR MY KIDS", "channel": "voice"},
        {"text": "", "channel": "sms"},
        {"text": "je n'ai plus de chauffage depuis une semaine", "channel": "sms"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    run = subprocess.run([TRIAGE, "classify"], input=stdin, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    out = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(out) == len(lines)
    assert all(set(row) == CLASSIFY_KEYS for row in out)
    assert [row["text"] for row in out] == [line["text"] for line in lines]
    assert (out[0]["language"], out[0]["need"]) == ("es", "eviction")
    assert (out[1]["language"], out[1]["need"]) == ("en", "food")
    assert (out[2]["intent"], out[2]["need"]) == ("unknown", None)
    assert (out[3]["language"], out[3]["need"]) == ("fr", "utilities")


def test_eval_refuses_a_baseline_scored_on_other_sets_before_any_long_work(tmp_path):
    stale = tmp_path / "baseline.json"
    stale.write_text(json.dumps({"name": "Rasa default pipeline", "train_seconds": 1.0, "sets": ["v1"],
                                 "en": [1, 2], "es": [1, 2], "fr": [1, 2]}))
    report = tmp_path / "report.md"
    run = subprocess.run([TRIAGE, "eval", "--baseline-json", str(stale), "--heldout", "v2", "--report", str(report)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "scored sets ['v1'], this report ['v2']" in run.stderr
    assert not report.exists()


def test_chat_runs_a_conversation_to_a_referral():
    script = "me van a desalojar el viernes\n2\n48201\n2\n1\n/quit\n"
    run = subprocess.run([TRIAGE, "chat", "--at", "2026-11-25T14:30:00-05:00"], input=script,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "¿En qué etapa va el desalojo?" in run.stdout
    assert "¿Cuál es su código postal o ciudad?" in run.stdout
    assert "Estos lugares le pueden ayudar:" in run.stdout
    assert "Responda 0 para hablar con una persona" in run.stdout
