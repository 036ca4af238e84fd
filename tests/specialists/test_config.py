"""The specialists file: presets, clear errors naming the line, reload on change, `specialists check`."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from ivr.cli import main
from ivr.specialists.config import ConfigError, current, load, parse
from tests.specialists.conftest import ROSTER

GOOD = ROSTER.read_text(encoding="utf-8")


def test_capacity_presets_follow_published_ratios(roster):
    capacity = {s.id: s.capacity for s in roster.specialists}
    assert capacity["james"] == 10  # intensive case management
    assert capacity["rosa"] == 25  # navigation, families
    assert capacity["luis"] == 50  # broad engagement
    assert capacity["maria"] == 20  # explicit number wins


def test_the_default_file_is_valid():
    config = load("config/specialists.yaml")
    assert config.crisis.display == "988"
    assert {"housing", "general"} <= set(config.teams)


@pytest.mark.parametrize("old, new, line, words", [
    ('phone: "+13135550102"', 'phone: "+1313555"', 28, "specialists.1.phone"),
    ('phone: "+13135550103"', 'phone: "+19995550103"', 34, "not a valid phone number"),
    ("team: general\n", "team: generl\n", 48, "unknown team 'generl'"),
    ('mon-thu: "10:00-18:00"', 'mon-thu: "10:00-18.00"', 45, "expected HH:MM-HH:MM"),
    ('mon-thu: "10:00-18:00"', 'mon-thurs: "10:00-18:00"', 45, "unknown day"),
    ("populations: [individuals, older_adults]", "populations: [individuals, seniors]", 31, "'seniors'"),
    ("caseload: {open: 5, capacity: 20}", "caseload: {open: 5}", 44, "needs a capacity, or a ratio"),
    ("timezone: America/Detroit", "timezone: America/Motown", 2, "unknown time zone"),
    ("    overflow:", "  overflow:", 16, "not valid YAML"),
])
def test_an_invalid_file_fails_naming_the_line(old, new, line, words):
    assert old in GOOD
    with pytest.raises(ConfigError) as error:
        parse(GOOD.replace(old, new, 1), "specialists.yaml")
    assert f"specialists.yaml, line {line}:" in str(error.value)
    assert words in str(error.value)


def test_changes_are_reloaded_and_a_broken_edit_keeps_the_last_good_version(tmp_path):
    path = tmp_path / "specialists.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert current(str(path)).specialist("maria").open_cases == 17

    path.write_text(GOOD.replace("open: 17", "open: 19"), encoding="utf-8")
    os.utime(path, ns=(1, 10**18))  # a new mtime even on coarse file-system clocks
    assert current(str(path)).specialist("maria").open_cases == 19

    path.write_text(GOOD.replace("open: 17", "open: -1"), encoding="utf-8")
    os.utime(path, ns=(1, 2 * 10**18))
    assert current(str(path)).specialist("maria").open_cases == 19


def test_a_broken_file_at_start_is_refused(tmp_path):
    path = tmp_path / "specialists.yaml"
    path.write_text(GOOD.replace("team: housing", "team: nobody", 1), encoding="utf-8")
    with pytest.raises(ConfigError, match="line 23: specialists.0.team: unknown team 'nobody'"):
        current(str(path))


def test_check_prints_who_gets_the_call_for_each_need_and_language():
    result = CliRunner().invoke(main, ["specialists", "check", "--file", str(ROSTER),
                                       "--at", "2024-03-04T10:00:00-05:00"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "eviction        es  specialist maria (+13135550101), then rosa, luis, housing" in lines
    assert "crisis          fr  crisis crisis (+18002738255)" in lines
    assert len(lines) == 1 + 15 * 3


def test_check_at_night_says_when_the_team_is_back():
    result = CliRunner().invoke(main, ["specialists", "check", "--file", str(ROSTER),
                                       "--at", "2024-12-25T03:00:00-05:00"])
    assert "food            en  after hours; next open Thu 2024-12-26 08:00 EST" in result.output.splitlines()


def test_check_fails_clearly_on_an_invalid_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace("languages: [en, es]", "languages: [en, pt]", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["specialists", "check", "--file", str(path)])
    assert result.exit_code == 1
    assert "bad.yaml, line 24: specialists.0.languages.1: 'pt' is not one of" in result.output


def test_the_app_refuses_to_start_on_an_invalid_file(tmp_path):
    from flask import Flask

    from ivr.config import Settings
    from ivr.specialists.blueprint import bp

    path = tmp_path / "specialists.yaml"
    path.write_text(GOOD.replace("ring_seconds: 20", "ring_seconds: 2"), encoding="utf-8")
    app = Flask(__name__)
    app.config["SETTINGS"] = Settings(specialists_file=str(path))
    with pytest.raises(ConfigError, match="line 6: transfer.ring_seconds: 2 is less than the minimum of 5"):
        app.register_blueprint(bp)
