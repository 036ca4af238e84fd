"""Specialists configuration: load, validate (errors name the file and line), reload on change."""
from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Container
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_lib
import jsonschema
import phonenumbers
import yaml

from ivr.specialists.capacity import capacity_for
from ivr.specialists.hours import WeeklyHours

log = logging.getLogger(__name__)

SCHEMA = yaml.safe_load((Path(__file__).with_name("schema.yml")).read_text(encoding="utf-8"))


class ConfigError(ValueError):
    """The specialists file is unusable; the message names the file, line and field."""


@dataclass(frozen=True)
class Team:
    id: str
    name: str
    needs: frozenset[str]
    hours: WeeklyHours
    open_on_holidays: bool = False
    overflow: str | None = None


@dataclass(frozen=True)
class Specialist:
    id: str
    name: str
    phone: str
    team: str
    languages: tuple[str, ...]
    populations: frozenset[str]
    open_cases: int
    capacity: int
    hours: WeeklyHours | None = None  # None: the team's hours

    @property
    def room(self) -> int:
        return self.capacity - self.open_cases


@dataclass(frozen=True)
class TransferOptions:
    caller_id: str  # the helpline's Twilio number, which places the calls to specialists
    ring_seconds: int = 20
    max_attempts: int = 3  # specialists tried before overflow/voicemail, so the caller's wait stays short
    voicemail_max_seconds: int = 120
    hold_music_url: str = "https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3"
    textback_minutes: int = 60  # promised text-back delay while the team is on shift
    sms_record: bool = False  # also text the triage summary to the specialist being called


@dataclass(frozen=True)
class CrisisLine:
    phone: str
    display: str  # what callers are told to dial or text, e.g. "988"


@dataclass(frozen=True)
class SpecialistsConfig:
    timezone: ZoneInfo
    holidays: Container[date]
    teams: dict[str, Team]
    specialists: tuple[Specialist, ...]
    crisis: CrisisLine
    transfer: TransferOptions
    source: str = ""

    def holidays_for(self, team: Team) -> Container[date]:
        return frozenset() if team.open_on_holidays else self.holidays

    def hours_of(self, specialist: Specialist) -> WeeklyHours:
        return specialist.hours or self.teams[specialist.team].hours

    def specialist(self, specialist_id: str) -> Specialist | None:
        return next((s for s in self.specialists if s.id == specialist_id), None)


def _node_at(node: yaml.Node, path) -> yaml.Node:
    """The YAML node for a jsonschema-style path, as deep as it exists (for the line number)."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            child = node.value[part]
        else:
            child = None
        if child is None:
            break
        node = child
    return node


def _fail(source: str, root: yaml.Node | None, path, message: str) -> ConfigError:
    where = f"{source}"
    if root is not None:
        where += f", line {_node_at(root, path).start_mark.line + 1}"
    dotted = ".".join(str(p) for p in path)
    return ConfigError(f"{where}: {dotted + ': ' if dotted else ''}{message}")


def _hours(source, root, path, spec) -> WeeklyHours:
    try:
        return WeeklyHours.parse(spec)
    except ValueError as exc:
        raise _fail(source, root, path, str(exc)) from None


def _phone(source, root, path, value: str) -> str:
    if not phonenumbers.is_valid_number(phonenumbers.parse(value)):
        raise _fail(source, root, path, f"{value} is not a valid phone number")
    return value


def parse(text: str, source: str = "<specialists>") -> SpecialistsConfig:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{source}{line}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    errors = sorted(jsonschema.Draft7Validator(SCHEMA).iter_errors(raw), key=lambda e: list(e.absolute_path))
    if errors:
        raise _fail(source, root, list(errors[0].absolute_path), errors[0].message)

    try:
        tz = ZoneInfo(raw["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise _fail(source, root, ["timezone"], f"unknown time zone {raw['timezone']!r}") from None
    days_off: Container[date] = frozenset()
    if "holidays" in raw:
        try:
            days_off = holidays_lib.country_holidays(raw["holidays"]["country"], subdiv=raw["holidays"].get("subdiv"))
        except NotImplementedError as exc:
            raise _fail(source, root, ["holidays"], str(exc)) from None

    teams: dict[str, Team] = {}
    ratios: dict[str, str] = {}
    for i, t in enumerate(raw["teams"]):
        if t["id"] in teams:
            raise _fail(source, root, ["teams", i, "id"], f"duplicate team {t['id']!r}")
        if "overflow" in t:
            _phone(source, root, ["teams", i, "overflow"], t["overflow"])
        teams[t["id"]] = Team(t["id"], t.get("name", t["id"]), frozenset(t["needs"]),
                              _hours(source, root, ["teams", i, "hours"], t["hours"]),
                              t.get("open_on_holidays", False), t.get("overflow"))
        if "ratio" in t:
            ratios[t["id"]] = t["ratio"]

    people: list[Specialist] = []
    for i, s in enumerate(raw["specialists"]):
        here = ["specialists", i]
        if s["team"] not in teams:
            raise _fail(source, root, here + ["team"], f"unknown team {s['team']!r}")
        if any(p.id == s["id"] for p in people):
            raise _fail(source, root, here + ["id"], f"duplicate specialist {s['id']!r}")
        caseload = s["caseload"]
        ratio = caseload.get("ratio", ratios.get(s["team"]))
        if "capacity" in caseload:
            capacity = caseload["capacity"]
        elif ratio:
            capacity = capacity_for(ratio, s["populations"])
        else:
            raise _fail(source, root, here + ["caseload"], "needs a capacity, or a ratio here or on the team")
        people.append(Specialist(
            s["id"], s.get("name", s["id"]), _phone(source, root, here + ["phone"], s["phone"]), s["team"],
            tuple(s["languages"]), frozenset(s["populations"]), caseload["open"], capacity,
            _hours(source, root, here + ["hours"], s["hours"]) if "hours" in s else None))

    crisis = CrisisLine(_phone(source, root, ["crisis", "phone"], raw["crisis"]["phone"]), raw["crisis"]["display"])
    transfer = TransferOptions(**raw["transfer"])
    _phone(source, root, ["transfer", "caller_id"], transfer.caller_id)
    return SpecialistsConfig(tz, days_off, teams, tuple(people), crisis, transfer, source)


def load(path: str | os.PathLike) -> SpecialistsConfig:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read specialists file: {exc.strerror}") from None
    return parse(text, str(path))


class _Reloader:
    """Keeps the last good configuration per file; re-reads when the file's mtime or size changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, int], SpecialistsConfig]] = {}

    def get(self, path: str) -> SpecialistsConfig:
        try:
            stat = os.stat(path)
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = (0, 0)
        with self._lock:
            cached = self._cache.get(path)
            if cached and cached[0] == stamp:
                return cached[1]
            try:
                config = load(path)
            except ConfigError:
                if cached is None:
                    raise  # at start: refuse to run on a broken file
                log.exception("specialists file changed but is invalid; keeping the previous version")
                self._cache[path] = (stamp, cached[1])
                return cached[1]
            if cached:
                log.info("specialists file reloaded", extra={"path": path})
            self._cache[path] = (stamp, config)
            return config


current = _Reloader().get  # current(settings.specialists_file) -> SpecialistsConfig
