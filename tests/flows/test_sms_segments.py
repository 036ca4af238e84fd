from flows.sms_segments import GSM7, UCS2, encoding, segments


def test_gsm7_limits():
    assert encoding("Reply MORE for more.") == GSM7
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3


def test_extension_characters_count_twice():
    assert encoding("{[€]}") == GSM7
    assert segments("€" * 80) == 1
    assert segments("€" * 81) == 2
    # An escape pair is never split: 152 plain + one € cannot share the first 153-septet part.
    assert segments("a" * 152 + "€" + "a" * 153) == 3


def test_accents_outside_gsm_force_ucs2():
    assert encoding("¿Cuál es su código postal?") == UCS2  # á, ó are not GSM-7
    assert encoding("Señor, ¿qué pasó?") == UCS2
    assert encoding("Señor ¿qué?") == GSM7  # ñ, é, ¿ are in the GSM alphabet
    assert encoding("Français") == UCS2  # lower-case ç is not
    assert segments("á" * 70) == 1
    assert segments("á" * 71) == 2
    assert segments("á" * 134) == 2
    assert segments("á" * 135) == 3


def test_emoji_take_two_ucs2_units():
    assert segments("🙂" * 35) == 1
    assert segments("🙂" * 36) == 2


def test_empty():
    assert segments("") == 0
