"""Every `import tasks` says what it did: tasks, targets, and the tasks holding a guess."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.summary import summary, tasks_summary
from kexie_cli.importers.tasks import TARGET_NOTE
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()

ROWS = {
    "simplified": (
        ["序号", "重点工作", "推进措施", "牵头单位", "责任单位", "责任领导", "备注", "完成时限"],
        [
            [
                "1",
                "开展学习",
                "全年学习不少于12次。",
                "办公室",
                "",
                "郑昌盛",
                "与宣传部联办；每月一次",
                "2026年6月",
            ],
            [
                "2",
                "举办讲堂",
                "举办讲堂4期。",
                "同上",
                "市卫生健康委等",
                "陈汉平（副主席）",
                "",
                "2026年6月",
            ],
            ["3", "科普日", "开展科普日活动。", "科普部", "学会部", "陈汉平", "", "2026年6月"],
        ],
    ),
    "traditional": (
        ["序號", "重點工作", "推進措施", "牽頭單位", "責任單位", "責任領導", "備註", "完成時限"],
        [
            [
                "1",
                "開展學習",
                "全年學習不少於12次。",
                "辦公室",
                "",
                "鄭昌盛",
                "與宣傳部聯辦；每月一次",
                "2026年6月",
            ],
            [
                "2",
                "舉辦講堂",
                "舉辦講堂4期。",
                "同上",
                "市衛生健康委等",
                "陳漢平（副主席）",
                "",
                "2026年6月",
            ],
            ["3", "科普日", "開展科普日活動。", "科普部", "學會部", "陳漢平", "", "2026年6月"],
        ],
    ),
}


def _file(script: str, tmp_path: Path) -> Path:
    header, rows = ROWS[script]
    book = Workbook()
    book.active.append(["某市科协2026年重点工作任务清单"])
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path = tmp_path / "清单.xlsx"
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_an_import_ends_with_one_summary_line(script: str, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(_file(script, tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    tasks = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    targets = sum(len(task["targets"]) for task in tasks)
    assert targets >= 2  # 12次 and 4期 at least
    # task 2: 同上 taken from above, 等 dropped, a title dropped — three guesses; task 1's
    # note is the list's own 备注 (its ； not counted), task 3 has none
    assert result.stderr == (
        f"导入 3 项任务、{targets} 项指标；3 处推断已写入 note，请核对：任务 2\n"
    )
    assert tasks[0]["note"].startswith("原表备注：")
    assert "note" not in tasks[2]


def test_the_summary_line_goes_to_stderr_when_the_plan_goes_to_stdout(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", "tasks", str(_file("simplified", tmp_path))])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("导入 3 项任务、") and result.stderr.count("\n") == 1
    assert "项任务" not in result.stdout and result.stdout.startswith("# 某市科协")


def test_summary_counts_each_guess_and_names_the_tasks() -> None:
    tasks = [
        {
            "id": 4,
            "targets": [{}],
            "note": "编号：原文未编号，按上一行顺延为 4；牵头单位原文为空白，取上一行的“办公室”",
        },
        {"id": 7, "targets": []},
        {"id": 9, "targets": [{}, {}], "note": "原表备注：见附件；另议"},
        {"id": 12, "targets": [], "note": "责任领导原文为“郑昌盛和陈汉平”，记为“郑昌盛、陈汉平”"},
    ]
    assert summary(tasks) == "导入 4 项任务、3 项指标；3 处推断已写入 note，请核对：任务 4、12"
    assert summary(tasks[1:2]) == "导入 1 项任务、0 项指标；没有需核对的推断"
    suggested = [{"id": 1, "targets": [{"name": "学习", "note": TARGET_NOTE}]}]
    assert summary(suggested) == "导入 1 项任务、1 项指标；指标由程序提取，请核对"


def test_an_export_read_back_has_nothing_to_check(tmp_path: Path) -> None:
    sheet = tmp_path / "2025.xlsx"
    exported = runner.invoke(app, ["export", "--data", str(DATA), "-o", str(sheet)])
    assert exported.exit_code == 0, exported.stderr
    result = runner.invoke(app, ["import", "tasks", str(sheet), "-o", str(tmp_path / "o.yaml")])
    assert result.exit_code == 0, result.stderr
    targets = sum(len(t.targets) for t in load_file(DATA / "2025_tasks.yaml")[0].tasks)
    assert result.stderr == f"导入 40 项任务、{targets} 项指标；没有需核对的推断\n"


def test_the_summary_as_data_holds_each_guess_by_task() -> None:
    tasks = [
        {"id": 4, "targets": [{"note": TARGET_NOTE}], "note": "编号：原文未编号，按上一行顺延为 4"},
        {"id": 9, "targets": [{}], "note": "原表备注：见附件；另议"},
    ]
    assert tasks_summary(tasks) == {
        "tasks": 2,
        "targets": 2,
        "suggested_targets": 1,
        "guesses": 1,
        "check": [{"id": 4, "notes": ["编号：原文未编号，按上一行顺延为 4"]}],
    }


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_format_json_gives_the_summary_line_as_data(script: str, tmp_path: Path) -> None:
    out = tmp_path / "out.yaml"
    file = _file(script, tmp_path)
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    said = json.loads(result.stdout)
    tasks = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    targets = sum(len(task["targets"]) for task in tasks)
    assert said["summary"] == result.stderr.strip()  # the stderr line stays, the same words
    assert said["file"] == str(out) and said["year"] == 2026
    assert (said["tasks"], said["targets"], said["guesses"]) == (3, targets, 3)
    assert [item["id"] for item in said["check"]] == [2]
    assert said["check"][0]["notes"] == tasks[1]["note"].split("；")


def test_format_json_needs_the_plan_in_a_file(tmp_path: Path) -> None:
    file = _file("simplified", tmp_path)
    result = runner.invoke(app, ["import", "tasks", str(file), "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "--format json 要与 -o FILE 或 --data 同用" in result.stderr
    result = runner.invoke(
        app, ["import", "tasks", str(file), "--data", str(tmp_path), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["file"] == str(tmp_path / "2026_tasks.yaml")


def test_import_points_says_what_it_did_as_a_line_and_as_data(tmp_path: Path) -> None:
    notice = tmp_path / "n.txt"
    notice.write_text(
        "某市科协2026年工作要点\n一、强化引领\n1、学习。\n二、深化改革\n1、建组织。\n"
        "首页 | 通知公告\n",
        encoding="utf-8",
    )
    out = tmp_path / "p.yaml"
    result = runner.invoke(
        app, ["import", "points", str(notice), "-o", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    line = (
        "导入 2 个部分、2 条要点；1 行未归入要点的文字列入 plan 的 note；"
        "2 处编号改动已写入 note，请核对：要点 1、2"  # each part restarts at 1: both renumbered
    )
    assert result.stderr.strip() == line
    said = json.loads(result.stdout)
    assert said["summary"] == line
    assert (said["sections"], said["points"], said["left_out"], said["guesses"]) == (2, 2, 1, 2)
    points = yaml.safe_load(out.read_text(encoding="utf-8"))["points"]
    assert said["check"] == [{"id": p["id"], "notes": [p["note"]]} for p in points]
