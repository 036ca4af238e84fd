"""Whole SMS conversations in each language, as the caller reads them."""
from datetime import timedelta

import pytest

from flows.types import NluResult
from tests.flows.helpers import NOW, Chat, action, kinds, nlu, resource


def test_need_household_urgency_and_location_from_one_message(engine):
    chat = Chat(engine)
    turn = chat.say("me and my two boys are sleeping in the car tonight, 48201", "en",
                    nlu("shelter", "shelter", household={"type": "with_children", "size": 3}, urgency="tonight"))
    assert kinds(turn) == ["lookup"]
    assert turn.reply.texts == ()  # the look-up result speaks
    assert action(turn, "lookup") == {"need": "shelter", "sub_need": None, "location": {"type": "zip", "value": "48201"},
                                      "language": "en", "household": "with_children", "urgency": "tonight"}
    turn = chat.result("lookup", "en", ok=True, resources=[resource(1), resource(2)])
    assert turn.reply.text.startswith("Here are places that can help:\n1) Place 1 - (313) 555-0101")
    assert "Open now until 8:00 PM." in turn.reply.text
    assert turn.reply.text.endswith("Reply 0 to talk to a person, or MENU to start over.")
    record = action(turn, "record_triage")["record"]
    assert record["outcome"] == "referred" and record["need"] == "shelter"
    assert record["slots"]["household"] == "with_children" and record["channel"] == "sms"
    assert chat.session.slots["household_size"] == 3


def test_spanish_need_from_message_then_questions_only_for_what_is_missing(engine):
    chat = Chat(engine)
    turn = chat.say("me van a desalojar, vivo en el 48201", "es", nlu("eviction", "eviction", "es"))
    assert turn.reply.text.startswith("¿En qué etapa va el desalojo?\n1 Tengo fecha en la corte")
    turn = chat.press("1", "es")  # location was in the first message: not asked again
    assert turn.reply.text.startswith("¿Quién necesita ayuda?\n1 Solo yo")
    turn = chat.press("3", "es")
    assert turn.reply.text.startswith("¿Para cuándo necesita ayuda?")
    turn = chat.press("2", "es")
    assert action(turn, "lookup") == {"need": "eviction", "sub_need": "court_date",
                                      "location": {"type": "zip", "value": "48201"}, "language": "es",
                                      "household": "family", "urgency": "this_week"}
    turn = chat.result("lookup", "es", ok=True, resources=[resource(1)])
    assert turn.reply.text.startswith("Estos lugares le pueden ayudar:")
    assert "Abierto ahora hasta las 8:00 p.m." in turn.reply.text


def test_french_through_numbered_menus_when_language_unsure(engine):
    chat = Chat(engine)
    turn = chat.say("allo", "en", nlu("greet", None, "unsure", 0.4))
    assert turn.reply.text == "Reply 1 for English.\nResponda 2 para español.\nRépondez 3 pour le français."
    assert [c.key for c in turn.reply.choices] == ["1", "2", "3"]
    turn = chat.press("3", "fr")
    assert turn.reply.text.startswith("Comment pouvons-nous vous aider?")
    assert "\n1 Logement ou hébergement\n" in turn.reply.text
    turn = chat.press("1", "fr")
    assert turn.reply.text.startswith("De quelle aide au logement avez-vous besoin?")
    turn = chat.press("3", "fr")
    assert turn.reply.text.startswith("Quelle aide pour le loyer?\n1 J'ai du retard de loyer")
    turn = chat.press("1", "fr")
    assert turn.reply.text == "Quel est votre code postal ou votre ville?"
    turn = chat.say("h2x 1y4", "fr")
    assert turn.reply.text.startswith("Qui a besoin d'aide?")
    chat.press("5", "fr")
    turn = chat.press("3", "fr")
    assert action(turn, "lookup")["location"] == {"type": "postal_code", "value": "H2X 1Y4"}
    assert action(turn, "lookup")["household"] == "older_adult"
    assert action(turn, "lookup")["urgency"] == "planning"


def test_language_menu_keeps_the_need_from_the_first_message(engine):
    chat = Chat(engine)
    chat.say("food 48201", "en", nlu("food", "food", "unsure", 0.8))
    turn = chat.say("español", "es")
    assert turn.reply.text.startswith("¿Qué le ayudaría más?")


def test_menu_without_the_model(engine):
    """NLU down: numbered menus all the way, and a typed ZIP is still understood."""
    chat = Chat(engine, language="en")
    down = nlu().unavailable()
    turn = chat.say("hello?", "en", down)
    assert turn.reply.text.startswith("Hi, this is the helpline.\nWhat do you need help with?")
    assert [c.key for c in turn.reply.choices] == ["1", "2", "3", "4", "5", "6", "0"]
    turn = chat.say("4", "en", down)
    assert turn.reply.text.startswith("What kind of help with work?")
    chat.say("1", "en", down)
    turn = chat.say("Detroit", "en", down)
    assert action(turn, "lookup")["location"] == {"type": "city", "value": "Detroit"}
    assert action(turn, "lookup")["need"] == "employment"


