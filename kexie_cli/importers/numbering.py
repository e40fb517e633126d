"""The numbering styles of an official notice, ranked as GB/T 9704 nests them:
一、 → （一） → 1. / 1、 → （1） / (1) → ①.

A style is recognised on the normalised line (simplified, half-width, no spaces: （一） reads as
(一), １． as 1.); circled numbers on the line as written, since NFKC turns ① into 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kexie_cli.core.numbers import read_chinese

_CN = "一二三四五六七八九十"
_STYLES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"^([{_CN}]+)[、.,](.*)$")),
    (1, re.compile(rf"^\(([{_CN}]+)\)[、.,]?(.*)$")),
    (2, re.compile(r"^(\d{1,3})[、.,](?!\d)(.*)$")),
    (3, re.compile(r"^\((\d{1,3})\)[、.,]?(.*)$")),
)
_CIRCLED = re.compile(r"^\s*([\u2460-\u2473])")
# The printed number as written, in any width, with its brackets and mark, and the spaces after.
_PREFIX = re.compile(
    r"^\s*(?:[(（]\s*([^)）\s]{1,4})\s*[)）]\s*[、.．,，]?"
    r"|([\d０-９]{1,3}|[一二三四五六七八九十壹貳贰參叁肆伍陸陆柒捌玖拾]{1,3})\s*[、.．,，]"
    r"|([\u2460-\u2473]))\s*"
)
CIRCLED_RANK = 4


@dataclass(frozen=True, slots=True)
class Number:
    rank: int  # 0 for 一、 … 4 for ①: the smaller, the higher the level
    value: int  # 3 for 三、, （三）, 3., (3) and ③
    printed: str  # as written, without brackets or mark: 三, 壹, 3, ③
    rest: str  # the line as written after its number
    label: str  # the number as written, brackets kept: 三, （三）, 3, (3), ③


def numbered(text: str, norm: str) -> Number | None:
    """The line's number, if it starts with one (text as written, norm as recognised)."""
    circled = _CIRCLED.match(text)
    if circled:
        value = ord(circled[1]) - 0x245F
        return Number(CIRCLED_RANK, value, circled[1], _rest(text), circled[1])
    for rank, pattern in _STYLES:
        match = pattern.match(norm)
        if match and match[2]:
            value = int(match[1]) if match[1].isdigit() else read_chinese(match[1])
            if value is None:
                continue  # 十十、 is no number
            prefix = _PREFIX.match(text)
            printed = next((g for g in prefix.groups() if g), match[1]) if prefix else match[1]
            label = re.sub(r"[、.．,，\s]+$", "", prefix[0]) if prefix else printed
            return Number(rank, value, printed, _rest(text), label.strip())
    return None


def _rest(text: str) -> str:
    return _PREFIX.sub("", text, count=1).strip()
