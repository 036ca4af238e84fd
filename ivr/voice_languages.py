"""How each conversation language sounds and is heard on the phone: BCP-47 tag, Polly voice, speech model."""
from __future__ import annotations

from dataclasses import dataclass

from flows.types import LANGUAGES


@dataclass(frozen=True)
class VoiceLanguage:
    tag: str  # BCP-47, for <Say language> and <Gather language>
    voice: str  # Amazon Polly voice Twilio offers for that tag
    speech_model: str | None  # None: let Twilio pick the best model it has for the tag
    enhanced: bool = False


# Google's phone_call model (trained on telephone audio) exists for these tags; Twilio only ever offered
# the premium "enhanced" variant for en-US. Elsewhere (es-MX) we leave the choice to Twilio.
_BY_TAG = {
    "en-US": VoiceLanguage("en-US", "Polly.Joanna-Neural", "phone_call", enhanced=True),
    "es-US": VoiceLanguage("es-US", "Polly.Lupe-Neural", "phone_call"),
    "es-MX": VoiceLanguage("es-MX", "Polly.Mia-Neural", None),
    "fr-CA": VoiceLanguage("fr-CA", "Polly.Gabrielle-Neural", "phone_call"),
    "fr-FR": VoiceLanguage("fr-FR", "Polly.Lea-Neural", "phone_call"),
}


def voice_language(language: str | None, settings) -> VoiceLanguage:
    """The voice settings for a conversation language (en/es/fr); English when unknown."""
    tags = {"en": "en-US", "es": settings.voice_language_es, "fr": settings.voice_language_fr}
    tag = tags[language if language in LANGUAGES else "en"]
    if tag not in _BY_TAG:
        raise ValueError(f"unsupported voice language {tag!r}: choose one of {sorted(_BY_TAG)}")
    return _BY_TAG[tag]
