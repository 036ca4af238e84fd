"""A crisis interrupts every node of every tree, in every language, with or without the model."""
import pytest

from flows.engine import load_engine
from tests.flows.helpers import Chat, action, kinds, nlu

ENGINE = load_engine()
NODES = sorted(ENGINE.data.nodes) + ["start", "results"]
CRISIS_TEXT = {"en": "I just want to kill myself", "es": "ya no quiero vivir", "fr": "j'ai envie de mourir"}
MESSAGE = {
    "en": "If you're in danger, call 911 now. You can call or text 988 any time, day or night.",
    "es": "Si está en peligro, llame al 911 ahora. Puede llamar o escribir al 988 a toda hora.",
    "fr": "Si vous êtes en danger, composez le 911. Vous pouvez appeler ou texter le 988, jour et nuit.",
}
# French SMS says it in fewer characters so the reply stays within two segments.
SMS_MESSAGE = {**MESSAGE, "fr": "En danger? Composez le 911. Vous pouvez appeler ou texter le 988, jour et nuit.",
               "es": "Si corre peligro, llame al 911 ahora. Puede llamar o escribir al 988 a toda hora."}


@pytest.mark.parametrize("channel", ["sms", "voice"])
@pytest.mark.parametrize("language", ["en", "es", "fr"])
@pytest.mark.parametrize("node", NODES)
def test_crisis_words_interrupt_every_node_without_the_model(engine, node, language, channel):
    chat = Chat(engine, channel=channel, language=language, node=node, slots={"need": "eviction"})
    turn = chat.say(CRISIS_TEXT[language], language, nlu().unavailable())
    assert turn.reply.texts[0] == (SMS_MESSAGE if channel == "sms" else MESSAGE)[language]
    assert [c.key for c in turn.reply.choices] == ["1", "9"]
    assert action(turn, "record_triage")["record"]["outcome"] == "crisis"
    assert chat.session.node == "crisis"


@pytest.mark.parametrize("node", NODES)
def test_crisis_intent_interrupts_every_node(engine, node):
    chat = Chat(engine, language="es", node=node)
    turn = chat.say("ya no puedo más con esto", "es", nlu("crisis", "crisis", "es", confidence=0.45))
    assert turn.reply.texts[0] == SMS_MESSAGE["es"]


def test_crisis_at_first_middle_and_last_step_then_a_person(engine):
    first = Chat(engine)
    turn = first.say("quiero morir", "es", nlu("crisis", "crisis", "es"))
    assert turn.reply.text.startswith(SMS_MESSAGE["es"])
    turn = first.press("1", "es")
    assert action(turn, "transfer")["need"] == "crisis"

    middle = Chat(engine, language="fr")
    middle.say("je vais perdre mon logement", "fr", nlu("eviction", "eviction", "fr"))
    turn = middle.say("il me frappe, je suis en danger", "fr")
    assert turn.reply.text.startswith(SMS_MESSAGE["fr"])
    assert middle.session.slots["need"] == "eviction"  # what we learnt is kept for the specialist

    last = Chat(engine, language="en", slots={"location": {"type": "zip", "value": "48201"}})
    last.say("need a job", "en", nlu("employment", "employment"))
    turn = last.press("1", "en")
    assert kinds(turn) == ["lookup"]
    turn = last.say("he's going to kill me", "en")
    assert turn.reply.text.startswith(MESSAGE["en"])
    # Sent twice: told the numbers again, recorded once.
    turn = last.say("overdose", "en")
    assert turn.reply.text.startswith(MESSAGE["en"]) and "record_triage" not in kinds(turn)


def test_crisis_even_before_the_language_is_known(engine):
    chat = Chat(engine)
    turn = chat.say("suicide", "en", nlu("unknown", None, "unsure", 0.2))
    assert turn.reply.text.startswith(MESSAGE["en"])


