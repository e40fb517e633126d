"""Read a breakdown list (a workbook or a Word table) into a tasks plan (a dict, as in YAML).

The sheet may be kexie's own export or a document laid out like it: the header row is found
by what its words mean (headers.py), repeated page headers are skipped, a section written as
its own row heads the rows below, and in a document (not in the export, where every cell is
written) a blank 类型/重点工作 cell means “as in the row above”; a blank 牵头/领导/时限 cell or
同上 takes the value above with a note. Targets are read back from the 目标/完成 columns when
the sheet has them filled (kexie's own export); otherwise suggested from the wording by the
extractor, each marked as needing a person's check.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from kexie_cli.core.extract import suggest_task_targets
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.importers import headers, own_exports
from kexie_cli.importers.dates import read_due
from kexie_cli.importers.measures import read_measures
from kexie_cli.importers.names import read_leaders, read_names
from kexie_cli.importers.rows import Merged, Row, csv_rows, kind, plain, workbook_tables

TARGET_NOTE = "程序从推进措施中提取，需人工核对"
_CARRIED = ("section", "focus")  # blank in a document: the same as the row above
# Blank in a document: above, with a note. (A blank 完成时限 is the year's end, noted.)
_AS_ABOVE = ("lead", "leaders")
_SAME = re.compile(r"^(?:同上|同前|同左|〃|”)$")
_NOT_EXPANDED = ("content", "measures", "note")  # a merged content cell would duplicate a task
_DUE_NUMBER = "due is a number"  # beside the cell texts: whether 完成时限 was a number cell
_OWN = "kexie's own export"  # beside the cell texts: its measures are one a line
_UNDER = "under a merged content"  # a row whose 具体内容 is the merged cell of the row above
_MORE = "measures of the rows below"  # their texts, one a row the merge spans
_FIELD = {
    "section": "类型",
    "focus": "重点工作",
    "lead": "牵头单位",
    "support": "责任单位",
    "leaders": "责任领导",
    "due": "完成时限",
}
_SECTION_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+|[（(][一二三四五六七八九十]+[)）])\s*[、.．]?\s*"
)


def parse_tasks(
    data: bytes, source: str = "", year: int | None = None, columns: str | None = None
) -> dict[str, Any]:
    """The plan dict from a .xlsx, .docx or .csv breakdown list."""
    found = kind(data)
    if found == "docx":
        from kexie_cli.importers.docx import document_lines, document_tables
        from kexie_cli.importers.notice_tasks import notice_plan

        before, rows = document_tables(data)
        if not rows:  # no table: a notice whose points name their leads
            return notice_plan(document_lines(data), source, year, columns)
        title = next((line for line in before if len(line) <= 60), "")
        return _from_tables([(title, rows)], source, year, columns, titled=bool(title))
    if found == "xlsx":
        return _from_tables(workbook_tables(data), source, year, columns, titled=False)
    if not found and source.lower().endswith(".csv"):
        name = source[: -len(".csv")]  # the title where the file has no title row
        return _from_tables([(name, csv_rows(data))], source, year, columns, titled=False)
    if not found:
        from kexie_cli.importers.rows import tab_separated
        from kexie_cli.importers.text import decoded

        text = decoded(data)
        if tab_separated(text):  # a table saved or copied as text, a row a line
            rows = csv_rows(data, "\t")
            return _from_tables([(_stem(source), rows)], source, year, columns, titled=False)
        from kexie_cli.importers.notice_tasks import notice_plan

        return notice_plan(text, source, year, columns)
    if found == "old":
        raise ValueError("是旧版 Office 文件（.doc/.xls），请另存为 .docx 或 .xlsx 后再导入")
    raise ValueError("不是 Excel 工作簿（.xlsx）、Word 文档（.docx）或 CSV 文件（.csv）")


def _stem(source: str) -> str:
    return re.sub(r"\.[A-Za-z0-9]{1,5}$", "", source)


parse_workbook = parse_tasks  # the name the export round trip and older callers use


def _from_tables(
    tables: list[tuple[str, list[Row]]],
    source: str,
    year: int | None,
    columns: str | None,
    titled: bool,
) -> dict[str, Any]:
    manual = headers.manual_keys(columns) if columns else None
    found = [(name, rows, hit) for name, rows in tables if (hit := _header(rows, manual))]
    if found:
        name, rows, (index, height, keys) = found[0]
        title = name if titled else (_title(rows[:index]) or name)
        body = rows[index + height :]
        # export --by-dept: a sheet a department, a task led by two on both; read as one list
        sheets = [more[i + h :] for _, more, (i, h, k) in found[1:] if k == keys]
        merged = bool(sheets) and set(layout.PROGRESS_KEYS) <= set(keys.values())
        for more in sheets if merged else []:
            body = body + more
        if merged:  # each sheet's title names its department: 清单（办公室）
            title = re.sub(r"（[^（）]*）$", "", title)
        return _plan(title, body, keys, source, year, merged)
    if manual:
        raise ValueError("按 --columns 找不到表头行（指明的列都有文字的一行）")
    rows = tables[0][1] if tables else []
    raise ValueError(
        f"找不到表头：没有认出“具体内容”“重点工作”等任务列（找到：{headers.found_columns(rows)}）；"
        + headers.columns_hint(rows)
    )


def _header(rows: list[Row], manual: dict[int, str] | None) -> tuple[int, int, dict] | None:
    """Where the header starts, how many rows it takes, and its column keys."""
    for index in range(len(rows)):
        row, height = headers.header_block(rows, index)  # one row, or two read as one
        keys = manual if manual and _looks_like_header(row, manual) else None
        keys = keys or (None if manual else headers.header_keys(row))
        if keys:
            return index, height, keys
    return None


def _looks_like_header(row: Row, keys: dict[int, str]) -> bool:
    """With --columns, the header row is the first whose mapped cells all have words."""
    return all(
        index < len(row)
        and not isinstance(row[index], Merged)  # a title merged across is not the header
        and layout.cell_text(row[index])
        and not _is_number(row[index])
        for index in keys
    )


def _is_number(value: Any) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?", layout.cell_text(plain(value))))


def _title(above: list[Row]) -> str:
    """A title row above the header (黄石市科协2025年重点工作任务分解清单), if any."""
    for row in reversed(above):
        texts = [layout.cell_text(c) for c in row if not isinstance(c, Merged)]
        texts = [t for t in texts if t]
        if len(texts) == 1 and len(texts[0]) <= 60:
            return texts[0]
    return ""


def _plan(
    title: str,
    rows: list[Row],
    keys: dict[int, str],
    source: str,
    year: int | None,
    merged: bool = False,
) -> dict[str, Any]:
    own_layout = set(layout.PROGRESS_KEYS) <= set(keys.values())
    records = _records(rows, keys)
    if merged:
        records = own_exports.one_each(records)
    if not records:
        raise ValueError("表头下没有任务行")
    year = year or _year(title) or _due_year(records)
    if year is None:
        raise ValueError("找不到年度（标题中没有，完成时限也没有），请用 --plan YEAR 指明")
    # kexie's own export carries its targets in 目标/完成: read them back exactly. A sheet
    # whose 目标 column is empty throughout (or absent) gets them suggested from the wording.
    read_back = any(r.get("targets") for r in records)
    tasks = _tasks(records, own_layout, read_back, year)
    info: dict[str, Any] = {"title": title, "org": _org(title), "year": year, "source": source}
    return {"plan": {k: v for k, v in info.items() if v not in ("", None)}, "tasks": tasks}


def _records(rows: list[Row], keys: dict[int, str]) -> list[dict[str, Any]]:
    """Each task row's cells by key; a section row sets the section of the rows below it."""
    records = []
    section = ""
    for row in rows:
        heading = _section_row(row, keys)
        if heading:
            section = heading
            continue
        cells = _record(row, keys)
        if cells is None:
            continue
        if section and not cells.get("section"):
            cells["section"] = section
        if (
            cells.pop(_UNDER, False)
            and records
            and records[-1].get("section") == cells.get("section")
        ):
            _join_below(records[-1], cells)  # one task printed over several rows, not a new one
            continue
        records.append(cells)
    return records