def test_health_need_asks_population(engine):
    chat = Chat(engine, language="en", slots={"location": {"type": "zip", "value": "48201"}, "household": "alone"})
    turn = chat.say("I need help with my drinking", "en", nlu("substance_use", "substance_use"))
    assert turn.reply.text.startswith("Does one of these apply?")
    turn = chat.press("1", "en")
    assert action(turn, "lookup")["need"] == "substance_use"
    assert chat.session.slots["population"] == "substance_use_mental_illness"


def test_low_confidence_shows_numbers_then_offers_a_person_then_transfers(engine):
    chat = Chat(engine, language="en")
    turn = chat.say("i dunno its complicated", "en", nlu("unknown", "eviction", confidence=0.3))
    assert turn.reply.text.startswith("Hi, this is the helpline.\nWhat do you need help with?")
    turn = chat.say("stuff", "en", nlu("unknown", None, confidence=0.2))
    assert turn.reply.text.startswith("Sorry, I didn't get that.\nWhat do you need help with?")
    turn = chat.say("things", "en", nlu("unknown", None, confidence=0.2))
    assert turn.reply.text.startswith("Sorry, I'm having trouble. To talk to a person, reply 0.")
    turn = chat.say("blah", "en", nlu("unknown", None, confidence=0.2))
    assert kinds(turn) == ["transfer"]


def test_language_switch_mid_conversation(engine):
    chat = Chat(engine, language="en")
    chat.say("I need food", "en", nlu("food", "food"))
    turn = chat.say("español por favor", "es")
    assert turn.reply.text.startswith("¿Qué le ayudaría más?\n1 Comida para hoy")
    turn = chat.say("French please", "fr")
    assert turn.reply.text.startswith("Qu'est-ce qui vous aiderait le plus?")
    turn = chat.say("je veux parler français", "fr", nlu("choose_language", None, "fr", language_choice="fr"))
    assert chat.session.language == "fr"
    turn = chat.say("english", "en")
    assert turn.reply.text.startswith("What would help most?")


def test_global_commands_in_every_language(engine):
    chat = Chat(engine, language="es")
    chat.say("necesito ayuda con la renta", "es", nlu("rent", "rent", "es"))
    turn = chat.press("1", "es")
    assert turn.reply.text.startswith("¿Cuál es su código postal")
    turn = chat.say("atrás", "es")
    assert turn.reply.text.startswith("¿Qué ayuda con la renta necesita?")
    assert "sub_need" not in chat.session.slots
    turn = chat.say("Menú", "es")
    assert turn.reply.text.startswith("¿En qué le podemos ayudar?")
    assert "need" not in chat.session.slots
    turn = chat.say("ayuda", "es")
    assert turn.reply.text.startswith("Le ayudo a buscar albergue")
    turn = chat.say("0", "es")
    assert kinds(turn) == ["transfer"]
    assert action(turn, "transfer")["language"] == "es"

    fr = Chat(engine, language="fr", node="housing_menu")
    assert fr.say("recommencer", "fr").reply.text.startswith("Comment pouvons-nous vous aider?")
    assert kinds(fr.say("parler à une personne", "fr")) == ["transfer"]
    en = Chat(engine, language="en", node="rent_kind", slots={"need": "rent"})
    assert en.say("go back", "en").reply.text.startswith("What do you need help with?")
    assert kinds(en.say("agent", "en")) == ["transfer"]


def test_directory_down_says_call_211_and_offers_a_person(engine):
    chat = Chat(engine, language="en", slots={"location": {"type": "zip", "value": "48201"}, "household": "alone"})
    chat.say("my lights got cut off", "en", nlu("utilities", "utilities"))
    chat.press("2", "en")
    turn = chat.result("lookup", "en", ok=False, reason="timeout")
    assert turn.reply.text == ("Our directory isn't working right now. Please call 211.\n"
                               "A specialist can help. Reply 1 to talk to a person, or 9 to start over.")
    assert kinds(chat.press("1", "en")) == ["transfer"]


def test_no_resources_found_is_never_silent(engine):
    chat = Chat(engine, language="fr", slots={"location": {"type": "city", "value": "Gatineau"}})
    chat.say("j'ai besoin de transport", "fr", nlu("transportation", "transportation", "fr"))
    turn = chat.result("lookup", "fr", ok=True, resources=[])
    assert turn.reply.text.startswith("Je n'ai pas trouvé d'endroit pour cela près de Gatineau.")
    assert [c.key for c in turn.reply.choices] == ["1", "9"]


