"""The conversation engine: (event, session, NLU result, clock) -> Turn. Pure: no I/O, no global clock.

One Engine per process (load_engine validates all the YAML once); each step works on a copy of the
session and returns the new one with the reply and the actions the runner must carry out.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flows import loader, records, resources_format, slots
from flows.commands import AGENT, BACK, HELP, MENU, MORE, Commands
from flows.crisis import CrisisNet
from flows.loader import ChoiceSpec, FlowConfigError, FlowData
from flows.optout import HELP as OPT_HELP, START, STOP, OptOut
from flows.paging import fits, paginate
from flows.prompts import Prompts
from flows.text import normalize
from flows.types import LANGUAGES, Action, Choice, InboundEvent, NluResult, Reply, Session, Turn

__all__ = ["Engine", "FlowConfigError", "load_engine"]

CONFIDENT = 0.6  # below this the engine shows numbered choices instead of guessing
LANGUAGE_CONFIDENT = 0.6  # to take the first message's language without asking
LANGUAGE_SWITCH_CONFIDENT = 0.9  # to follow a caller who simply starts writing another language
LOW_SPEECH_CONFIDENCE = 0.5  # voice: below this, confirm what we heard
MAX_FAILED_TRIES = 2  # then offer a person; one more and we transfer
MAX_NO_INPUT = 3  # voice silences: reprompt, numbered menu, transfer; then say how to get help, hang up
BACK_STACK_LIMIT = 10
HISTORY_LIMIT = 40


def load_engine(trees_dir: str | Path | None = None, prompts_dir: str | Path | None = None,
                keywords_file: str | Path | None = None) -> "Engine":
    """Load and check every tree, prompt and keyword file; raises FlowConfigError naming the file and key."""
    return Engine(loader.load(trees_dir, prompts_dir, keywords_file))


class Engine:
    def __init__(self, data: FlowData):
        self.data = data
        self.prompts = Prompts(data.prompts)
        self.crisis = CrisisNet(data.keywords)
        self.commands = Commands(data.keywords)
        self.optout = OptOut(data.keywords["optout"])

    def step(self, event: InboundEvent, session: Session, nlu: NluResult | None, now: datetime) -> Turn:
        return _Step(self, event, session, nlu, now).run()


@dataclass
class _Decision:
    """What a caller's answer means: slots to set, a language, and where to go next."""

    next: str
    set: dict[str, Any]
    language: str | None = None
    heard: str = ""  # for the voice confirmation

    def to_dict(self) -> dict[str, Any]:
        return {"next": self.next, "set": self.set, "language": self.language, "heard": self.heard}