def test_words_that_only_look_alarming_do_not_trigger(engine):
    chat = Chat(engine, language="en")
    turn = chat.say("my landlord is killing me with these repairs", "en", nlu("landlord", "landlord"))
    assert chat.session.node != "crisis" and turn.reply.language == "en"


# Indirect phrasings the model can miss (found by the blind held-out run): the keyword net catches them.
@pytest.mark.parametrize("language, text", [
    ("en", "I already wrote a goodbye letter to my mom"),
    ("en", "what is the quickest way to die"),
    ("en", "he is outside trying to kick in my door"),
    ("es", "le dejé una carta de despedida a mi hija"),
    ("es", "cuál es la manera más rápida de morir"),
    ("es", "mi pareja me empujó contra la pared"),
    ("fr", "j'ai écrit une lettre d'adieu"),
    ("fr", "il essaie d'enfoncer la porte"),
    ("fr", "mon copain m'a poussée dans l'escalier"),
    # Third round: a child in danger, poisoning, stroke signs, arson, self-harm going on, hiding.
    ("en", "the guy upstairs is hitting his daughter again, she is crying"),
    ("en", "my son drank some bleach from under the sink"),
    ("en", "my dad's face is drooping and he can't lift his arm"),
    ("es", "mi vecino está golpeando a su niña, la oigo gritar"),
    ("es", "estoy escondida en el closet, él sigue afuera"),
    ("es", "dice que le va a prender fuego a la casa"),
    ("fr", "mon chum bat sa fille en ce moment"),
    ("fr", "je me coupe les poignets depuis tantôt"),
    ("fr", "mon père a la bouche toute croche pis il parle pu"),
])
def test_indirect_crisis_phrasings_are_caught_without_the_model(engine, language, text):
    chat = Chat(engine, language=language, node="ask_location", slots={"need": "rent"})
    chat.say(text, language, nlu("out_of_scope", None, language, confidence=0.9))
    assert chat.session.node == "crisis"


# Figures of speech are blanked out before the net looks (flows/keywords.yml, crisis_figurative)...
@pytest.mark.parametrize("language, text", [
    ("en", "this rent increase is gonna kill me lol"),
    ("en", "my sister will kill me if I'm late picking up the kids"),
    ("en", "not in danger, just need someone to talk to"),
    ("es", "me quiero morir de la vergüenza jaja"),
    ("es", "me pegaron un aviso en la puerta"),
    ("es", "me corté el pelo y ahora busco trabajo"),
    ("fr", "ce loyer va me tuer"),
    ("fr", "overdose de café ce matin"),
    ("es", "casi me da un infarto cuando vi la factura de la luz"),
    ("es", "el dueño nos quiere matar de frío, no prende la calefacción"),
])
def test_figures_of_speech_do_not_trip_the_net(engine, language, text):
    assert not engine.crisis.matches(text)


# ...but only their own words: a real crisis in the same message still stops the flow.
@pytest.mark.parametrize("language, text", [
    ("en", "this rent is gonna kill me and my boyfriend is gonna kill me too, he has a knife"),
    ("en", "he said he will kill me if I leave"),
    ("es", "me quiero morir de la vergüenza y de verdad quiero morir"),
    ("es", "me corté los brazos anoche"),
    ("fr", "ce loyer va me tuer mais lui il veut me tuer pour vrai"),
    ("fr", "ben euh j'ai pris euh beaucoup trop de pilules"),
])
def test_a_real_crisis_next_to_a_figure_of_speech_is_caught_without_the_model(engine, language, text):
    chat = Chat(engine, language=language, node="ask_location", slots={"need": "rent"})
    chat.say(text, language, nlu().unavailable())
    assert chat.session.node == "crisis"


