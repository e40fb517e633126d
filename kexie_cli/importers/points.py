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

from kexie_cli.importers.text import notice_text

_CN_ORDINAL = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_CN_ORDINAL}]+)[、.,]\s*(.+)$")
_POINT = re.compile(r"^(\d{1,3})\s*[、.,]\s*(?!\d)(.+)$")
_DATE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_DOC_NO = re.compile(r"^\S{1,15}[〔\[(]\d{4}[〕\])]\d+号$")
_NOTICE = re.compile(r"^关于印发.*的通知$")
_PLAN_TITLE = re.compile(r"^\S*\d{4}年\S*(?:工作要点|工作计划|工作安排)$")
# Text an extraction drags in from the web page around the notice; only short lines that are
# not headings are tested, so a point that mentions an address is never dropped.
_FURNITURE_MAX = 80
_FURNITURE = re.compile(
    r"copyright|all rights reserved|版权所有|icp备|公网安备|^地址|地址[:：]|邮编|电话[:：]|"
    r"联合主办|主办单位|主办[:：]|承办[:：]|技术支持|所在位置|文章来源|来源[:：]|打印本页|关闭窗口|"
    r"分享到|上一篇|下一篇|责任编辑|浏览次数|点击数|\||>.*>",
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


_PLAN_KEYS = ("title", "notice", "issuer", "doc_no", "date", "year", "source", "preamble")


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # as written, stripped
    norm: str  # recognisable: simplified, half-width, no spaces


def decode_notice(data: bytes) -> str:
    """The notice's text (kept for callers of the old name; see text.notice_text)."""
    return notice_text(data)


def parse_points(text: str, source: str = "") -> dict[str, Any]:
    """The plan dict: plan metadata, sections, points (ids unique: restarted numbering runs on)."""
    lines = _lines(text)
    first = next((i for i, line in enumerate(lines) if _SECTION.match(line.norm)), None)
    if first is None:
        first = next((i for i, line in enumerate(lines) if _POINT.match(line.norm)), len(lines))
    head, body = lines[:first], lines[first:]
    info = _metadata(head, source)
    sections, points = _body(body)
    if not points:
        raise ValueError("没有找到编号的工作要点（如“1、…”或“1. …”）")
    if not info.get("title"):
        info["title"] = sections[0]["title"] if sections else points[0]["title"]
    info = {key: info[key] for key in _PLAN_KEYS if key in info}
    return {"plan": info, "sections": sections, "points": points}


def _lines(text: str) -> list[_Line]:
    from opencc import OpenCC

    simplify: Callable[[str], str] = OpenCC("t2s").convert
    result = []
    for raw in text.splitlines():
        stripped = raw.strip()  # str.strip also drops \u3000 and \xa0 at the ends
        if stripped:
            norm = unicodedata.normalize("NFKC", simplify(stripped)).translate(_FORMAL_DIGITS)
            norm = _FILL.sub("", norm)  # NFKC has made ？ and \xa0 into ? and a space
            if norm:  # a line of nothing but fill is as good as blank
                result.append(_Line(stripped, norm))
    return result


def _metadata(head: list[_Line], source: str) -> dict[str, Any]:
    kept = [line for line in head if not _is_furniture(line)]
    notice = next((line.text for line in kept if _NOTICE.match(line.norm)), "")
    doc_no = next((_no_spaces(line.text) for line in kept if _DOC_NO.match(line.norm)), "")
    date_at = next((i for i, line in enumerate(kept) if _DATE.match(line.norm)), None)
    issuer, date = "", None
    if date_at is not None:
        date = _date(kept[date_at].norm)
        if date_at > 0 and len(kept[date_at - 1].norm) <= 40:
            issuer = _GARBLE.sub("", kept[date_at - 1].text)
    title_at = _title_line(kept, notice)
    title = kept[title_at].text if title_at is not None else _book_title(notice)
    preamble_from = (title_at if title_at is not None else (date_at or -1)) + 1
    preamble = "\n".join(line.text for line in kept[preamble_from:])
    year = _year(title) or (date and int(date[:4])) or _year(doc_no)
    info: dict[str, Any] = {"title": title, "notice": notice, "issuer": issuer, "doc_no": doc_no}
    info |= {"date": date, "year": year, "source": source, "preamble": preamble}
    return {key: value for key, value in info.items() if value not in ("", None)}


def _title_line(kept: list[_Line], notice: str) -> int | None:
    """The plan's own heading: the name in the notice's 《》, standing alone on a line."""
    named = _book_title(notice)
    for i, line in enumerate(kept):
        if named and line.text == named:
            return i
    for i in reversed(range(len(kept))):
        if _PLAN_TITLE.match(kept[i].norm):
            return i
    if not notice and kept and len(kept[0].norm) <= 40 and "。" not in kept[0].norm:
        return 0  # a bare plan with no notice around it starts with its heading
    return None


def _body(body: list[_Line]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sections: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    restarted = False
    current: dict[str, Any] | None = None
    for line in body:
        section = _SECTION.match(line.norm) if len(line.norm) <= 60 else None
        point = _POINT.match(line.norm)
        if not (section or point) and (_is_furniture(line) or _DATE.match(line.norm)):
            current = None  # the notice has ended; what follows is the page around it
            continue
        if section:
            title = _after_number(line.text).rstrip("。.")
            sections.append({"id": _printed_number(line.text), "title": title})
            current = None
        elif point:
            number = int(point[1])
            restarted = restarted or bool(points and number <= points[-1]["printed"])
            content = _after_number(line.text)
            current = {
                "id": len(points) + 1 if restarted else number,
                "printed": number,
                "section": sections[-1]["title"] if sections else "",
                "title": _title(content),
                "content": content,
            }
            points.append(current)
        elif current is not None:
            current["content"] += "\n" + line.text
    for point in points:
        printed = point.pop("printed")
        if restarted:
            point["note"] = f"原文在本部分中编号为 {printed}；各部分重新编号，此处连续编号"
        if not point["section"]:
            del point["section"]
    return sections, points


def _is_furniture(line: _Line) -> bool:
    return len(line.norm) <= _FURNITURE_MAX and bool(_FURNITURE.search(line.norm))


def _after_number(text: str) -> str:
    """The heading's text without its printed number (一、 / 1、 / 1. / １． / 1 、)."""
    return re.sub(
        r"^\s*(?:[\d０-９]+|[一二三四五六七八九十壹貳贰參叁肆伍陸陆柒捌玖拾]+)\s*[、.．,，]\s*",
        "",
        text,
    ).strip()


def _printed_number(text: str) -> str:
    return re.match(r"\s*(\S+?)\s*[、.．,，]", text)[1]  # type: ignore[index]


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
    match = _DATE.match(norm)
    if not match:
        return None
    parts = [_cn_int(part) for part in match.groups()]
    if None in parts:
        return None
    year, month, day = parts
    return f"{year:04d}-{month:02d}-{day:02d}"


def _cn_int(text: str) -> int | None:
    """12 → 12; 二〇一九 → 2019 (digit by digit); 十二 → 12; 三 → 3."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
    if "十" not in text:
        return (
            int("".join(str(digits[c]) for c in text)) if all(c in digits for c in text) else None
        )
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
