"""The 督办通报 as Word shows it: page set-up, fonts named, order, the bars, the record's words."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.tally import build_report
from kexie_cli.output.docx import BAR_CELLS, bar_cells, document_bytes, ranked
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

AS_OF = dt.date(2025, 6, 30)
runner = CliRunner()
RECORD = (
    ["comment", "8", "宣讲要深入基层。", "--by", "郑昌盛", "--date", "2025-05-20"],
    ["progress", "8.1", "--done", "2", "--date", "2025-06-25", "--note", "已开展宣讲2场。",
     "--problem", "专家档期难协调。", "--next", "7月进校园宣讲。"],
    ["extend", "7", "2025.9", "--reason", "等待省科协统一部署。", "--date", "2025-06-10"],
    ["progress", "30", "--status", "done", "--date", "2025-02-18"],
)  # fmt: skip


@pytest.fixture
def recorded(tmp_path):
    """The shipped list with a report, an extension, a comment and a task done."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    for args in RECORD:
        result = runner.invoke(app, [*args, "--data", str(folder)])
        assert result.exit_code == 0, result.stderr
    return folder / "2025_tasks.yaml"


def _document(path, by="dept"):
    plan, _ = load_file(path)
    report = build_report(plan, AS_OF, None, 10.0, by)
    return report, Document(io.BytesIO(document_bytes(report)))


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _title(document):
    """The title: the first paragraph starting 关于 (after the 版头)."""
    return next(p for p in document.paragraphs if p.text.startswith("关于"))


def _after(document, heading: str):
    """The paragraph after a heading."""
    paragraphs = document.paragraphs
    return next(paragraphs[i + 1] for i, p in enumerate(paragraphs) if p.text == heading)


def test_page_set_up_and_fonts_follow_the_official_document_standard(recorded) -> None:
    _, document = _document(recorded)
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
    sizes += (section.left_margin, section.right_margin)
    assert [round(s.mm) for s in sizes] == [210, 297, 37, 35, 28, 26]
    title = _title(document)
    assert title.text == "关于2025年重点工作任务推进情况的通报"
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = _after(document, "一、总体情况")
    assert body.runs[0].font.size == Pt(16)
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._p.xml and footer.runs[0].font.size == Pt(14)


def test_the_parts_come_in_order_with_the_records_words(recorded) -> None:
    _report, document = _document(recorded)
    text = _text(document)
    assert "（截至2025年6月30日）" in text
    headings = [
        p.text
        for p in document.paragraphs
        if p.text[:2] in ("一、", "二、", "三、", "四、", "五、")
    ]
    assert headings == [
        "一、总体情况", "二、各牵头部室推进情况", "三、需要关注的任务",
        "四、领导批示及落实情况", "五、延期情况",
    ]  # fmt: skip
    overall = _after(document, "一、总体情况").text
    assert "共40项" in overall and "已完成1项" in overall and "全年时间已过去" in overall
    assert "经批准延期的任务1项" in overall
    assert "专家档期难协调" in text and "7月进校园宣讲" in text  # the department's words
    assert (
        "郑昌盛同志5月20日对任务8批示：“宣讲要深入基层。”落实情况：6月25日，已开展宣讲2场。" in text
    )
    assert "任务7（组宣部）经批准由2025年8月延期至2025年9月" in text
    behind = text.index("进度滞后的任务")
    assert text.index("逾期未完成的任务") < behind
    assert text.index("任务7：") > behind and "原定2025年8月，已批准延期" in text


def test_departments_are_ranked_with_bars_of_shaded_cells(recorded) -> None:
    report, document = _document(recorded)
    table = document.tables[0]
    names = [row.cells[0].text for row in table.rows[1:]]
    assert names == [g.name for g in ranked(report.groups)] + ["合计"]
    rates = [g.rate for g in ranked(report.groups)]
    assert rates == sorted(rates, reverse=True)
    for row, rate in zip(table.rows[1:], [*rates, report.total.rate], strict=True):
        cells = row._tr.findall(qn("w:tc"))[8:]
        shaded = [c for c in cells if c.find(f"{qn('w:tcPr')}/{qn('w:shd')}") is not None]
        assert len(cells) == BAR_CELLS and len(shaded) == bar_cells(rate)