# A crisis word next to a marker of the past or of a topic is left to the model (crisis_distanced)...
@pytest.mark.parametrize("language, text", [
    ("en", "I tried to kill myself 5 years ago, doing much better now and want counselling again"),
    ("en", "my brother overdosed last year, where can I get naloxone"),
    ("en", "is the suicide hotline looking for volunteers"),
    ("es", "mi tío tuvo una sobredosis el año pasado y ahora busca tratamiento"),
    ("es", "intenté suicidarme hace dos años, ya estoy mejor"),
    ("fr", "j'ai fait une tentative de suicide il y a trois ans, je cherche un groupe"),
    ("fr", "mon chum a fait une overdose l'an passé, il est clean maintenant"),
])
def test_a_crisis_word_about_the_past_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)
    chat = Chat(engine, language=language, node="ask_location", slots={"need": "rent"})
    chat.say(text, language, nlu("crisis", "crisis", language, confidence=0.6))
    assert chat.session.node == "crisis"


# ...only near it: a present crisis further on in the same message still matches.
@pytest.mark.parametrize("language, text", [
    ("en", "i got sober last year and lost my job in march, and tonight i am going to kill myself"),
    ("es", "me separé hace dos años y ahora vivo solo con mis perros, esta noche voy a suicidarme"),
    ("fr", "j'ai perdu mon emploi il y a deux mois et mon appart aussi, ce soir je vais me suicider"),
    ("es", "mi hija de 12 me dijo que su padrastro abusa de ella"),
])
def test_a_present_crisis_away_from_a_past_marker_still_matches(engine, language, text):
    assert engine.crisis.matches(text)


# A crisis told as over or as for someone else later (crisis_resolved) distances the words near it too...
@pytest.mark.parametrize("language, text", [
    ("en", "my friend is not in danger, but what number can she call if she ever feels suicidal"),
    ("es", "a mi hermana la golpeaba su pareja, ya está a salvo con nosotros y busca un abogado"),
    ("fr", "un voisin a fait une overdose, il est hors de danger, je veux une formation naloxone"),
])
def test_a_crisis_word_told_as_over_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)
    assert engine.crisis.told_as_past(text)


# ...and the parser drops the model's crisis call on such a message unless something says it is back now.
@pytest.mark.parametrize("language, text, past", [
    ("en", "I tried to end my life two years ago, I'm doing much better now and want a support group", True),
    ("en", "we had a kitchen fire last month, nobody was hurt, need help with a new stove", True),
    ("en", "I tried to kill myself two years ago and tonight I have the pills out again", False),
    ("en", "my ex who strangled me in 2019 found my new address and he's at my door", False),
    ("es", "el año pasado intentó matarse y hace diez minutos me mandó una foto de una cuerda", False),
    ("fr", "clean depuis 2 ans mais j'ai tout pris d'un coup y a 20 min", False),
    ("en", "the guy who stabbed me last year is back and standing at my door", False),
    ("es", "intenté quitarme la vida hace dos años, ya estoy mejor y busco un grupo de apoyo", True),
    ("es", "hace un año intenté matarme y esta noche tengo las pastillas otra vez", False),
    # "está bien frío" is "very cold", not "is fine".
    ("es", "mi hermano no despierta y está bien frío", False),
    ("fr", "il y a deux ans j'ai fait une tentative de suicide, je vais mieux et je cherche un psy", True),
    ("fr", "l'an passé j'ai essayé de me tuer et ce soir j'ai encore la corde", False),
    ("fr", "je suis pas en sécurité chez moi", False),
])
def test_told_as_past(engine, language, text, past):
    assert engine.crisis.told_as_past(text) is past


