"""The monthly fill-in form (填报表) as a file: its contract, written once for both directions.

output/form_sheet.py draws the workbook with it; importers/returned_form.py and
importers/form_checks.py read a returned one with it. Here: the form's columns and headers,
where its header block and column header sit, and the hidden sheet that records what the form
was made from (its name, mark, labels and table of rows), written by `meta_rows` and read back
by `read_meta`. Which rows a department's form has, and what a returned form means, are the
core's (core/forms.py, core/form_return.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from kexie_cli.core.forms import STATES as STATES  # 完成情况's words, offered from a list
from kexie_cli.core.forms import TEXTS as TEXTS  # the columns read as a row's texts
from kexie_cli.core.forms import FormRow

# The columns of the form, in order: (key, header). Headers are what a person reads and what
# the importer finds the columns by.
COLUMNS = (
    ("ref", "序号"),
    ("content", "具体内容/重点工作"),
    ("due", "完成时限"),
    ("target", "目标"),
    ("figure", "已登记累计"),
    ("done", "累计完成"),
    ("state", "完成情况"),
    ("finished", "完成日期"),
    ("note", "进展情况"),
    ("problem", "存在问题"),
    ("next", "下步打算"),
    ("delay", "申请延期至"),
    ("reason", "延期理由"),
)
HEADERS = dict(COLUMNS)
KEYS = tuple(key for key, _ in COLUMNS)
# Forms made before 完成情况 and 完成日期 (their hidden sheet lists no columns) are read too.
V1_KEYS = tuple(key for key in KEYS if key not in ("state", "finished"))
FILLED = ("done", "state", "finished", "note", "problem", "next", "delay", "reason")

# The sheet to fill: its name, the header block's labels (each with its value in the cell to
# its right), where the department writes its header fields, the column header's row.
SHEET = "填报表"
UNIT, PERSON, PHONE, DATE, AS_OF = "填报单位", "填报人", "联系电话", "填报日期", "截至"
PERSON_CELL, PHONE_CELL, DATE_CELL = "D2", "F2", "I2"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1  # the first row under the column header

# The hidden sheet: its mark in A1, then a label and its value a row (the header fields'
# labels name the cell they are written in), then the table of the form's rows.
META_SHEET = "kexie"
MARK = "kexie 填报表 v1"
PLAN, YEAR, PLAN_FILE, DEPT, SHEET_LABEL = "计划", "年度", "计划文件", "部门", "表格"
COLUMNS_LABEL = "列"  # the form's columns (keys, in order)
ROWS_LABEL = "行"
ROW_HEADERS = (ROWS_LABEL, "序号", "任务", "指标", "类别", "制表时累计", "地方")
# The labels a hidden sheet cannot be read without.
REQUIRED = (PLAN, YEAR, DEPT, SHEET_LABEL, PERSON, DATE)


@dataclass(frozen=True)
class FormInfo:
    title: str  # the plan's title
    year: int
    file: str  # the plan file's name
    dept: str
    as_of: dt.date


# A row of the hidden sheet's table: sheet row, 序号, task, target key, role, figure, place.
Spec = tuple[int, str, int, int | None, str, Any, str | None]


def meta_rows(info: FormInfo, placed: list[tuple[int, FormRow]]) -> list[list[Any]]:
    """The hidden sheet's rows: what the form was made from, for its return to be checked by."""
    labelled = (
        (PLAN, info.title),
        (YEAR, info.year),
        (PLAN_FILE, info.file),
        (DEPT, info.dept),
        (AS_OF, info.as_of.isoformat()),
        (SHEET_LABEL, SHEET),
        (COLUMNS_LABEL, ",".join(KEYS)),
        (PERSON, PERSON_CELL),
        (PHONE, PHONE_CELL),
        (DATE, DATE_CELL),
    )
    rows: list[list[Any]] = [[MARK], *([label, value] for label, value in labelled)]
    rows.append(list(ROW_HEADERS))
    for number, row in placed:
        rows.append([number, row.ref, row.task_id, row.key, row.role, row.figure, row.place])
    return rows


def read_meta(values: list[list[Any]]) -> tuple[dict[str, Any], list[Spec]]:
    """The hidden sheet's rows read back: its labels' values, and the table of rows.
    ValueError (or TypeError) when it is not what meta_rows writes."""
    if not values or values[0][0] != MARK:
        raise ValueError("标记不符")
    meta: dict[str, Any] = {}
    index = 1
    while index < len(values) and values[index][0] != ROWS_LABEL:
        meta[str(values[index][0])] = values[index][1]
        index += 1
    rows = []
    for number, ref, task, key, role, figure, place in (
        (v + [None] * 7)[:7]
        for v in values[index + 1 :]  # forms made before places: 6 columns
    ):
        if number is None:
            continue
        key = int(key) if key else None
        rows.append((int(number), str(ref), int(task), key, role, figure, place and str(place)))
    return meta, rows
