"""A target in the list's own words, shared by the screen, the summary and the sheet layout."""

from __future__ import annotations

import dataclasses

from kexie_cli.core.models import Comparator, Target
from kexie_cli.core.numbers import number_text


def place_text(target: Target, number: float) -> str:
    """The target as the list words it, with one place's own number: 不少于200场."""
    return target_text(dataclasses.replace(target, target=number, units=None, each=None))


def amount_text(target: Target) -> str:
    """The figure aimed at: 12, or a range's bounds 1-2."""
    amount = number_text(target.target)
    if target.target_max is not None:
        amount += f"-{number_text(target.target_max)}"
    return amount


def target_text(target: Target) -> str:
    """The target as the list words it: 不少于12次, 超过3家, 100名左右, 1-2场, 4期."""
    match target.comparator:
        case Comparator.AT_LEAST:
            return f"不少于{number_text(target.target)}{target.unit}"
        case Comparator.MORE_THAN:
            return f"超过{number_text(target.target)}{target.unit}"
        case Comparator.ABOUT:
            return f"{number_text(target.target)}{target.unit}左右"
        case _:  # exact, and a range as its bounds
            return f"{amount_text(target)}{target.unit}"
