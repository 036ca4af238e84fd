"""Reply -> TwiML for Programmable Voice: every question is a <Gather> a caller can answer by key or by voice."""
from __future__ import annotations

import re
from typing import Callable

import phonenumbers
from twilio.twiml.voice_response import VoiceResponse

from flows.types import Reply
from ivr.voice_languages import voice_language

INPUT_TIMEOUT = 6  # seconds of silence before a Gather gives up: long enough for an older caller to start
MAX_HINTS = 500  # Twilio's limit on hint phrases
MAX_HINT_LENGTH = 100  # Twilio's limit on one phrase

# 7+ digits with the usual separators: a phone number inside a sentence.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")


def _digit_groups(raw: str) -> list[str]:
    try:
        parsed = phonenumbers.parse(raw, "US")
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    except phonenumbers.NumberParseException:
        national = raw
    return re.findall(r"\d+", national)


def spoken_phone_numbers(text: str) -> str:
    """'(313) 555-0101' -> '3 1 3, 5 5 5, 0 1 0 1': digit by digit, a pause between groups, so a caller
    can write it down (a voice reads '5550101' as a big number)."""

    def speak(match: re.Match) -> str:
        if sum(c.isdigit() for c in match.group()) < 7:
            return match.group()
        return ", ".join(" ".join(group) for group in _digit_groups(match.group()))

    return _PHONE.sub(speak, text)


def hints(reply: Reply) -> str | None:
    """What the caller may say, from the choices on offer: biases recognition towards those words."""
    phrases: list[str] = []
    for choice in reply.choices:
        for phrase in (choice.label, *choice.hints):
            # A comma would split the phrase in two: Twilio separates hints by commas.
            phrase = " ".join(phrase.replace(",", " ").split())[:MAX_HINT_LENGTH]
            if phrase and phrase not in phrases:
                phrases.append(phrase)
    return ", ".join(phrases[:MAX_HINTS]) or None


def _keys_only_single(reply: Reply) -> bool:
    return bool(reply.choices) and all(len(choice.key) == 1 for choice in reply.choices)


def render_voice(reply: Reply, settings, action_url: Callable[[str | None], str],
                 after: Callable[[VoiceResponse], None] | None = None) -> str:
    """TwiML for one reply.

    `action_url(language_hint)` is where the caller's answer goes. `after`, when given, adds what follows
    the spoken text instead of a Gather or Hangup (joining a conference).
    """
    response = VoiceResponse()
    voice = voice_language(reply.language, settings)

    def say_all(verb) -> None:
        for text in reply.texts:
            verb.say(spoken_phone_numbers(text), voice=voice.voice, language=voice.tag)
        for language, sentence in reply.multilingual:
            other = voice_language(language, settings)
            verb.say(sentence, voice=other.voice, language=other.tag)

    if after is not None:
        say_all(response)
        after(response)
    elif reply.end or not reply.expect_input:
        say_all(response)
        response.hangup()
    else:
        single = _keys_only_single(reply)
        gather = response.gather(
            input="dtmf speech",
            # The language menu is heard in three languages: let the NLU tell which one was spoken.
            action=action_url(None if reply.multilingual else reply.language),
            method="POST",
            language=voice.tag,
            speech_timeout="auto",
            timeout=INPUT_TIMEOUT,
            action_on_empty_result=True,
            hints=hints(reply),
            speech_model=voice.speech_model,
            enhanced=voice.enhanced or None,
            # Menus answer on the first key; free answers (a ZIP code) end with # or a pause.
            num_digits=1 if single else None,
            finish_on_key="" if single else "#",
        )
        say_all(gather)
    return str(response)
