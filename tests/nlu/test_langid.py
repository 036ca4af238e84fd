"""Language ID as a caller meets it: first messages without a session language, replies with one."""
from __future__ import annotations

import pytest

from collections import Counter

from nlu import langid
from nlu.langid import UNSURE, detect
from nlu.lexicon import LANGS, Lexicon


@pytest.mark.parametrize("text, language", [
    # Replies and greetings.
    ("sí", "es"), ("gracias", "es"), ("hola", "es"), ("no gracias", "es"),
    ("oui", "fr"), ("non", "fr"), ("merci", "fr"), ("bonjour", "fr"), ("non merci", "fr"),
    ("yes", "en"), ("thanks", "en"), ("no thanks", "en"), ("help me", "en"),
    # Needs in a word or two, some never written that way in the training data.
    ("comida", "es"), ("renta", "es"), ("desalojo", "es"), ("guarderia", "es"), ("desalojaron a mi familia", "es"),
    ("loyer", "fr"), ("aide loyer", "fr"), ("garderie", "fr"), ("electricite", "fr"), ("banque alimentaire", "fr"),
    ("food", "en"), ("food stamps", "en"), ("eviction", "en"), ("daycare", "en"), ("bus pass", "en"),
    # Typos, SMS spelling, run-together French.
    ("nesesito ayuda con la renta", "es"), ("jpeux pas payer mon loyer", "fr"), ("j'ai faim", "fr"), ("I need help", "en"),
])
def test_short_messages_without_session_language(text, language):
    got, confidence = detect(text)
    assert got == language
    assert confidence >= langid.MIN_CONFIDENCE


@pytest.mark.parametrize("text, language", [
    ("arrendatario", "es"), ("hambrientos", "es"), ("desempleada", "es"), ("calefacción", "es"),
    ("chômeuse", "fr"), ("électricienne", "fr"), ("locataires", "fr"), ("déménagement", "fr"),
    ("landlady", "en"), ("paycheck", "en"), ("unemployment", "en"), ("groceries", "en"),
])
def test_words_no_training_example_has(text, language):
    # With an empty lexicon only lingua's character n-grams are left to tell.
    empty = Lexicon({lang: Counter() for lang in LANGS})
    assert detect(text, lex=empty)[0] == language


@pytest.mark.parametrize("text, language", [
    ("NECESITO AYUDA CON LA RENTA", "es"), ("DESALOJO", "es"), ("SÍ", "es"),
    ("OU DORMIR CE SOIR", "fr"), ("ou dormir ce soir", "fr"), ("proprietaire", "fr"), ("AIDE", "fr"),
    ("FOOD BANK", "en"), ("HELP ME", "en"),
])
def test_capitals_and_missing_accents(text, language):
    assert detect(text)[0] == language


@pytest.mark.parametrize("text", ["ok", "OK!", "no", "No.", "stop", "STOP", "bye", "menu"])
def test_replies_shared_by_languages_are_unsure_without_hint(text):
    # The flows ask which language rather than answer a Spanish caller's "no" in English.
    assert detect(text) == (UNSURE, 0.0)


@pytest.mark.parametrize("text, hint", [
    ("ok", "en"), ("ok", "es"), ("ok", "fr"), ("no", "en"), ("no", "es"), ("stop", "fr"), ("si", "es"), ("si", "fr"),
])
def test_the_session_language_settles_shared_replies(text, hint):
    assert detect(text, hint=hint)[0] == hint


def test_the_accent_tells_si_from_si():
    assert detect("si") == (UNSURE, 0.0)  # Spanish "sí" typed without accent, or French "si"
    assert detect("sí")[0] == "es"
    assert detect("sí", hint="fr")[0] == "es"


def test_a_shared_reply_outside_the_session_language_stays_unsure():
    # "no" is English or Spanish; in a French session it is neither for sure.
    assert detect("no", hint="fr")[0] == UNSURE


@pytest.mark.parametrize("text", ["😭", "😭😭🙏", "!!!", "?", "48201", "   "])
def test_no_letters_is_unsure_without_hint_and_the_hint_with_one(text):
    assert detect(text) == (UNSURE, 0.0)
    assert detect(text, hint="fr") == ("fr", 0.5)


@pytest.mark.parametrize("text, hint, language", [
    ("me van a desalojar", "en", "es"),
    ("necesito ayuda para pagar la luz", "fr", "es"),
    ("my landlord is kicking us out tomorrow", "es", "en"),
    ("mon propriétaire veut me mettre dehors", "en", "fr"),
])
def test_a_caller_who_switches_language_is_followed(text, hint, language):
    # flows/engine.py follows a switch at confidence 0.9 on three words or more.
    got, confidence = detect(text, hint=hint)
    assert got == language
    assert confidence >= 0.9


def test_the_hint_settles_needs_both_languages_write_alike():
    assert detect("taxi", hint="fr")[0] == "fr"
    assert detect("taxi", hint="es")[0] == "es"


def test_answers_are_stable_and_the_detector_is_built_once():
    first = langid.preload()
    assert langid.preload() is first
    assert [detect("alquiler") for _ in range(3)] == [detect("alquiler")] * 3


def test_the_shared_reply_rule_is_what_makes_ok_unsure():
    # nlu/langid_eval.py reports ablations: the switches must really remove a piece.
    assert detect("ok")[0] == UNSURE
    assert detect("ok", voters=("lingua", "lexicon"))[0] in langid.LANGS
    assert detect("renta", voters=("lexicon",))[0] == "es"
    assert langid.scores("hola", voters=()) == {"en": 1 / 3, "es": 1 / 3, "fr": 1 / 3}


def test_report_counts_a_wrong_language_apart_from_unsure():
    from nlu.langid_eval import _table

    lines, _ = _table([("fr", "english please"), ("es", "ok"), ("en", "I need food for my kids")])
    shipped = [cell.strip() for cell in lines[2].split("|")]
    assert shipped[2:4] == ["0.0% (0/2)", "33.3% (1/3)"]  # 1–3 words, 1–12 words
    assert shipped[5:7] == ["1", "1"]  # "ok" is unsure; "english please" is English, not French


def test_report_scores_short_texts_again_without_the_shared_replies():
    from nlu.langid_eval import _table

    lines, _ = _table([("es", "ok"), ("es", "no"), ("es", "renta"), ("fr", "loyer"), ("es", "english please")])
    assert lines[-1].startswith("1–3 words without a hint, leaving out the 2 replies")
    assert lines[-1].endswith(": 66.7% (2/3).")  # "renta" and "loyer" right; "english please" is not Spanish
