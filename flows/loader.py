"""Read the YAML data (trees, prompts, keywords), check it, and build the in-memory model.

Everything that can be wrong in the data fails here, at start, with the file and the key named:
schema errors, `next` targets that do not exist, prompt keys missing in a language, needs without a tree.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from flows import schema
from flows.types import LANGUAGES, NEEDS

HERE = Path(__file__).resolve().parent
TREES_DIR = HERE / "trees"
PROMPTS_DIR = HERE / "prompts"
KEYWORDS_FILE = HERE / "keywords.yml"
# Needs that are routed by the engine itself rather than by a tree.
ENGINE_NEEDS = ("crisis", "agent")
# Nodes the engine jumps to by name.
ENGINE_NODES = ("language", "main_menu", "results", "no_results", "crisis", "after_hours", "confirm")
CHANNEL_SUFFIXES = (".sms", ".voice")


class FlowConfigError(Exception):
    """The flow data is wrong; the message names the file and the key."""


@dataclass(frozen=True)
class ChoiceSpec:
    key: str
    label: str
    hints: str | None = None
    intents: tuple[str, ...] = ()
    set: dict[str, str] = field(default_factory=dict)
    need: str | None = None
    language: str | None = None
    channel: str | None = None
    next: str | None = None


@dataclass(frozen=True)
class NodeSpec:
    id: str
    file: str
    prompt: str
    fills: str | None = None
    choices: tuple[ChoiceSpec, ...] = ()


@dataclass(frozen=True)
class NeedSpec:
    code: str
    family: str
    entry: str
    slots: tuple[str, ...]
    file: str


@dataclass(frozen=True)
class FlowData:
    nodes: dict[str, NodeSpec]
    needs: dict[str, NeedSpec]
    slot_nodes: dict[str, str]  # slot name -> node that asks for it
    prompts: dict[str, dict[str, str]]  # language -> key -> template
    keywords: dict[str, Any]


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except yaml.YAMLError as e:
        raise FlowConfigError(f"{path.name}: not valid YAML: {e}") from e


def _check(data: Any, json_schema: dict, path: Path) -> None:
    validator = jsonschema.Draft7Validator(json_schema, format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise FlowConfigError(f"{path.name}: at {where}: {error.message}")


def _load_trees(trees_dir: Path) -> tuple[dict[str, NodeSpec], dict[str, NeedSpec]]:
    nodes: dict[str, NodeSpec] = {}
    needs: dict[str, NeedSpec] = {}
    files = sorted(trees_dir.glob("*.yml"))
    if not files:
        raise FlowConfigError(f"{trees_dir}: no *.yml trees")
    for path in files:
        raw = _read_yaml(path)
        _check(raw, schema.TREE, path)
        for node_id, node in raw["nodes"].items():
            if node_id in nodes:
                raise FlowConfigError(f"{path.name}: node '{node_id}' is already defined in {nodes[node_id].file}")
            choices = tuple(
                ChoiceSpec(**{**c, "intents": tuple(c.get("intents", ())), "set": dict(c.get("set", {}))})
                for c in node.get("choices", ())
            )
            keys = [c.key for c in choices]
            if len(keys) != len(set(keys)):
                raise FlowConfigError(f"{path.name}: node '{node_id}' uses a key twice: {keys}")
            nodes[node_id] = NodeSpec(node_id, path.name, node["prompt"], node.get("fills"), choices)
        for code, need in (raw.get("needs") or {}).items():
            if code not in NEEDS or code in ENGINE_NEEDS:
                raise FlowConfigError(f"{path.name}: needs: '{code}' is not a need code a tree can handle")
            if code in needs:
                raise FlowConfigError(f"{path.name}: need '{code}' is already handled by the {needs[code].family} tree")
            needs[code] = NeedSpec(code, raw["family"], need["entry"], tuple(need["slots"]), path.name)
    return nodes, needs


def _check_references(nodes: dict[str, NodeSpec], needs: dict[str, NeedSpec]) -> dict[str, str]:
    def target_ok(target: str | None) -> bool:
        return target is None or target.startswith("@") or target in nodes

    for name in ENGINE_NODES:
        if name not in nodes:
            raise FlowConfigError(f"trees: node '{name}' is missing (the engine needs it)")
    missing_needs = [n for n in NEEDS if n not in ENGINE_NEEDS and n not in needs]
    if missing_needs:
        raise FlowConfigError(f"trees: no tree handles the need(s) {', '.join(missing_needs)}")
    slot_nodes: dict[str, str] = {}
    for node in nodes.values():
        if node.fills:
            if node.fills in slot_nodes:
                raise FlowConfigError(f"{node.file}: node '{node.id}' fills '{node.fills}', as '{slot_nodes[node.fills]}' does")
            slot_nodes[node.fills] = node.id
        for choice in node.choices:
            if not target_ok(choice.next):
                raise FlowConfigError(f"{node.file}: node '{node.id}' choice {choice.key}: next '{choice.next}' is not a node")
            if choice.need is not None and choice.need not in needs:
                raise FlowConfigError(f"{node.file}: node '{node.id}' choice {choice.key}: need '{choice.need}' has no tree")
    for need in needs.values():
        if not target_ok(need.entry):
            raise FlowConfigError(f"{need.file}: need '{need.code}': entry '{need.entry}' is not a node")
        for slot in need.slots:
            if slot not in slot_nodes:
                raise FlowConfigError(f"{need.file}: need '{need.code}' needs slot '{slot}' but no node fills it")
    return slot_nodes


def _used_prompt_keys(nodes: dict[str, NodeSpec], needs: dict[str, NeedSpec]) -> dict[str, str]:
    """Prompt key -> where it is used, for error messages."""
    used: dict[str, str] = {}
    for node in nodes.values():
        used.setdefault(node.prompt, f"{node.file}: node '{node.id}'")
        for choice in node.choices:
            used.setdefault(choice.label, f"{node.file}: node '{node.id}' choice {choice.key}")
            if choice.hints:
                used.setdefault(choice.hints, f"{node.file}: node '{node.id}' choice {choice.key}")
    for code in needs:
        used.setdefault(f"need.{code}", f"trees: need '{code}'")
    return used


def _load_prompts(prompts_dir: Path, required: dict[str, str]) -> dict[str, dict[str, str]]:
    prompts: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        path = prompts_dir / f"{lang}.yml"
        if not path.exists():
            raise FlowConfigError(f"{path}: missing (prompts are needed in {', '.join(LANGUAGES)})")
        raw = _read_yaml(path)
        _check(raw, schema.PROMPTS, path)
        prompts[lang] = raw
    for key, where in required.items():
        for lang in LANGUAGES:
            if key not in prompts[lang]:
                raise FlowConfigError(f"{lang}.yml: prompt '{key}' is missing (used by {where})")
    # Every language says the same things: same keys, same {placeholders}.
    reference = prompts["en"]
    for lang in LANGUAGES:
        for key in set(reference) ^ set(prompts[lang]):
            owner = lang if key in prompts[lang] else "en"
            other = "en" if owner == lang else lang
            raise FlowConfigError(f"{other}.yml: prompt '{key}' is missing (it exists in {owner}.yml)")
        for key, text in prompts[lang].items():
            if _placeholders(text) != _placeholders(reference[key]):
                raise FlowConfigError(f"{lang}.yml: prompt '{key}' has placeholders {sorted(_placeholders(text))}, "
                                      f"en.yml has {sorted(_placeholders(reference[key]))}")
            if key.endswith(CHANNEL_SUFFIXES) and key.rsplit(".", 1)[0] not in prompts[lang]:
                raise FlowConfigError(f"{lang}.yml: prompt '{key}' is a channel variant of a key that does not exist")
    return prompts


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load(trees_dir: Path | str | None = None, prompts_dir: Path | str | None = None,
         keywords_file: Path | str | None = None) -> FlowData:
    nodes, needs = _load_trees(Path(trees_dir or TREES_DIR))
    slot_nodes = _check_references(nodes, needs)
    required = _used_prompt_keys(nodes, needs)
    required.update({key: "the engine" for key in ENGINE_PROMPTS})
    prompts = _load_prompts(Path(prompts_dir or PROMPTS_DIR), required)
    return FlowData(nodes, needs, slot_nodes, prompts, load_keywords(keywords_file))


def load_keywords(keywords_file: Path | str | None = None) -> dict[str, Any]:
    """keywords.yml, checked; the NLU parser's crisis net reads it here too."""
    path = Path(keywords_file or KEYWORDS_FILE)
    keywords = _read_yaml(path)
    _check(keywords, schema.KEYWORDS, path)
    return keywords


# Prompt keys the engine uses by name (tree prompts are collected from the trees).
ENGINE_PROMPTS = (
    "welcome", "choice.line", "retry.sorry", "retry.agent", "noinput.reprompt", "noinput.menu", "transfer.textback",
    "goodbye", "goodbye.help", "results.intro", "results.more", "more.continue", "more.none", "res.phone", "res.open_until",
    "res.opens", "res.hours", "sms.sent", "sms.failed", "lookup.none", "lookup.down",
    "transfer.callback", "after_hours.back", "after_hours.crisis", "callback.done", "callback.failed", "voicemail.start",
    "help.text", "optout.restart", "empty", "time.today", "time.tomorrow", "time.day",
)
