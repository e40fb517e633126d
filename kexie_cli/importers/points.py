"""Read a work-points notice (工作要点) as plain text into a points plan (a dict, as in YAML).

Headings and metadata are *recognised* on a normalised copy of each line (traditional →
simplified, full-width → half-width, spaces dropped) so that 貳、 and １． read like 二、 and 1.;
the text kept in the plan is always the line as written.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kexie_cli.core.names import simplified
from kexie_cli.importers.notice_head import FILL, Line, is_furniture, metadata
from kexie_cli.importers.numbering import Number, numbered
from kexie_cli.importers.text import notice_text

# The end of the notice's text: its date, the date it was printed, its copy list (版记).
_END = re.compile(
    r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日(?:印发|印)?|(?:抄送|抄报)[:：].*)$"
)
# Formal numerals (壹、贰、…) as section numbers read like 一、二、….
_FORMAL_DIGITS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")


_PLAN_KEYS = (
    "title",
    "notice",
    "issuer",
    "doc_no",
    "date",
    "year",
    "source",
    "preamble",
    "cover",
    "note",
)


class NoPoints(ValueError):
    """The text numbers no point: not a notice (or not one this reader can follow)."""


def decode_notice(data: bytes) -> str:
    """The notice's text (kept for callers of the old name; see text.notice_text)."""
    return notice_text(data)


def parse_points(text: str, source: str = "") -> dict[str, Any]:
    """The plan dict: plan metadata, sections, points (ids unique: restarted numbering runs on).

    Every line of the notice lands in some field, or in the plan's note as page furniture;
    a line that would land nowhere refuses the import (ValueError) rather than vanish."""
    lines = _lines(text)
    numbers = [numbered(line.text, line.norm) for line in lines]
    ranks = sorted({n.rank for n in numbers if n})
    if not ranks:
        raise NoPoints("没有找到编号的工作要点（如“1、…”“（一）…”或“①…”）")
    first = next(i for i, n in enumerate(numbers) if n and n.rank == ranks[0])
    dropped: list[str] = []
    info = metadata(lines[:first], source, dropped)
    body = _Body(ranks, numbers[first:])
    for at, line in enumerate(lines[first:]):
        body.add(at, line, dropped)
    sections, points = body.finish()
    if not points:
        raise NoPoints("没有找到编号的工作要点（如“1、…”“（一）…”或“①…”）")
    if not info.get("title"):  # no title line: the file's name, never a heading of the body
        info["title"] = _file_title(source) or (
            sections[0]["title"] if sections else points[0]["title"]
        )
    if dropped:
        info["note"] = "导入时作为网页或版式内容略去的行：" + "；".join(dropped)
    if body.after:
        after = "正文之后的行（未归入要点）：" + "；".join(body.after)
        info["note"] = f"{info['note']}\n{after}" if "note" in info else after
    info = {key: info[key] for key in _PLAN_KEYS if key in info}
    result = {"plan": info, "sections": sections, "points": points}
    _refuse_lost(lines[first:], numbers[first:], result, dropped)
    return result


def _lines(text: str) -> list[Line]:
    result = []
    for raw in text.splitlines():
        stripped = raw.strip()  # str.strip also drops \u3000 and \xa0 at the ends
        if stripped:
            norm = unicodedata.normalize("NFKC", simplified(stripped)).translate(_FORMAL_DIGITS)
            norm = FILL.sub("", norm)  # NFKC has made ？ and \xa0 into ? and a space
            if norm:  # a line of nothing but fill is as good as blank
                result.append(Line(stripped, norm))
    return result


