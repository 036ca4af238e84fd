from __future__ import annotations

import pytest

from nlu.entities import EntityExtractor, is_household_answer, to_slots
from nlu.spacy_pipeline import trilingual_nlp


@pytest.fixture(scope="module")
def extract():
    nlp = trilingual_nlp()
    extractor = EntityExtractor(nlp.pipelines)
    return lambda text: to_slots(extractor.extract(nlp(text)))


@pytest.mark.parametrize("text, location", [
    ("I live in 48201", {"type": "zip", "value": "48201"}),
    ("my zip is 4 8 2 0 1", {"type": "zip", "value": "48201"}),
    ("je suis à k1n 5l2", {"type": "postal_code", "value": "K1N 5L2"}),
    ("code postal H2X", {"type": "postal_code", "value": "H2X"}),
    ("I'm in Detroit", {"type": "city", "value": "Detroit"}),
    ("vivo en San Antonio", {"type": "city", "value": "San Antonio"}),
    ("j'habite à Montréal", {"type": "city", "value": "Montréal"}),
])
def test_location(extract, text, location):
    assert extract(text)["location"] == location


def test_numbers_that_are_not_zip_codes(extract):
    assert "location" not in extract("I owe 20000 dollars")


@pytest.mark.parametrize("text, household", [
    ("my daughter and I got put out", {"type": "with_children", "size": None}),
    ("necesito albergue para mis 3 hijos", {"type": "with_children", "size": 4}),
    ("on est 4 dans la famille", {"type": "family", "size": 4}),
    ("family of five", {"type": "family", "size": 5}),
    ("je suis toute seule", {"type": "alone", "size": 1}),
    ("estoy sola", {"type": "alone", "size": 1}),
    ("I'm 17 and homeless", {"type": "youth", "size": None}),
    ("soy adulto mayor", {"type": "older_adult", "size": None}),
    # A partner alone is a couple: the answer a household question most often gets besides "just me".
    ("me and my boyfriend", {"type": "family", "size": None}),
    ("vivo con mi esposa", {"type": "family", "size": None}),
    ("moi pis mon chum", {"type": "family", "size": None}),
    ("I live with my husband and two kids", {"type": "with_children", "size": 3}),
])
def test_household(extract, text, household):
    assert extract(text)["household"] == household


def test_solo_meaning_only_is_not_alone(extract):
    assert "household" not in extract("solo necesito comida")


@pytest.mark.parametrize("text, urgency", [
    ("I need help right now", "now"), ("necesito donde dormir esta noche", "tonight"),
    ("CE SOIR", "tonight"), ("sometime this week", "this_week"), ("le mois prochain", "planning"),
])
def test_urgency(extract, text, urgency):
    assert extract(text)["urgency"] == urgency


@pytest.mark.parametrize("text, household", [
    ("me and my two boys are sleeping in the car tonight, 48201", {"type": "with_children", "size": 3}),
    ("mis 3 hijos y yo", {"type": "with_children", "size": 4}),
    ("mes deux filles", {"type": "with_children", "size": 3}),
    ("my daughter and I", {"type": "with_children", "size": None}),
    ("it's me and my kids", {"type": "with_children", "size": None}),
    ("mi esposa y yo", {"type": "family", "size": None}),
    ("je suis seul", {"type": "alone", "size": 1}),
    ("estoy sola", {"type": "alone", "size": 1}),
    ("just me", {"type": "alone", "size": 1}),
    ("I'm 67", {"type": "older_adult", "size": None}),
    ("tengo 70 años", {"type": "older_adult", "size": None}),
    ("I'm 19", {"type": "youth", "size": None}),
])
def test_household_phrasings(extract, text, household):
    assert extract(text)["household"] == household


def test_sleeping_in_the_car_with_boys_gives_every_entity(extract):
    slots = extract("me and my two boys are sleeping in the car tonight, 48201")
    assert slots["location"] == {"type": "zip", "value": "48201"}
    assert slots["urgency"] == "tonight"


@pytest.mark.parametrize("text", ["vivo en el centro, 28013", "busco piso de alquiler cerca del 28013"])
def test_spanish_postal_code(extract, text):
    assert extract(text)["location"] == {"type": "postal_code", "value": "28013"}


@pytest.mark.parametrize("text", ["debo 20000 pesos de renta", "me piden 15000 euros"])
def test_spanish_amounts_are_not_postal_codes(extract, text):
    assert "location" not in extract(text)


def test_us_zip_still_wins_in_english(extract):
    assert extract("I need food in 48226")["location"] == {"type": "zip", "value": "48226"}


@pytest.mark.parametrize("text, answer", [
    ("I live with my husband and two kids", True), ("vivo con mi esposa", True), ("moi pis mon chum", True),
    ("somos 4, mi esposo, yo y dos niños", True),
    ("just me", False),  # no one joined: a lone word or two ("MY BABY") may be a cry for help
    ("me and my kids, he is hitting us", False), ("my husband and I have no heat", False),
    ("mon chum pis moi on a besoin d'un logement", False),
])
def test_a_bare_household_answer_names_people_and_nothing_else(text, answer):
    assert is_household_answer(text) is answer
