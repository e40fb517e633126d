"""Files kexie receives are untrusted (issue 30): a zip bomb, a billion-laughs form, broken XML,
a tampered hidden sheet and a formula with no result are each refused in one line naming the
file (and the cell), exit 2, the plan untouched — the bombs under a memory limit, in a
process of their own, built here in the test (small on disk)."""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.safe_open import Unreadable, checked_zip, open_document, open_workbook
from tests.commands.test_forms import PLAN, fill

runner = CliRunner()
SHEET = "xl/worksheets/sheet1.xml"
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i + 1} "{f"&lol{i};" * 10}">' for i in range(9)).replace(
        "&lol0;", "&lol;"
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    "</sheetData></worksheet>"
)


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    made = runner.invoke(
        app,
        [
            "forms",
            "-o",
            str(tmp_path / "6月"),
            "--dept",
            "组宣部",
            "--data",
            str(tmp_path / "data"),
        ],
    )
    assert made.exit_code == 0, made.output
    return tmp_path


def _form(folder: Path) -> Path:
    return next((folder / "6月").glob("*.xlsx"))


def _replace(path: Path, member: str, write) -> None:
    """The zip at path with one member written anew by write(stream)."""
    old = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != member:
                new.writestr(info, old.read(info))
        with new.open(member, "w") as stream:
            write(stream)


