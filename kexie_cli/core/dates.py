"""A day as people write it and as kexie writes it back.

Typed into an option or a plan file, a day is exactly 2025-06-30 (`iso_day`): one spelling,
so that a plan's history reads the same everywhere. Written by a person in a document or a
sheet, it may be 2025/6/30, 2025.6.30, 2025年6月30日 or 二〇二五年六月三十日 (`written_day`).
Written back in Chinese: 2025年6月30日 (`day_words`), 6月30日 (`month_day_words`).
"""

from __future__ import annotations

import datetime as dt
import re

from kexie_cli.core.numbers import read_chinese

_ISO = r"\s*\d{4}-\d{2}-\d{2}\s*"
_NUMERAL = "[〇零一二两三四五六七八九十]"
# Patterns, compiled on first use (re keeps them): most commands read no day.
_WRITTEN = (
    rf"(\d{{4}}|{_NUMERAL}{{4}})\s*[-/.年]\s*(\d{{1,2}}|{_NUMERAL}{{1,3}})\s*[-/.月]"
    rf"\s*(\d{{1,2}}|{_NUMERAL}{{1,3}})\s*日?"
)


def iso_day(text: str) -> dt.date:
    """2025-06-30 (spaces around it allowed); ValueError for anything else, 20250630 and
    2025-W26-1 included, which Python's own reader would take."""
    if not re.fullmatch(_ISO, text):
        raise ValueError(f"not YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text.strip())


def written_day(text: str) -> dt.date | None:
    """The day a person wrote, in any width: 2025-06-30, 2025/6/30, 2025.6.30, 2025年6月30日,
    二〇二五年六月三十日. None for anything else, and for a day the calendar has not got."""
    import unicodedata  # here: most commands read no written day

    found = re.fullmatch(_WRITTEN, unicodedata.normalize("NFKC", text).strip())
    if not found:
        return None
    parts = [int(part) if part.isdigit() else read_chinese(part) for part in found.groups()]
    try:
        return dt.date(*parts)  # type: ignore[arg-type]  # None fails as TypeError
    except (TypeError, ValueError):
        return None


def day_words(day: dt.date) -> str:
    """2025年6月30日."""
    return f"{day.year}年{day.month}月{day.day}日"


def month_day_words(day: dt.date) -> str:
    """6月30日."""
    return f"{day.month}月{day.day}日"
