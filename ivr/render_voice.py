"""Reply -> TwiML for Programmable Voice: every question is a <Gather> a caller can answer by key or by voice."""
from __future__ import annotations

from typing import Callable

from twilio.twiml.voice_response import VoiceResponse

from flows.types import Reply
from ivr.voice_languages import voice_language

INPUT_TIMEOUT = 6  # seconds of silence before a Gather gives up: long enough for an older caller to start
MAX_HINTS = 500  # Twilio's limit on hint phrases
MAX_HINT_LENGTH = 100  # Twilio's limit on one phrase


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
            verb.say(text, voice=voice.voice, language=voice.tag)
        for language, sentence in reply.multilingual:
            other = voice_language(language, settings)
            verb.say(sentence, voice=other.voice, language=other.tag)

    if reply.silent:  # e.g. the answer to a status callback: nobody is listening
        return str(response)
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