def _join_below(task: dict[str, Any], below: dict[str, Any]) -> None:
    """The rows a merged 具体内容 spans: their measures, and names not already above, are the
    task's."""
    if below.get("measures"):
        task.setdefault(_MORE, []).append(below["measures"])
    for key in ("lead", "support", "leaders"):
        if below.get(key) and below[key] not in task.get(key, ""):
            task[key] = f"{task[key]}\n{below[key]}" if task.get(key) else below[key]
    if below.get("due") and not task.get("due"):
        task["due"] = below["due"]


def _section_row(row: Row, keys: dict[int, str]) -> str:
    """一、党建引领 on a row of its own (merged across, or alone in the first column)."""
    texts = {layout.cell_text(plain(cell)) for cell in row} - {""}
    if len(texts) != 1:
        return ""
    text = texts.pop()
    spans = sum(1 for cell in row if layout.cell_text(plain(cell)) == text) > 1
    first = next(i for i, cell in enumerate(row) if layout.cell_text(plain(cell)))
    numbered = bool(_SECTION_NUMBER.match(text)) and not layout.split_content(text)[0][0]
    if spans or numbered or keys.get(first) in ("id", "section"):
        return _SECTION_NUMBER.sub("", text).strip() or text
    return ""


def _record(row: Row, keys: dict[int, str]) -> dict[str, Any] | None:
    """The row's cells by key (columns sharing a key joined a line each), the texts of columns
    no key names, and None for a blank row or a header repeated on a new page."""
    cells: dict[str, Any] = {}
    for index, key in keys.items():
        value = row[index] if index < len(row) else None
        if isinstance(value, Merged):
            value = None if key in _NOT_EXPANDED else value.value
        text = layout.cell_text(value)
        if text:
            cells[key] = f"{cells[key]}\n{text}" if cells.get(key) else text
    numbered_row = _printed_id(cells.get("id", "")) is not None and len(cells) > 1
    if headers.header_keys(row) or not (
        cells.get("content") or cells.get("measures") or numbered_row
    ):
        return None
    cells[_UNDER] = any(
        isinstance(row[i], Merged) for i, key in keys.items() if key == "content" and i < len(row)
    )
    due_at = next((i for i, key in keys.items() if key == "due"), None)
    cells[_DUE_NUMBER] = due_at is not None and isinstance(_plain(row, due_at), float)
    return cells


