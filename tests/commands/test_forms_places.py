"""Forms on the shipped list: a row per place for a target by place, out and back; the
office's names for its departments (an alias is its department: one form)."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()
PLACES = ["大冶市", "阳新县", "黄石港区", "西塞山区", "下陆区", "开铁区"]


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    return folder


def kexie(data: Path, *args: str):
    return runner.invoke(app, [*args, "--data", str(data)])


def make_forms(data: Path, *depts: str) -> Path:
    out = data.parent / "6月"
    args = [a for d in depts for a in ("--dept", d)]
    result = kexie(data, "forms", "-o", str(out), "--as-of", "2025-06-30", *args)
    assert result.exit_code == 0, result.output
    return out


def place_rows(path: Path) -> dict[tuple[str, str], int]:
    """(序号, place) → sheet row, for the rows whose 目标 names a place."""
    sheet = openpyxl.load_workbook(path)["填报表"]
    found = {}
    for number in range(5, sheet.max_row + 1):
        ref, target = sheet[f"A{number}"].value, sheet[f"D{number}"].value or ""
        for place in PLACES:
            if f"·{place}：" in target:
                found[(str(ref), place)] = number
    return found


def fill(path: Path, cells: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["填报表"]
    sheet["I2"] = dt.datetime(2025, 6, 28)
    sheet["D2"] = "王五"
    for ref, value in cells.items():
        sheet[ref] = value
    book.save(path)


def import_progress(data: Path, *files: Path, extra: tuple[str, ...] = ()):
    return kexie(data, "import", "progress", *map(str, files), *extra)


def plan_text(data: Path) -> str:
    return (data / "2025_tasks.yaml").read_text(encoding="utf-8")


def units(data: Path, task: int, key: int) -> dict[str, float]:
    shown = kexie(data, "show", str(task), "--format", "json", "--as-of", "2025-06-30")
    assert shown.exit_code == 0, shown.output
    return {u["name"]: u["done"] for u in json.loads(shown.stdout)["targets"][key - 1]["units"]}


def test_a_target_by_place_gets_a_locked_row_per_place_with_its_own_number(data):
    forms = make_forms(data, "普及部", "组宣部")
    book = openpyxl.load_workbook(forms / "2025年6月_普及部.xlsx")
    sheet, meta = book["填报表"], book["kexie"]
    rows = place_rows(forms / "2025年6月_普及部.xlsx")
    assert [place for ref, place in rows if ref == "19.1"] == PLACES
    first = rows[("19.1", "大冶市")]
    assert sheet[f"D{first}"].value == "各县科普活动·大冶市：不少于200场"
    assert sheet[f"D{rows[('19.1', '下陆区')]}"].value == "各县科普活动·下陆区：不少于150场"
    assert sheet[f"D{first}"].protection.locked and sheet[f"E{first}"].value == 0
    assert not sheet[f"F{first}"].protection.locked and sheet[f"F{first}"].value is None
    recorded = {r[0]: r for r in meta.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert recorded[first][1:] == ("19.1", 19, 1, "牵头", 0, "大冶市")
    # Task 8's second target shares one number among the six places (each:).
    rows8 = place_rows(forms / "2025年6月_组宣部.xlsx")
    assert [place for ref, place in rows8 if ref == "8.2"] == PLACES


def test_filled_place_rows_come_back_as_figures_by_place_and_only_once(data):
    forms = make_forms(data, "普及部", "组宣部")
    pu, zu = forms / "2025年6月_普及部.xlsx", forms / "2025年6月_组宣部.xlsx"
    rows, rows8 = place_rows(pu), place_rows(zu)
    fill(pu, {f"F{rows[('19.1', '大冶市')]}": 80, f"F{rows[('19.1', '阳新县')]}": "65"})
    fill(zu, {f"F{rows8[('8.2', '开铁区')]}": 1})
    before = plan_text(data)
    result = import_progress(data, pu, zu)
    assert result.exit_code == 0, result.output
    assert "19.1·大冶市 累计完成 0 → 80" in result.stdout
    assert "19.1·阳新县 累计完成 0 → 65" in result.stdout
    assert "8.2·开铁区 累计完成 0 → 1" in result.stdout
    assert units(data, 19, 1) == dict.fromkeys(PLACES, 0) | {"大冶市": 80, "阳新县": 65}
    assert units(data, 8, 2) == dict.fromkeys(PLACES, 0) | {"开铁区": 1}
    diff = difflib.unified_diff(before.splitlines(), plan_text(data).splitlines(), n=0)
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert "-      大冶市: {target: 200, done: 0}" in changed
    assert "+      大冶市: {target: 200, done: 80}" in changed
    assert "+      阳新县: {target: 200, done: 65}" in changed
    assert "+      开铁区: {done: 1}" in changed  # a place of each: gets its line when counted
    assert "\n".join(changed).count("    unit: ") == 3, changed  # each figure names its place
    assert not [line for line in changed if line.startswith("-") and "done: 0}" not in line]
    written = plan_text(data)
    again = import_progress(data, pu, zu)
    assert again.exit_code == 0, again.output
    assert "19.1·大冶市 累计完成：与已登记的相同，无新内容" in again.stdout
    assert plan_text(data) == written


def test_a_place_figure_changed_since_export_or_lower_is_not_recorded_unless_forced(data):
    forms = make_forms(data, "普及部")
    pu = forms / "2025年6月_普及部.xlsx"
    rows = place_rows(pu)
    moved = kexie(
        data, "progress", "19.1", "--unit", "大冶", "--done", "90", "--date", "2025-06-01"
    )
    assert moved.exit_code == 0, moved.output
    fill(pu, {f"F{rows[('19.1', '大冶市')]}": 80})
    before = plan_text(data)
    result = import_progress(data, pu)
    assert "19.1·大冶市 累计完成：制表时为 0，此后已登记为 90，本表填 80，未登记" in result.stdout
    assert plan_text(data) == before
    forced = import_progress(data, pu, extra=("--force",))
    assert forced.exit_code == 0, forced.output
    assert units(data, 19, 1)["大冶市"] == 80


def test_a_bad_figure_or_a_vanished_place_is_refused_at_its_cell(data):
    forms = make_forms(data, "普及部")
    pu = forms / "2025年6月_普及部.xlsx"
    rows = place_rows(pu)
    da, yang = rows[("19.1", "大冶市")], rows[("19.1", "阳新县")]
    fill(pu, {f"F{da}": "很多", f"F{yang}": 5})
    before = plan_text(data)
    result = import_progress(data, pu)
    assert result.exit_code == 2
    assert f"{pu}:填报表!F{da}: 累计完成应为数字，实为“很多”" in result.stderr
    assert plan_text(data) == before
    # The plan renames 阳新县: the form's row for it can no longer be recorded.
    fill(pu, {f"F{da}": None})
    renamed = before.replace("阳新县: {target: 200", "阳新: {target: 200")
    (data / "2025_tasks.yaml").write_text(renamed, encoding="utf-8")
    result = import_progress(data, pu)
    assert result.exit_code == 2
    assert f"{pu}:填报表!D{yang}: 19.1 的指标已没有地方 阳新县" in result.stderr
    assert "Traceback" not in result.output
    assert plan_text(data) == renamed


def test_a_place_row_moved_is_refused_at_its_target_cell(data):
    forms = make_forms(data, "普及部")
    pu = forms / "2025年6月_普及部.xlsx"
    da = place_rows(pu)[("19.1", "大冶市")]
    fill(pu, {f"D{da}": "各县科普活动·阳新县：不少于200场"})
    result = import_progress(data, pu)
    assert result.exit_code == 2
    assert f"{pu}:填报表!D{da}: 目标应为大冶市的指标" in result.stderr


def test_an_alias_is_its_department_one_form_not_two(data):
    forms = make_forms(data)
    names = sorted(p.name for p in forms.glob("*.xlsx"))
    assert "2025年6月_市科技馆.xlsx" in names and "2025年6月_市馆.xlsx" not in names
    sheet = openpyxl.load_workbook(forms / "2025年6月_市科技馆.xlsx")["填报表"]
    refs = [sheet[f"A{n}"].value for n in range(5, sheet.max_row + 1)]
    assert "19.1" in refs and "14.1" in refs  # led as 市馆 and as 市科技馆
    asked = data.parent / "asked"
    args = ["forms", "-o", str(asked), "--as-of", "2025-06-30", "--dept", "市馆"]
    result = kexie(data, *args, "--dept", "市科技馆", "--dept", "科普部")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in asked.glob("*.xlsx")) == [
        "2025年6月_市馆.xlsx",
        "2025年6月_科普部.xlsx",
    ]


def test_a_county_gets_its_own_form_of_its_place_rows_and_its_figures_come_back(data):
    forms = make_forms(data, "大冶市科协")
    county = forms / "2025年6月_大冶市科协.xlsx"
    rows = place_rows(county)
    assert {place for _, place in rows} == {"大冶市"} and ("19.1", "大冶市") in rows
    sheet = openpyxl.load_workbook(county)["填报表"]
    first = rows[("19.1", "大冶市")]
    assert "本地" in sheet["A5"].value
    assert not sheet[f"F{first}"].protection.locked  # its figure is the county's to give
    assert sheet[f"G{first}"].protection.locked  # 完成情况 is the task lead's
    fill(county, {f"F{first}": 120})
    result = import_progress(data, county)
    assert result.exit_code == 0, result.output
    assert "19.1·大冶市 累计完成 0 → 120" in result.stdout
    assert units(data, 19, 1)["大冶市"] == 120
    task = yaml.safe_load(plan_text(data))["tasks"]
    entry = next(t for t in task if t["id"] == 19)["history"][-1]
    assert entry["unit"] == "大冶市" and entry["by"] == "大冶市科协（王五）"


def test_a_task_with_no_lead_goes_to_its_supporters_and_a_group_to_its_members(data):
    out = data.parent / "6月"
    result = kexie(data, "forms", "-o", str(out), "--as-of", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert "任务 20 没有牵头部室，由市科技馆" in result.stdout
    book = openpyxl.load_workbook(out / "2025年6月_市科技馆.xlsx")
    roles = {r[2]: r[4] for r in book["kexie"].iter_rows(values_only=True) if isinstance(r[0], int)}
    assert roles[20] == "牵头"
    # Task 1 is supported by 机关各部室, of which 组宣部 is one.
    book = openpyxl.load_workbook(out / "2025年6月_组宣部.xlsx")
    roles = {r[2]: r[4] for r in book["kexie"].iter_rows(values_only=True) if isinstance(r[0], int)}
    assert roles[1] == "配合"