def test_bar_cells_round_and_show_any_done() -> None:
    assert [bar_cells(r) for r in (0, 0.5, 12.5, 50, 100)] == [0, 1, 1, 5, 10]


def test_by_leader_groups_the_table_by_leader(recorded) -> None:
    _, document = _document(recorded, by="leader")
    assert document.tables[0].rows[0].cells[0].text == "责任领导"
    assert "二、各责任领导推进情况" in _text(document)


def test_the_command_writes_a_file_and_refuses_a_terminal(recorded, tmp_path) -> None:
    data = ["--data", str(recorded.parent), "--as-of", "2025-06-30"]
    out = tmp_path / "通报.docx"
    result = runner.invoke(app, ["report", *data, "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert _title(Document(str(out))).text.startswith("关于2025年")
    for extra in ([], ["-o", "-"]):
        refused = runner.invoke(app, ["report", *data, "--format", "docx", *extra])
        assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
        assert "-o FILE.docx" in refused.stderr
    narrowed = tmp_path / "组宣部.docx"
    args = ["report", *data, "--format", "docx", "--dept", "组宣部", "-o", str(narrowed)]
    assert runner.invoke(app, args).exit_code == 0
    document = Document(str(narrowed))
    assert _title(document).text == "关于组宣部2025年重点工作任务推进情况的通报"
    assert next(r.cells[0].text for r in document.tables[0].rows[1:]) == "组宣部"
    unknown = runner.invoke(app, ["report", *data, "--dept", "无此部", "--format", "json"])
    assert unknown.exit_code == 2 and "无此部" in unknown.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_it_as_a_pdf_of_a4_pages(recorded, tmp_path) -> None:
    out = tmp_path / "tb.docx"
    out.write_bytes(document_bytes(build_report(load_file(recorded)[0], AS_OF, None, 10.0)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "tb.pdf").exists()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(tmp_path / "tb.pdf")], capture_output=True, text=True)
        assert "(A4)" in info.stdout


def test_the_watched_parts_are_numbered_as_they_appear(recorded, tmp_path) -> None:
    """组宣部's only overdue task (30) is done: on June 29 (June's tasks not yet past) its 三、
    opens at （一）, with the behind tasks."""
    out = tmp_path / "组宣部.docx"
    args = ["report", "--data", str(recorded.parent), "--as-of", "2025-06-29", "--dept", "组宣部"]
    assert runner.invoke(app, [*args, "--format", "docx", "-o", str(out)]).exit_code == 0
    text = _text(Document(str(out)))
    watched = _part_of(text, "三、需要关注的任务", "四、")
    subheadings = [line[:3] for line in watched.splitlines() if line.startswith("（")]
    assert subheadings == ["（一）", "（二）"]
    assert "（一）进度滞后的任务" in watched and "（二）即将到期的任务" in watched
    assert "逾期未完成的任务" not in watched


def _part_of(text: str, start: str, end: str) -> str:
    rest = text[text.index(start) :]
    return rest[: rest.index(end)]


def test_a_watched_tasks_report_is_credited_to_its_sender(recorded, tmp_path) -> None:
    """办公室 reports on task 2, which it co-leads; task 20 (no lead) reports unsigned."""
    data = ["--data", str(recorded.parent)]
    for args in (
        ["progress", "2", "--note", "已学习6次。", "--by", "办公室", "--date", "2025-06-30"],
        ["progress", "20", "--note", "已组建队伍5支。", "--date", "2025-06-30"],
    ):
        assert runner.invoke(app, [*args, *data]).exit_code == 0
    _, document = _document(recorded)
    paragraphs = {p.text.split("：")[0]: p.text for p in document.paragraphs}
    assert paragraphs["任务2"].startswith("任务2：及时跟进学习")  # its first measure: no content
    assert "办公室6月30日报送：进展情况：已学习6次。" in paragraphs["任务2"]
    assert "机关党委6月30日" not in paragraphs["任务2"]
    assert paragraphs["任务20"].endswith("）。6月30日报送：进展情况：已组建队伍5支。")
