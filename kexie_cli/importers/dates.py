"""A 完成时限 cell as offices write it, read as the month it ends in.

2025.6 and 2025年6月 are exact, and so is a full date's month (2025.06.30, 2025/6/30前). The rest
is read as a person would, and noted where a person should look: a month without a year is in
the plan's year (6月底前, 6月30日前, 九月); 上半年 ends in June, a quarter in its last month, 年底/年内/全年 in
December; Chinese numerals read (二〇二五年六月); a range ends where it ends (2025年3月—12月 → 2025.12). A
month that is not one (2026年13月) or a formula's leftovers (=1/0, #DIV/0!) is refused
(ValueError): the list itself is wrong there, and no guess of kexie's should stand in for it.
"""

from __future__ import annotations

import re

from kexie_cli.core.months import Month, MonthError, month_text
from kexie_cli.core.numbers import read_chinese

# A full date, the day dropped: 2025.06.30, 2025/6/30前, 2025．6．30.
_FULL_DATE = re.compile(
    r"(?P<year>\d{4})[.\-/．](?P<month>\d{1,2})[.\-/．](?P<day>\d{1,2})日?(?:前|之前|以前)?"
)
_QUARTERS = {"一": 3, "1": 3, "二": 6, "2": 6, "三": 9, "3": 9, "四": 12, "4": 12}
_YEAR_END = re.compile(r"年底|年末|年内|全年|年度内|12月底")
_ONGOING = re.compile(r"长期|持续|常态|每月|每季|每年|按月|按季|适时")
# A year, then perhaps a month: 2025年6月, 2025.6, 2025-06, 二〇二五年六月.
_MENTION = re.compile(
    r"(?:(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*(?:年|[.\-/．])\s*)?"
    r"(?P<month>\d{1,2}(?![\d.])|十[一二]?|[一二三四五六七八九])\s*(?P<mark>月?)"
)


def read_due(written: str, year: int, is_number: bool = False) -> tuple[str, str]:
    """('2025.6', note) — the note empty when the month is certain."""
    text = re.sub(r"[^\S\n]+", "", written).strip().replace("\n", "、")
    try:
        month = Month.parse(text)
    except MonthError:
        return _loose(text, year)
    due = month_text(month)
    if is_number and month.month == 1:
        # 2026.10 typed into a General cell is stored as the number 2026.1: never choose silently.
        return due, f"完成时限单元格是数字 {due}，可能是 {month.year}.10，需人工核对"
    return due, ""


def _loose(text: str, year: int) -> tuple[str, str]:
    fallback = f"{year}.12"
    if not text:
        return fallback, f"完成时限未填，暂定为 {fallback}，需人工核对"
    if text.startswith(("=", "#")):
        raise ValueError(f"完成时限“{text}”是公式或错误值，不是月份；请在表中改正后再导入")
    day = _FULL_DATE.fullmatch(text)
    if day and 1 <= int(day["month"]) <= 12:
        return f"{day['year']}.{int(day['month'])}", ""
    quarter = re.search(r"第?([一二三四1-4])季度", text)
    if "上半年" in text and not _mentions(text):
        return f"{year}.6", ""
    if quarter and not _mentions(text):
        return f"{year}.{_QUARTERS[quarter[1]]}", ""
    months = _mentions(text)
    if months:
        bad = [m for m in months if not 1 <= m[1] <= 12]
        if bad:
            raise ValueError(f"完成时限“{text}”中的月份 {bad[0][1]} 不存在；请在表中改正后再导入")
        dated = [(y or _year_before(months[: i + 1]) or year, m) for i, (y, m) in enumerate(months)]
        last_year, last_month = max(dated)  # a range ends at its end, a list at its latest
        due = f"{last_year}.{last_month}"
        if len(months) > 1 and not re.search(r"[—\-~～至到]", text):
            return due, f"完成时限原文为“{text}”，有几个月份，取最晚的 {due}，需人工核对"
        return due, ""
    written_year = re.search(r"(?<!\d)(\d{4})年", text)
    end = f"{written_year[1] if written_year else year}.12"
    if _YEAR_END.search(text) or "下半年" in text or re.fullmatch(r"\d{4}年前?", text):
        return end, ""
    if _ONGOING.search(text):
        return fallback, f"完成时限原文为“{text}”，取年底 {fallback}，需人工核对"
    return fallback, f"完成时限原文为“{text}”，无法识别，暂定为 {fallback}，需人工核对"


def _mentions(text: str) -> list[tuple[int | None, int]]:
    """Each (year or None, month) written, in order; days (30日) and quantities are not months."""
    found = []
    for match in _MENTION.finditer(text):
        if not (match["mark"] or match["year"] or match.group(0) == text):
            continue  # a number no 月 or year marks as a month: a day, a count, a range's start
        year = _number(match["year"]) if match["year"] else None
        found.append((year, _number(match["month"])))
    return found


def _year_before(months: list[tuple[int | None, int]]) -> int | None:
    years = [y for y, _ in months if y]
    return years[-1] if years else None


def _number(text: str) -> int:
    value = int(text) if text.isdigit() else read_chinese(text)
    assert value is not None, text  # _MENTION matches only numerals
    return value


_WRITTEN_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)|([〇○零一二三四五六七八九]{4})\s*年")
_CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def written_year(text: str | None) -> int | None:
    """The first year a title or line writes: 2025, ２０２５ or 二〇二五年."""
    import unicodedata

    match = _WRITTEN_YEAR.search(unicodedata.normalize("NFKC", text or ""))
    if not match:
        return None
    return int(match[1] or match[2].translate(_CHINESE_DIGITS))
