"""The three layouts the README's import section shows, made from the README's own text, import
with no option as a person reads them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()
README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("### 导入：别处的清单和通知", 1)[1].split("\n## ", 1)[0]


def _import(file: Path, tmp_path: Path) -> tuple[dict, str]:
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8")), result.stderr


def test_the_government_table(tmp_path: Path) -> None:
    lines = [line for line in SECTION.splitlines() if line.startswith("| ")]
    header, row = ([cell.strip() for cell in line.strip("|").split("|")] for line in lines)
    book = Workbook()
    book.active.append(["某市2026年重点工作任务清单"])
    book.active.append(header)
    book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    file = tmp_path / "表.xlsx"
    file.write_bytes(buffer.getvalue())
    plan, said = _import(file, tmp_path)
    (task,) = plan["tasks"]
    assert (task["id"], task["content"], task["lead"], task["due"]) == (
        1,
        "开展全国科普日活动，每季度召开1次联席会议",
        ["市科协"],
        "2026.9",
    )
    assert task["support"] == ["市教育局", "各县（市、区）政府"]
    assert [(t["name"], t["target"]) for t in task["targets"]] == [("联席会议", 4)]
    assert said == "导入 1 项任务、1 项指标；指标由程序提取，请核对\n"


def test_the_notice(tmp_path: Path) -> None:
    text = re.search(r"```text\n(.*?)```", SECTION, flags=re.S)[1]
    file = tmp_path / "通知.txt"
    file.write_text(text, encoding="utf-8")
    plan, _ = _import(file, tmp_path)
    assert plan["plan"]["title"] == "某市科协2026年重点工作任务"
    assert [(t["id"], t["lead"], t["support"]) for t in plan["tasks"]] == [
        (1, ["办公室"], ["机关党委", "组宣部"]),
        (2, ["组宣部"], []),
    ]


def test_kexies_own_export(tmp_path: Path) -> None:
    sheet = tmp_path / "清单.xlsx"
    assert runner.invoke(app, ["export", "--data", str(DATA), "-o", str(sheet)]).exit_code == 0
    plan, said = _import(sheet, tmp_path)
    assert len(plan["tasks"]) == 40 and said.endswith("没有需核对的推断\n")
    head = (tmp_path / "out.yaml").read_text(encoding="utf-8").splitlines()[1]
    assert head == "# 由 kexie import tasks 从 清单.xlsx 导入；目标从表中读回。"