class _Step:
    """One call to Engine.step: builds the reply and actions while updating a copy of the session."""

    def __init__(self, engine: Engine, event: InboundEvent, session: Session, nlu: NluResult | None,
                 now: datetime):
        self.engine = engine
        self.data = engine.data
        self.prompts = engine.prompts
        self.event = event
        self.channel = event.channel
        self.s = Session.from_dict(copy.deepcopy(session.to_dict()))
        self.nlu = nlu if nlu is not None and nlu.available else None
        self.now = now
        self.text = (event.text or "").strip()
        self.digits = (event.digits or "").strip() or None
        self.texts: list[str] = []
        self.keys: list[str] = []
        self.actions: list[Action] = []
        self.choices: tuple[Choice, ...] = ()
        self.multilingual: tuple[tuple[str, str], ...] = ()
        self.expect_input = True
        self.end = False
        self.silent = False

    # ---- entry point -------------------------------------------------------------------------------

    def run(self) -> Turn:
        self.s.started_at = self.s.started_at or self.now.isoformat()
        self.s.updated_at = self.now.isoformat()
        handler = {
            "action_result": self.on_action_result,
            "call_start": self.on_call_start,
            "no_input": self.on_no_input,
            "hangup": self.on_hangup,
        }.get(self.event.kind, self.on_message)
        handler()
        return self.finish()

    @property
    def lang(self) -> str:
        return self.s.language or "en"

    def say(self, key: str, **values: Any) -> None:
        self.keys.append(key)
        self.texts.append(self.prompts.text(self.lang, key, self.channel, **values))

    def finish(self) -> Turn:
        if self.channel == "sms" and not self.silent and not fits("\n".join(self.texts)):
            # Safety net for long texts: never more than two segments unless the caller asks for MORE.
            more = self.prompts.text(self.lang, "more.continue", "sms")
            first, *rest = paginate(self.texts, more, more)
            self.texts, self.s.data["more"] = [first], rest
        if self.end and self.channel == "voice":
            self.actions.append(Action("hangup", {}))
        reply = Reply(
            language=self.lang,
            texts=tuple(self.texts),
            prompt_keys=tuple(self.keys),
            choices=self.choices,
            expect_input=self.expect_input and not self.end and not self.silent,
            end=self.end,
            silent=self.silent,
            multilingual=self.multilingual,
        )
        return Turn(reply=reply, session=self.s, actions=tuple(self.actions))

    # ---- events ------------------------------------------------------------------------------------

    def on_call_start(self) -> None:
        self.s.node = "start"
        if not self.s.language and self.event.language_hint in LANGUAGES:
            self.s.language = self.event.language_hint  # known from an earlier conversation by SMS
        if self.s.language:
            self.say("welcome")
            self.show("main_menu")
        else:
            self.show("language", greet=True)

    def on_hangup(self) -> None:
        if self.s.data.get("outcome") is None:
            self.record("abandoned")
        self.silent, self.end = True, True

    def on_no_input(self) -> None:
        count = self.s.data.get("no_input", 0) + 1
        self.s.data["no_input"] = count
        node = self.s.node if self.s.node in self.data.nodes else "main_menu"
        if count == 1:
            self.say("noinput.reprompt")
            self.show(node)
        elif count == 2:
            self.say("noinput.menu")
            self.show(node, question=False)
        elif count == MAX_NO_INPUT and self.s.node != "after_hours":
            self.transfer()
        else:
            self.say("goodbye.help")
            self.end = True

    def on_message(self) -> None:
        if self.channel == "sms" and self.sms_keywords():
            return
        if not self.text and not self.digits:
            if self.channel == "voice":
                self.on_no_input()
            else:
                self.say("empty")
            return
        self.s.data.pop("no_input", None)
        self.remember()
        self.detect_language()
        if self.engine.crisis.is_crisis(self.text, self.nlu):
            self.crisis()
            return
        switch = self.engine.commands.language_switch(self.text, self.nlu)
        if switch:
            self.s.language = switch
            self.resume()
            return
        self.s.slots.update(slots.from_message(self.text, self.digits, self.nlu))
        command = self.engine.commands.command(self.text, self.digits, self.nlu)
        if command and self.run_command(command):
            return
        if self.nlu and self.nlu.intent == "goodbye" and self.nlu.confidence >= CONFIDENT:
            self.say("goodbye.help")
            self.end = True
            return
        if self.s.language is None and self.s.node != "language":
            need = self.confident_need()
            if need:
                self.s.slots["need"] = need
            self.show("language")
            return
        self.answer()

    def sms_keywords(self) -> bool:
        """Carrier opt-out rules. True when the message was handled (or must get no reply)."""
        word, help_language = self.engine.optout.classify(self.text)
        if self.s.opted_out:
            if word == START:
                self.s.opted_out = False
                self.s.node = "start"
                self.say("optout.restart")
            else:
                self.silent = True
            return True
        if word == STOP:
            # Everything is forgotten except that this number said STOP, and in which language (for START).
            self.s = Session(caller=self.s.caller, channel=self.s.channel, opted_out=True, language=self.s.language,
                             started_at=self.s.started_at, updated_at=self.s.updated_at)
            self.silent, self.end = True, True
            return True
        if word == OPT_HELP:
            self.s.language = self.s.language or help_language
            self.say("help.text")
            return True
        return False

    def on_action_result(self) -> None:
        result = self.event.data
        {"lookup": self.on_lookup_result, "transfer": self.on_transfer_result, "send_sms": self.on_sms_result,
         "callback_request": self.on_callback_result}.get(result.get("action"), lambda _: None)(result)

    # ---- understanding -----------------------------------------------------------------------------

    def remember(self) -> None:
        entry = {"at": self.now.isoformat(), "node": self.s.node,
                 "intent": self.nlu.intent if self.nlu else None,
                 "text": records.redact(self.text or self.digits)}
        self.s.history = (self.s.history + [entry])[-HISTORY_LIMIT:]

    def detect_language(self) -> None:
        nlu = self.nlu
        if nlu is None or nlu.language not in LANGUAGES:
            if self.s.language is None and self.event.language_hint in LANGUAGES:
                self.s.language = self.event.language_hint
            return
        if self.s.language is None and nlu.language_confidence >= LANGUAGE_CONFIDENT:
            self.s.language = nlu.language
        elif nlu.language != self.s.language and nlu.language_confidence >= LANGUAGE_SWITCH_CONFIDENT \
                and len(self.text.split()) >= 3:
            self.s.language = nlu.language

    def confident_need(self) -> str | None:
        nlu = self.nlu
        if nlu and nlu.need in self.data.needs and nlu.confidence >= CONFIDENT:
            return nlu.need
        return None

    def visible(self, node_id: str) -> tuple[ChoiceSpec, ...]:
        return tuple(c for c in self.data.nodes[node_id].choices if c.channel in (None, self.channel))

    def pressed(self) -> str | None:
        key = self.digits or self.text.strip(" .#)")
        return key if key.isdigit() else None

    def match_choice(self, node_id: str) -> ChoiceSpec | None:
        choices = self.visible(node_id)
        if self.pressed():
            return next((c for c in choices if c.key == self.pressed()), None)
        nlu = self.nlu
        if nlu and nlu.confidence >= CONFIDENT:
            for c in choices:
                if nlu.intent in c.intents or (nlu.need and nlu.need == c.need):
                    return c
        said = normalize(self.text)
        for c in choices:
            if said in self.choice_phrases(c):
                return c
        return None

    def choice_phrases(self, choice: ChoiceSpec) -> set[str]:
        phrases = {normalize(self.prompts.text(lang, choice.label, self.channel)) for lang in LANGUAGES}
        if choice.hints:
            phrases |= {normalize(w) for lang in LANGUAGES for w in self.prompts.words(lang, choice.hints)}
        return phrases

    def decision_for(self, choice: ChoiceSpec) -> _Decision:
        values = dict(choice.set)
        if choice.need:
            values["need"] = choice.need
        heard = self.prompts.text(choice.language or self.lang, choice.label, self.channel)
        return _Decision(next=choice.next or "@slots", set=values, language=choice.language, heard=heard)

    def answer(self) -> None:
        """The caller answered the question at the current node (or said something new)."""
        node_id = self.s.node
        if node_id == "confirm":
            self.answer_confirm()
            return
        if node_id not in self.data.nodes:  # start, or after a hand-off: a fresh request
            self.open_request(first=not self.s.slots.get("need") and len(self.s.history) <= 1)
            return
        node = self.data.nodes[node_id]
        # A need the model is sure of beats a menu word ("eviction" is also a hint for "housing").
        choice = None if not node.fills and not self.pressed() and self.confident_need() else self.match_choice(node_id)
        if choice is None and node_id == "language" and self.s.language:
            self.open_request(first=False)  # the message itself told us the language
        elif choice is not None:
            self.decide(self.decision_for(choice))
        elif node.fills and node.fills in self.s.slots:
            self.go("@slots")
        elif node.fills == "location" and self.nlu is None and slots.city_answer(self.text):
            self.s.slots["location"] = slots.city_answer(self.text)
            self.go("@slots")
        elif not node.fills and self.confident_need():
            self.take_need()
        else:
            self.failed()

    def open_request(self, first: bool) -> None:
        if self.confident_need():
            self.take_need()
            return
        if first:
            self.say("welcome")
        self.show("main_menu")

    def take_need(self) -> None:
        need = self.confident_need()
        heard = self.prompts.text(self.lang, f"need.{need}", self.channel)
        self.decide(_Decision(next="@slots", set={"need": need}, heard=heard))

    def decide(self, decision: _Decision) -> None:
        spoken = self.channel == "voice" and not self.digits and self.event.speech_confidence is not None
        if spoken and self.event.speech_confidence < LOW_SPEECH_CONFIDENCE:
            self.s.data["pending"] = {**decision.to_dict(), "from": self.s.node}
            self.show("confirm", heard=decision.heard)
            return
        self.apply(decision)

    def answer_confirm(self) -> None:
        pending = self.s.data.pop("pending", None) or {}
        choice = self.match_choice("confirm")
        back_to = pending.get("from") if pending.get("from") in self.data.nodes else "main_menu"
        if choice is not None and choice.next == "@yes" and pending:
            self.s.node = pending["from"]
            self.apply(_Decision(pending["next"], pending["set"], pending.get("language")))
        elif choice is not None:
            self.show(back_to)
        else:
            self.s.node = back_to
            self.answer()

    def apply(self, decision: _Decision) -> None:
        if self.s.node in self.data.nodes:
            stack = self.s.data.get("back", [])
            self.s.data["back"] = (stack + [{"node": self.s.node, "slots": copy.deepcopy(self.s.slots)}])[-BACK_STACK_LIMIT:]
        if decision.language:
            self.s.language = decision.language
        new_need = decision.set.get("need")
        if new_need and new_need != self.s.slots.get("need"):
            self.s.slots.pop("sub_need", None)
        self.s.slots.update(decision.set)
        self.go(decision.next)

    def failed(self) -> None:
        self.s.retries += 1
        if self.s.retries > MAX_FAILED_TRIES:
            self.transfer()
            return
        self.say("retry.sorry" if self.s.retries < MAX_FAILED_TRIES else "retry.agent")
        self.show(self.s.node, keep_retries=True)

    def run_command(self, command: str) -> bool:
        if command == AGENT:
            self.transfer()
        elif command == MENU:
            self.go("@main")
        elif command == BACK:
            stack = self.s.data.get("back", [])
            if stack:
                previous = stack.pop()
                self.s.slots = previous["slots"]
                self.show(previous["node"])
            else:
                self.show("main_menu")
        elif command == HELP:
            self.say("help.text")
            if self.channel == "voice" and self.s.node in self.data.nodes:
                self.show(self.s.node, keep_retries=True)
        elif command == MORE and self.channel == "sms":
            pages = self.s.data.get("more") or []
            if pages:
                self.keys.append("more.page")
                self.texts.append(pages.pop(0))
            else:
                self.say("more.none")
        else:
            return False
        return True

    # ---- where to go -------------------------------------------------------------------------------

    def go(self, target: str) -> None:
        self.s.retries = 0
        if target == "@slots":
            self.advance()
        elif target == "@agent":
            self.transfer()
        elif target == "@main":
            for key in ("need", "sub_need"):
                self.s.slots.pop(key, None)
            for key in ("resources", "more", "back", "pending"):
                self.s.data.pop(key, None)
            self.show("main_menu")
        elif target == "@again":
            self.present_resources()
        elif target == "@text":
            self.actions.append(Action("send_sms", {"body": self.resources_sms_body()}))
        elif target == "@callback":
            record = records.build(self.s, "callback", self.now).to_dict()
            self.actions.append(Action("callback_request", {"record": record}))
            self.expect_input = False
        elif target == "@voicemail":
            self.record("voicemail")
            self.actions.append(Action("voicemail", {}))
            self.s.node = "voicemail"
            self.say("voicemail.start")
            self.expect_input = False
        else:
            self.show(target)

    def advance(self) -> None:
        """Ask what the need still lacks (sub-need first, then slots in the tree's order), then look up."""
        need = self.s.slots.get("need")
        if need not in self.data.needs:
            self.show("main_menu")
            return
        spec = self.data.needs[need]
        if spec.entry != "@slots" and "sub_need" not in self.s.slots:
            self.show(spec.entry)
            return
        for slot in spec.slots:
            if slot not in self.s.slots:
                self.show(self.data.slot_nodes[slot])
                return
        self.lookup()

    def resume(self) -> None:
        """After a language switch: ask the current question again, now in the new language."""
        if self.s.node in self.data.nodes and self.s.node != "language":
            self.show(self.s.node)
        else:
            self.advance()

    # ---- rendering ---------------------------------------------------------------------------------

    def show(self, node_id: str, *, question: bool = True, keep_retries: bool = False, greet: bool = False,
             heard: str = "") -> None:
        self.s.node = node_id
        if not keep_retries:
            self.s.retries = 0
        if node_id == "language":
            self.show_language_menu(greet)
            return
        node = self.data.nodes[node_id]
        choices = self.visible(node_id)
        if question:
            self.say(node.prompt, **({"heard": heard} if node_id == "confirm" else {}))
        if node_id == "after_hours":
            when = resources_format.when(self.s.data.get("next_open"), self.now, self.lang, self.prompts,
                                         self.channel)
            if when:
                self.say("after_hours.back", when=when)
            self.say("after_hours.crisis")
        if choices and (self.channel == "voice" or node_id not in ("results", "no_results")):
            # SMS: those two prompts already say the options in words.
            lines = [self.prompts.text(self.lang, "choice.line", self.channel, key=c.key,
                                       label=self.prompts.text(self.lang, c.label, self.channel))
                     for c in choices]
            self.keys.append("choice.line")
            self.texts.append(("\n" if self.channel == "sms" else " ").join(lines))
        self.choices = tuple(self.to_choice(c) for c in choices)

    def to_choice(self, choice: ChoiceSpec) -> Choice:
        label_language = choice.language or self.lang
        label = self.prompts.text(label_language, choice.label, self.channel)
        hints = (label,) + (self.prompts.words(label_language, choice.hints) if choice.hints else ())
        value = choice.need or choice.language or next(iter(choice.set.values()), None) or choice.next
        return Choice(key=choice.key, label=label, value=value, hints=hints)

    def show_language_menu(self, greet: bool) -> None:
        sentences = tuple((lang, self.prompts.text(lang, "language.menu", self.channel)) for lang in LANGUAGES)
        self.choices = tuple(self.to_choice(c) for c in self.visible("language"))
        if self.channel == "voice":
            if greet:
                en, sentence = sentences[0]
                sentences = ((en, f"{self.prompts.text(en, 'welcome', 'voice')} {sentence}"),) + sentences[1:]
            self.multilingual = sentences
        else:
            self.keys.append("language.menu")
            self.texts.append("\n".join(sentence for _, sentence in sentences))

    # ---- crisis, transfer, look-up -----------------------------------------------------------------

    def crisis(self) -> None:
        if self.s.data.get("crisis_recorded") is None:
            self.s.data["crisis_recorded"] = self.now.isoformat()
            self.record("crisis")
        self.show("crisis")

    def record(self, outcome: str) -> dict[str, Any]:
        record = records.build(self.s, outcome, self.now).to_dict()
        self.s.data["outcome"] = outcome
        self.actions.append(Action("record_triage", {"record": record}))
        return record

    def population(self) -> str | None:
        population = self.s.slots.get("population")
        return population if population not in (None, "none") else self.s.slots.get("household")

    def transfer(self) -> None:
        need = "crisis" if self.s.node == "crisis" else self.s.slots.get("need")
        self.s.node = "transfer_wait"
        record = records.build(self.s, "transferred", self.now).to_dict()
        # Nothing said yet: the result's step speaks (SMS), or the conference TwiML does (voice).
        self.actions.append(Action("transfer", {"need": need, "language": self.lang,
                                                "population": self.population(), "record": record}))
        self.expect_input = False

    def on_transfer_result(self, result: dict[str, Any]) -> None:
        if result.get("mode") == "crisis":
            # SMS in crisis: a text-back would come too late, so the 24/7 lines are the human path now.
            self.s.node = "handed_off"
            self.say("crisis.person")
            self.expect_input = False
            return
        if result.get("ok") and result.get("mode") == "callback":
            # SMS: the request is already in the specialists' queue, after hours too.
            self.record("callback")
            self.s.node = "handed_off"
            when = resources_format.when(result.get("expect_by"), self.now, self.lang, self.prompts, self.channel)
            self.say("transfer.textback", when=when) if when else self.say("transfer.callback")
            if not result.get("available"):
                self.say("after_hours.crisis")
            self.expect_input = False
            return
        if result.get("ok") and result.get("available"):
            self.record("transferred")
            self.s.node = "handed_off"  # ivr/specialists' conference TwiML tells the caller they're connecting
            self.expect_input = False
            return
        self.s.data["next_open"] = result.get("next_open")
        self.show("after_hours")

    def lookup(self) -> None:
        slots_ = self.s.slots
        self.s.node = "lookup_wait"
        self.actions.append(Action("lookup", {
            "need": slots_.get("need"), "sub_need": slots_.get("sub_need"), "location": slots_.get("location"),
            "language": self.lang, "household": slots_.get("household"), "urgency": slots_.get("urgency"),
        }))
        self.expect_input = False

    def on_lookup_result(self, result: dict[str, Any]) -> None:
        resources = result.get("resources") or []
        if not result.get("ok"):
            self.say("lookup.down")
            self.show("no_results")
        elif not resources:
            self.say("lookup.none", location=(self.s.slots.get("location") or {}).get("value", ""))
            self.show("no_results")
        else:
            self.s.data["resources"] = resources_format.keep(resources)
            self.record("referred")
            self.present_resources()

    def present_resources(self) -> None:
        resources = self.s.data.get("resources") or []
        if self.channel == "voice":
            self.say("results.intro")
            for resource in resources[:resources_format.VOICE_MAX_RESOURCES]:
                self.keys.append("resource")
                self.texts.append(resources_format.voice_sentences(resource, self.now, self.lang, self.prompts))
            self.show("results")
            return
        intro = self.prompts.text(self.lang, "results.intro", "sms")
        blocks = [resources_format.sms_block(i, r, self.now, self.lang, self.prompts)
                  for i, r in enumerate(resources, 1)]
        more = self.prompts.text(self.lang, "results.more", "sms")
        last = self.prompts.text(self.lang, "results.question", "sms")
        blocks[0] = f"{intro}\n{blocks[0]}"  # never an intro alone on a page
        first, *rest = paginate(blocks, more, last)
        self.show("results", question=False)
        self.keys[:0] = ["results.intro", "results.more" if rest else "results.question"]
        self.texts = [first]
        self.s.data["more"] = rest

    def resources_sms_body(self) -> str:
        resources = self.s.data.get("resources") or []
        blocks = [resources_format.sms_block(i, r, self.now, self.lang, self.prompts)
                  for i, r in enumerate(resources[:resources_format.VOICE_MAX_RESOURCES], 1)]
        return "\n".join([self.prompts.text(self.lang, "results.intro", "sms")] + blocks)

    def on_callback_result(self, result: dict[str, Any]) -> None:
        if result.get("ok"):
            self.record("callback")
            self.say("callback.done")
        else:
            self.say("callback.failed")
        self.say("after_hours.crisis")  # whatever happened, the 24/7 lines are the last thing said
        self.end = True

    def on_sms_result(self, result: dict[str, Any]) -> None:
        self.say("sms.sent" if result.get("ok") else "sms.failed")
        self.show("results")