def _limited_kexie(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """kexie in a process of its own that may use at most 1 GB of memory."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    env = {**os.environ, "KEXIE_CACHE": str(folder / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "kexie_cli", *args, "--data", str(folder / "data")],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        env=env,
        check=False,
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(folder) -> None:
    form = _form(folder)

    def bomb(stream) -> None:  # 200 MB of one character: a few hundred KB packed
        for _ in range(200):
            stream.write(b" " * 2**20)

    _replace(form, SHEET, bomb)
    assert form.stat().st_size < 2**20
    before = (folder / "data" / "2025_tasks.yaml").read_bytes()
    for args in (["import", "progress", str(form)], ["import", "tasks", str(form), "-o", "-"]):
        result = _limited_kexie(folder, *args)
        assert result.returncode == 2, result.stderr
        assert f"{form}: 文件过大（解压后 200 MB，上限 50 MB）" in result.stderr
        assert "内部错误" not in result.stderr and "MemoryError" not in result.stderr
    assert (folder / "data" / "2025_tasks.yaml").read_bytes() == before


def test_a_member_packed_too_tight_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
        made.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (4 * 2**20))
    with pytest.raises(Unreadable, match="压缩比异常"):
        checked_zip(buffer.getvalue(), "Excel 工作簿")


def test_a_billion_laughs_form_is_refused_as_unreadable(folder) -> None:
    form = _form(folder)
    _replace(form, SHEET, lambda stream: stream.write(LAUGHS.encode()))
    for args in (["import", "progress", str(form)], ["import", "tasks", str(form), "-o", "-"]):
        result = _limited_kexie(folder, *args)
        assert result.returncode == 2, result.stderr
        assert f"{form}: 不是可读的 Excel 工作簿（{SHEET} 含 DTD 或实体声明）" in result.stderr


def test_a_word_document_with_an_entity_is_refused() -> None:
    buffer = io.BytesIO()
    import docx

    docx.Document().save(buffer)
    old = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            body = old.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x "x">]>', 1)
            new.writestr(info, body)
    with pytest.raises(Unreadable, match=r"不是可读的 Word 文档（word/document.xml 含 DTD"):
        open_document(out.getvalue())


@pytest.mark.parametrize(
    ("damage", "command"),
    [
        (lambda xml: xml[: len(xml) // 2], "progress"),  # a sheet cut short
        (lambda xml: xml.replace(b"<sheetData>", b"<sheetData><row>", 1), "progress"),
        (lambda xml: xml[: len(xml) // 2], "tasks"),
    ],
)
def test_broken_xml_is_refused_the_same_by_both_imports(folder, damage, command) -> None:
    form = _form(folder)
    xml = zipfile.ZipFile(form).read(SHEET)
    _replace(form, SHEET, lambda stream: stream.write(damage(xml)))
    extra = ["-o", "-"] if command == "tasks" else []
    result = runner.invoke(
        app, ["import", command, str(form), *extra, "--data", str(folder / "data")]
    )
    assert result.exit_code == 2, result.output
    assert f"{form}: 不是可读的 Excel 工作簿（XML 格式错误）" in result.stderr
    assert "内部错误" not in result.stderr


def test_a_sheet_reaching_the_last_cell_is_refused_not_walked() -> None:
    book = openpyxl.Workbook()
    book.active["XFD1048576"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(Unreadable, match=r"文件过大（工作表 Sheet 有 1,048,576 行 × 16,384 列"):
        open_workbook(buffer.getvalue())


@pytest.mark.parametrize(
    ("column", "row", "value", "said"),
    [
        ("B", "年度", "abc", "年度应为年份，实为“abc”"),
        ("A", 1, -5, "应为 5–1048576 的整数，实为“-5”"),
        ("C", 1, "x", "应为 1–999999 的整数，实为“x”"),
        ("A", 1, 10**30, "应为 5–1048576 的整数"),
    ],
)
def test_a_tampered_hidden_sheet_is_refused_at_its_cell(folder, column, row, value, said) -> None:
    """A label's value (row: the label) or a cell of the row table's first row (row: 1)."""
    form = _form(folder)
    book = openpyxl.load_workbook(form)
    labels = {c.value: c.row for c in book["kexie"]["A"]}
    number = labels[row] if isinstance(row, str) else labels["行"] + row
    cell = f"{column}{number}"
    said = f"kexie!{cell}: {said}"
    book["kexie"][cell] = value
    book.save(form)
    before = (folder / "data" / "2025_tasks.yaml").read_bytes()
    result = runner.invoke(app, ["import", "progress", str(form), "--data", str(folder / "data")])
    assert result.exit_code == 2, result.output
    assert f"{form}:{said}" in result.stderr
    assert "内部错误" not in result.stderr
    assert (folder / "data" / "2025_tasks.yaml").read_bytes() == before


def test_a_formula_with_no_result_saved_is_a_problem_at_its_cell(folder) -> None:
    form = _form(folder)
    fill(form, {"2.1": {"累计完成": "=2+3"}})  # openpyxl saves no result
    book = openpyxl.load_workbook(form)
    ref = next(c.coordinate for row in book["填报表"].iter_rows() for c in row if c.value == "=2+3")
    result = runner.invoke(app, ["import", "progress", str(form), "--data", str(folder / "data")])
    assert result.exit_code == 2, result.output
    assert f"{form}:填报表!{ref}: 是公式，但没有保存计算结果" in result.stderr


def test_a_device_given_as_a_form_is_not_read_whole(folder) -> None:
    result = runner.invoke(app, ["import", "progress", "/dev/zero", "--data", str(folder / "data")])
    assert result.exit_code == 2
    assert "/dev/zero: 文件过大（超过 50 MB），不是填报表" in result.stderr


def test_a_formula_imported_as_text_is_exported_as_text(tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "重点工作", "具体内容", "牵头部室", "完成时限"])
    sheet.append([1, "宣传", '=HYPERLINK("http://example.com","点击查看")', "组宣部", "2025.12"])
    source = tmp_path / "清单.xlsx"
    book.save(source)
    data = tmp_path / "data"
    data.mkdir()
    imported = runner.invoke(
        app, ["import", "tasks", str(source), "--plan", "2025", "-o", str(data / "2025_tasks.yaml")]
    )
    assert imported.exit_code == 0, imported.output
    assert "=HYPERLINK" in (data / "2025_tasks.yaml").read_text(encoding="utf-8")
    out = tmp_path / "out.xlsx"
    exported = runner.invoke(app, ["export", "--data", str(data), "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    cells = [c for row in openpyxl.load_workbook(out).worksheets[0].iter_rows() for c in row]
    linked = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert linked and all(c.data_type == "s" for c in linked)


# Text a person may type or paste into a form's cells: what XML can hold of the controls (CR,
# tab, C1), bidi marks, zero-width characters, formula starts, and ordinary words.
typed = st.text(
    alphabet=st.sampled_from(
        ["\r", "\t", "\n", "\x85", "\x9b", "\u202e", "\u200b", "\ufeff", "=", "+", "-", "@"]
    )
    | st.sampled_from("进展1.,（）"),
    min_size=1,
    max_size=30,
)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(note=typed, problem=typed, figure=typed | st.integers(-5, 10**6).map(str))
def test_whatever_is_typed_into_a_form_the_import_is_refused_or_the_plan_still_checks(
    tmp_path_factory, note, problem, figure
) -> None:
    folder = tmp_path_factory.mktemp("typed")
    (folder / "data").mkdir()
    (folder / "data" / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    made = runner.invoke(
        app, ["forms", "-o", str(folder / "f"), "--dept", "组宣部", "--data", str(folder / "data")]
    )
    assert made.exit_code == 0, made.output
    form = next((folder / "f").glob("*.xlsx"))
    fill(form, {"2.1": {"累计完成": figure, "进展情况": note, "存在问题": problem}})
    before = (folder / "data" / "2025_tasks.yaml").read_bytes()
    result = runner.invoke(app, ["import", "progress", str(form), "--data", str(folder / "data")])
    assert result.exit_code in (0, 2), result.output
    assert "内部错误" not in result.output
    assert not any(ch in result.output for ch in "\x9b\u202e\r")
    if result.exit_code == 2:
        assert (folder / "data" / "2025_tasks.yaml").read_bytes() == before
    checked = runner.invoke(app, ["check", "--data", str(folder / "data")])
    assert checked.exit_code == 0, checked.output  # nothing imported that a later command trips on


def test_a_member_unpacking_to_more_than_it_declares_is_cut_at_its_size_and_refused() -> None:
    import struct

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
        made.writestr("xl/workbook.xml", b" " * (10 * 2**20))
    data = bytearray(buffer.getvalue())
    for header, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # declare 100 bytes
        struct.pack_into("<I", data, data.find(header) + offset, 100)
    with pytest.raises(Unreadable, match=r"不是可读的 Excel 工作簿（部件 xl/workbook.xml 已损坏）"):
        checked_zip(bytes(data), "Excel 工作簿")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(content=typed, dept=typed)
def test_whatever_a_list_holds_import_tasks_refuses_it_or_writes_a_plan_that_checks(
    tmp_path_factory, content, dept
) -> None:
    folder = tmp_path_factory.mktemp("list")
    book = openpyxl.Workbook()
    book.active.append(["序号", "重点工作", "具体内容", "牵头部室", "完成时限"])
    book.active.append([1, "宣传", content, dept, "2025.12"])
    book.save(folder / "清单.xlsx")
    target = folder / "data" / "2025_tasks.yaml"
    target.parent.mkdir()
    result = runner.invoke(
        app, ["import", "tasks", str(folder / "清单.xlsx"), "--plan", "2025", "-o", str(target)]
    )
    assert result.exit_code in (0, 2), result.output
    assert "内部错误" not in result.output
    assert not any(ch in result.output for ch in "\x9b\u202e\r")
    if result.exit_code == 0:
        checked = runner.invoke(app, ["check", "--data", str(target.parent)])
        assert checked.exit_code == 0, checked.output
    else:
        assert not target.exists()
        assert str(folder / "清单.xlsx") in result.stderr


def test_a_line_break_written_the_windows_way_is_a_line_break(tmp_path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["序号", "重点工作", "具体内容", "牵头部室", "完成时限"])
    book.active.append([1, "宣传", "第一行\r\n第二行\r第三行", "组宣部", "2025.12"])
    book.save(tmp_path / "清单.xlsx")
    result = runner.invoke(
        app, ["import", "tasks", str(tmp_path / "清单.xlsx"), "--plan", "2025", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    assert "\r" not in result.stdout

    assert yaml.safe_load(result.stdout)["tasks"][0]["content"] == "第一行\n第二行\n第三行"


def test_a_dtd_in_a_part_not_named_xml_is_refused_too(folder) -> None:
    form = _form(folder)
    _replace(form, "xl/worksheets/sheet9.dat", lambda stream: stream.write(LAUGHS.encode()))
    with pytest.raises(Unreadable, match=r"xl/worksheets/sheet9.dat 含 DTD"):
        open_workbook(form.read_bytes())


def test_a_sheet_of_more_cells_than_any_list_is_refused_before_it_is_parsed(folder) -> None:
    form = _form(folder)

    def cells(stream) -> None:  # 600,000 cells in some 14 MB, under 1 MB packed
        stream.write(
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        )
        stream.write(b"<sheetData>")
        for row in range(1, 100_001):
            stream.write(f'<row r="{row}">'.encode())
            stream.write(b"".join(b"<c><v>1</v></c>" for _ in range(6)) + b"</row>")
        stream.write(b"</sheetData></worksheet>")

    _replace(form, SHEET, cells)
    result = _limited_kexie(folder, "import", "progress", str(form))
    assert result.returncode == 2, result.stderr
    assert f"{form}: 文件过大（600,0" in result.stderr and "上限 500,000 个）" in result.stderr
