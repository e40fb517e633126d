"""Every file kexie writes is inert (issue 30): no live formula in any workbook cell, no text a
spreadsheet opens as a formula in CSV/TSV, nothing XML cannot hold reaching openpyxl or
python-docx, no text cut silently — for any text a plan may carry."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.forms import department_rows
from kexie_cli.core.problems import KexieError
from kexie_cli.core.queries import Found, plan_states
from kexie_cli.core.tally import build_report
from kexie_cli.output import render
from kexie_cli.output.cells import csv_cell, file_name_part, sheet_name
from kexie_cli.output.docx import document_bytes
from kexie_cli.output.form_sheet import FormInfo, form_bytes, form_name
from kexie_cli.output.list_view import task_list
from kexie_cli.output.xlsx import workbook_bytes
from tests.sample_plans import sample_data, sample_plan

AS_OF = dt.date(2025, 6, 30)
runner = CliRunner()

# Hostile text: every C0 and C1 control, bidi marks, formula starts, zero-width characters.
HOSTILE = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)]
HOSTILE += ["\u202e", "\u2066", "\u200e", "\u200b", "\ufeff", "\ufffe", "=", "+", "-", "@"]
hostile_text = st.text(
    alphabet=st.sampled_from(HOSTILE) | st.sampled_from("科协任务1(),\"'|"), min_size=1
)
formula_text = st.sampled_from("=+-@\t\r").flatmap(lambda s: hostile_text.map(lambda t: s + t))


def _plan_with(text: str):
    """The sample plan with `text` in every kind of text field of task 1 (and a department)."""
    plan = sample_plan()
    task = dataclasses.replace(
        plan.tasks[0], content=text, focus=text, section=text, lead=[text, "办公室"]
    )
    return dataclasses.replace(plan, tasks=[task, *plan.tasks[1:]])


def _no_formula(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text | formula_text)
def test_no_workbook_kexie_writes_holds_a_formula(text) -> None:
    plan = _plan_with(text)
    states = plan_states(plan, AS_OF)
    for by_dept in (False, True):
        data = workbook_bytes(plan.plan.title, 2025, states, AS_OF, by_dept=by_dept)
        assert _no_formula(data) == []
    rows = department_rows(plan, {text}, AS_OF)
    form = form_bytes(FormInfo(text, 2025, "2025_tasks.yaml", text, AS_OF), rows)
    assert _no_formula(form) == []
    document_bytes(build_report(plan, AS_OF, None, 0.1))  # python-docx takes it


def test_a_text_that_starts_like_a_formula_is_text_marked_as_typed_with_a_quote() -> None:
    plan = _plan_with('=HYPERLINK("http://x","点击查看")')
    data = workbook_bytes("=1+1", 2025, plan_states(plan, AS_OF), AS_OF, by_dept=True)
    book = load_workbook(io.BytesIO(data))
    cells = [c for s in book.worksheets for row in s.iter_rows() for c in row]
    hyperlinks = [c for c in cells if c.value == '=HYPERLINK("http://x","点击查看")']
    assert hyperlinks and all(c.data_type == "s" and c.quotePrefix for c in hyperlinks)
    title = book.worksheets[0]["A1"]  # the title, shown as written
    assert title.value.startswith("=1+1（") and title.data_type == "s"
    assert all(not s.title.startswith("=") for s in book.worksheets)


def test_control_characters_are_shown_escaped_in_the_workbook_and_the_document() -> None:
    plan = _plan_with("第一行\x0b第二行\x00\x1b]0;x\x07")
    data = workbook_bytes("标题", 2025, plan_states(plan, AS_OF), AS_OF)
    values = [
        c.value for row in load_workbook(io.BytesIO(data)).worksheets[0].iter_rows() for c in row
    ]
    assert "第一行\\x0b第二行\\x00\\x1b]0;x\\x07" in values
    report = document_bytes(build_report(plan, AS_OF, None, 0.1))
    document = docx.Document(io.BytesIO(report))
    text = "\n".join(cell.text for table in document.tables for cell in table._cells)
    assert "第一行\\x0b第二行" in text


def test_a_text_longer_than_a_cell_holds_is_refused_not_cut() -> None:
    plan = _plan_with("长" * 40_000)
    with pytest.raises(KexieError, match=r"^“长{20}…”有 40,000 个字符，超过 Excel"):
        workbook_bytes("标题", 2025, plan_states(plan, AS_OF), AS_OF)


@given(text=st.text())
def test_no_csv_cell_starts_like_a_formula(text) -> None:
    assert not csv_cell(text).startswith(("=", "+", "@", "\t", "\r"))
    assert csv_cell(text) in (text, "'" + text)


def test_a_figure_keeps_its_sign_in_csv() -> None:
    assert csv_cell("-5") == "-5" and csv_cell("-1+1") == "'-1+1"


@settings(max_examples=30, deadline=None)
@given(text=hostile_text | formula_text)
def test_csv_tsv_and_markdown_carry_no_formula_and_no_control(text) -> None:
    plan = _plan_with(text)
    found = [Found(s) for s in plan_states(plan, AS_OF)]
    view = task_list(found, with_role=False, title=text)
    for fmt in ("csv", "tsv", "md", "table"):
        out = io.StringIO()
        render(view, fmt, out)
        written = out.getvalue()
        assert not any(ch in written for ch in HOSTILE[:0x20] if ch not in "\n\t"), fmt
        assert not any(chr(c) in written for c in range(0x7F, 0xA0)), fmt
        assert "\u202e" not in written and "\u2066" not in written, fmt
    out = io.StringIO()
    render(view, "csv", out)
    for row in csv.reader(io.StringIO(out.getvalue())):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)


def test_a_sheet_name_is_one_excel_takes() -> None:
    used: set[str] = set()
    assert sheet_name("=1+1部", used) == "1+1部"
    assert sheet_name("'组宣部'", used) == "组宣部"
    assert sheet_name("a\x0b[b]:c", used) == "abc"
    assert sheet_name("=1+1部", used) == "1+1部(2)"


def test_a_form_file_name_holds_no_line_break_tab_or_separator() -> None:
    name = form_name("组宣部\n\t/../x", AS_OF)
    assert name == "2025年6月_组宣部_.._x.xlsx"
    assert len(file_name_part("部" * 300, "部门").encode()) <= 120


def test_export_of_a_formula_text_through_the_cli_is_inert(tmp_path) -> None:
    data = sample_data(tmp_path)
    plan = data / "2025_tasks.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "content: 组织党组会学习，跟进学习最新讲话精神。",
            'content: \'=HYPERLINK("http://example.com","点击查看")\'',
        ),
        encoding="utf-8",
    )
    for args in ([], ["--layout", "progress"], ["--by-dept"]):
        book = tmp_path / f"out{len(args)}.xlsx"
        result = runner.invoke(app, ["export", "--data", str(data), "-o", str(book), *args])
        assert result.exit_code == 0, result.stderr
        assert _no_formula(book.read_bytes()) == []
    result = runner.invoke(app, ["export", "--data", str(data), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert "'=HYPERLINK" in result.stdout
    forms = tmp_path / "forms"
    result = runner.invoke(app, ["forms", "--data", str(data), "-o", str(forms)])
    assert result.exit_code == 0, result.stderr
    for made in forms.glob("*.xlsx"):
        assert _no_formula(made.read_bytes()) == []
