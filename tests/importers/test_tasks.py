"""Reading a breakdown list from a workbook: kexie's own export and a document-like sheet."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from openpyxl import Workbook

from kexie_cli.core.queries import plan_states
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.importers.tasks import TARGET_NOTE, parse_workbook
from kexie_cli.output.xlsx import workbook_bytes
from kexie_cli.plans.dump import plan_yaml
from kexie_cli.plans.load import load_file
from kexie_cli.plans.validate import validate
from kexie_cli.plans.yaml_read import parse_yaml
from tests.conftest import DATA

FIELDS = ("id", "section", "focus", "content", "measures", "lead", "support", "leaders", "due")
DOC_HEADER = [
    "类型",
    "重点工作",
    "具体内容",
    "推进措施",
    "牵头部室",
    "责任部室及 县(市、区)科协",
    "责任领导",
    "完成时限",
]


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _document() -> Workbook:
    """A sheet laid out like the printed list: title row, merged 类型, blank 重点工作 below."""
    book = Workbook()
    sheet = book.active
    sheet.append(["某市科协2026年重点工作任务分解清单"])
    sheet.append(DOC_HEADER)
    sheet.append(
        [
            "聚焦政治引领",
            "深化党建",
            "1. 开展学习。",
            "1. 全年组织学习不少于12次。 2. 举办“科协讲堂”4期。",
            "办公室、机关党委",
            "机关各部室、市、县(市、区)科协",
            "郑昌盛 陈汉平",
            "2026.12",
        ]
    )
    sheet.append(
        [
            None,
            None,
            "2. 面向学会举办培训班。",
            "培训100名左右科技工作者。",
            "学会部",
            "组宣部",
            "陈汉平",
            "2026.5",
        ]
    )
    sheet.append(DOC_HEADER)  # the header printed again on the next page
    sheet.append(
        [
            None,
            "弘扬科学家精神",
            "3.开展宣讲不少于5场。 4.邀请专家进校园。",
            "开展宣讲5场以上。",
            "组宣部",
            "各县(市、区)科协",
            "陈汉平",
            None,
        ]
    )
    sheet.append([None, None, None, None, None, None, None, None])
    sheet.merge_cells("A3:A6")
    return book


def test_a_document_like_sheet() -> None:
    plan = parse_workbook(_bytes(_document()), "doc.xlsx")
    assert plan["plan"] == {
        "title": "某市科协2026年重点工作任务分解清单",
        "org": "某市科协",
        "year": 2026,
        "source": "doc.xlsx",
    }
    tasks = plan["tasks"]
    assert [t["id"] for t in tasks] == [1, 2, 3, 4]
    assert [t["section"] for t in tasks] == ["聚焦政治引领"] * 4  # merged cell filled down
    assert [t["focus"] for t in tasks] == [
        "深化党建",
        "深化党建",
        "弘扬科学家精神",
        "弘扬科学家精神",
    ]
    first = tasks[0]
    assert first["measures"] == ["全年组织学习不少于12次。", "举办“科协讲堂”4期。"]
    assert first["lead"] == ["办公室", "机关党委"]
    assert first["support"] == ["机关各部室", "市、县(市、区)科协"]
    assert first["leaders"] == ["郑昌盛", "陈汉平"]
    assert first["due"] == "2026.12"
    assert [(t["target"], t["unit"], t["comparator"]) for t in first["targets"]] == [
        (12, "次", "at_least"),
        (4, "期", "exact"),
    ]
    assert all(t["note"] == TARGET_NOTE for task in tasks for t in task["targets"])
    # Two tasks printed in one content cell share that row's measures and people.
    assert (
        tasks[2]["content"] == "开展宣讲不少于5场。" and tasks[3]["content"] == "邀请专家进校园。"
    )
    assert tasks[3]["lead"] == ["组宣部"]
    # A missing 完成时限 is filled with the year's end, and says so.
    assert tasks[2]["due"] == "2026.12" and "完成时限未填" in tasks[2]["note"]


def test_a_month_typed_as_a_number_keeps_its_two_digits() -> None:
    book = _document()
    cell = book.active["H3"]
    cell.value, cell.number_format = 2026.10, "0.00"
    assert parse_workbook(_bytes(book))["tasks"][0]["due"] == "2026.10"


def test_an_unnumbered_content_follows_the_row_above() -> None:
    book = _document()
    book.active["C4"] = None
    task = parse_workbook(_bytes(book))["tasks"][1]
    assert task["id"] == 2 and task["content"] == "" and "顺延" in task["note"]


def test_year_from_plan_option_or_due_months() -> None:
    book = _document()
    book.active["A1"] = None
    assert parse_workbook(_bytes(book))["plan"]["year"] == 2026  # most due months say 2026
    assert parse_workbook(_bytes(book), year=2030)["plan"]["year"] == 2030


def test_no_header_and_not_a_workbook_are_errors() -> None:
    book = Workbook()
    book.active.append(["随便", "什么"])
    with pytest.raises(ValueError, match="找不到表头"):
        parse_workbook(_bytes(book))
    with pytest.raises(ValueError, match=r"不是 Excel 工作簿（\.xlsx）、Word 文档（\.docx）或 CSV"):
        parse_workbook(b"not a zip")


TARGET_FIELDS = ("name", "target", "target_max", "unit", "comparator", "done")


def _shipped():
    shipped, problems = load_file(DATA / "2025_tasks.yaml")
    assert problems == [] and shipped is not None
    return shipped


def _round_trip(shipped):
    """Export the plan, import the workbook, and read the YAML written back as a plan."""
    states = plan_states(shipped, dt.date(2025, 12, 31))
    data = workbook_bytes(shipped.plan.title, shipped.plan.year, states, None)
    imported = parse_workbook(data, "2025.xlsx")
    back, findings = validate(parse_yaml(plan_yaml(imported, []), "back.yaml"))
    assert findings == [] and back is not None
    return imported, back


def _targets(task):
    return [tuple(getattr(t, f) for f in TARGET_FIELDS) for t in task.targets]


def test_the_2025_list_comes_back_with_its_targets_exactly() -> None:
    shipped = _shipped()
    imported, back = _round_trip(shipped)
    assert any(t.comparator == "range" for task in shipped.tasks for t in task.targets)
    for task, again in zip(shipped.tasks, back.tasks, strict=True):
        assert _targets(again) == _targets(task), task.id
    # Read from kexie's own 目标 column, not suggested: no target asks for a check.
    assert all("note" not in t for task in imported["tasks"] for t in task["targets"])


def test_done_figures_come_back_too() -> None:
    shipped = _shipped()
    tasks = list(shipped.tasks)
    changed = 0
    for i, task in enumerate(tasks):
        if task.targets and not task.targets[0].places and not task.history and i % 3 == 0:
            first = replace(task.targets[0], done=task.targets[0].target / 2)
            tasks[i] = replace(task, targets=[first, *task.targets[1:]])
            changed += 1
    assert changed >= 5
    _, back = _round_trip(replace(shipped, tasks=tasks))
    for task, again in zip(tasks, back.tasks, strict=True):
        assert _targets(again) == _targets(task), task.id
    assert any(t.done % 1 for task in back.tasks for t in task.targets)  # halves kept


def test_an_empty_target_column_in_a_sheet_with_targets_means_no_targets() -> None:
    _, back = _round_trip(_shipped())
    assert [t.id for t in back.tasks if not t.targets] == [
        t.id for t in _shipped().tasks if not t.targets
    ]


def test_the_2025_list_comes_back_from_its_own_export() -> None:
    shipped = _shipped()
    states = plan_states(shipped, dt.date(2025, 6, 30))
    data = workbook_bytes(shipped.plan.title, shipped.plan.year, states, None)
    imported = parse_workbook(data, "2025.xlsx")
    assert imported["plan"]["title"] == shipped.plan.title
    assert imported["plan"]["year"] == 2025
    assert len(imported["tasks"]) == len(shipped.tasks) == 40
    for back, task in zip(imported["tasks"], shipped.tasks, strict=True):
        expected = {
            "id": task.id,
            "section": task.section,
            "focus": task.focus,
            "content": task.content,
            "measures": list(task.measures),
            "lead": list(task.lead),
            "support": list(task.support),
            "leaders": list(task.leaders),
            "due": f"{task.due.year}.{task.due.month}",
        }
        assert {k: back[k] for k in FIELDS} == expected


def test_a_due_cell_with_more_than_a_month_takes_the_last_and_says_so() -> None:
    book = _document()
    book.active["H3"] = "2026.12\n2026.12"
    task = parse_workbook(_bytes(book))["tasks"][0]
    assert task["due"] == "2026.12" and "原文为" in task["note"]


def test_a_repeated_number_is_renumbered_with_a_note() -> None:
    book = _document()
    book.active["C4"] = "1. 又一个一号任务。"
    task = parse_workbook(_bytes(book))["tasks"][1]
    assert task["id"] == 2 and "重复" in task["note"]


def test_a_number_due_cell_that_may_have_lost_a_trailing_zero_is_flagged() -> None:
    book = _document()
    book.active["H3"] = 2026.10  # typed 2026.10 in a General cell: Excel keeps 2026.1
    task = parse_workbook(_bytes(book))["tasks"][0]
    assert task["due"] == "2026.1"
    assert "2026.1，可能是 2026.10" in task["note"] and "人工核对" in task["note"]


@pytest.mark.parametrize(("value", "fmt"), [(2026.5, "General"), (2026.12, "General")])
def test_a_number_due_cell_that_cannot_be_misread_has_no_note(value: float, fmt: str) -> None:
    book = _document()
    cell = book.active["H3"]
    cell.value, cell.number_format = value, fmt
    task = parse_workbook(_bytes(book))["tasks"][0]
    assert task["due"] == f"{value}" and "note" not in task


def test_a_number_due_cell_shown_with_one_decimal_is_that_month() -> None:
    book = _document()
    cell = book.active["H3"]
    cell.value, cell.number_format = 2026.1, "0.0"
    task = parse_workbook(_bytes(book))["tasks"][0]
    assert task["due"] == "2026.1" and "note" not in task


@pytest.mark.parametrize("written", ["2026年9月", "2026.9", "2026-09", "2026.09", "２０２６年９月"])
def test_any_way_of_writing_one_month_reads_as_that_month_without_a_note(written: str) -> None:
    book = _document()
    book.active["H3"] = written
    task = parse_workbook(_bytes(book))["tasks"][0]
    assert task["due"] == "2026.9" and "note" not in task


def test_the_due_month_is_written_as_quoted_text() -> None:
    from kexie_cli.plans.dump import plan_yaml

    book = _document()
    book.active["H3"] = "2026年10月"
    text = plan_yaml(parse_workbook(_bytes(book)), [])
    assert "due: '2026.10'" in text


def _exported_sheet():
    from openpyxl import load_workbook

    shipped = _shipped()
    states = plan_states(shipped, dt.date(2025, 12, 31))
    book = load_workbook(io.BytesIO(workbook_bytes("清单2025年", 2025, states, None)))
    column = 2 + [key for key, _ in layout.COLUMNS].index("targets")  # after 序号
    return book, column


def test_an_export_with_its_target_column_emptied_gets_suggestions_with_notes() -> None:
    book, column = _exported_sheet()
    for row in range(4, book.active.max_row + 1):  # below title, 截至, header
        book.active.cell(row, column).value = None
    tasks = parse_workbook(_bytes(book))["tasks"]
    suggested = [t for task in tasks for t in task["targets"]]
    assert suggested and all(t["note"] == TARGET_NOTE for t in suggested)


def test_an_unreadable_target_line_falls_back_to_suggestions_and_says_why() -> None:
    book, column = _exported_sheet()
    rows = [r for r in range(4, book.active.max_row + 1) if book.active.cell(r, column).value]
    cell = book.active.cell(rows[0], column)
    cell.value = "\n".join(["随手写的目标", *cell.value.splitlines()[1:]])
    tasks = [t for t in parse_workbook(_bytes(book))["tasks"] if "note" in t]
    assert len(tasks) == 1 and "随手写的目标" in tasks[0]["note"]
    assert all(t["note"] == TARGET_NOTE for t in tasks[0]["targets"])
