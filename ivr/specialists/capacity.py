"""Caseload capacity: a number, or a preset from published case-management ratios.

Ratios (clients per case manager), as used by HUD/USICH-funded programs:
intensive case management 10 (scattered site) or 15 (single site); targeted housing navigation
20-30 individuals, 20-25 families or youth 18-24; broad engagement 50. A preset's capacity is the
upper end for the specialist's most demanding population, so a mixed caseload is never overbooked.
"""
from __future__ import annotations

from typing import Iterable

RATIOS: dict[str, dict[str, int]] = {
    "intensive": {"default": 10},
    "intensive_single_site": {"default": 15},
    "navigation": {"default": 30, "families": 25, "youth": 25},
    "engagement": {"default": 50},
}


def capacity_for(ratio: str, populations: Iterable[str]) -> int:
    """Capacity for a preset; raises KeyError for an unknown preset."""
    preset = RATIOS[ratio]
    return min((preset.get(p, preset["default"]) for p in populations), default=preset["default"])
