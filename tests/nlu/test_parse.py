"""End to end through the real trained model: language, need and entities come out right."""
from __future__ import annotations

import pytest

from flows.types import NluResult
from nlu.parser import Parser

CASES = [
    ("en", "my daughter and I got put out, we need somewhere to stay", "shelter"),
    ("en", "they're taking me to court to evict me next week", "eviction"),
    ("en", "I can't pay my electric bill and they will shut it off", "utilities"),
    ("es", "me van a desalojar", "eviction"),
    ("es", "me llegó una demanda por atrasos de la hipoteca", "eviction"),
    ("es", "no tenemos nada que comer en la casa", "food"),
    ("fr", "le chauffage ne marche plus depuis une semaine", "utilities"),
    ("fr", "je cherche du travail", "employment"),
    ("fr", "j'ai besoin d'aide pour payer mon loyer", "rent"),
]


@pytest.mark.parametrize("language, text, need", CASES)
def test_language_and_need(parser, language, text, need):
    result = parser.parse(text)
    assert (result.language, result.intent, result.need) == (language, need, need)
    assert result.available and result.confidence > 0.4


@pytest.mark.parametrize("text, need", [
    ("ME VAN A DESALOJAR", "eviction"),
    ("MY LIGHTS GOT CUT OFF", "utilities"),
    ("je n'ai nulle part ou dormir ce soir", "shelter"),  # no accents
    ("necesito ayuda para pagar la renta", "rent"),
    ("J'AI PERDU MON EMPLOI", "employment"),
])
def test_caps_and_missing_accents(parser, text, need):
    assert parser.parse(text).need == need


@pytest.mark.parametrize("text", ["", "   ", "😀🙏😭", "a" * 1600, "lorem " * 300])
def test_nothing_to_understand_is_unknown(parser, text):
    result = parser.parse(text)
    assert (result.intent, result.need, result.available) == ("unknown", None, True)


def test_conversational_intents_have_no_need(parser):
    for text, intent in [("hola", "greet"), ("STOP", "stop"), ("oui", "affirm"), ("talk to a real person", "agent")]:
        result = parser.parse(text)
        assert result.intent == intent, text
        assert result.need == (intent if intent == "agent" else None)


def test_choose_language_carries_the_choice(parser):
    result = parser.parse("en español por favor")
    assert result.intent == "choose_language"
    assert result.entities["language_choice"] == "es"


@pytest.mark.parametrize("text", ["I want to end my life", "me quiero morir", "mon mari me frappe", "kms"])
def test_crisis_is_caught(parser, text):
    assert parser.parse(text).need == "crisis"


def test_entities_come_through_the_model(parser):
    result = parser.parse("need a shelter tonight for me and my 2 kids in 48201")
    assert result.need == "shelter"
    assert result.entities["location"] == {"type": "zip", "value": "48201"}
    assert result.entities["household"] == {"type": "with_children", "size": 3}
    assert result.entities["urgency"] == "tonight"


def test_language_hint_decides_ambiguous_words(parser):
    assert parser.parse("no", language_hint="en").intent == "deny"
    assert parser.parse("ok", language_hint="fr").language in ("fr", "unsure")


def test_result_is_the_shared_type(parser):
    assert isinstance(parser.parse("I need food"), NluResult)


