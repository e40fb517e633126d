"""Numbers as people read them: counts are floats inside, whole numbers when they are whole."""

from __future__ import annotations


def whole(value: float) -> int | float:
    """12.0 → 12, 2.5 → 2.5 (infinity and NaN stay as they are)."""
    return int(value) if value % 1 == 0 else value


def number_text(value: float) -> str:
    """12.0 → "12", 2.5 → "2.5"."""
    return str(whole(value))


def percent_text(value: float) -> str:
    """41.66 → "41.7%", 100.0 → "100%"."""
    return f"{value:.1f}".removesuffix(".0") + "%"
