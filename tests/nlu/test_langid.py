from __future__ import annotations

import pytest

from nlu.langid import detect


@pytest.mark.parametrize("text, language", [
    ("necesito ayuda", "es"), ("j'ai faim", "fr"), ("I need help", "en"), ("desalojo", "es"),
    ("loyer", "fr"), ("eviction", "en"), ("gracias", "es"), ("bonjour", "fr"),
    ("nesesito ayuda con la renta", "es"), ("jpeux pas payer mon loyer", "fr"),
])
def test_short_messages(text, language):
    assert detect(text)[0] == language


def test_no_letters_is_unsure_without_hint():
    assert detect("48201") == ("unsure", 0.0)
    assert detect("48201", hint="fr")[0] == "fr"


def test_hint_settles_words_shared_by_languages():
    assert detect("ok", hint="en")[0] == "en"
    assert detect("si", hint="es")[0] == "es"
    assert detect("si", hint="fr")[0] == "fr"


def test_hint_does_not_override_clear_evidence():
    assert detect("me van a desalojar", hint="en")[0] == "es"
