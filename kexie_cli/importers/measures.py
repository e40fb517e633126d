"""A task's measures as a list cell writes them: numbered 1. 2. across one cell or across the
rows a merged 具体内容 spans, and items a cell numbers its own way ((1)(2), ①②) as measures."""

from __future__ import annotations

import re

from kexie_cli.formats import breakdown_sheet as layout


def read_measures(texts: list[str]) -> list[str]:
    """The measures of one row, or of the rows a merged 具体内容 spans: numbered on across the
    rows (1. … / 2. …) they are read as one list, otherwise row by row."""
    texts = [text for text in texts if text]
    joined = layout.split_measures("\n".join(texts))
    if len(joined) < len(texts):
        joined = [measure for text in texts for measure in layout.split_measures(text)]
    return [item for measure in joined for item in _items(measure)]


# (1) （2） ① ②: items a cell numbers its own way, split as 1. 2. are.
_ITEM = re.compile(r"[(（](\d{1,2})[)）]|([\u2460-\u2473])")


def _items(measure: str) -> list[str]:
    """(1)…(2)… or ①…②… in one measure → the items, when they are numbered 1, 2, … from its
    start; anything else as it is."""
    marks = []
    for match in _ITEM.finditer(measure):
        number = int(match[1]) if match[1] else ord(match[2]) - 0x2460 + 1
        if number == len(marks) + 1:
            marks.append(match)
    if len(marks) < 2 or measure[: marks[0].start()].strip():
        return [measure]
    ends = [m.start() for m in marks[1:]] + [len(measure)]
    return [measure[m.end() : end].strip() for m, end in zip(marks, ends, strict=True)]