# A negation of intent right before a crisis word leaves the message to the model (crisis_negations)...
@pytest.mark.parametrize("language, text", [
    ("en", "lost my job, not thinking of hurting myself, just need help with my resume"),
    ("en", "I'm not suicidal, I just need someone to talk to"),
    ("es", "tengo ansiedad pero no pienso en hacerme daño, busco psicólogo"),
    ("fr", "je suis pas suicidaire, j'ai juste besoin de parler"),
    ("fr", "je pense pas au suicide, je suis stressée"),
    ("es", "no soy suicida ni nada, solo estoy muy estresado"),
    ("fr", "aucune envie de mourir rassurez-vous, mais je suis à bout"),
    ("fr", "y a rien de suicidaire là-dedans, c'est l'argent qui me stresse"),
    # Anchored negations reach further back, up to the crisis word itself.
    ("en", "i don't have any thoughts of hurting myself, i just can't sleep"),
    ("es", "no tengo pensamientos de matarme pero la ansiedad no me deja dormir"),
    ("fr", "j'ai pas d'idées de me tuer, juste besoin de parler à quelqu'un"),
])
def test_a_negated_crisis_word_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


# ...but a bare "no" or "pas" before a real one is not a negation of it.
@pytest.mark.parametrize("language, text", [
    ("es", "no aguanto más, me voy a matar"),
    ("fr", "j'en peux pas, je vais me tuer"),
    ("en", "i'm not ok, i want to kill myself"),
    ("fr", "j'ai plus envie de vivre"),
    ("es", "no soy nada, quiero morir"),
    ("es", "no tengo trabajo ni casa, no tengo nada, voy a matarme"),
    ("fr", "j'ai plus rien, je me suis coupée ce soir et ça arrête pas"),
])
def test_a_crisis_after_an_unrelated_negation_still_matches(engine, language, text):
    assert engine.crisis.matches(text)


# Medical emergencies told in everyday words, and SMS spellings of common crisis phrases.
@pytest.mark.parametrize("language, text", [
    # Means at hand and bystander emergencies inside a need request.
    ("en", "theres a guy waving a gun in the parking lot of the shelter right now"),
    ("en", "a little boy maybe 3 is alone on the highway shoulder, cars flying by"),
    ("es", "hay una nena de 2 años sola en la azotea del edificio de enfrente"),
    ("fr", "un petit de 3 ans tout seul sur le balcon du 5e, y grimpe"),
    # Veiled goodbyes.
    ("en", "been giving away all my stuff, wont need it where im going"),
    ("es", "ya regalé todas mis cosas, gracias por todo"),
    ("fr", "à quoi ça sert de continuer, j'ai donné mes affaires"),
    ("es", "el vecino saco un cuchillo y esta gritando en el pasillo, necesito otro albergue"),
    ("fr", "mon coloc a sorti un couteau pis y crie, je sais pas où aller ce soir"),
    ("en", "need an apartment for next month, also my roommate took a bunch of pills and isnt breathing right"),
    ("en", "lost my job and the gun is loaded on the table"),
    ("es", "ayuda con el recibo del gas, mi compañero lleva un rato en el suelo sin despertar"),
    ("es", "si me echan el viernes me quito de en medio"),
    ("fr", "aide au loyer svp, si je perds l'appart jai deja la corde dans le garde-robe"),
    ("fr", "besoin d'un transport demain, si je suis encore là, les comprimés sont prêts"),
    ("fr", "je n'ai aucune raison de vivre"),
    ("en", "my buddy is ODing and his lips are blue"),
    ("es", "no kiero vivir mas"),
    ("fr", "je veux mettre fin à ma vie"),
    ("en", "cant feel my feet been outside all night"),
    ("en", "ate peanuts and my throat is swelling shut"),
    ("en", "im on the roof and im going to jump"),
    ("es", "mi bebé está helado y ya no llora"),
    ("es", "estoy en la azotea y me voy a tirar"),
    ("fr", "je sens plus mes mains, je dors dehors"),
    ("fr", "je suis sur le balcon du 12e et je pense à me jeter"),
])
def test_medical_emergencies_in_everyday_words_match(engine, language, text):
    assert engine.crisis.matches(text)


