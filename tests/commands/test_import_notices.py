"""`kexie import tasks NOTICE.txt|.docx`: a notice naming its leads, as a task list, through the
real CLI."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.importers.test_notice_tasks import SIMPLIFIED, SIMPLIFIED_READ, TRADITIONAL

runner = CliRunner()


def _docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("kind", ["txt", "docx", "gbk", "big5"])
def test_a_notice_imports_as_tasks_that_kexie_check_accepts(kind: str, tmp_path: Path) -> None:
    if kind == "docx":
        file = _docx(SIMPLIFIED, tmp_path / "通知.docx")
    else:
        text = TRADITIONAL if kind == "big5" else SIMPLIFIED
        encoding = {"txt": "utf-8", "gbk": "gbk", "big5": "big5"}[kind]
        file = tmp_path / "通知.txt"
        file.write_bytes(text.encode(encoding))
    out = tmp_path / "2026_tasks.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "导入 4 项任务、2 项指标；5 处推断已写入 note，请核对：任务 1、2、3、4"
    )
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    if kind != "big5":
        got = [
            (t["content"], t["lead"], t["support"], t["leaders"], t["due"]) for t in plan["tasks"]
        ]
        assert got == SIMPLIFIED_READ
    checked = runner.invoke(app, ["check", str(out)])
    assert checked.exit_code == 0, checked.stderr


def test_a_notice_with_no_year_asks_for_one(tmp_path: Path) -> None:
    file = tmp_path / "n.txt"
    file.write_text("某市科协工作要点\n1. 举办讲堂。（牵头部门：组宣部）\n", encoding="utf-8")
    result = runner.invoke(app, ["import", "tasks", str(file)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kexie: {file}: 文中找不到年度，请用 --plan YEAR 指明"
    result = runner.invoke(app, ["import", "tasks", str(file), "--plan", "2026"])
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(result.stdout)["tasks"][0]["lead"] == ["组宣部"]
