"""Slot values from what the caller said: the model's entities, plus patterns that need no model."""
from __future__ import annotations

import re
from typing import Any

from flows.types import NEEDS, NluResult

_ZIP = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")
# Canadian postal codes: letters D F I O Q U never appear, W and Z never first.
_POSTAL = re.compile(r"(?<![A-Za-z0-9])([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\s?(\d[ABCEGHJ-NPRSTV-Z]\d)(?![A-Za-z0-9])", re.I)
# A bare answer to "what city?" when the model is not there to tell: a few words, letters only.
_CITY = re.compile(r"^[^\W\d_]+(?:[\s.'-]+[^\W\d_]+){0,3}\.?$")


def location_in(text: str | None) -> dict[str, str] | None:
    """A ZIP or postal code anywhere in the text."""
    if not text:
        return None
    if m := _POSTAL.search(text):
        return {"type": "postal_code", "value": f"{m.group(1)} {m.group(2)}".upper()}
    if m := _ZIP.search(text):
        return {"type": "zip", "value": m.group(1)}
    return None


def city_answer(text: str | None) -> dict[str, str] | None:
    text = (text or "").strip()
    return {"type": "city", "value": text} if _CITY.match(text) else None


def from_message(text: str | None, digits: str | None, nlu: NluResult | None) -> dict[str, Any]:
    """Slots this message states, whatever question was asked ("... tonight, 48201" fills two)."""
    found: dict[str, Any] = {}
    entities = nlu.entities if nlu is not None and nlu.available else {}
    location = entities.get("location") or location_in(text) or location_in(digits)
    if isinstance(location, dict) and location.get("value"):
        found["location"] = {"type": location.get("type", "city"), "value": str(location["value"])}
    household = entities.get("household")
    if isinstance(household, dict) and household.get("type"):
        found["household"] = household["type"]
        if household.get("size"):
            found["household_size"] = int(household["size"])
    if entities.get("urgency"):
        found["urgency"] = entities["urgency"]
    if entities.get("need") in NEEDS:  # named beside a request for a person (nlu/parser.py)
        found["need"] = entities["need"]
    return found