# Seventh round: a heart attack seen, pills on purpose, a car aimed at something, train tracks, blood
# coughed up or sharp things swallowed, shoved against a wall, "not sure I want to be here".
@pytest.mark.parametrize("language, text", [
    ("en", "my grandpa is grabbing his chest and sweating"),
    ("en", "swallowed the whole bottle of meds on purpose"),
    ("en", "gonna drive my car off the bridge after this call"),
    ("en", "sitting on the railroad tracks"),
    ("en", "he keeps coughing up blood"),
    ("en", "he shoved me against the wall and he's still in the kitchen"),
    ("en", "honestly not sure i want to wake up tomorrow"),
    ("es", "mi abuela se agarra el pecho y no puede hablar"),
    ("es", "me tomé las pastillas a propósito"),
    ("es", "voy a estrellar el carro contra un poste"),
    ("es", "estoy sentado sobre las vías del metro"),
    ("es", "mi hijo está vomitando sangre"),
    ("es", "ya tengo la soga en el cuarto"),
    ("es", "no sé si quiero seguir aquí mañana"),
    ("fr", "mon père se tient la poitrine pis il est tout blanc"),
    ("fr", "j'ai pris les cachets exprès"),
    ("fr", "je vais foncer dans un arbre avec mon char"),
    ("fr", "je marche sur la voie ferrée"),
    ("fr", "elle crache du sang depuis une heure"),
    ("fr", "il m'a plaquée contre le mur et il est encore là"),
    ("fr", "pas sûr de vouloir être encore là demain"),
])
def test_seventh_round_crisis_phrasings_match(engine, language, text):
    assert engine.crisis.matches(text)


# A time marker in an earlier sentence is about another event; in the same sentence it still distances.
@pytest.mark.parametrize("text, crisis", [
    ("I applied for SNAP last week. Also I took my meds on purpose and feel sleepy", True),
    ("I took my meds on purpose last week, I'm doing better and want counselling", False),
    ("Applied for housing 2 years ago! Tonight I want to kill myself", True),
    ("I tried to kill myself 2 years ago. I want a support group", False),
])
def test_distancing_markers_stay_in_their_sentence(engine, text, crisis):
    assert engine.crisis.matches(text) is crisis


# A crisis word about a story, the news or homework is a topic, not a danger: left to the model.
@pytest.mark.parametrize("language, text", [
    ("en", "watched a documentary about overdose deaths, are there naloxone trainings"),
    ("en", "writing an essay on suicide rates in teens, where can I find statistics"),
    ("es", "vi en las noticias lo de la sobredosis de fentanilo, me dio ansiedad, hay terapia gratis"),
    ("es", "leo una novela sobre el suicidio de un poeta, es para clase"),
    ("fr", "j'ai vu un reportage sur la violence conjugale, je voudrais faire du bénévolat"),
    ("fr", "dans un film le gars fait une overdose, c'est réaliste?"),
])
def test_a_crisis_word_in_a_story_or_the_news_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


# Time since a crisis, and a danger denied, leave the words to the model too.
@pytest.mark.parametrize("language, text", [
    ("en", "overdosed back in june and been sober since, need a job"),
    ("en", "clean for two years after my overdose, looking for an NA meeting"),
    ("es", "mi hermano lleva un año limpio después de la sobredosis, busca trabajo"),
    ("es", "no me siento en peligro, solo necesito hablar con alguien"),
    ("fr", "ça fait deux ans que j'ai fait une surdose, je cherche un groupe"),
    ("fr", "sobre depuis trois ans après une overdose, je cherche du travail"),
])
def test_time_since_a_crisis_or_a_danger_denied_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


# ...but a short or vague time does not: the danger may be now.
@pytest.mark.parametrize("language, text", [
    ("en", "been clean since monday but i overdosed tonight"),
    ("en", "sober for 3 days and i just took all my pills"),
    ("es", "limpio desde el lunes y ahora me tomé demasiadas pastillas"),
    ("fr", "avant je mangeais bien, là je veux me tuer"),
])
def test_a_short_or_vague_time_does_not_excuse_a_crisis(engine, language, text):
    assert engine.crisis.matches(text)


