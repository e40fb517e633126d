"""A header printed over two rows (责任单位 merged over 牵头 | 配合, 序号 merged down both), in
.xlsx, .docx and .csv, simplified and traditional, with a title row above: read with no option
and with --columns alike, field by field."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.headers import header_block, header_keys
from kexie_cli.importers.rows import Merged
from kexie_cli.importers.tasks import parse_tasks

runner = CliRunner()

SHEETS = {
    "simplified": {
        "title": "某县科协2026年重点工作任务清单",
        "top": ["序号", "重点工作（任务）", "责任单位", "", "完成时限"],
        "below": ["", "", "牵头", "配合", ""],
        "rows": [
            ["1", "开展全国科普日活动", "科普部", "学会部、办公室", "2026年9月"],
            ["2", "召开学会工作会议", "学会部", "办公室", "2026.06.30"],
        ],
    },
    "traditional": {
        "title": "某縣科協2026年重點工作任務清單",
        "top": ["序號", "重點工作（任務）", "責任單位", "", "完成時限"],
        "below": ["", "", "牽頭", "配合", ""],
        "rows": [
            ["1", "開展全國科普日活動", "科普部", "學會部、辦公室", "2026年9月"],
            ["2", "召開學會工作會議", "學會部", "辦公室", "2026.06.30"],
        ],
    },
}
# What a person reads: (id, content, lead, support, due)
READ = {
    "simplified": [
        (1, "开展全国科普日活动", ["科普部"], ["学会部", "办公室"], "2026.9"),
        (2, "召开学会工作会议", ["学会部"], ["办公室"], "2026.6"),
    ],
    "traditional": [
        (1, "開展全國科普日活動", ["科普部"], ["學會部", "辦公室"], "2026.9"),
        (2, "召開學會工作會議", ["學會部"], ["辦公室"], "2026.6"),
    ],
}
COLUMNS = "A=序号,B=具体内容,C=牵头单位,D=责任单位,E=完成时限"


def _xlsx(sheet: dict) -> bytes:
    book = Workbook()
    page = book.active
    page.append([sheet["title"]])
    page.merge_cells("A1:E1")
    page.append(sheet["top"])
    page.append(sheet["below"])
    page.merge_cells("C2:D2")  # 责任单位 over 牵头 | 配合
    for column in "ABE":
        page.merge_cells(f"{column}2:{column}3")  # 序号, 重点工作, 完成时限 down both rows
    for row in sheet["rows"]:
        page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx(sheet: dict) -> bytes:
    document = docx.Document()
    document.add_paragraph(sheet["title"])
    table = document.add_table(rows=2 + len(sheet["rows"]), cols=5)
    for column in (0, 1, 4):
        table.cell(0, column).merge(table.cell(1, column)).text = sheet["top"][column]
    table.cell(0, 2).merge(table.cell(0, 3)).text = sheet["top"][2]
    table.cell(1, 2).text, table.cell(1, 3).text = sheet["below"][2:4]
    for r, row in enumerate(sheet["rows"], start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _csv(sheet: dict) -> bytes:
    lines = [[sheet["title"], "", "", "", ""], sheet["top"], sheet["below"], *sheet["rows"]]
    return ("\n".join(",".join(cells) for cells in lines) + "\n").encode("utf-8-sig")


MAKERS = {"xlsx": _xlsx, "docx": _docx, "csv": _csv}


def _read(plan: dict) -> list[tuple]:
    return [(t["id"], t["content"], t["lead"], t["support"], t["due"]) for t in plan["tasks"]]


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("script", SHEETS)
@pytest.mark.parametrize("columns", [None, COLUMNS], ids=["no option", "--columns"])
def test_a_header_over_two_rows(kind: str, script: str, columns: str | None) -> None:
    sheet = SHEETS[script]
    plan = parse_tasks(MAKERS[kind](sheet), f"清单.{kind}", columns=columns)
    assert _read(plan) == READ[script]  # no header row as task 1, no number shifted
    assert plan["plan"]["title"] == sheet["title"] and plan["plan"]["year"] == 2026
    assert all("note" not in task for task in plan["tasks"])


@pytest.mark.parametrize("kind", MAKERS)
def test_through_the_cli_with_columns(kind: str, tmp_path: Path) -> None:
    file = tmp_path / f"清单.{kind}"
    file.write_bytes(MAKERS[kind](SHEETS["simplified"]))
    out = tmp_path / "out.yaml"
    command = ["import", "tasks", str(file), "--columns", COLUMNS, "-o", str(out)]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("导入 2 项任务")
    assert _read(yaml.safe_load(out.read_text(encoding="utf-8"))) == READ["simplified"]


def test_the_two_rows_read_as_one() -> None:
    top = ["序号", "重点工作", "责任单位", Merged("责任单位"), "完成时限"]
    below = [Merged("序号"), Merged("重点工作"), "牵头", "配合", Merged("完成时限")]
    row, height = header_block([top, below, ["1", "学习", "办公室", "", "6月"]], 0)
    assert (row, height) == (["序号", "重点工作", "牵头", "配合责任单位", "完成时限"], 2)
    keys = header_keys(row)
    assert keys == {0: "id", 1: "content", 2: "lead", 3: "support", 4: "due"}


def test_a_data_row_under_a_header_is_not_a_second_header_row() -> None:
    top = ["序号", "具体内容", "推进措施", "牵头单位", "完成时限"]
    for below in (
        ["1", "学习", "开展学习", "办公室", "2026.6"],
        ["", "学习", "开展学习", "办公室", "6月"],  # every column has its own upper word
        ["一、党建引领", Merged("一、党建引领"), Merged("一、党建引领"), "", ""],
    ):
        assert header_block([top, below], 0) == (top, 1)


@given(st.lists(st.text(alphabet="科普学会部办公室组宣", min_size=1, max_size=8), min_size=5))
def test_a_row_of_task_texts_under_a_full_header_is_never_taken_for_its_second_row(
    texts: list[str],
) -> None:
    top = ["序号", "具体内容", "推进措施", "牵头单位", "完成时限"]
    assert header_block([top, texts], 0)[1] == 1