class _Body:
    """The numbered part of the notice, line by line, by the levels its numbering uses.

    One style: points. Two: sections and points. Three or more: section → sub-heading → point,
    where a sub-heading with points below it is kept as each point's `heading` (a sub-heading
    with none below is a point itself), and deeper numbers ((1), ①) stay in their point's text.
    A line under a section but in no point (the section's own sentence, an introduction, a
    sub-heading's own sentence) is kept in the section's `content`.
    """

    def __init__(self, ranks: list[int], numbers: list[Number | None]) -> None:
        self.section_rank = ranks[0] if len(ranks) > 1 else None
        self.heading_rank = ranks[1] if len(ranks) > 2 else None
        self.point_rank = ranks[min(len(ranks) - 1, 2)]
        self.numbers = numbers
        self.sections: list[dict[str, Any]] = []
        self.points: list[dict[str, Any]] = []
        self.current: dict[str, Any] | None = None  # the point lines are added to
        self.heading = ""  # the sub-heading of the points that follow
        self.pending = ""  # a sub-heading line not yet in its section's content
        self.ended = False  # after the signature or page footer: not the plan's text
        self.after: list[str] = []  # lines after the end that are not furniture
        self.restarted = False

    def add(self, at: int, line: Line, dropped: list[str]) -> None:
        number = self.numbers[at]
        if number and (number.rank <= self.point_rank or self.current is None):
            self.ended = False
            self._numbered(at, line, number)
        elif self.ended or is_furniture(line) or (not number and _END.match(line.norm)):
            if not self.ended and not is_furniture(line):
                self._unglue_signature()
            self.current, self.ended = None, True
            (dropped if is_furniture(line) else self.after).append(line.text)
        elif self.current is not None:
            self.current["content"] += "\n" + line.text
        else:
            self._to_section(line.text)

    def _unglue_signature(self) -> None:
        """The short line just above a closing date is its signer, not the point's text."""
        if self.current is None or "\n" not in self.current["content"]:
            return
        content, _, last = self.current["content"].rpartition("\n")
        if len(last) <= 30 and not re.search(r"[。；，,;]", last):
            self.current["content"] = content
            self.after.append(last)

    def _numbered(self, at: int, line: Line, number: Number) -> None:
        self.current = None
        if number.rank == self.section_rank:
            title, rest = _split_title(number.rest)
            self.sections.append({"id": number.printed, "title": title})
            self.heading = self.pending = ""
            if rest:
                self.sections[-1]["content"] = number.rest
        elif number.rank == self.heading_rank and self._points_below(at):
            self.heading, rest = _split_title(number.rest)
            self.pending = "" if rest else line.text
            if rest:
                self._to_section(line.text)
        elif number.rank <= self.point_rank:
            if number.rank == self.heading_rank:
                self.heading = self.pending = ""  # a sub-heading with nothing below: a point
            self._point(number)
        else:
            self._to_section(line.text)

    def _points_below(self, at: int) -> bool:
        """Whether the next number at the point level or above is a point."""
        for number in self.numbers[at + 1 :]:
            if number and number.rank <= self.point_rank:
                return number.rank == self.point_rank
        return False

    def _point(self, number: Number) -> None:
        last = self.points[-1]["value"] if self.points else 0
        self.restarted = self.restarted or (bool(self.points) and number.value <= last)
        point: dict[str, Any] = {
            "id": len(self.points) + 1 if self.restarted else number.value,
            "printed": number.label,
            "value": number.value,
        }
        if self.sections:
            point["section"] = self.sections[-1]["title"]
        if self.heading:
            point["heading"] = self.heading
        point |= {"title": _title(number.rest), "content": number.rest}
        self.points.append(point)
        self.current = point

    def _to_section(self, text: str) -> None:
        """A line under a section but in no point: the section's own text."""
        if self.pending:  # the sub-heading this text is under, written before it
            pending, self.pending = self.pending, ""
            self._to_section(pending)
        section = self.sections[-1]  # the body starts at a section when it has sections
        section["content"] = f"{section['content']}\n{text}" if "content" in section else text

    def finish(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        for point in self.points:
            printed = point.pop("printed")
            del point["value"]
            if self.restarted:
                point["note"] = f"原文在本部分中编号为 {printed}；各部分重新编号，此处连续编号"
        return self.sections, self.points


def _split_title(text: str) -> tuple[str, str]:
    """A heading's title and the sentence written after it on the same line, if any."""
    match = re.search(r"[。；：:！？]", text)
    if not match:
        return text.strip(), ""
    title, rest = text[: match.start()].strip(), text[match.end() :].strip()
    return (title, rest) if title else (text.strip(), "")


def _refuse_lost(
    lines: list[Line], numbers: list[Number | None], result: dict[str, Any], dropped: list[str]
) -> None:
    """Every line of the body is in some field (its number aside): else refuse, never lose it."""
    kept = _squeeze("\n".join(_strings(result)))
    for line, number in zip(lines, numbers, strict=True):
        text = _squeeze(number.rest if number else line.text)
        if text and text not in kept and line.text not in dropped:
            raise ValueError(f"导入会丢失原文“{line.text[:30]}”，请检查其编号后再导入")


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return [value] if isinstance(value, str) else []


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title(content: str) -> str:
    head = re.split(r"[。．]", content, maxsplit=1)[0].strip()
    return head or content[:40]


def _file_title(source: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source.replace("\\", "/").rsplit("/", 1)[-1])
    return stem.strip()
