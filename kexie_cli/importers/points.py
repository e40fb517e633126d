"""Read a work-points notice (工作要点) as plain text into a points plan (a dict, as in YAML).

Headings and metadata are *recognised* on a normalised copy of each line (traditional →
simplified, full-width → half-width, spaces dropped) so that 貳、 and １． read like 二、 and 1.;
the text kept in the plan is always the line as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.dates import written_day
from kexie_cli.core.names import simplified
from kexie_cli.importers.numbering import Number, numbered
from kexie_cli.importers.text import notice_text

_DATE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_DOC_NO = re.compile(r"^\S{1,15}[〔\[(]\d{4}[〕\])]\d+号$")
_NOTICE = re.compile(r"^\S{0,30}?关于印发.*的通知$")
# The end of the notice's text: its date, the date it was printed, its copy list (版记).
_END = re.compile(
    r"^(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年\S{1,3}月\S{1,3}日(?:印发|印)?|(?:抄送|抄报)[:：].*)$"
)
# A seal's note under the signature: （某市科协办公室代章）.
_SEAL = re.compile(r"^\(.*代章\)$")
_PLAN_TITLE = re.compile(r"^\S*\d{4}年\S*(?:工作要点|工作计划|工作安排)$")
# Text an extraction drags in from the web page around the notice; only short lines that are
# not headings are tested, so a point that mentions an address is never dropped.
_FURNITURE_MAX = 80
_FURNITURE = re.compile(
    r"copyright|all rights reserved|版权所有|icp备|公网安备|^地址|地址[:：]|邮编|电话[:：]|"
    r"联合主办|主办单位|主办[:：]|承办[:：]|技术支持|所在位置|文章来源|来源[:：]|打印本页|关闭窗口|"
    r"分享到|上一篇|下一篇|责任编辑|浏览次数|浏览数|浏览量|阅读数|阅读次数|点击数|发布时间|"
    r"发布日期|^日期[:：]|^时间[:：]|字号[:：]|\||>.*>",
    re.IGNORECASE,
)
# Fill characters a broken encoding leaves in a signature line: 锟斤拷, 烫烫, □, �, ….
_GARBLE = re.compile(r"(?:锟斤拷)+|烫{2,}|屯{2,}|[^\u4e00-\u9fff（）()]")
# What padding (NBSP, ideographic spaces) turns into when a notice is saved or copied badly:
# ? from GBK with replacement, U+FFFD, □, an HTML entity left as text. Recognition ignores
# any run of it; a point's own text keeps whatever it has.
_FILL = re.compile(r"(?:&nbsp;?|&#0*160;|&#x0*a0;|锟斤拷|烫烫|屯屯|[?\ufffd□■\s])+", re.IGNORECASE)


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


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # as written, stripped
    norm: str  # recognisable: simplified, half-width, no spaces


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
        raise ValueError("没有找到编号的工作要点（如“1、…”“（一）…”或“①…”）")
    first = next(i for i, n in enumerate(numbers) if n and n.rank == ranks[0])
    dropped: list[str] = []
    info = _metadata(lines[:first], source, dropped)
    body = _Body(ranks, numbers[first:])
    for at, line in enumerate(lines[first:]):
        body.add(at, line, dropped)
    sections, points = body.finish()
    if not points:
        raise ValueError("没有找到编号的工作要点（如“1、…”“（一）…”或“①…”）")
    if not info.get("title"):
        info["title"] = sections[0]["title"] if sections else points[0]["title"]
    if dropped:
        info["note"] = "导入时作为网页或版式内容略去的行：" + "；".join(dropped)
    if body.after:
        after = "正文之后的行（未归入要点）：" + "；".join(body.after)
        info["note"] = f"{info['note']}\n{after}" if "note" in info else after
    info = {key: info[key] for key in _PLAN_KEYS if key in info}
    result = {"plan": info, "sections": sections, "points": points}
    _refuse_lost(lines[first:], numbers[first:], result, dropped)
    return result


def _lines(text: str) -> list[_Line]:
    result = []
    for raw in text.splitlines():
        stripped = raw.strip()  # str.strip also drops \u3000 and \xa0 at the ends
        if stripped:
            norm = unicodedata.normalize("NFKC", simplified(stripped)).translate(_FORMAL_DIGITS)
            norm = _FILL.sub("", norm)  # NFKC has made ？ and \xa0 into ? and a space
            if norm:  # a line of nothing but fill is as good as blank
                result.append(_Line(stripped, norm))
    return result


def _metadata(head: list[_Line], source: str, dropped: list[str]) -> dict[str, Any]:
    """The notice's fields from the lines before its first heading; each line not furniture
    is used once: as notice, document number, issuer, date, title, preamble, or cover text."""
    dropped += [line.text for line in head if _is_furniture(line)]
    kept = [line for line in head if not _is_furniture(line)]
    used: set[int] = set()
    notice_at = _first(kept, lambda line: bool(_NOTICE.match(line.norm)), used)
    notice = kept[notice_at].text if notice_at is not None else ""
    doc_no_at = _first(kept, lambda line: bool(_DOC_NO.match(line.norm)), used)
    doc_no = _no_spaces(kept[doc_no_at].text) if doc_no_at is not None else ""
    date_at = _first(kept, lambda line: bool(_DATE.match(line.norm)), used)
    date = _date(kept[date_at].norm) if date_at is not None else None
    issuer = _signature(kept, date_at, used) or _issuer_before(notice)
    book = _book_title(notice) or _cover_book_title(kept)
    title_at = _title_line(kept, book)
    title = kept[title_at].text if title_at is not None else book
    if title_at is not None:
        used.add(title_at)
        if book.endswith(title) and len(book) > len(title):
            title = book  # the cover names the plan with its organisation: keep it
    preamble_from = (title_at if title_at is not None else (date_at or -1)) + 1
    preamble = [line.text for i, line in enumerate(kept) if i >= preamble_from and i not in used]
    used |= set(range(preamble_from, len(kept)))
    cover = "\n".join(line.text for i, line in enumerate(kept) if i not in used)
    year = _year(title) or (date and int(date[:4])) or _year(doc_no)
    info: dict[str, Any] = {"title": title, "notice": notice, "issuer": issuer, "doc_no": doc_no}
    info |= {"date": date, "year": year, "source": source, "preamble": "\n".join(preamble)}
    info["cover"] = cover
    return {key: value for key, value in info.items() if value not in ("", None)}


def _first(kept: list[_Line], test: Callable[[_Line], bool], used: set[int]) -> int | None:
    found = next((i for i, line in enumerate(kept) if i not in used and test(line)), None)
    if found is not None:
        used.add(found)
    return found


def _signature(kept: list[_Line], date_at: int | None, used: set[int]) -> str:
    """The line signed above the date; a （…代章） line there is a seal's note, not the issuer."""
    if date_at is None:
        return ""
    at = date_at - 1
    while at >= 0 and _SEAL.match(kept[at].norm):
        at -= 1
    if at < 0 or at in used or len(kept[at].norm) > 40 or "。" in kept[at].norm:
        return ""
    used.add(at)
    return _GARBLE.sub("", kept[at].text)


