"""A notice whose points name who leads them, read into a tasks plan (a dict, as in YAML).

A notice is read as `import points` reads it (points.py: title, issuer, sections, points); then
each point's own words say who does it, in one of three ways offices write it:

    1. 全年组织学习不少于12次。
    牵头单位：办公室                         ← a line of its own under the point (also 牵头部门,
    配合单位：机关党委、组宣部                   责任单位, 配合单位, 责任领导, 完成时限 …)
    2. 举办科协讲堂4期。（牵头部门：组宣部）     ← a bracket ending the point
    3. 开展科普日活动。（责任单位：科普部）      ← 责任单位 alone: the lead

Those words leave the task's text and fill its 牵头单位, 责任单位, 责任领导 and 完成时限; a point
that names no lead keeps an empty lead, with a note saying so.
"""

from __future__ import annotations

import re
from typing import Any

from kexie_cli.core.extract import suggest_task_targets
from kexie_cli.importers.dates import read_due
from kexie_cli.importers.names import read_leaders, read_names
from kexie_cli.importers.points import NoPoints, parse_points
from kexie_cli.importers.tasks import suggested_target

# A label, simplified or traditional, and the field it fills. 责任单位 is the lead when the
# point names no 牵头; beside one it is a support.
_LABEL = re.compile(
    r"(?P<label>"
    r"[牵牽][头頭](?:[责責][任])?(?:[单單]位|部[门門]|部室|[处處]室)?"
    r"|(?:[配][合]|[协協][办辦同作]|[参參][与與])(?:[单單]位|部[门門]|部室|[处處]室)"
    r"|[责責]任(?:[单單]位|部[门門]|部室|[处處]室)"
    r"|(?:[牵牽][头頭]|[分][管]|[责責]任)?[领領][导導]|[责責]任人"
    r"|完成(?:[时時]限|[时時][间間]|期限)|[时時][间間][节節][点點]|[时時]限"
    r")\s*[:：]"
)
_FIELD_OF = (
    (re.compile(r"[领領][导導]|[责責]任人"), "leaders"),
    (re.compile(r"完成|[时時]"), "due"),
    (re.compile(r"^[牵牽][头頭]"), "lead"),
    (re.compile(r"^[责責]任"), "either"),
)
_OPEN, _CLOSE = "（(", "）)"
_TRIM = " \t\u3000；;，,。.、"


def notice_tasks(text: str, source: str = "", year: int | None = None) -> dict[str, Any]:
    """The tasks plan of a notice; ValueError when it has no numbered points or no year."""
    points = parse_points(text, source)
    info = points["plan"]
    year = year or info.get("year")
    if year is None:
        raise ValueError("文中找不到年度，请用 --plan YEAR 指明")
    levels = any("heading" in point for point in points["points"])
    tasks = [_task(point, int(year), levels) for point in points["points"]]
    plan: dict[str, Any] = {"title": info["title"], "org": _org(info), "year": int(year)}
    plan |= {"source": source, "note": _plan_note(points)}
    return {"plan": {k: v for k, v in plan.items() if v not in ("", None)}, "tasks": tasks}


def notice_plan(text: str, source: str, year: int | None, columns: str | None) -> dict[str, Any]:
    """`import tasks` given a notice: its task list, or what the file is not."""
    if columns:
        raise ValueError("--columns 只用于表格；通知按“牵头单位：…”等字样读出牵头单位")
    try:
        return notice_tasks(text, source, year)
    except NoPoints:
        raise ValueError(
            "没有表格，也没有编号的要点：不是 Excel 工作簿（.xlsx）、Word 文档（.docx）或 CSV"
            " 文件（.csv）的清单，也不是逐条编号（1、…）的通知"
        ) from None


def who_does(content: str) -> tuple[str, dict[str, str]]:
    """The point's text without the words naming who does it, and those words by field
    (lead, support, leaders, due, and either for a 责任单位)."""
    kept: list[str] = []
    said: dict[str, str] = {}
    for line in content.splitlines():
        if _LABEL.match(line.strip()):  # 牵头单位：办公室 on a line of its own
            _read_labels(line.strip(), said)
            continue
        kept.append(_without_tail(_without_brackets(line, said), said))
    return "\n".join(line for line in kept if line.strip()).strip(), said