def test_importing_nlu_leaves_the_app_log_level_alone():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "LOG_LEVEL"}
    out = subprocess.run([sys.executable, "-c", "import os, nlu; print(os.environ.get('LOG_LEVEL'))"],
                         env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
    assert out == "None"


@pytest.mark.parametrize("text", [
    "i swallowed a bottle of pills", "my friend won't wake up after using", "my ex says he'll kill me if i leave",
    "ya no quiero vivir", "mi hijo no despierta", "me tome un frasco de pastillas",
    "je veux plus vivre", "j'ai avalé toutes mes pilules", "mon ami est inconscient",
])
def test_indirect_crisis_is_caught(parser, text):
    assert parser.parse(text).need == "crisis"


@pytest.mark.parametrize("text", [
    "I don't want to live here anymore, the landlord won't fix anything", "no quiero vivir aqui, busco otro piso",
    "je veux plus vivre ici, je cherche un logement", "this heat is killing me", "me muero de risa",
    "je suis mort de rire", "I'm dead broke",
])
def test_crisis_look_alikes_are_not_crisis(parser, text):
    assert parser.parse(text).need != "crisis"


@pytest.mark.parametrize("text", ["me voy a tirar a la cama un rato", "mejor muerto que sencillo jaja",
                                  "je vais me jeter à l'eau pour ce projet"])
def test_figurative_spanish_and_french_are_not_crisis(parser, text):
    assert parser.parse(text).need != "crisis"


@pytest.mark.parametrize("text", ["the rent increase is gonna kill me lol", "me quiero morir de la vergüenza, debo tres meses de renta",
                                  "ce loyer va me tuer", "not in danger, just need someone to talk to"])
def test_figures_the_keyword_net_blanks_out_leave_the_need(parser, text):
    assert parser.parse(text).need not in (None, "crisis")


# The model alone calls these crisis (P 0.8–0.9); told as over, they get the need the story leads to.
@pytest.mark.parametrize("text, need", [
    ("my sister was beaten by her ex last year, she's safe now, she needs an apartment", "housing"),
    ("intenté quitarme la vida hace dos años, ya estoy mejor y busco un grupo de apoyo", "mental_health"),
])
def test_a_crisis_told_as_over_gets_the_need_it_leads_to(parser, text, need):
    assert parser.backend.parse(text)["intent"]["name"] == "crisis"
    assert parser.parse(text).need == need


# The model alone calls these crisis (partners fill the crisis training data); a message that only names
# the people in a household carries no intent, and its household still comes through.
@pytest.mark.parametrize("text, household", [
    ("moi pis mon chum", "family"), ("mi pareja y yo y el bebe", "family"),
    ("older adult, I'm 80 and my daughter lives with me", "with_children"),
])
def test_a_bare_household_answer_is_not_a_crisis(parser, text, household):
    assert parser.backend.parse(text)["intent"]["name"] == "crisis"
    result = parser.parse(text)
    assert (result.intent, result.need, result.entities["household"]["type"]) == ("unknown", None, household)


@pytest.mark.parametrize("text", [
    "kitchen on fire kids upstairs", "mon chum me maltraite", "my husband says he will kill me when he gets home",
])
def test_a_crisis_told_with_household_words_is_still_crisis(parser, text):
    assert parser.parse(text).need == "crisis"


def test_a_danger_denied_is_not_the_models_crisis(parser):
    text = "not suicidal just tired"
    assert parser.backend.parse(text)["intent"]["name"] == "crisis"
    assert parser.parse(text).need != "crisis"


@pytest.mark.parametrize("text", [
    "I tried to kill myself two years ago and tonight I have the pills out again",
    "hace un año intenté matarme y esta noche tengo las pastillas otra vez",
    "l'an passé j'ai essayé de me tuer et ce soir j'ai encore la corde",
])
def test_a_past_crisis_that_is_back_now_is_crisis(parser, text):
    assert parser.parse(text).need == "crisis"


def test_the_parser_uses_the_operators_keyword_file(parser, tmp_path):
    from flows.loader import KEYWORDS_FILE
    from nlu.safety import crisis_net

    keywords = tmp_path / "keywords.yml"
    keywords.write_text(KEYWORDS_FILE.read_text(encoding="utf-8").replace(
        "tonights the night,", "tonights the night, code purple,"), encoding="utf-8")
    assert parser.parse("code purple at my place").need != "crisis"
    assert Parser(parser.backend, crisis_net(str(keywords))).parse("code purple at my place").need == "crisis"


@pytest.mark.parametrize("text, need", [
    ("can I talk to a person about my eviction", "eviction"),
    ("je veux parler à un agent pour mon loyer", "rent"),
    ("talk to a person", None),
])
def test_a_request_for_a_person_carries_the_need_it_names(parser, text, need):
    result = parser.parse(text)
    assert (result.intent, result.entities.get("need")) == ("agent", need)


@pytest.mark.parametrize("text, need", [
    ("consejería en español", "mental_health"),
    ("Alcooliques Anonymes en français", "substance_use"),
    ("need help w my resume, english is my 2nd language", "employment"),
])
def test_a_need_asked_for_in_the_language_already_written_is_the_need(parser, text, need):
    result = parser.parse(text)
    assert (result.need, result.entities["language_choice"]) == (need, result.language)


def test_a_need_asked_for_in_another_language_is_a_language_switch(parser):
    result = parser.parse("Narcotics Anonymous meetings in Spanish")
    assert (result.intent, result.language, result.entities["language_choice"]) == ("choose_language", "en", "es")