def test_transfer_to_specialist_by_sms_says_when_to_expect_the_text_back(engine):
    chat = Chat(engine, language="en", slots={"need": "rent", "sub_need": "arrears"})
    turn = chat.say("0", "en")
    transfer = action(turn, "transfer")
    assert transfer["need"] == "rent" and transfer["record"]["summary"].startswith("rent/arrears")
    turn = chat.result("transfer", "en", ok=True, available=True, next_open=None, mode="callback",
                       expect_by=(NOW + timedelta(minutes=30)).isoformat())
    assert turn.reply.text == "Thank you. A specialist will text you back today at 3:00 PM."
    assert turn.reply.expect_input is False
    assert action(turn, "record_triage")["record"]["outcome"] == "callback"


def test_sms_text_back_queued_after_hours_names_the_crisis_lines(engine):
    chat = Chat(engine, language="es", slots={"need": "food"})
    chat.say("quiero hablar con una persona", "es", nlu("agent", "agent", "es"))
    turn = chat.result("transfer", "es", ok=True, available=False, next_open="2024-05-07T09:00:00+00:00",
                       mode="callback", expect_by="2024-05-07T09:30:00+00:00")
    assert turn.reply.text == ("Gracias. Un especialista le escribirá mañana a las 9:30 a.m.\n"
                               "¿En peligro? Llame al 911. Llame o escriba al 988 a toda hora.")


# The reply answers the choice (why not a text-back, who to call) instead of repeating the crisis text,
# whole: a "reply MORE" page break would cut off the 911.
@pytest.mark.parametrize("language, text", [
    ("en", "Texting is too slow to reach someone now. Call or text 988 and a person will talk with you right away, "
           "day or night. If you are in danger, call 911."),
    ("es", "Por texto tardaríamos demasiado. Llame o escriba al 988: una persona le atiende ya, a toda hora. "
           "En peligro, llame al 911."),
    ("fr", "Par texto, ce serait trop long. Appelez ou textez le 988: on vous répond tout de suite, jour et nuit. "
           "En danger? Composez le 911."),
])
def test_sms_crisis_transfer_gives_the_24_7_lines_instead_of_a_text_back(engine, language, text):
    chat = Chat(engine, language=language, node="crisis")
    chat.press("1", language)
    turn = chat.result("transfer", language, ok=True, available=True, mode="crisis")
    assert turn.reply.text == text
    assert turn.reply.expect_input is False


def test_after_hours_call_gives_crisis_lines_and_a_callback(engine):
    chat = Chat(engine, channel="voice", language="es", slots={"need": "food"})
    chat.say("quiero hablar con una persona", "es", nlu("agent", "agent", "es"))
    turn = chat.result("transfer", "es", ok=True, available=False, next_open="2024-05-07T09:00:00+00:00",
                       mode="after_hours")
    assert "Vuelven mañana a las 9:00 a.m." in turn.reply.text
    assert "911" in turn.reply.text and "988" in turn.reply.text
    assert [c.value for c in turn.reply.choices][:2] == ["@callback", "@voicemail"]
    turn = chat.press("1", "es")
    assert kinds(turn) == ["callback_request"]
    assert action(turn, "callback_request")["record"]["outcome"] == "callback"
    turn = chat.result("callback_request", "es", ok=True)
    assert turn.reply.text == ("Gracias. Un especialista le llamará lo antes posible.\n"
                               "¿En peligro? Llame al 911. Llame o escriba al 988 a toda hora.")
    assert turn.reply.end and action(turn, "record_triage")["record"]["outcome"] == "callback"


def test_callback_that_could_not_be_saved_still_says_where_to_get_help(engine):
    chat = Chat(engine, language="fr", node="after_hours", slots={"need": "food"})
    chat.press("1", "fr")
    turn = chat.result("callback_request", "fr", ok=False)
    assert "211" in turn.reply.text and "988" in turn.reply.text and turn.reply.end


def test_history_and_records_never_hold_a_phone_number(engine):
    chat = Chat(engine, language="en")
    chat.say("call me back at 313-555-0199 about rent", "en", nlu("rent", "rent"))
    turn = chat.say("0", "en")
    record = action(turn, "transfer")["record"]
    assert "555-0199" not in str(record) and "5550199" not in str(chat.session.to_dict())
    assert record["transcript"][0]["text"] == "call me back at [number] about rent"


def test_need_named_with_a_request_for_a_person_reaches_the_specialist(engine):
    chat = Chat(engine, language="en")
    understood = NluResult("en", 0.95, "agent", "agent", 0.6, {"need": "rent"})
    turn = chat.say("rent help, can I talk to someone", "en", understood)
    assert kinds(turn) == ["transfer"]
    assert action(turn, "transfer")["need"] == "rent"
    assert chat.session.slots["need"] == "rent"