def _plain(row: Row, index: int) -> Any:
    return plain(row[index]) if index < len(row) else None


def _tasks(
    records: list[dict[str, Any]], own_layout: bool, read_back: bool, year: int
) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    above: dict[str, Any] = {}
    for cells in records:
        cells[_OWN] = own_layout
        notes: list[str] = []
        if not own_layout:
            notes = _fill_from_above(cells, above)
            above = _remember(above, cells)
        printed = _printed_id(cells.get("id", ""))
        if printed is not None:
            items = [(printed, _without_number(cells.get("content", ""), printed))]
        else:
            items = layout.split_content(cells.get("content", "")) or [(None, "")]
        for number, content in items:
            tasks.append(_task(number, content, cells, tasks, year, read_back, notes))
    return tasks


def _fill_from_above(cells: dict[str, Any], above: dict[str, Any]) -> list[str]:
    """Blank 类型/重点工作 as above (how a list prints them); 同上 anywhere, and a blank
    牵头/领导/时限, as above with a note so a person can confirm it."""
    notes = []
    for key in _CARRIED:
        if not cells.get(key) or _SAME.match(cells[key]):
            cells[key] = above.get(key, "")
    for key in ("lead", "support", "leaders", "due"):
        same = bool(_SAME.match(cells.get(key, "")))
        blank = not cells.get(key) and key in _AS_ABOVE
        if (same or blank) and above.get(key):
            cells[key] = above[key]
            how = "“同上”" if same else "空白"
            notes.append(f"{_FIELD[key]}原文为{how}，取上面最近一行的“{above[key]}”")
            if key == "due":
                cells[_DUE_NUMBER] = above.get(_DUE_NUMBER, False)
        elif same:
            cells[key] = ""
            notes.append(f"{_FIELD[key]}原文为“同上”，但上面没有可取的值")
    return notes


