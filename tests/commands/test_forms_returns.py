"""Returned forms and time: each entry at the period the form reports (截至), recorded on its
填报日期; forms of one period in any order; an older form said so and imported; 完成情况 and
完成日期 as marks; a form made before those columns still read."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.commands.test_forms import (
    PLAN,
    ZUXUAN,
    fill,
    fill_zuxuan,
    import_progress,
    kexie,
    make_forms,
    plan_text,
)

OFFICE = "2025年6月_办公室.xlsx"


@pytest.fixture
def folder(tmp_path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def make(folder: Path, as_of: str, *depts: str, out: str = "forms") -> Path:
    args = [a for d in depts for a in ("--dept", d)]
    made = kexie(folder, "forms", "-o", str(folder / out), "--as-of", as_of, *args, "--force")
    assert made.exit_code == 0, made.output
    return folder / out


def bring(folder: Path, *files: Path, extra: tuple[str, ...] = ()):
    return kexie(folder, "import", "progress", *map(str, files), *extra)


def history(folder: Path, task: int) -> list[dict]:
    plan = yaml.safe_load(plan_text(folder))
    return next(t for t in plan["tasks"] if t["id"] == task).get("history", [])


def report(folder: Path, *args: str) -> dict:
    result = kexie(folder, "report", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def task_of(found: dict, task: int) -> dict:
    return next(t for t in found["tasks"] if t["id"] == task)


def test_a_june_form_filled_on_july_3_counts_on_june_30(folder):
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 7, "进展情况": "已宣讲7场"}}, 填报日期="2025-07-03")
    result = bring(folder, forms / ZUXUAN)
    assert result.exit_code == 0, result.output
    figure, words = history(folder, 2)
    assert figure["date"] == "2025-06-30" and figure["recorded"] == "2025-07-03"
    assert words["date"] == "2025-06-30" and words["note"] == "已宣讲7场"
    june = task_of(report(folder, "--as-of", "2025-06-30"), 2)
    assert june["targets"][0]["done"] == 7
    # As the office knew it on July 1, the June form had not come in.
    known = task_of(report(folder, "--as-of", "2025-06-30", "--known-on", "2025-07-01"), 2)
    assert known["targets"][0]["done"] == 2


def test_a_form_filled_before_its_date_is_dated_the_day_it_was_filled(folder):
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 4}}, 填报日期="2025-06-27")
    assert bring(folder, forms / ZUXUAN).exit_code == 0
    assert history(folder, 2) == [
        {"date": "2025-06-27", "target": 1, "before": 2, "after": 4, "by": "组宣部"}
    ]


def fill_two(forms: Path) -> None:
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5}}, 填报人="李四", 填报日期="2025-07-02")
    fill(forms / OFFICE, {"1": {"累计完成": 8}}, 填报人="张三", 填报日期="2025-07-04")


def test_two_departments_forms_give_the_same_file_in_either_order(folder, tmp_path):
    forms = make(folder, "2025-06-30", "组宣部", "办公室")
    fill_two(forms)
    texts = []
    for order in ([ZUXUAN, OFFICE], [OFFICE, ZUXUAN]):
        (folder / "data" / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
        for name in order:  # one at a time, as they come in
            assert bring(folder, forms / name).exit_code == 0
        texts.append(plan_text(folder))
        (folder / "data" / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
        assert bring(folder, *(forms / n for n in order)).exit_code == 0  # or together
        texts.append(plan_text(folder))
    assert len(set(texts)) == 1 and texts[0] != PLAN


def test_a_lead_and_a_supporter_on_one_task_give_the_same_file_in_either_order(folder):
    """Task 1: 办公室 leads (its figure and words), 组宣部 supports (its words); both forms
    filled on the same day and imported one at a time, in either order, leave the same file:
    one period's entries stand by date, arrival, then sender."""
    forms = make(folder, "2025-06-30", "组宣部", "办公室")
    fill(forms / ZUXUAN, {"1": {"进展情况": "配合组织学习"}}, 填报日期="2025-07-03")
    fill(forms / OFFICE, {"1": {"累计完成": 8, "进展情况": "已学习8次"}}, 填报日期="2025-07-03")
    texts = []
    for order in ([ZUXUAN, OFFICE], [OFFICE, ZUXUAN]):
        (folder / "data" / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
        for name in order:
            assert bring(folder, forms / name).exit_code == 0
        texts.append(plan_text(folder))
    assert texts[0] == texts[1]
    assert [h.get("by") for h in history(folder, 1)] == ["办公室", "办公室", "组宣部"]


def test_an_older_form_is_said_so_and_imported_and_a_figure_above_a_later_one_refused(folder):
    may = make(folder, "2025-05-31", "组宣部", out="5月")
    june = make(folder, "2025-06-30", "组宣部", out="6月")
    fill(june / ZUXUAN, {"2.1": {"累计完成": 6}}, 填报日期="2025-07-01")
    fill(may / "2025年5月_组宣部.xlsx", {"2.1": {"累计完成": 4}, "3": {"进展情况": "已部署"}})
    fill(may / "2025年5月_组宣部.xlsx", {}, 填报日期="2025-07-02")
    assert bring(folder, june / ZUXUAN).exit_code == 0
    late = bring(folder, may / "2025年5月_组宣部.xlsx")
    assert late.exit_code == 0, late.output
    assert "这是 2025-05-31 的表，已有 2025-06-30 的" in late.stdout
    assert "2.1 累计完成 2 → 4" in late.stdout
    figures = [(h["date"], h["after"]) for h in history(folder, 2)]
    assert sorted(figures) == [("2025-05-31", 4), ("2025-06-30", 6)]
    assert task_of(report(folder, "--as-of", "2025-05-31"), 2)["targets"][0]["done"] == 4
    # A May figure above the June one contradicts the record: refused at its cell.
    fill(may / "2025年5月_组宣部.xlsx", {"2.1": {"累计完成": 9}})
    before = plan_text(folder)
    wrong = bring(folder, may / "2025年5月_组宣部.xlsx")
    assert wrong.exit_code == 2
    assert f"{may / '2025年5月_组宣部.xlsx'}:填报表!F6: 任务 2 的指标 1已登记 2025-06-30" in (
        wrong.stderr
    )
    assert plan_text(folder) == before


def test_done_on_its_form_is_a_mark_on_the_day_done_and_once(folder):
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"3": {"完成情况": "已完成", "完成日期": dt.datetime(2025, 6, 20)}})
    fill(forms / ZUXUAN, {"2.1": {"完成情况": "推进中"}}, 填报日期="2025-07-03")
    result = bring(folder, forms / ZUXUAN)
    assert result.exit_code == 0, result.output
    assert "3 完成情况：已完成（2025-06-20）" in result.stdout
    assert "2 完成情况：推进中（2025-06-30）" in result.stdout
    assert history(folder, 3) == [
        {"date": "2025-06-20", "recorded": "2025-07-03", "status": "done", "by": "组宣部"}
    ]
    done = task_of(report(folder, "--as-of", "2025-06-30"), 3)
    assert done["status"] == "done" and done["completion_label"] == "按期完成"
    again = bring(folder, forms / ZUXUAN)
    assert "3 完成情况：与已登记的相同，无新内容" in again.stdout
    assert again.stdout.endswith("没有新内容，未写入\n")


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"完成情况": "推进中", "完成日期": "2025-06-20"}, "H8: 填了完成日期，完成情况应为已完成"),
        ({"完成情况": "已完成", "完成日期": "2025-07-05"}, "H8: 完成日期 2025-07-05 晚于填报日期"),
        ({"完成情况": "已完成", "完成日期": "六月底"}, "H8: 完成日期“六月底”不是日期"),
        ({"完成情况": "差不多"}, "G8: 完成情况“差不多”应为已完成、推进中、未启动之一"),
    ],
)
def test_a_completion_that_cannot_be_is_refused_at_its_cell(folder, cells, problem):
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"3": cells}, 填报日期="2025-07-03")
    before = plan_text(folder)
    result = bring(folder, forms / ZUXUAN)
    assert result.exit_code == 2
    assert f"{forms / ZUXUAN}:填报表!{problem}" in result.stderr
    assert plan_text(folder) == before


