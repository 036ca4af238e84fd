"""Voice semantics: the language menu, silences, unsure speech, and resources read slowly."""
from tests.flows.helpers import Chat, action, kinds, nlu, resource


def test_call_start_offers_the_three_languages_each_in_its_own_voice(engine):
    chat = Chat(engine, channel="voice")
    turn = chat.step("en", kind="call_start")
    assert turn.reply.multilingual == (
        ("en", "Thank you for calling the helpline. For English press 1 or say English."),
        ("es", "Para español oprima 2 o diga español."),
        ("fr", "Pour le français, appuyez sur 3 ou dites français."),
    )
    assert [(c.key, c.value) for c in turn.reply.choices] == [("1", "en"), ("2", "es"), ("3", "fr")]
    assert "español" in turn.reply.choices[1].hints
    turn = chat.press("2", "es")
    assert turn.reply.texts[0] == "En pocas palabras, ¿en qué le podemos ayudar? O elija de esta lista."
    assert "Vivienda o albergue: oprima 1." in turn.reply.text


def test_call_start_skips_the_menu_when_the_language_is_known(engine):
    chat = Chat(engine, channel="voice", language="fr")
    turn = chat.step("fr", kind="call_start")
    assert turn.reply.multilingual == ()
    assert turn.reply.text.startswith("Merci d'appeler la ligne d'aide.")
    assert "Logement ou hébergement : appuyez sur le 1." in turn.reply.text
    assert all(c.hints for c in turn.reply.choices)


def test_silence_reprompts_then_reads_the_menu_then_transfers_then_says_where_to_get_help(engine):
    chat = Chat(engine, channel="voice", language="en", node="main_menu")
    turn = chat.step("en", kind="no_input")
    assert turn.reply.texts[:2] == ("Sorry, I didn't hear you.", "In a few words, what do you need help with? Or choose from this list.")
    turn = chat.step("en", kind="no_input")
    assert turn.reply.texts[0] == "Here are the choices."
    assert turn.reply.texts[1].startswith("Housing or shelter: press 1.")
    turn = chat.step("en", kind="no_input")
    assert kinds(turn) == ["transfer"]
    turn = chat.result("transfer", "en", ok=True, available=False, next_open="2024-05-07T08:00:00-04:00")
    assert "They're back tomorrow at 8:00 AM." in turn.reply.text
    assert "911" in turn.reply.text and "988" in turn.reply.text
    assert [c.key for c in turn.reply.choices] == ["1", "2", "9"]
    turn = chat.step("en", kind="no_input")
    assert turn.reply.end and kinds(turn) == ["hangup"]
    assert "call 211" in turn.reply.text and "988" in turn.reply.text


def test_unsure_speech_is_confirmed(engine):
    chat = Chat(engine, channel="voice", language="en", node="main_menu")
    turn = chat.say("eviction", "en", nlu("eviction", "eviction", confidence=0.8), speech_confidence=0.3)
    assert turn.reply.texts[0] == 'I heard "eviction". Press 1 if that\'s right, 2 to choose from a list.'
    turn = chat.press("1", "en")
    assert turn.reply.texts[0] == "Where are things with the eviction?"

    chat = Chat(engine, channel="voice", language="es", node="main_menu")
    chat.say("comida", "es", nlu("food", "food", "es"), speech_confidence=0.2)
    turn = chat.press("2", "es")
    assert turn.reply.texts[0] == "En pocas palabras, ¿en qué le podemos ayudar? O elija de esta lista."


def test_resources_read_back_slowly_and_the_after_menu(engine):
    chat = Chat(engine, channel="voice", language="en",
                slots={"location": {"type": "zip", "value": "48201"}, "household": "alone", "urgency": "tonight"})
    turn = chat.say("I need a place to sleep", "en", nlu("shelter", "shelter"), speech_confidence=0.9)
    assert kinds(turn) == ["lookup"]
    places = [resource(1), resource(2, open_now=False, closes_at=None, opens_next="2024-05-07T08:00:00+00:00"),
              resource(3), resource(4)]
    turn = chat.result("lookup", "en", ok=True, resources=places)
    assert turn.reply.texts[1] == ("Place 1. Beds for families Phone: 3 1 3, 5 5 5, 0 1 0 1. "
                                   "Open now until 8:00 PM.")
    assert turn.reply.texts[2].endswith("Phone: 3 1 3, 5 5 5, 0 1 0 1. 200 Main St, Detroit")
    assert "Place 4" not in turn.reply.text  # at most three on the phone
    assert [(c.key, c.value) for c in turn.reply.choices] == [("1", "@again"), ("2", "@text"), ("3", "@agent"),
                                                                ("9", "@main")]
    assert chat.press("1", "en").reply.texts[1].startswith("Place 1.")
    turn = chat.press("2", "en")
    body = action(turn, "send_sms")["body"]
    assert body.startswith("Here are places that can help:\n1) Place 1 - (313) 555-0101") and "Place 4" not in body
    turn = chat.result("send_sms", "en", ok=True)
    assert turn.reply.texts[0] == "I sent them to you by text message."
    assert kinds(chat.press("3", "en")) == ["transfer"]


def test_warm_transfer_and_voicemail(engine):
    chat = Chat(engine, channel="voice", language="fr", slots={"need": "rent"})
    turn = chat.press("0", "fr")
    # The conference TwiML (ivr/specialists) is what tells the caller they are being connected.
    assert kinds(turn) == ["transfer"] and turn.reply.texts == () and not turn.reply.expect_input
    turn = chat.result("transfer", "fr", ok=True, available=True, mode="conference")
    assert turn.reply.texts == () and not turn.reply.expect_input
    chat = Chat(engine, channel="voice", language="fr", slots={"need": "rent"})
    chat.press("0", "fr")
    chat.result("transfer", "fr", ok=False, available=False, next_open=None)
    turn = chat.press("2", "fr")
    assert kinds(turn) == ["record_triage", "voicemail"] and not turn.reply.expect_input


def test_hangup_records_an_abandoned_triage_once(engine):
    chat = Chat(engine, channel="voice", language="en")
    chat.say("rent help", "en", nlu("rent", "rent"))
    turn = chat.step("en", kind="hangup")
    assert turn.reply.silent and action(turn, "record_triage")["record"]["outcome"] == "abandoned"