def _without_brackets(line: str, said: dict[str, str]) -> str:
    """（牵头部门：X；配合单位：Y） inside or ending a line: read, and taken out of the text."""
    at = 0
    while (start := _next_open(line, at)) is not None:
        end = _closing(line, start)
        if end is not None and _LABEL.match(line[start + 1 : end].strip()):
            _read_labels(line[start + 1 : end].strip(), said)
            line = (line[:start].rstrip() + line[end + 1 :]).rstrip()
            at = start
        else:
            at = start + 1
    return line


def _without_tail(line: str, said: dict[str, str]) -> str:
    """举办讲堂4期。牵头单位：组宣部 — labels after the point's last sentence, to the line's end."""
    for label in _LABEL.finditer(line):
        if label.start() and line[: label.start()].rstrip()[-1:] in "。；;，,":
            _read_labels(line[label.start() :], said)
            return line[: label.start()].rstrip()
    return line


def _next_open(line: str, at: int) -> int | None:
    found = [i for i in (line.find(c, at) for c in _OPEN) if i >= 0]
    return min(found) if found else None


def _closing(line: str, start: int) -> int | None:
    """The bracket closing the one at `start`: 各县（市、区）科协 inside it is kept whole."""
    depth = 0
    for i in range(start, len(line)):
        if line[i] in _OPEN:
            depth += 1
        elif line[i] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def _read_labels(text: str, said: dict[str, str]) -> None:
    """牵头单位：办公室；配合单位：组宣部 → each label's words, up to the next label."""
    labels = list(_LABEL.finditer(text))
    for label, after in zip(labels, [*labels[1:], None], strict=True):
        value = text[label.end() : after.start() if after else len(text)].strip(_TRIM)
        field = next(
            (key for pattern, key in _FIELD_OF if pattern.search(label["label"])), "support"
        )
        if value:
            said[field] = f"{said[field]}、{value}" if said.get(field) else value


def _task(point: dict[str, Any], year: int, levels: bool) -> dict[str, Any]:
    content, said = who_does(point["content"])
    either = said.pop("either", "")  # 责任单位: the lead, unless a 牵头 is named beside it
    if either and not said.get("lead"):
        said["lead"] = either
    elif either:
        said["support"] = "、".join(filter(None, [either, said.get("support")]))
    notes = [point["note"]] if point.get("note") else []
    lead, lead_notes = read_names(said.get("lead", ""), "牵头单位")
    support, support_notes = read_names(said.get("support", ""), "责任单位")
    leaders, leader_notes = read_leaders(said.get("leaders", ""))
    if not lead:
        notes.append("通知中本条未写明牵头单位，牵头单位留空，请补上")
    due, due_note = read_due(said["due"], year) if said.get("due") else (f"{year}.12", "")
    if not said.get("due"):
        due_note = f"通知中本条未写完成时限，暂定为 {due}，需人工核对"
    notes += lead_notes + support_notes + leader_notes + ([due_note] if due_note else [])
    targets = [suggested_target(t) for t in suggest_task_targets(content, [])]
    task: dict[str, Any] = {
        "id": point["id"],
        "section": point.get("section", ""),
        "focus": point.get("heading", "") if levels else "",
        "content": content,
        "measures": [],
        "lead": lead,
        "support": support,
        "leaders": leaders,
        "due": due,
        "targets": targets,
    }
    if notes:
        task["note"] = "；".join(notes)
    return task


def _org(info: dict[str, Any]) -> str:
    """The issuer; else the organisation the title starts with (某市科协2025年…)."""
    if info.get("issuer"):
        return str(info["issuer"])
    match = re.match(r"^(\D+?)\s*(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年", info["title"])
    return match[1] if match else ""


def _plan_note(points: dict[str, Any]) -> str:
    """What the notice says that no task holds: its number and date, its covering text, the
    sections' own sentences, the lines left out: kept in the plan's note, never lost."""
    info = points["plan"]
    parts = [f"由通知“{info['notice']}”导入"] if info.get("notice") else []
    parts += [f"{label}：{info[key]}" for key, label in _NOTICE_FIELDS if info.get(key)]
    for section in points["sections"]:
        if section.get("content"):
            parts.append(f"{section['id']}、{section['title']}：{section['content']}")
    if info.get("note"):
        parts.append(info["note"])
    return "\n".join(parts)


_NOTICE_FIELDS = (
    ("doc_no", "文号"),
    ("date", "日期"),
    ("preamble", "导语"),
    ("cover", "通知正文"),
)
