"""How many lines a cell's text wraps to, and how tall a line is, as Excel and LibreOffice
set it — so that a row is given the height its text needs and no last line is cut.

Widths are measured with a CJK font found on the machine (Pillow reads its real advance
widths), each character at least as wide as 宋体 sets it (a Chinese character 1 em, any
other ½ em): whichever program prints the sheet, with 宋体 or a substitute, the text fits.
A line is as tall as the taller of 宋体's line in Excel and the font's own (Noto CJK: 1.45
em, where LibreOffice substitutes it for 宋体). With no such font or no Pillow, the 宋体 widths
and a line of 1.5 em: conservative, never short.
"""

from __future__ import annotations

import glob
import os
import re
from functools import cache

from rich.cells import cell_len

# Where the CJK fonts of Linux, macOS and Windows are: the first found is measured with.
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSerifCJK*.tt[cf]",
    "/usr/share/fonts/**/wqy-*.tt[cf]",
    "/usr/share/fonts/**/*[Ss]im[Ss]un*.tt[cf]",
    "/System/Library/Fonts/PingFang.ttc",
    "/Library/Fonts/Songti.ttc",
    os.path.expandvars(r"%WINDIR%\Fonts\simsun.ttc"),
    os.path.expandvars(r"%WINDIR%\Fonts\msyh.ttc"),
)
_EM = 100  # the size fonts are measured at, in pixels: widths are read as fractions of it
EXCEL_LINE = {9: 12.0, 10: 13.5, 11: 15.0, 12: 15.75, 14: 18.75, 16: 21.0}  # 宋体, points
PIXEL = 0.75  # a pixel at 96 dpi, in points
DIGIT = 7  # pixels: a width unit of a column is the default font's digit (Calibri 11)
_PADDING = 3.75  # points: the 5 pixels of a column that are its margins and grid line
_WORDS = re.compile(r"[A-Za-z0-9.,;:%/+\-_@#()'\"]+ ?|.", re.DOTALL)  # Latin wraps by word


@cache
def _font() -> object | None:
    """The CJK font to measure with (None: no Pillow, or no such font on the machine)."""
    try:
        from PIL import ImageFont
    except ImportError:
        return None
    for pattern in FONT_FILES:
        for path in sorted(glob.glob(pattern, recursive=True)):
            try:
                return ImageFont.truetype(path, _EM)
            except OSError:
                continue
    return None


@cache
def char_width(char: str) -> float:
    """A character's advance in em: the font's, never less than 宋体's (1 or ½ em)."""
    cells = cell_len(char)
    if cells == 0 or char == "\n":
        return 0.0
    floor = cells / 2
    found = _font()
    if found is None:
        return floor
    return max(floor, found.getlength(char) / _EM)  # type: ignore[attr-defined]


def text_width(text: str, size: float) -> float:
    """The width of a line of text in points at `size`."""
    return sum(char_width(char) for char in text) * size


@cache
def line_height(size: float) -> float:
    """A wrapped line's height in points: 宋体's in Excel, or the measured font's if taller."""
    excel = EXCEL_LINE.get(int(size), size * 1.35)
    found = _font()
    if found is None:
        return max(excel, size * 1.5)
    ascent, descent = found.getmetrics()  # type: ignore[attr-defined]
    return max(excel, (ascent + descent) / _EM * size)


def column_room(width: float) -> float:
    """Points a column `width` units wide leaves for text."""
    return width * DIGIT * PIXEL - _PADDING


def lines(text: str, width: float, size: float) -> int:
    """The lines `text` wraps to in a column `width` units wide at `size` points: Chinese
    anywhere, a Latin word or number whole where it fits on a line; at least one."""
    room = max(column_room(width), size)
    count = 0
    for paragraph in str(text).split("\n"):
        count += 1
        used = 0.0
        for token in _WORDS.findall(paragraph):
            wide = text_width(token, size)
            if used + wide <= room:
                used += wide
                continue
            if wide <= room:  # the word starts the next line
                count += 1
                used = wide
                continue
            for char in token:  # longer than a line: broken where it must be
                step = text_width(char, size)
                if used + step > room and used > 0:
                    count += 1
                    used = 0.0
                used += step
    return max(1, count)


def row_height(cells: list[tuple[str, float]], size: float, *, least: int = 1) -> float:
    """The height in points a row needs for its tallest cell: (text, column width) pairs;
    `least` lines at the least (room to write in a form)."""
    most = max((lines(text, width, size) for text, width in cells), default=1)
    return max(least, most) * line_height(size) + 4
