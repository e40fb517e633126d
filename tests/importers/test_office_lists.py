"""Lists as other offices write them: Word tables, other headers, 序号, section rows, 同上."""

from __future__ import annotations

import io

import docx
import pytest
from openpyxl import Workbook

from kexie_cli.importers.tasks import parse_tasks

HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "责任领导", "完成时间", "备注"]
ROWS = [
    ["一、党建引领"],
    ["1", "开展学习", "组织学习不少于12次。", "办公室", "机关党委", "郑昌盛", "6月底前", ""],
    ["2", "举办讲堂", "举办讲堂4期。", "同上", "", "曹  卫", "第三季度", "与宣传部联办"],
    ["二、科普服务"],
    ["4", "科技下乡", "送科技下乡二十场。", "科普部和学会部", "", "", "2025年3月—12月", ""],
    ["5", "科普日", "开展活动10余场。", "科普部", "", "陈汉平", "二〇二五年九月", ""],
]


def _docx(rows: list[list[str]], split_at: int | None = None, title: str = "") -> bytes:
    """A Word list: a title paragraph, then the table (split in two, header repeated)."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    parts = [rows] if split_at is None else [rows[:split_at], [HEADER, *rows[split_at:]]]
    for part in parts:
        table = document.add_table(rows=len(part), cols=len(HEADER))
        for r, row in enumerate(part):
            if len(row) == 1:  # a section row: one cell merged across the table
                merged = table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1))
                merged.text = row[0]
                continue
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: list[list[str]], title: str = "") -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
        if len(row) == 1:
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TITLE = "某县科协2025年重点工作任务清单"


@pytest.mark.parametrize(
    "data",
    [
        _docx([HEADER, *ROWS], title=TITLE),
        _docx([HEADER, *ROWS], split_at=4, title=TITLE),
        _xlsx([HEADER, *ROWS], title=TITLE),
    ],
    ids=["docx", "docx split across pages", "xlsx"],
)
def test_an_office_list_in_word_or_excel(data: bytes) -> None:
    plan = parse_tasks(data, "x", None)
    assert plan["plan"]["title"] == TITLE and plan["plan"]["year"] == 2025
    tasks = plan["tasks"]
    assert [t["id"] for t in tasks] == [1, 2, 4, 5]  # the printed numbers, gaps kept
    assert [t["section"] for t in tasks] == ["党建引领", "党建引领", "科普服务", "科普服务"]
    assert [t["content"] for t in tasks] == ["开展学习", "举办讲堂", "科技下乡", "科普日"]
    assert tasks[0]["measures"] == ["组织学习不少于12次。"]
    assert [t["due"] for t in tasks] == ["2025.6", "2025.9", "2025.12", "2025.9"]
    assert tasks[0]["lead"] == ["办公室"] and tasks[0]["support"] == ["机关党委"]
    # 同上 takes the value above, and says so in Chinese; 备注 is kept.
    assert tasks[1]["lead"] == ["办公室"] and "同上" in tasks[1]["note"]
    assert "原表备注：与宣传部联办" in tasks[1]["note"]
    assert tasks[1]["leaders"] == ["曹卫"]  # a padded name is one name
    assert tasks[2]["lead"] == ["科普部", "学会部"]
    # A blank leader cell (not merged) takes the leader above, with a note.
    assert tasks[2]["leaders"] == ["曹卫"] and "责任领导原文为空白" in tasks[2]["note"]
    assert [(t["target"], t["unit"]) for t in tasks[2]["targets"]] == [(20, "场")]
    assert [(t["target"], t["comparator"]) for t in tasks[3]["targets"]] == [(10, "at_least")]


def test_traditional_headers_are_read() -> None:
    header = ["序號", "具體內容", "推進措施", "牽頭單位", "完成時限"]
    plan = parse_tasks(_xlsx([header, ["3", "開展學習", "學習12次", "辦公室", "2025.6"]]))
    task = plan["tasks"][0]
    assert (task["id"], task["content"], task["lead"], task["due"]) == (
        3,
        "開展學習",
        ["辦公室"],
        "2025.6",
    )


def test_an_unknown_layout_names_the_columns_found_and_columns_maps_them() -> None:
    data = _xlsx(
        [["号", "事项", "做法", "谁来做", "何时"], ["1", "学习", "学12次", "办公室", "2025.6"]]
    )
    with pytest.raises(ValueError) as refused:
        parse_tasks(data)
    message = str(refused.value)
    assert "\n" not in message and "A 号、B 事项、C 做法、D 谁来做、E 何时" in message
    assert "--columns" in message
    plan = parse_tasks(data, columns="A=序号,B=具体内容,C=推进措施,D=牵头单位,E=完成时限")
    task = plan["tasks"][0]
    assert (task["id"], task["content"], task["measures"], task["lead"]) == (
        1,
        "学习",
        ["学12次"],
        ["办公室"],
    )
    with pytest.raises(ValueError, match="--columns"):
        parse_tasks(data, columns="A=随便")


def test_a_word_document_without_a_table_and_a_damaged_one_are_refused() -> None:
    document = docx.Document()
    document.add_paragraph("只有文字")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ValueError, match="没有表格"):
        parse_tasks(buffer.getvalue())
    with pytest.raises(ValueError, match="旧版 Office"):
        parse_tasks(b"\xd0\xcf\x11\xe0" + b"\0" * 100)


def test_a_vertically_merged_cell_in_word_is_the_same_for_the_rows_it_spans() -> None:
    header = ["类型", "具体内容", "推进措施", "牵头部室", "完成时限"]
    document = docx.Document()
    table = document.add_table(rows=3, cols=5)
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, (content, lead) in enumerate([("学习", "办公室"), ("培训", "学会部")], start=1):
        for c, text in enumerate(["", f"{r}. {content}", "做好", lead, "2025.6"]):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "政治引领"
    buffer = io.BytesIO()
    document.save(buffer)
    tasks = parse_tasks(buffer.getvalue())["tasks"]
    assert [(t["id"], t["section"], t["lead"]) for t in tasks] == [
        (1, "政治引领", ["办公室"]),
        (2, "政治引领", ["学会部"]),
    ]
