"""每季度召开1次 / 每月 in a list's 推进措施: the target is the count per year, with a note saying
it was computed (and, as every suggested target, that it needs a person's check)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.tasks import TARGET_NOTE, parse_tasks

runner = CliRunner()

HEADERS = {
    "simplified": ["序号", "具体内容", "推进措施", "牵头单位", "完成时限"],
    "traditional": ["序號", "具體內容", "推進措施", "牽頭單位", "完成時限"],
}
ROWS = {
    "simplified": [
        ["1", "建立联席会议制度", "每季度召开1次科普联席会议。", "科普部", "2026.12"],
        ["2", "编发工作简报", "每月编发1期工作简报。", "办公室", "2026.12"],
    ],
    "traditional": [
        ["1", "建立聯席會議制度", "每季度召開1次科普聯席會議。", "科普部", "2026.12"],
        ["2", "編發工作簡報", "每月編發1期工作簡報。", "辦公室", "2026.12"],
    ],
}


def _sheet(script: str) -> bytes:
    book = Workbook()
    book.active.append(["某市科协2026年重点工作任务清单"])
    book.active.append(HEADERS[script])
    for row in ROWS[script]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("script", ["simplified", "traditional"])
def test_counts_per_quarter_and_per_month_are_counts_per_year(script: str) -> None:
    tasks = parse_tasks(_sheet(script), "清单.xlsx")["tasks"]
    first, second = tasks[0]["targets"], tasks[1]["targets"]
    assert [(t["target"], t["unit"], t["comparator"]) for t in first] == [(4, "次", "exact")]
    assert [(t["target"], t["unit"], t["comparator"]) for t in second] == [(12, "期", "exact")]
    for (target,), period, count in ((first, "每季度", 4), (second, "每月", 12)):
        assert target["note"].startswith(f"原文“{period}")
        assert f"推算为 {count} " in target["note"]
        assert target["note"].endswith(f"；{TARGET_NOTE}")


def test_through_the_cli_the_plan_passes_check(tmp_path: Path) -> None:
    file = tmp_path / "清单.xlsx"
    file.write_bytes(_sheet("simplified"))
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "导入 2 项任务、2 项指标；指标由程序提取，请核对\n"
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [t["targets"][0]["target"] for t in plan["tasks"]] == [4, 12]
    assert runner.invoke(app, ["check", str(out)]).exit_code == 0
