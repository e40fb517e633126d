"""`kexie export` and `kexie import tasks` through the real CLI, from the shipped data."""

from __future__ import annotations

import csv
import io
import shutil

import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()
TASKS = DATA / "2025_tasks.yaml"


def _data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(TASKS, folder)
    return folder


def test_export_xlsx_then_import_gives_back_the_tasks(tmp_path) -> None:
    data = _data(tmp_path)
    book = tmp_path / "清单.xlsx"
    result = runner.invoke(
        app, ["export", "--data", str(data), "-o", str(book), "--as-of", "2025-06-30"]
    )
    assert result.exit_code == 0, result.stderr
    titles = [s.title for s in load_workbook(book).worksheets]
    assert titles == ["2025年任务", "按牵头部室汇总", "图表"]
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["import", "tasks", str(book), "-o", str(back)])
    assert result.exit_code == 0, result.stderr
    checked = runner.invoke(app, ["check", str(back)])
    assert checked.exit_code == 0, checked.stderr
    imported = yaml.safe_load(back.read_text(encoding="utf-8"))["tasks"]
    shipped = yaml.safe_load(TASKS.read_text(encoding="utf-8"))["tasks"]
    keys = ("id", "section", "focus", "content", "measures", "lead", "support", "leaders", "due")
    assert [{k: t[k] for k in keys} for t in imported] == [{k: t[k] for k in keys} for t in shipped]

    # A target broken down by place comes back with its places: the 目标 line names each place
    # with its number (各县科普活动：大冶市不少于200场、阳新县不少于200场、…) and the 完成 line
    # each place's figure (大冶市0、阳新县0、…). `each:` comes back written out under `units:`.
    def targets(path) -> list[list[tuple]]:
        plan = load_file(path)[0]
        return [
            [
                (t.name, t.target, t.unit, t.comparator, t.done, list(t.places.items()))
                for t in task.targets
            ]
            for task in plan.tasks
        ]

    assert targets(back) == targets(TASKS)
    assert sum(bool(t.places) for task in load_file(back)[0].tasks for t in task.targets) == 3
    assert all("note" not in t for task in imported for t in task["targets"])


def test_export_csv_file_has_a_bom_and_stdout_has_none(tmp_path) -> None:
    data = _data(tmp_path)
    out = tmp_path / "list.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["序号", "类型", "重点工作", "具体内容"]
    assert len(rows) == 1 + 40
    piped = runner.invoke(app, ["export", "--format", "csv", "--data", str(data)])
    assert piped.exit_code == 0
    assert not piped.stdout.startswith("\ufeff")
    assert piped.stdout == raw.decode("utf-8-sig")


def test_export_errors_are_one_line(tmp_path) -> None:
    data = _data(tmp_path)
    to_stdout = runner.invoke(app, ["export", "--data", str(data)])
    assert to_stdout.exit_code == 2 and "-o FILE.xlsx" in to_stdout.stderr
    bad = runner.invoke(app, ["export", "--format", "pdf", "--data", str(data), "-o", "x"])
    assert bad.exit_code == 2 and bad.stderr.startswith("kexie: ")
    points = runner.invoke(
        app, ["export", "--data", str(DATA / "2019_points.yaml"), "-o", str(tmp_path / "p.xlsx")]
    )
    assert points.exit_code == 2 and "工作要点" in points.stderr
    existing = tmp_path / "e.xlsx"
    existing.write_bytes(b"keep")
    again = runner.invoke(app, ["export", "--data", str(data), "-o", str(existing)])
    assert again.exit_code == 2 and existing.read_bytes() == b"keep"


def test_import_tasks_errors_are_one_line(tmp_path) -> None:
    notbook = tmp_path / "x.xlsx"
    notbook.write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["import", "tasks", str(notbook)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "Excel" in result.stderr


def test_the_format_follows_the_output_suffix_when_not_given(tmp_path) -> None:
    data = _data(tmp_path)
    out = tmp_path / "z.CSV"
    result = runner.invoke(app, ["export", "--data", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7")  # BOM, 序号
    book = tmp_path / "z.xlsx"
    assert runner.invoke(app, ["export", "--data", str(data), "-o", str(book)]).exit_code == 0
    assert book.read_bytes().startswith(b"PK")
    other = tmp_path / "z.dat"  # no telling suffix: Excel, as before
    assert runner.invoke(app, ["export", "--data", str(data), "-o", str(other)]).exit_code == 0
    assert other.read_bytes().startswith(b"PK")


def test_a_suffix_that_contradicts_the_format_is_a_usage_error(tmp_path) -> None:
    data = _data(tmp_path)
    for fmt, name in (("xlsx", "z.csv"), ("csv", "z.xlsx")):
        out = tmp_path / name
        args = ["export", "--format", fmt, "--data", str(data), "-o", str(out)]
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert result.stderr.startswith("kexie: ") and "--format" in result.stderr
        assert not out.exists()


def test_progress_layout_and_sheets_by_department_through_the_cli(tmp_path) -> None:
    data = _data(tmp_path)
    book = tmp_path / "进展.xlsx"
    args = ["export", "--data", str(data), "--as-of", "2025-06-30", "--layout", "progress"]
    result = runner.invoke(app, [*args, "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(book).worksheets[0]
    assert sheet["A2"].value == "截至2025年6月30日"
    assert [c.value for c in sheet[3]][-1] == "进展情况"
    split = tmp_path / "部室.xlsx"
    assert runner.invoke(app, [*args, "--by-dept", "-o", str(split)]).exit_code == 0
    assert load_workbook(split).sheetnames[:2] == ["办公室", "机关党委"]


def test_sheets_by_department_take_an_alias_as_its_department(tmp_path) -> None:
    """Task 19 is led by 市馆, the office's name for 市科技馆: one sheet, one summary line."""
    data = _data(tmp_path)
    split = tmp_path / "部室.xlsx"
    args = ["export", "--data", str(data), "--as-of", "2025-06-30", "--by-dept", "-o", str(split)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    book = load_workbook(split)
    assert "市馆" not in book.sheetnames
    ids = [row[0] for row in book["市科技馆"].iter_rows(min_row=4, values_only=True)]
    assert 19 in ids and 14 in ids
    assert [n for n in book.sheetnames if n.startswith("普及部")] == ["普及部（中心）"]  # declared
    summary = [row[0] for row in book["按牵头部室汇总"].iter_rows(min_row=4, values_only=True)]
    assert "市科技馆" in summary and "市馆" not in summary
    assert book.sheetnames[:-2] == [name for name in summary if name != "合计"]


def test_a_file_that_is_not_a_sheet_and_csv_layouts_are_refused(tmp_path) -> None:
    data = _data(tmp_path)
    for args in (["-o", str(tmp_path / "x.txt")], ["--format", "csv", "--layout", "progress"]):
        result = runner.invoke(app, ["export", "--data", str(data), *args])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert not (tmp_path / "x.txt").exists()
