"""`report` with pictures and the summary as Word, through the CLI: the 通报 and the Word
summary hold the picture on page 1, the md draft links it (a PNG beside the -o file), the
workbook of `export` holds native charts; with no Chinese font, one line says so and no
picture is drawn. Rendered through LibreOffice where it is installed (skipped, never faked)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.output import chart_picture
from tests.output.played_year import played_year

runner = CliRunner()
needs_font = pytest.mark.skipif(chart_picture.cjk_font() is None, reason="no Chinese font here")
needs_office = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfimages")),
    reason="LibreOffice or poppler-utils not installed",
)


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    return played_year(tmp_path_factory.mktemp("office") / "data")


def _report(year, *args: str, as_of: str = "2025-06-30"):
    result = runner.invoke(app, ["report", "--data", str(year), "--as-of", as_of, *args])
    assert result.exit_code == 0, result.output
    return result


def _pictures(path) -> int:
    return len(docx.Document(str(path)).inline_shapes)


@needs_font
def test_the_notice_and_the_word_summary_hold_the_picture(year, tmp_path) -> None:
    notice, summary = tmp_path / "通报.docx", tmp_path / "总结.docx"
    assert "字体" not in _report(year, "--format", "docx", "-o", str(notice)).stderr
    assert _report(year, "--format", "docx", "--summary", "-o", str(summary)).stderr == ""
    assert _pictures(notice) == 1 and _pictures(summary) == 1
    texts = [p.text for p in docx.Document(str(summary)).paragraphs]
    assert texts[0] == "黄石市科协2025年上半年重点工作总结"
    assert "附件" in texts and "一、聚焦政治引领，更加有力坚持党对科协工作的领导" in texts
    assert "四、开展科学决策咨询" in texts  # the plan's clean title for the garbled 类型
    header = docx.Document(str(summary)).tables[-1].rows[0]
    assert [c.text for c in header.cells][:2] == ["序号", "任务"]
    assert header._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page


@needs_font
def test_the_md_draft_links_its_picture_written_beside_it(year, tmp_path) -> None:
    draft = tmp_path / "半年总结.md"
    _report(year, "--format", "md", "-o", str(draft))
    text = draft.read_text(encoding="utf-8")
    link = re.search(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert link and link[1] == "半年总结.png"
    assert (tmp_path / "半年总结.png").read_bytes().startswith(b"\x89PNG")
    assert text.index(link[0]) < text.index("## 一、")  # on page 1, under the overall figures
    again = runner.invoke(app, ["report", "--data", str(year), "--format", "md", "-o", str(draft)])
    assert again.exit_code == 2 and "已存在" in again.stderr  # neither file replaced unasked


def test_the_md_draft_on_standard_output_has_no_picture(year) -> None:
    result = _report(year, "--format", "md")
    assert "![" not in result.stdout and result.stderr == ""


def test_without_a_chinese_font_one_line_and_no_picture(year, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(chart_picture, "cjk_font", lambda: None)
    draft, notice = tmp_path / "草稿.md", tmp_path / "通报.docx"
    said = _report(year, "--format", "md", "-o", str(draft)).stderr
    assert said == chart_picture.NO_FONT + "\n"
    assert "![" not in draft.read_text(encoding="utf-8")
    assert not (tmp_path / "草稿.png").exists()
    assert said in _report(year, "--format", "docx", "-o", str(notice)).stderr  # and its 文号
    assert _pictures(notice) == 0


def test_summary_is_for_the_drafts_alone(year) -> None:
    result = runner.invoke(app, ["report", "--data", str(year), "--summary"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "--summary 只用于 --format docx 或 md" in result.stderr


def test_the_exported_workbook_holds_native_charts(year, tmp_path) -> None:
    book = tmp_path / "清单.xlsx"
    args = ["export", "--data", str(year), "--as-of", "2025-06-30", "-o", str(book)]
    assert runner.invoke(app, args).exit_code == 0
    names = zipfile.ZipFile(book).namelist()
    assert len([n for n in names if n.startswith("xl/charts/chart")]) == 2


def _pdf(path, folder) -> str:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return str(folder / (path.stem + ".pdf"))


def _images(pdf: str, page: int) -> int:
    """The pictures on a page (pdfimages lists a picture's transparency mask apart)."""
    listed = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), pdf],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    return sum(line.split()[2] == "image" for line in listed)


def _page_text(pdf: str, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, pdf, "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_office
@needs_font
def test_the_word_summary_as_pages(year, tmp_path) -> None:
    """Page 1: the title, the overall figures and the picture; the prose names no task by
    number; the 附件's header on every page it runs onto; the sums are the record's."""
    summary = tmp_path / "年终总结.docx"
    _report(year, "--format", "docx", "--summary", "-o", str(summary), as_of="2025-12-31")
    pdf = _pdf(summary, tmp_path)
    first = re.sub(r"\s+", "", _page_text(pdf, 1))  # pdftotext spaces Chinese from digits
    assert first.startswith("黄石市科协2025年重点工作总结（截至2025年12月31日）")
    assert _images(pdf, 1) == 1  # the picture
    whole = _page_text(pdf)
    body, annex = whole.split("附件\n", 1)
    squeezed = re.sub(r"\s+", "", body)
    assert not re.search(r"任务\d+(?![\d项])", squeezed)
    # Section 一's sums: 党组会学习 6; 讲堂 2; 培训 100; 推荐 4; 场: 宣讲 2 + 县宣讲 2 + 校园行 18.
    assert (
        "累计完成党组会学习6次，科协讲堂2期，培训科技工作者100名，推荐参评荆楚最美4人，" in squeezed
    )
    assert "科学家精神宣讲、每县承办宣讲、荆楚校园行共22场，报送动态信息130篇。" in squeezed
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout,
        )[1]
    )
    annex_pages = [p for p in range(1, pages + 1) if "目标完成" in _page_text(pdf, p)]
    assert annex and "目标完成" not in body
    assert len(annex_pages) >= 2  # 40 tasks run onto a second page, the header with them
    assert annex_pages == list(range(annex_pages[0], pages + 1))


@needs_office
@needs_font
def test_the_notice_shows_its_picture_on_page_1(year, tmp_path) -> None:
    """Under the 版头, the title and 主送, the picture still fits page 1, under 一、总体情况."""
    notice = tmp_path / "通报.docx"
    _report(year, "--format", "docx", "-o", str(notice))
    pdf = _pdf(notice, tmp_path)
    first = re.sub(r"\s+", "", _page_text(pdf, 1))
    assert first.endswith("一、总体情况—1—")  # the heading, then only the picture
    assert _images(pdf, 1) == 1
