"""The usual government layout (序号 / 重点工作（任务） / 牵头单位 / 责任单位), in both scripts,
imported with no option through the real CLI, field by field."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.tasks import parse_tasks

runner = CliRunner()

SIMPLIFIED = {
    "title": "某县科协2026年重点工作任务清单",
    "header": ["序号", "重点工作（任务）", "牵头单位", "责任单位", "完成时间"],
    "rows": [
        ["1", "开展全国科普日活动", "科普部", "学会部", "2026年9月"],
        ["2", "召开学会工作会议", "学会部", "办公室", "2026年6月"],
    ],
}
TRADITIONAL = {
    "title": "某縣科協2026年重點工作任務清單",
    "header": ["序號", "重點工作（任務）", "牽頭單位", "責任單位", "完成時間"],
    "rows": [
        ["1", "開展全國科普日活動", "科普部", "學會部", "2026年9月"],
        ["2", "召開學會工作會議", "學會部", "辦公室", "2026年6月"],
    ],
}


def _xlsx(sheet: dict, path: Path, title_merged: bool = True) -> Path:
    book = Workbook()
    page = book.active
    page.append([sheet["title"]])
    if title_merged:
        page.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(sheet["header"]))
    page.append(sheet["header"])
    for row in sheet["rows"]:
        page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _import(file: Path, out: Path, *options: str) -> dict:
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out), *options])
    assert result.exit_code == 0, result.stderr
    return yaml.safe_load(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sheet", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_the_usual_layout_imports_with_no_option(sheet: dict, tmp_path: Path) -> None:
    plan = _import(_xlsx(sheet, tmp_path / "清单.xlsx"), tmp_path / "out.yaml")
    assert plan["plan"]["year"] == 2026
    assert plan["plan"]["title"] == sheet["title"]
    tasks = plan["tasks"]
    assert [t["id"] for t in tasks] == [1, 2]
    for task, row in zip(tasks, sheet["rows"], strict=True):
        assert task["content"] == row[1]
        assert task["focus"] == ""
        assert task["lead"] == [row[2]]
        assert task["support"] == [row[3]]
        assert task["due"] == f"2026.{int(row[4][5:-1])}"


def test_重点任务_is_the_focus_and_工作内容_the_content(tmp_path: Path) -> None:
    sheet = {
        "title": "某市2026年重点任务分解表",
        "header": ["序号", "重点任务", "工作内容", "牵头部门", "配合单位", "分管领导", "时间节点"],
        "rows": [["1", "科普惠民", "开展科普讲座20场", "科普部", "各学会", "陈汉平", "2026年12月"]],
    }
    task = _import(_xlsx(sheet, tmp_path / "t.xlsx"), tmp_path / "o.yaml")["tasks"][0]
    assert task["focus"] == "科普惠民"
    assert task["content"] == "开展科普讲座20场"
    assert task["lead"] == ["科普部"]
    assert task["support"] == ["各学会"]
    assert task["leaders"] == ["陈汉平"]
    assert task["due"] == "2026.12"


@pytest.mark.parametrize(
    ("header", "hint"),
    [
        (["序号", "事项", "牵头单位", "完成时间"], "A=序号,B=具体内容,C=牵头单位,D=完成时限"),
        (["序號", "事項", "牽頭單位", "完成時間"], "A=序号,B=具体内容,C=牵头单位,D=完成时限"),
    ],
)
def test_a_refused_sheet_proposes_columns_that_then_import_it(
    header: list[str], hint: str, tmp_path: Path
) -> None:
    sheet = {
        "title": "某县2026年工作清单",
        "header": header,
        "rows": [["1", "组织科技工作者义诊", "办公室", "2026年6月"]],
    }
    file = _xlsx(sheet, tmp_path / "x.xlsx")
    refused = runner.invoke(app, ["import", "tasks", str(file), "-o", str(tmp_path / "o.yaml")])
    assert refused.exit_code == 2
    assert f"--columns '{hint}'" in refused.stderr
    assert refused.stderr.count("\n") == 1
    # the proposal works on the same sheet, its merged title row not taken for the header
    task = _import(file, tmp_path / "o.yaml", "--columns", hint)["tasks"]
    assert [(t["id"], t["content"], t["lead"], t["due"]) for t in task] == [
        (1, "组织科技工作者义诊", ["办公室"], "2026.6")
    ]


def test_columns_skip_a_merged_title_row_at_unit_level(tmp_path: Path) -> None:
    data = _xlsx(SIMPLIFIED, tmp_path / "s.xlsx").read_bytes()
    plan = parse_tasks(data, "s.xlsx", None, "A=序号,B=具体内容,C=牵头单位,E=完成时限")
    assert plan["plan"]["title"] == SIMPLIFIED["title"]
    assert [t["content"] for t in plan["tasks"]] == [r[1] for r in SIMPLIFIED["rows"]]


def _docx(sheet: dict, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(sheet["title"])
    rows = [sheet["header"], *sheet["rows"]]
    table = document.add_table(rows=len(rows), cols=len(sheet["header"]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


@pytest.mark.parametrize("sheet", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_the_usual_layout_in_word_imports_with_no_option(sheet: dict, tmp_path: Path) -> None:
    file = _docx(sheet, tmp_path / "清单.docx")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "导入 2 项任务、0 项指标；没有需核对的推断\n"
    plan = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert plan["plan"]["title"] == sheet["title"]
    got = [(t["id"], t["content"], t["lead"], t["support"], t["due"]) for t in plan["tasks"]]
    assert got == [
        (int(r[0]), r[1], [r[2]], [r[3]], f"2026.{int(r[4][5:-1])}") for r in sheet["rows"]
    ]


@pytest.mark.parametrize(
    ("header", "rows"),
    [
        (
            ["序号", "具体内容", "推进措施", "牵头单位", "完成时限"],
            [
                ["1", "深化党建", "1. 开展学习12次。", "办公室", "2026年6月"],
                [None, None, "2. 举办讲堂4期。", "机关党委", "2026年6月"],
                ["2", "科普日", "开展科普日活动。", "科普部", "2026年9月"],
            ],
        ),
        (
            ["序號", "具體內容", "推進措施", "牽頭單位", "完成時限"],
            [
                ["1", "深化黨建", "開展學習12次。", "辦公室", "2026年6月"],
                [None, None, "舉辦講堂4期。", "辦公室", "2026年6月"],
                ["2", "科普日", "開展科普日活動。", "科普部", "2026年9月"],
            ],
        ),
    ],
    ids=["simplified", "traditional"],
)
def test_a_content_merged_over_two_rows_is_one_task(
    header: list[str], rows: list[list], tmp_path: Path
) -> None:
    book = Workbook()
    page = book.active
    page.append(["某县科协2026年重点工作任务清单"])
    page.append(header)
    for row in rows:
        page.append(row)
    page.merge_cells("A3:A4")
    page.merge_cells("B3:B4")
    file = tmp_path / "merged.xlsx"
    book.save(str(file))
    out = tmp_path / "o.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    first, second = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    assert (first["id"], first["content"], second["id"]) == (1, rows[0][1], 2)
    assert first["measures"] == [
        m.removeprefix("1. ").removeprefix("2. ") for m in (rows[0][2], rows[1][2])
    ]
    assert first["lead"] == list(dict.fromkeys([rows[0][3], rows[1][3]]))
    assert first["due"] == "2026.6"
    assert "原表具体内容合并了 2 行" in first["note"]
    assert "note" not in second
    assert result.stderr.endswith("推断已写入 note，请核对：任务 1\n")
