"""SMS rules: opt-out keywords, HELP, empty messages, replies within two segments, MORE paging."""
import pytest

from flows.sms_segments import segments
from tests.flows.helpers import Chat, kinds, nlu, resource


@pytest.mark.parametrize("word", ["STOP", " stop ", "StopAll", "UNSUBSCRIBE", "cancel", "END", "quit", "ALTO",
                                  "parar", "ARRÊT", "arret"])
def test_stop_silences_every_later_message(engine, word):
    chat = Chat(engine, language="es", node="ask_household", slots={"need": "food"})
    turn = chat.say(word, "es")
    assert turn.reply.silent and turn.reply.texts == () and turn.actions == ()
    # Only the opt-out and the language (for a later START) are kept.
    assert chat.session.opted_out and chat.session.slots == {} and chat.session.language == "es"
    for text in ("hola", "I want to kill myself", "help", "0"):
        turn = chat.say(text, "es", nlu("crisis", "crisis"))
        assert turn.reply.silent and turn.actions == ()
    assert chat.session.opted_out


def test_stop_inside_a_sentence_is_not_an_opt_out(engine):
    chat = Chat(engine, language="en")
    turn = chat.say("how do I stop an eviction", "en", nlu("eviction", "eviction"))
    assert not chat.session.opted_out
    assert turn.reply.text.startswith("Where are things with the eviction?")


@pytest.mark.parametrize("word", ["START", "unstop", "Yes"])
def test_start_resubscribes_with_a_welcome(engine, word):
    chat = Chat(engine)
    chat.say("STOP", "en")
    turn = chat.say(word, "en")
    assert turn.reply.text == "Welcome back to the helpline. Tell me in a few words what you need, or reply MENU."
    assert not chat.session.opted_out
    turn = chat.say("I need food", "en", nlu("food", "food"))
    assert turn.reply.text.startswith("What would help most?")


def test_start_welcomes_back_in_the_language_spoken_before_stop(engine):
    chat = Chat(engine, language="fr")
    chat.say("ARRÊT", "fr")
    turn = chat.say("START", "fr")
    assert not chat.session.opted_out and chat.session.language == "fr"


@pytest.mark.parametrize("word, language, start", [
    ("HELP", "en", "I can help you find shelter"), ("info", "en", "I can help you find shelter"),
    ("AYUDA", "es", "Le ayudo a buscar albergue"), ("Aide", "fr", "Je vous aide à trouver"),
])
def test_help_keyword(engine, word, language, start):
    chat = Chat(engine)
    turn = chat.say(word, language)
    assert turn.reply.text.startswith(start)
    assert "STOP" in turn.reply.text or "ALTO" in turn.reply.text or "ARRET" in turn.reply.text


@pytest.mark.parametrize("language, text", [(None, "Please type your question in a few words."),
                                            ("es", "Por favor, escriba su pregunta en pocas palabras."),
                                            ("fr", "Écrivez votre question en quelques mots, s'il vous plaît.")])
def test_media_only_or_empty_message(engine, language, text):
    chat = Chat(engine, language=language)
    assert chat.say("", language or "en").reply.text == text
    assert chat.step(language or "en", text=None).reply.text == text


@pytest.mark.parametrize("language, more_word, more_footer, end", [
    ("en", "MORE", "Reply MORE for more.", "Reply 0 to talk to a person, or MENU to start over."),
    ("es", "más", "Responda MAS para ver otros lugares.", "Responda 0 para hablar con una persona o MENU para empezar de nuevo."),
    ("fr", "plus", "Répondez PLUS pour la suite.", "Répondez 0 pour parler à une personne ou MENU pour recommencer."),
])
def test_more_pages_through_long_resource_lists(engine, language, more_word, more_footer, end):
    chat = Chat(engine, language=language, slots={"need": "shelter", "location": {"type": "zip", "value": "48201"},
                                                   "household": "alone", "urgency": "tonight"})
    chat.say("x", language, nlu("shelter", "shelter", language))
    places = [resource(i, name=f"Refuge numéro {i} du centre-ville", address=f"{i}00 rue Principale, Montréal")
              for i in range(1, 8)]
    turn = chat.result("lookup", language, ok=True, resources=places)
    pages = [turn.reply.text]
    while pages[-1].endswith(more_footer):
        pages.append(chat.say(more_word, language).reply.text)
    assert len(pages) >= 3
    assert all(1 <= segments(page) <= 2 for page in pages)
    assert pages[-1].endswith(end)
    shown = "\n".join(pages)
    assert all(f"{i}) Refuge numéro {i} du centre-ville" in shown for i in range(1, 8))
    assert chat.say(more_word, language).reply.prompt_keys == ("more.none",)


def test_a_new_question_drops_the_old_pages(engine):
    chat = Chat(engine, language="en", slots={"need": "food", "sub_need": "food_today",
                                               "location": {"type": "zip", "value": "48201"}, "household": "alone"})
    chat.say("food", "en", nlu("food", "food"))
    chat.result("lookup", "en", ok=True, resources=[resource(i) for i in range(1, 8)])
    chat.say("menu", "en")
    assert chat.say("more", "en").reply.prompt_keys == ("more.none",)


def test_results_are_recorded_once_and_a_person_is_one_key_away(engine):
    chat = Chat(engine, language="en", slots={"need": "childcare", "location": {"type": "zip", "value": "48201"}})
    chat.say("childcare", "en", nlu("childcare", "childcare"))
    turn = chat.result("lookup", "en", ok=True, resources=[resource(1)])
    assert kinds(turn) == ["record_triage"]
    assert kinds(chat.say("0", "en")) == ["transfer"]


@pytest.mark.parametrize("language, greeting", [("en", "hello"), ("es", "hola"), ("fr", "bonjour")])
def test_a_first_hello_gets_the_whole_main_menu_in_one_message(engine, language, greeting):
    chat = Chat(engine)
    turn = chat.say(greeting, language, nlu("greet", None, language))
    assert "0 " in turn.reply.text and "6 " in turn.reply.text  # the menu is there, not paged away
    assert "more" not in turn.session.data or not turn.session.data["more"]
    assert segments(turn.reply.text) <= 2
