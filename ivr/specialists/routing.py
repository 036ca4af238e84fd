"""Who gets the call: ranked specialists on shift, then the team's overflow line, else after hours."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ivr.specialists.config import Specialist, SpecialistsConfig

ANY_TEAM = "agent"


@dataclass(frozen=True)
class Candidate:
    kind: str  # "specialist" | "overflow" | "crisis"
    id: str  # specialist id, team id for an overflow line, or "crisis"
    phone: str
    whisper: bool  # people hear the summary and press 1; overflow and crisis lines answer directly
    fit: bool  # on shift, speaks the language, handles the need and population, has room


@dataclass(frozen=True)
class RoutingDecision:
    candidates: tuple[Candidate, ...]  # in calling order
    next_open: datetime | None  # when nobody can take it now: the next shift start (UTC)

    @property
    def available(self) -> bool:
        return bool(self.candidates)


def _teams_for(config: SpecialistsConfig, need: str | None) -> set[str]:
    """Teams handling the need; every team for "agent" or a need no team lists."""
    handling = {t.id for t in config.teams.values() if need in t.needs and need != ANY_TEAM}
    return handling or set(config.teams)


def on_shift(config: SpecialistsConfig, specialist: Specialist, now: datetime) -> bool:
    team = config.teams[specialist.team]
    return config.hours_of(specialist).is_open(now, config.timezone, config.holidays_for(team))


def route(config: SpecialistsConfig, need: str | None, language: str | None, population: str | None,
          now: datetime) -> RoutingDecision:
    if need == "crisis":  # at any hour, no whisper: the crisis line has its own intake
        return RoutingDecision((Candidate("crisis", "crisis", config.crisis.phone, False, True),), None)
    language = language or "en"
    teams = _teams_for(config, need)

    def rank(s: Specialist):
        speaks, handles = language in s.languages, s.team in teams
        serves = population is None or population in s.populations
        # Language first: a caller who is understood by a generalist is better off than with an
        # expert they cannot talk to.
        return (not speaks, not handles, not serves, s.room <= 0, -s.room, s.id)

    working = [s for s in config.specialists if on_shift(config, s, now)
               and (language in s.languages or s.team in teams)]
    ranked = sorted(working, key=rank)[: config.transfer.max_attempts]
    candidates = [Candidate("specialist", s.id, s.phone, True, not any(rank(s)[:4])) for s in ranked]

    for team_id in sorted(teams):
        team = config.teams[team_id]
        if team.overflow and team.hours.is_open(now, config.timezone, config.holidays_for(team)) \
                and all(c.phone != team.overflow for c in candidates):
            candidates.append(Candidate("overflow", team.id, team.overflow, False, False))
    if candidates:
        return RoutingDecision(tuple(candidates), None)

    members = [s for s in config.specialists if s.team in teams] or list(config.specialists)
    openings = [config.hours_of(s).next_open(now, config.timezone, config.holidays_for(config.teams[s.team]))
                for s in members]
    return RoutingDecision((), min((o for o in openings if o), default=None))