def _remember(above: dict[str, Any], cells: dict[str, Any]) -> dict[str, Any]:
    """The latest value of each column over the rows read so far: 同上 under a blank row means
    the value last written above it."""
    kept = {key: value for key, value in cells.items() if isinstance(value, str) and value}
    if "due" in kept:
        kept[_DUE_NUMBER] = cells.get(_DUE_NUMBER, False)
    return {**above, **kept}


def _printed_id(text: str) -> int | None:
    match = re.fullmatch(r"\s*(\d{1,4})\s*[.、．]?\s*", text)
    return int(match[1]) if match else None


def _without_number(content: str, number: int) -> str:
    return re.sub(rf"^\s*{number}\s*[.、．,，]\s*(?!\d)", "", content).strip()


def _task(
    number: int | None,
    content: str,
    cells: dict[str, Any],
    before: list[dict],
    year: int,
    read_back: bool,
    notes: list[str],
) -> dict[str, Any]:
    notes = list(notes)
    following = max((t["id"] for t in before), default=0) + 1
    if number is None:
        number = following
        notes.insert(0, f"编号：原文未编号，按上一行顺延为 {number}")
    elif any(t["id"] == number for t in before):
        notes.insert(0, f"编号：原文编号 {number} 与前面的任务重复，改为 {following}")
        number = following
    written_due, moved = own_exports.original_due(layout.due_text(cells.get("due")))
    if moved:
        notes.append(moved)
    if not cells.get("focus"):  # the progress sheet's 【重点工作】具体内容
        cells["focus"], content = own_exports.split_focus(content)
    try:
        due, due_note = read_due(written_due, year, cells[_DUE_NUMBER])
    except ValueError as exc:
        raise ValueError(f"任务 {number}：{exc}") from None
    if due_note:
        notes.append(due_note)
    measures = read_measures([cells.get("measures", ""), *cells.get(_MORE, [])])
    if cells.get(_MORE):
        notes.append(f"原表具体内容合并了 {len(cells[_MORE]) + 1} 行，各行的推进措施都并入本任务")
    if cells[_OWN] and len(measures) == 1:  # export's CSV writes them unnumbered, a line each
        measures = [line.strip() for line in measures[0].splitlines() if line.strip()]
    targets = None
    if read_back:
        try:
            targets = own_exports.read_back(cells.get("targets", ""), cells.get("done", ""))
        except ValueError as exc:
            notes.append(f"目标：{exc}；已改为从推进措施中提取")
    if targets is None:
        suggested = suggest_task_targets(content, measures)
        targets = [suggested_target(target) for target in suggested]
    lead, lead_notes = read_names(cells.get("lead", ""), "牵头单位")
    support, support_notes = read_names(cells.get("support", ""), "责任单位")
    leaders, leader_notes = read_leaders(cells.get("leaders", ""))
    notes += lead_notes + support_notes + leader_notes
    if cells.get("note"):
        notes.append(f"原表备注：{cells['note']}")
    task: dict[str, Any] = {
        "id": number,
        "section": cells.get("section", ""),
        "focus": cells.get("focus", ""),
        "content": content,
        "measures": measures,
        "lead": lead,
        "support": support,
        "leaders": leaders,
        "due": due,
        "targets": targets,
    }
    if notes:
        task["note"] = "；".join(notes)
    return task


def suggested_target(target: dict[str, Any]) -> dict[str, Any]:
    """A target the extractor suggested, marked as needing a person's check (after its own
    note, if any: 每季度1次 computed as 4 a year)."""
    own = target.get("note")
    return {**target, "note": f"{own}；{TARGET_NOTE}" if own else TARGET_NOTE}


def _year(text: str) -> int | None:
    match = re.search(r"(?<!\d)(20\d{2})(?!\d)", text or "")
    return int(match[1]) if match else None


def _due_year(records: list[dict[str, Any]]) -> int | None:
    years = Counter(_year(r.get("due", "")) for r in records)
    years.pop(None, None)
    return years.most_common(1)[0][0] if years else None


def _org(title: str) -> str:
    """黄石市科协2025年重点工作任务分解清单 → 黄石市科协."""
    match = re.match(r"^(\D+?)\s*20\d{2}年", title or "")
    return match[1] if match else ""