def _issuer_before(notice: str) -> str:
    """某市科协关于印发《…》的通知: the issuer written before 关于印发."""
    return re.sub(r"\s+", "", notice.partition("关于印发")[0])


def _cover_book_title(kept: list[_Line]) -> str:
    """The plan's name in 《》 in the cover text, when the notice line has none."""
    for line in kept:
        match = re.search(r"《([^》]*(?:要点|计划|安排))》", line.text)
        if match:
            return match[1]
    return ""


def _title_line(kept: list[_Line], named: str) -> int | None:
    """The plan's own heading: its name in 《》, standing alone on a line."""
    for i, line in enumerate(kept):
        if named and line.text == named:
            return i
    for i in reversed(range(len(kept))):
        if _PLAN_TITLE.match(kept[i].norm) and not _NOTICE.match(kept[i].norm):
            return i
    if not named and kept and len(kept[0].norm) <= 40 and "。" not in kept[0].norm:
        return 0  # a bare plan with no notice around it starts with its heading
    return None


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

    def add(self, at: int, line: _Line, dropped: list[str]) -> None:
        number = self.numbers[at]
        if number and (number.rank <= self.point_rank or self.current is None):
            self.ended = False
            self._numbered(at, line, number)
        elif self.ended or _is_furniture(line) or (not number and _END.match(line.norm)):
            if not self.ended and not _is_furniture(line):
                self._unglue_signature()
            self.current, self.ended = None, True
            (dropped if _is_furniture(line) else self.after).append(line.text)
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

    def _numbered(self, at: int, line: _Line, number: Number) -> None:
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
    lines: list[_Line], numbers: list[Number | None], result: dict[str, Any], dropped: list[str]
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


def _is_furniture(line: _Line) -> bool:
    return len(line.norm) <= _FURNITURE_MAX and bool(_FURNITURE.search(line.norm))


def _title(content: str) -> str:
    head = re.split(r"[。．]", content, maxsplit=1)[0].strip()
    return head or content[:40]


def _book_title(notice: str) -> str:
    match = re.search(r"《([^》]+)》", notice)
    return match[1] if match else ""


def _year(text: str) -> int | None:
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", unicodedata.normalize("NFKC", text or ""))
    return int(match[1]) if match else None


def _no_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _date(norm: str) -> str | None:
    day = written_day(norm)
    return day.isoformat() if day else None