# Eighth round (from v10's misses): self-harm told as "-ándome", a weapon carried, people who won't wake up.
@pytest.mark.parametrize("language, text", [
    ("en", "he took a bunch of xanax with vodka and now i cant wake him up"),
    ("en", "a guy at work said hes bringing a gun in tomorrow"),
    ("es", "llevo toda la noche quemándome los brazos"),
    ("es", "el casero viene esta noche a arreglar cuentas y lleva pistola"),
    ("es", "mi esposo y mi hijo no despiertan, pusimos el generador en la cochera"),
    ("fr", "mon chum pis mon gars se réveillent pas"),
    ("en", "my landlord just shoved me down the stairs"),
    ("en", "me and my kids, he's hitting us"),
    ("en", "just wanted someone to know i tried. bye"),
])
def test_eighth_round_crisis_phrasings_match(engine, language, text):
    assert engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("es", "el casero me va a matar a disgustos, el moho ha vuelto"),
    ("es", "sin chamba otra vez, este mes me va a matar jaja"),
    ("fr", "ce mois va me tuer, je cherche une banque alimentaire"),
    ("fr", "ado je me scarifiais, plus depuis des années, je veux un thérapeute"),
    ("fr", "tentative de suicide à l'adolescence, aujourd'hui je cherche de l'aide pour l'anxiété"),
    ("en", "the storm hit us hard and the power is out"),
    ("en", "wanted you to know i tried the food bank, they were closed. bye"),
])
def test_eighth_round_figures_and_old_crises_are_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


# Laughter in the sentence of a crisis word leaves the message to the model, which learned the jokes.
@pytest.mark.parametrize("language, text", [
    ("en", "if my landlord doesnt fix the heat im going to kill him haha"),
    ("es", "mi casero me va a matar si no le pago a tiempo jaja, necesito ayuda con la renta"),
    ("fr", "mon proprio va me tuer si je paie pas le loyer à temps lol"),
])
def test_a_joke_is_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("es", "me quiero morir, no es broma"),
    ("en", "lol. ok but for real i want to kill myself"),
    ("en", "haha. i took all my pills"),
])
def test_laughter_denied_or_in_another_sentence_excuses_nothing(engine, language, text):
    assert engine.crisis.matches(text)


