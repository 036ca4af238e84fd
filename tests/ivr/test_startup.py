"""Configuration mistakes stop the app at start, with a message that says where."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from flows.loader import FlowConfigError
from ivr.app import create_app

FLOWS = Path(__file__).resolve().parents[2] / "flows"


def test_invalid_flow_yaml_fails_start_naming_the_file_and_node(settings, tmp_path):
    for part in ("trees", "prompts"):
        shutil.copytree(FLOWS / part, tmp_path / part)
    shutil.copy(FLOWS / "keywords.yml", tmp_path / "keywords.yml")
    housing = tmp_path / "trees" / "housing.yml"
    text = housing.read_text(encoding="utf-8")
    assert "entry: eviction_stage" in text
    housing.write_text(text.replace("entry: eviction_stage", "entry: eviction_stgae", 1), encoding="utf-8")
    with pytest.raises(FlowConfigError, match=r"housing\.yml.*eviction_stgae"):
        create_app(settings.with_(flows_dir=str(tmp_path)))


def test_the_shipped_flows_start(settings):
    assert create_app(settings.with_(flows_dir=str(FLOWS))).test_client().get("/healthz").status_code == 200


def test_unsupported_voice_language_fails_start(settings):
    with pytest.raises(ValueError, match="es-XX"):
        create_app(settings.with_(voice_language_es="es-XX"))
