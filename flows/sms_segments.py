"""How many SMS segments a text costs, the way carriers and Twilio count them (GSM 03.38 / UCS-2)."""
from __future__ import annotations

GSM7 = "GSM-7"
UCS2 = "UCS-2"

# GSM 03.38 basic character set (one septet each) and its extension table (escape + char: two septets).
_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_EXTENSION = "^{}\\[~]|€\f"
_GSM_CHARS = frozenset(_BASIC + _EXTENSION)

# Per-segment capacity: single message, then each part of a concatenated one (the UDH takes the rest).
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


def encoding(text: str) -> str:
    """GSM-7 when every character is in the GSM alphabet, otherwise UCS-2 (one accent is enough)."""
    return GSM7 if all(ch in _GSM_CHARS for ch in text) else UCS2


def _units(text: str, enc: str) -> list[int]:
    """Cost of each character in the encoding's units (septets or UTF-16 code units)."""
    if enc == GSM7:
        return [2 if ch in _EXTENSION else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def segments(text: str) -> int:
    """Number of segments `text` is billed and delivered as; 0 for an empty text."""
    if not text:
        return 0
    enc = encoding(text)
    single, part = _LIMITS[enc]
    units = _units(text, enc)
    if sum(units) <= single:
        return 1
    # An escape pair or a surrogate pair is never split across two parts, so pack greedily.
    count, used = 1, 0
    for cost in units:
        if used + cost > part:
            count, used = count + 1, 0
        used += cost
    return count