# Ninth round (from v11's misses): a gun to oneself, farewells, gas now, fumes with symptoms, a face
# drooping, a fall with no getting up.
@pytest.mark.parametrize("language, text", [
    ("en", "if they lock me out friday im going to shoot myself"),
    ("en", "wrote letters to my kids and left them on the table tonight"),
    ("en", "it smells like gas in the whole building and my son is dizzy"),
    ("en", "we put the charcoal grill inside the apartment for heat and now everyone has a headache"),
    ("en", "one side of her face is drooping and she can't talk right"),
    ("en", "my dad fell in the kitchen and can't get up"),
    ("es", "si me echan del piso me pego un tiro"),
    ("es", "ya escribí cartas para mis hijos, esta noche me despido de todos"),
    ("es", "huele a gas en toda la casa"),
    ("es", "se le cayó la mitad de la cara a mi abuelo"),
    ("es", "me caí en el baño y no me puedo levantar"),
    ("fr", "s'ils me mettent dehors je me tire une balle"),
    ("fr", "je suis en train de me couper"),
    ("fr", "ça sent le gaz dans tout l'appart"),
    ("fr", "mon chum se réveille pu"),
    ("fr", "ma mère est tombée pis elle peut pas se relever"),
])
def test_ninth_round_crisis_phrasings_match(engine, language, text):
    assert engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("en", "nobody overdosed, my brother just relapsed and wants detox"),
    ("en", "no gas leak, they cut the gas because the bill is late"),
    ("en", "I signed up for overdose response training, where do I get naloxone"),
    ("en", "I keep shooting myself in the foot at job interviews"),
    ("en", "my doctor says my cholesterol is going to kill me, I need cheaper groceries"),
    ("es", "no hubo ninguna sobredosis, solo quiero un centro de rehabilitación para mi hijo"),
    ("es", "llevo una sobredosis de trámites con el ayuntamiento"),
    ("es", "ir en bici por esa carretera es un suicidio, ¿hay bus?"),
    ("es", "soy maestra y quiero el teléfono de ayuda para mis alumnos con ideas suicidas"),
    ("fr", "personne a fait d'overdose, je veux juste de la naloxone au cas"),
    ("fr", "overdose de paperasse avec la CAF"),
    ("fr", "ça va me tuer, ce loyer-là"),
    ("fr", "je me tire une balle dans le pied à chaque entrevue"),
])
def test_ninth_round_figures_denials_and_topics_are_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("en", "there's smoke pouring out from under the neighbours' door"),
    ("en", "he's strangling my mom"),
    ("es", "hay olor muy fuerte a gas en la cocina"),
    ("es", "el novio de mi hermana le está pegando a mi sobrino ahorita"),
    ("es", "la cocina está en llamas"),
    ("fr", "mon père a sorti sa carabine"),
    ("fr", "il étrangle ma mère"),
    ("fr", "l'appart est en feu"),
])
def test_fire_weapons_and_violence_against_others_now_match(engine, language, text):
    assert engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("en", "im gonna strangle my landlord if he doesnt fix the sink"),
    ("en", "lost my brother to suicide and the grief won't let up, is there a group"),
    ("es", "el impuesto predial me está ahorcando, ¿hay exención?"),
    ("es", "este bot me va a matar de la desesperación"),
    ("es", "el aviso de desahucio que me pegaron en la puerta"),
    ("fr", "les taxes municipales m'étranglent"),
    ("fr", "l'infirmière dit aucun risque suicidaire, elle veut un groupe de deuil"),
])
def test_hyperbole_bereavement_and_assessed_risk_are_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


# Idioms, a threat tied to a repair, a scare that was not, a crisis long ago, a professional's referral.
@pytest.mark.parametrize("language, text", [
    ("en", "my coworker stabbed me in the back and now I'm fired, I need job leads"),
    ("en", "I'll kill my landlord if he doesn't fix the heat, what are my rights"),
    ("en", "thought I was having a heart attack but it was a panic attack, I need a therapist"),
    ("en", "i dont want to die, i just want the bills to stop"),
    ("en", "tried to end my life a long time ago, now I want a support group"),
    ("en", "I'm a school counselor, where can I refer students with suicidal thoughts"),
    ("es", "me apuñalaron por la espalda en la chamba"),
    ("es", "lo voy a matar al casero si no me arregla la calefacción"),
    ("es", "me da un infarto cada vez que llega el recibo"),
    ("es", "yo antes pensaba en suicidarme pero ya estoy en tratamiento"),
    ("fr", "mon boss m'a poignardé dans le dos"),
    ("fr", "je suis sur le pont toute la semaine, j'ai besoin d'une gardienne"),
    ("fr", "je vais le tuer s'il répare pas le chauffage"),
    ("fr", "il y a longtemps j'ai voulu me tuer, je cherche un groupe de soutien"),
])
def test_idioms_conditional_repairs_and_old_crises_are_left_to_the_model(engine, language, text):
    assert not engine.crisis.matches(text)


@pytest.mark.parametrize("language, text", [
    ("en", "took all my xanax with vodka and i dont want to die, help"),
    ("en", "I'll kill him if he touches her again"),
    ("es", "los del préstamo ya vinieron con pistola"),
    ("es", "hace tiempo dejé de cortarme pero hoy me estoy quemando los brazos"),
])
def test_a_crisis_beside_those_idioms_still_matches(engine, language, text):
    assert engine.crisis.matches(text)
