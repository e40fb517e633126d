"""The lines before a notice's first numbered heading: its title, notice line, 文号, issuer,
date, covering text — and the page furniture around them (navigation, a database's labels and
citation codes) told apart from them.

Lines are *recognised* on a normalised copy (`Line.norm`: simplified, half-width, no fill) and
kept as written (`Line.text`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.dates import written_day
from kexie_cli.importers.dates import written_year

_DATE = re.compile(
    r"^(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$"
)
_DOC_NO = re.compile(r"^\S{1,15}[〔\[(]\d{4}[〕\])]\d+号$")
_NOTICE = re.compile(r"^\S{0,30}?关于印发.*的通知$")
# A seal's note under the signature: （某市科协办公室代章）.
_SEAL = re.compile(r"^\(.*代章\)$")
_PLAN_TITLE = re.compile(r"^\S*\d{4}年\S*(?:工作要点|工作计划|工作安排|任务|清单|方案)$")
# A database's page around a document: 【法宝引证码】CLI.12.345, 【发布部门】某市科协, 发布机构：….
_CITATION = re.compile(r"引证码")
_LABEL = re.compile(
    r"^[【\[]?(?P<label>发布机构|发布部门|发文机关|发文单位|制定机关|发文字号|发布文号|文号)"
    r"[】\]]?[:：]?(?P<value>.+)$"
)
_ISSUER_LABELS = ("发布机构", "发布部门", "发文机关", "发文单位", "制定机关")
# Text an extraction drags in from the web page around the notice; only short lines that are
# not headings are tested, so a point that mentions an address is never dropped.
_FURNITURE_MAX = 80
_FURNITURE = re.compile(
    r"copyright|all rights reserved|版权所有|icp备|公网安备|^地址|地址[:：]|邮编|电话[:：]|"
    r"联合主办|主办单位|主办[:：]|承办[:：]|技术支持|所在位置|文章来源|来源[:：]|打印本页|关闭窗口|"
    r"分享到|上一篇|下一篇|责任编辑|浏览次数|浏览数|浏览量|阅读数|阅读次数|点击数|发布时间|"
    r"发布日期|^日期[:：]|^时间[:：]|字号[:：]|引证码|\||>.*>",
    re.IGNORECASE,
)
# Fill characters a broken encoding leaves in a signature line: 锟斤拷, 烫烫, □, �, ….
_GARBLE = re.compile(r"(?:锟斤拷)+|烫{2,}|屯{2,}|[^\u4e00-\u9fff（）()]")
# What padding (NBSP, ideographic spaces) turns into when a notice is saved or copied badly:
# ? from GBK with replacement, U+FFFD, □, an HTML entity left as text. Recognition ignores
# any run of it; a point's own text keeps whatever it has.
FILL = re.compile(r"(?:&nbsp;?|&#0*160;|&#x0*a0;|锟斤拷|烫烫|屯屯|[?\ufffd□■\s])+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    text: str  # as written, stripped
    norm: str  # recognisable: simplified, half-width, no spaces


def metadata(head: list[Line], source: str, dropped: list[str]) -> dict[str, Any]:
    """The notice's fields from the lines before its first heading; each line not furniture
    is used once: as notice, document number, issuer, date, title, preamble, or cover text."""
    labelled = _labelled(head)
    dropped += [line.text for line in head if is_furniture(line) and line.text not in labelled]
    kept = [line for line in head if not is_furniture(line) or line.text in labelled]
    used = {i for i, line in enumerate(kept) if line.text in labelled}
    notice_at = _first(kept, lambda line: bool(_NOTICE.match(line.norm)), used)
    notice = kept[notice_at].text if notice_at is not None else ""
    doc_no_at = _first(kept, lambda line: bool(_DOC_NO.match(line.norm)), used)
    doc_no = _no_spaces(kept[doc_no_at].text) if doc_no_at is not None else ""
    doc_no = doc_no or labelled.get("doc_no", "")
    date_at = _first(kept, lambda line: bool(_DATE.match(line.norm)), used)
    date = _date(kept[date_at].norm) if date_at is not None else None
    issuer = labelled.get("issuer") or _signature(kept, date_at, used) or _issuer_before(notice)
    book = _book_title(notice) or _cover_book_title(kept)
    title_at = _title_line(kept, book, used)
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


def _first(kept: list[Line], test: Callable[[Line], bool], used: set[int]) -> int | None:
    found = next((i for i, line in enumerate(kept) if i not in used and test(line)), None)
    if found is not None:
        used.add(found)
    return found


def _signature(kept: list[Line], date_at: int | None, used: set[int]) -> str:
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


def _cover_book_title(kept: list[Line]) -> str:
    """The plan's name in 《》 in the cover text, when the notice line has none."""
    for line in kept:
        match = re.search(r"《([^》]*(?:要点|计划|安排))》", line.text)
        if match:
            return match[1]
    return ""


def _labelled(head: list[Line]) -> dict[str, str]:
    """What a database's page labels (发布机构：某市科协, 【发文字号】…): the issuer and the
    document number, keyed by the lines that say them (line text → value) and by field."""
    found: dict[str, str] = {}
    for line in head:
        match = _LABEL.match(line.norm)
        if not match:
            continue
        # 发布机构：某市科协 发布日期：2025-03-01 — the value ends where the next label starts.
        value = re.split(r"\s|[|｜]|发布日期|发布时间|成文日期", FILL.sub(" ", match["value"]))[0]
        value = _label_value(line.text, value)
        field = "issuer" if match["label"] in _ISSUER_LABELS else "doc_no"
        if value:
            found.setdefault(field, value)
            found[line.text] = value
    return found


def _label_value(text: str, norm_value: str) -> str:
    """The value as written (not simplified), found after the label's colon or bracket."""
    written = re.split(r"[:：】\]]", text, maxsplit=1)[-1].strip()
    return written[: len(norm_value)] if written else norm_value


def _title_line(kept: list[Line], named: str, used: set[int]) -> int | None:
    """The plan's own heading: its name in 《》, standing alone on a line; else a line naming a
    year's plan; else the first line that could be a title. Never a line already read as
    something else (文号, date, issuer, a database's label)."""
    free = [i for i in range(len(kept)) if i not in used]
    for i in free:
        if named and kept[i].text == named:
            return i
    for i in reversed(free):
        if _PLAN_TITLE.match(kept[i].norm) and not _NOTICE.match(kept[i].norm):
            return i
    if named:
        return None
    for i in free:  # a bare plan with no notice around it starts with its heading
        line = kept[i].norm
        if len(line) <= 40 and "。" not in line and not _DOC_NO.match(line):
            return i
        return None  # the first free line is prose: no title line
    return None


def is_furniture(line: Line) -> bool:
    return len(line.norm) <= _FURNITURE_MAX and bool(_FURNITURE.search(line.norm))


def _book_title(notice: str) -> str:
    match = re.search(r"《([^》]+)》", notice)
    return match[1] if match else ""


def _year(text: str) -> int | None:
    return written_year(text)


def _no_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _date(norm: str) -> str | None:
    day = written_day(norm)
    return day.isoformat() if day else None
