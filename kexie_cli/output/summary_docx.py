"""The drafted summary as a Word document (`kexie report --format docx --summary`): the parts
of output/summary.py in the type of an official document (docx_style) — title, the overall
paragraph and the report's picture on page 1, the parts under 一、二、 headings, the
association and the date, then the table of tasks as 附件 on a page of its own, its header
repeated on every page. Returns bytes; the command writes them.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from kexie_cli.core.dates import day_words
from kexie_cli.core.tally import Report
from kexie_cli.output import docx_style as style
from kexie_cli.output.docx_picture import add_picture
from kexie_cli.output.summary import ANNEX_HEAD, summary

INDENT = Pt(32)  # two characters of the body
ANNEX_WIDTHS = (Mm(10), Mm(44), Mm(22), Mm(20), Mm(43), Mm(17))  # 156 mm, the text's width
_FIGURES = ANNEX_HEAD.index("目标完成")


def summary_bytes(
    report: Report,
    scope: str = "",
    since: dt.date | None = None,
    picture: bytes | None = None,
) -> bytes:
    draft = summary(report, scope, since)
    document = Document()
    style.set_up(document)
    _centred(document, draft.title, style.TITLE_FONT, style.TITLE_SIZE, Pt(36))
    _centred(document, draft.date_line, style.SUBHEADING_FONT, style.BODY_SIZE)
    document.add_paragraph()
    _paragraph(document, draft.overall)
    add_picture(document, picture)
    for part in draft.parts:
        heading = _paragraph(document, part.heading, style.HEADING_FONT)
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        for number, text in enumerate(part.paragraphs, start=1):
            _paragraph(document, f"{number}. {text}" if part.numbered else text)
    _signature(document, report.plan.plan.org, report.as_of)
    _annex(document, draft.annex_title, draft.annex)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _centred(document: Any, text: str, font: str, size: Pt, line: Pt | None = None) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if line is not None:
        paragraph.paragraph_format.line_spacing = line
    style.run(paragraph, text, font, size=size)


def _paragraph(document: Any, text: str, font: str = style.BODY_FONT) -> Any:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = INDENT
    style.run(paragraph, text, font, size=style.BODY_SIZE)
    return paragraph


def _signature(document: Any, org: str, as_of: dt.date) -> None:
    """The association and the date, right, kept on the page of the last paragraph."""
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    blank = document.add_paragraph()
    blank.paragraph_format.keep_with_next = True
    for text in (org, day_words(as_of)):
        if text:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)
            paragraph.paragraph_format.keep_with_next = True
            style.run(paragraph, text, style.BODY_FONT, size=style.BODY_SIZE)
    document.paragraphs[-1].paragraph_format.keep_with_next = False


def _annex(document: Any, title: str, rows: list[list[str]]) -> None:
    """附件 on a new page: its label, its title, the table (header on every page)."""
    label = document.add_paragraph()
    label.add_run().add_break(WD_BREAK.PAGE)
    style.run(label, "附件", style.HEADING_FONT, size=style.BODY_SIZE)
    _centred(document, title.removeprefix("附件："), style.TITLE_FONT, Pt(18), Pt(32))
    table = document.add_table(rows=1 + len(rows), cols=len(ANNEX_HEAD))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, ANNEX_WIDTHS, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    for number, cells in enumerate([list(ANNEX_HEAD), *rows]):
        for index, text in enumerate(cells):
            shown = text.replace("；", "\n") if index == _FIGURES else text  # a target a line
            _cell(table.cell(number, index), shown, bold=number == 0, centre=index != 1)
    _repeat_header(table.rows[0])


def _cell(cell: Any, text: str, bold: bool, centre: bool) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(paragraph, text, style.BODY_FONT, size=Pt(10.5), bold=bold)


def _repeat_header(row: Any) -> None:
    """The header row repeated at the top of every page the table runs onto (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
