"""Routing table: language, need, population, caseload, shifts, holidays and DST."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ivr.specialists.routing import route
from tests.specialists.conftest import detroit

MONDAY_10 = detroit(2024, 3, 4, 10, 0)


def ids(decision):
    return [c.id for c in decision.candidates]


@pytest.mark.parametrize("need, language, population, now, expected", [
    # Fits first (most room first), then the next best by language, then need, then the overflow line.
    ("eviction", "es", "families", MONDAY_10, ["maria", "rosa", "luis", "housing"]),
    # Aisha (on shift from 10:00) handles housing but not individuals: after the fits, before Luis.
    ("housing", "en", "individuals", MONDAY_10, ["james", "maria", "aisha", "housing"]),
    # Population: only James serves older adults, whatever the others' room.
    ("rent", "en", "older_adults", MONDAY_10, ["james", "aisha", "maria", "housing"]),
    # French: Aisha's own shift starts at 10:00, so at 9:00 nobody speaks French: need, then
    # population (Rosa serves families but is full), then room decide.
    ("eviction", "fr", "families", detroit(2024, 3, 4, 9, 0), ["maria", "rosa", "james", "housing"]),
    ("eviction", "fr", "families", MONDAY_10, ["aisha", "maria", "rosa", "housing"]),
    # A need no housing person handles goes to the general team; "agent" means any team.
    ("food", "es", None, MONDAY_10, ["luis", "maria", "rosa"]),
    ("agent", "en", None, MONDAY_10, ["luis", "aisha", "james", "housing"]),
    # Saturday: only the housing team works (team hours), Aisha's own shift is off.
    ("shelter", "en", "families", detroit(2024, 3, 9, 12, 0), ["maria", "rosa", "james", "housing"]),
])
def test_routing_table(roster, need, language, population, now, expected):
    assert ids(route(roster, need, language, population, now)) == expected


def test_the_fit_is_marked_and_full_caseloads_go_last(roster):
    decision = route(roster, "eviction", "es", "families", MONDAY_10)
    assert [(c.id, c.fit, c.whisper) for c in decision.candidates] == [
        ("maria", True, True), ("rosa", False, True), ("luis", False, True), ("housing", False, False)]
    assert decision.candidates[-1].phone == "+18663132520"


def test_sunday_is_after_hours_with_the_next_opening(roster):
    decision = route(roster, "eviction", "es", "families", detroit(2024, 3, 10, 11, 0))
    assert not decision.available
    assert decision.next_open == detroit(2024, 3, 11, 8, 0)


def test_a_holiday_at_3am_opens_the_next_working_morning(roster):
    decision = route(roster, "housing", "en", None, detroit(2024, 12, 25, 3, 0))
    assert not decision.available
    # Dec 24 and 25 are Michigan state holidays; the 26th is a Thursday.
    assert decision.next_open == detroit(2024, 12, 26, 8, 0)
    assert not route(roster, "housing", "en", None, detroit(2024, 7, 4, 10, 0)).available


def test_crisis_goes_to_the_crisis_line_at_3am_on_a_holiday(roster):
    decision = route(roster, "crisis", "es", None, detroit(2024, 12, 25, 3, 0))
    assert [(c.kind, c.phone, c.whisper) for c in decision.candidates] == [("crisis", "+18002738255", False)]


def test_shifts_follow_wall_clock_time_across_dst(roster):
    # 12:30 UTC is 07:30 EST on Friday, 08:30 EDT on Monday after the spring change.
    assert not route(roster, "housing", "en", None, datetime(2024, 3, 8, 12, 30, tzinfo=timezone.utc)).available
    assert ids(route(roster, "housing", "en", None, datetime(2024, 3, 11, 12, 30, tzinfo=timezone.utc)))[0] == "james"
    # Saturday after closing (EST) -> Monday 08:00 EDT, which is 12:00 UTC, not 13:00.
    decision = route(roster, "housing", "en", None, detroit(2024, 3, 9, 15, 0))
    assert decision.next_open == datetime(2024, 3, 11, 12, 0, tzinfo=timezone.utc)
    # Fall back: Monday 08:00 EST is 13:00 UTC.
    decision = route(roster, "housing", "en", None, detroit(2024, 11, 2, 15, 0))
    assert decision.next_open == datetime(2024, 11, 4, 13, 0, tzinfo=timezone.utc)


def test_overflow_line_when_the_team_is_open_but_nobody_is_on_shift(roster):
    from dataclasses import replace
    emptied = replace(roster, specialists=tuple(s for s in roster.specialists if s.team != "housing" and s.id != "luis"))
    assert [(c.kind, c.id) for c in route(emptied, "eviction", "es", None, MONDAY_10).candidates] == [
        ("overflow", "housing")]


def test_max_attempts_bounds_the_people_called(roster):
    from dataclasses import replace
    one = replace(roster, transfer=replace(roster.transfer, max_attempts=1))
    assert ids(route(one, "eviction", "es", "families", MONDAY_10)) == ["maria", "housing"]
