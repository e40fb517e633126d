"""The 通报 as LibreOffice prints it: 版头, 文号, 主送, no page with only the signature, the
附件 table's header on every page it runs to, the departments spelled as the plan does."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext not installed",
)
SETTINGS = """\
[document]
mark = "黄石市科学技术协会文件"
prefix = "黄科协督"
to = ["机关各部室", "各县（市、区）科协"]
cc = ["市委督查室"]
printer = "黄石市科协办公室"
signer = "郑昌盛"
"""


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    return folder


def _docx(data, out, *extra: str) -> Document:
    args = ["report", "--data", str(data), "--format", "docx", "-o", str(out), *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return Document(str(out))


def _pages(docx, tmp_path) -> list[str]:
    """The PDF LibreOffice prints of the file, page by page, as pdftotext reads it."""
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), docx],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / (docx.stem + ".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_unconfigured_the_number_is_blank_and_the_plans_departments_are_sent_it(data, tmp_path):
    document = _docx(data, tmp_path / "通报.docx", "--as-of", "2025-06-30")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "黄石市科协"  # the plan's association: nothing invented
    assert "〔2025〕  号" in texts
    mark = document.paragraphs[0].runs[0]
    assert mark.font.color.rgb == (0xFF, 0, 0)
    number = document.paragraphs[texts.index("〔2025〕  号")]
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    to = next(t for t in texts if t.endswith("："))
    assert to.startswith("机关各部室、") and "各县（市、区）科协" in to
    assert "办公室" not in to.split("、")  # one of 机关各部室
    assert not (tmp_path / "data" / "kexie-numbers.tsv").exists()


def test_the_signature_is_kept_with_the_last_paragraph(data, tmp_path) -> None:
    document = _docx(data, tmp_path / "通报.docx", "--as-of", "2025-06-30")
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text.startswith("附件：1."))
    date = next(i for i in range(at, len(paragraphs)) if paragraphs[i].text == "2025年6月30日")
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[at - 2 : date])
    assert paragraphs[at - 2].text  # the body's last paragraph leads the chain


@needs_office
@pytest.mark.parametrize("as_of", ["2025-06-30", "2025-12-31"])
def test_as_printed_the_parts_are_where_an_official_document_has_them(data, tmp_path, as_of):
    (data / "kexie.toml").write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "通报.docx"
    _docx(data, out, "--as-of", as_of)
    pages = _pages(out, tmp_path)
    first = _squeezed(pages[0])
    assert first.startswith("黄石市科学技术协会文件")
    assert "黄科协督〔2025〕1号" in first and "签发人：郑昌盛" in first
    assert "机关各部室、各县（市、区）科协：" in first
    closing = next(n for n, page in enumerate(pages) if "附件：1." in page)
    lines = [_squeezed(line) for line in pages[closing].splitlines() if line.strip()]
    own = ("附件：1.", "2.", "黄石市科协", "2025年", "—")
    assert any(not line.startswith(own) for line in lines), "signature alone on its page"
    annex = next(n for n, page in enumerate(pages) if _squeezed(page).startswith("附件2"))
    for page in pages[annex:]:
        rows = [line for line in page.splitlines() if line.strip()[:2].strip().isdigit()]
        if rows:
            assert "重点工作任务" in page and "牵头部室" in page
    assert len(pages) - annex > 1  # the table runs to more than one page: the check means it
    assert "抄送：市委督查室" in _squeezed(pages[-1]) and "印发" in pages[-1]
    whole = _squeezed("".join(pages))
    assert "普及部（中心）" in whole and "市科技馆" in whole
    assert "普及部(中心)" not in whole and "市馆" not in whole


def test_numbers_are_given_recorded_reused_and_a_taken_one_refused(data, tmp_path) -> None:
    (data / "kexie.toml").write_text(SETTINGS, encoding="utf-8")
    first = _docx(data, tmp_path / "6月.docx", "--as-of", "2025-06-30")
    assert "黄科协督〔2025〕1号\t签发人：郑昌盛" in [p.text for p in first.paragraphs]
    again = _docx(data, tmp_path / "6月再稿.docx", "--as-of", "2025-06-30")
    assert any(p.text.startswith("黄科协督〔2025〕1号") for p in again.paragraphs)
    chosen = _docx(data, tmp_path / "7月.docx", "--as-of", "2025-07-31", "--number", "5")
    assert any(p.text.startswith("黄科协督〔2025〕5号") for p in chosen.paragraphs)
    record = (data / "kexie-numbers.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[2] for line in record[1:]] == ["1", "5"]
    args = ["report", "--data", str(data), "--format", "docx", "--as-of", "2025-08-31"]
    taken = runner.invoke(app, [*args, "-o", str(tmp_path / "8月.docx"), "--number", "5"])
    assert (
        taken.exit_code == 2 and taken.stderr.count("\n") == 1 and "下一个可用：6" in taken.stderr
    )
    assert not (tmp_path / "8月.docx").exists()
    wrong = runner.invoke(app, ["report", "--data", str(data), "--number", "2"])
    assert wrong.exit_code == 2 and "--number" in wrong.stderr
