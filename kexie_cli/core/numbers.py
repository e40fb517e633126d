"""Numbers as people read and write them: counts are floats inside, whole numbers when they
are whole; Chinese numerals (十二, 两, 一百二十, 二〇二五) read and written."""

from __future__ import annotations

import re

# What a Chinese numeral is made of: digits (两 and the formal 壹…玖 too) and scales. Anything
# else — 百分之十六, 十二月, 1-2, 一点五 — is not one whole number written in Chinese.
# A pattern, not compiled here: every command imports this module, few read a numeral.
_CHINESE = r"[零〇一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖十拾百佰千仟万萬亿億]+"
_DIGITS = "零一二三四五六七八九"


def whole(value: float) -> int | float:
    """12.0 → 12, 2.5 → 2.5 (infinity and NaN stay as they are)."""
    return int(value) if value % 1 == 0 else value


def number_text(value: float) -> str:
    """12.0 → "12", 2.5 → "2.5"."""
    return str(whole(value))


def percent_text(value: float) -> str:
    """41.66 → "41.7%", 100.0 → "100%"."""
    return f"{value:.1f}".removesuffix(".0") + "%"


def read_chinese(text: str) -> int | None:
    """十二 → 12, 两 → 2, 一百二十 → 120, 百 → 100, 壹拾贰 → 12, and a year digit by digit:
    二〇二五 → 2025. None for anything that is not one whole number in Chinese."""
    if not re.fullmatch(_CHINESE, text):
        return None
    import cn2an  # only an import reads Chinese numerals; its import costs ~100 ms

    if text[0] in "百佰千仟万萬亿億":
        text = "一" + text  # 百场: cn2an wants the 一 that people leave out
    try:
        value = cn2an.cn2an(text, "normal")
    except (
        ValueError,
        KeyError,
        IndexError,
    ):  # cn2an refuses some malformed text (亿〇) with a KeyError
        return None
    return int(value)


def chinese_text(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 110 → 一百一十, 10010 → 一万零一十, as headings and list
    numbers (一、 （十二）) print them. Written here, not by cn2an: a report's headings must not
    pay its import; the tests hold the two equal."""
    if not 0 <= value < 10**8:
        raise ValueError(f"{value} is outside the numerals written (0 to 99999999)")
    if value == 0:
        return "零"
    high, low = divmod(value, 10**4)
    text = _group(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + _group(low)
    return text[1:] if text.startswith("一十") else text  # 十二, not 一十二


def _group(value: int) -> str:
    """1 to 9999 with its scales, a run of zeros inside as one 零: 1010 → 一千零一十."""
    text, zero = "", False
    for digit, scale in zip(f"{value:04d}", ("千", "百", "十", ""), strict=True):
        if digit == "0":
            zero = bool(text)
            continue
        text += ("零" if zero else "") + _DIGITS[int(digit)] + scale
        zero = False
    return text