def test_a_form_made_before_the_completion_columns_is_still_read(folder):
    forms = make(folder, "2025-06-30", "组宣部")
    book = openpyxl.load_workbook(forms / ZUXUAN)
    sheet, meta = book["填报表"], book["kexie"]
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.delete_cols(7, 2)  # 完成情况, 完成日期: a v1 form had neither
    row = next(r for r in range(1, meta.max_row + 1) if meta[f"A{r}"].value == "列")
    meta.delete_rows(row)
    book.save(forms / ZUXUAN)
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5, "进展情况": "已宣讲5场"}}, 填报日期="2025-07-01")
    result = bring(folder, forms / ZUXUAN)
    assert result.exit_code == 0, result.output
    assert "2.1 累计完成 2 → 5" in result.stdout and "2 进展情况：已宣讲5场" in result.stdout


def test_forms_given_in_one_command_land_each_on_its_own(folder):
    """Each file all or nothing: the bad one listed at its cells, the good one recorded."""
    forms = make(folder, "2025-06-30", "组宣部", "办公室")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5}}, 填报日期="2025-07-01")
    fill(forms / OFFICE, {"1": {"累计完成": 3, "进展情况": "学习6次"}}, 填报日期="2025-07-01")
    copy = forms / "再发.xlsx"
    shutil.copy(forms / ZUXUAN, copy)  # sent twice: the same figure, nothing new
    result = bring(folder, forms / ZUXUAN, forms / OFFICE, copy)
    assert result.exit_code == 2
    assert f"{forms / OFFICE}:填报表!F6: 1 累计完成 3 小于已登记的 6" in result.stderr
    assert "1 份表格未导入；其余 2 份已照常登记" in result.stderr
    assert [h["after"] for h in history(folder, 2)] == [5] and history(folder, 1) == []


def test_who_has_reported_counts_a_form_on_the_day_it_came_in(folder):
    forms = make(folder, "2025-06-30", "组宣部")
    fill(forms / ZUXUAN, {"2.1": {"累计完成": 5}}, 填报日期="2025-07-03")
    assert bring(folder, forms / ZUXUAN).exit_code == 0
    result = kexie(folder, "forms", "--status", "--as-of", "2025-07-05", "--format", "json")
    rows = {r["dept"]: r for r in json.loads(result.stdout)["departments"]}
    assert rows["组宣部"]["last"] == "2025-07-03" and rows["组宣部"]["reported"] is True
    early = kexie(folder, "forms", "--status", "--as-of", "2025-07-02", "--format", "json")
    rows = {r["dept"]: r for r in json.loads(early.stdout)["departments"]}
    assert rows["组宣部"]["last"] is None  # not yet come in on July 2


def test_every_problem_of_every_bad_file_is_listed_and_the_sound_one_lands(folder):
    forms = make_forms(folder)
    fill_zuxuan(forms)  # a sound form: recorded all the same
    fill(
        forms / "2025年6月_办公室.xlsx",
        {"1": {"累计完成": "八次"}},
        填报日期="2025年13月1日",
    )
    fill(
        forms / "2025年6月_普及部（中心）.xlsx",
        {"4": {"累计完成": -3, "申请延期至": "明年", "延期理由": "经费"}},
    )
    before = plan_text(folder)
    result = import_progress(folder)
    assert result.exit_code == 2
    office, popular = forms / "2025年6月_办公室.xlsx", forms / "2025年6月_普及部（中心）.xlsx"
    lines = result.stderr.splitlines()
    assert f"{office}:填报表!F6: 累计完成应为数字，实为“八次”" in lines
    assert f"{office}:填报表!I2: 填报日期“2025年13月1日”不是日期，应写成 2025-06-30" in lines
    assert f"{popular}:填报表!F6: 累计完成不能为负数：-3" in lines
    assert f"{popular}:填报表!L6: 申请延期至“明年”不是月份，应写成 2025.9 或 2025年9月" in lines
    assert lines[-1] == "kexie: 共 4 处问题，2 份表格未导入；其余 1 份已照常登记（见上）"
    assert "2.1 累计完成 2 → 5" in result.stdout
    # The bad files added nothing: only 组宣部's tasks (2 and 3) changed.
    after = plan_text(folder)
    assert after != before and after.split("- id: 2")[0] == before.split("- id: 2")[0]
    assert after.split("- id: 4")[1] == before.split("- id: 4")[1]
    # Fixed and sent again with the others: only what is new is recorded.
    fill(forms / "2025年6月_办公室.xlsx", {"1": {"累计完成": 8}}, 填报日期="2025-06-29")
    fill(
        forms / "2025年6月_普及部（中心）.xlsx",
        {"4": {"累计完成": 30, "申请延期至": None, "延期理由": None}},
    )
    again = import_progress(folder)
    assert again.exit_code == 0, again.output
    assert "1 累计完成 6 → 8" in again.stdout and "4 累计完成 20 → 30" in again.stdout
    assert f"{forms / ZUXUAN}（组宣部）：\n  2.1 累计完成：与已登记的相同" in again.stdout
    assert import_progress(folder).stdout.endswith("没有新内容，未写入\n")
