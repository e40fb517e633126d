"""The frame of an official document (GB/T 9704-2012) around the 通报's body, for python-docx.

版头: the 发文机关标志 in red 小标宋, the 发文字号 (with the 签发人 beside it where one is
configured) and the red line under them. Then the 主送 line after the title; the 附件 list,
署名 and 成文日期 kept on one page with the body's last paragraph (never alone on a page);
each 附件 on a page of its own, its tables' header row repeated on every page; last the 版记
(抄送, 印发机关和印发日期) between its black lines at the foot of the last page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from rich.cells import cell_len

from kexie_cli.core.dates import day_words
from kexie_cli.core.document import Letterhead
from kexie_cli.output import docx_style as style

RED = RGBColor(0xFF, 0x00, 0x00)
TEXT_WIDTH = 156  # mm: A4 less the 28 mm and 26 mm margins
CHAR = 16  # pt: one character of 3号 text
MARK_MAX = Pt(42)  # 初号: the largest 发文机关标志 is set in; a long name smaller, on one line


def version_head(document: object, head: Letterhead) -> None:
    """发文机关标志, two lines down the 发文字号 (签发人 on its right), the red line 4 mm under."""
    mark = _add(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    size = min(MARK_MAX.pt, Mm(TEXT_WIDTH).pt / max(1, cell_len(head.mark) / 2))
    mark.paragraph_format.line_spacing = Pt(size * 1.3)
    style.run(mark, head.mark, style.TITLE_FONT, size=Pt(int(size))).font.color.rgb = RED
    _add(document)
    _add(document)
    number = _add(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    if head.signer:  # 发文字号 left-indented a character, 签发人 right-indented one
        number.alignment = WD_ALIGN_PARAGRAPH.LEFT
        number.paragraph_format.left_indent = number.paragraph_format.right_indent = Pt(CHAR)
        number.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH) - Pt(2 * CHAR), 2)  # right
        style.run(number, f"{head.number_text}\t签发人：")
        style.run(number, head.signer, style.SUBHEADING_FONT)
    else:
        style.run(number, head.number_text)
    _border(number, "bottom", "FF0000", size=12, space=11)  # 4 mm under the 文号, in red
    _add(document)  # the title two lines under the red line
    _add(document)


def addressee(document: object, head: Letterhead) -> None:
    """主送: the names flush left, 、 between them, ending with a full-width colon."""
    if head.to:
        style.run(_add(document), "、".join(head.to) + "：")


def closing(document: object, annexes: Sequence[str], org: str, day: dt.date) -> None:
    """The 附件 list, then the 署名 and 成文日期 — kept on the page of the body's last paragraph."""
    last = document.paragraphs[-1]  # type: ignore[attr-defined]
    last.paragraph_format.keep_with_next = True
    lines: list[Paragraph] = [_add(document)]
    for number, title in enumerate(annexes, start=1):
        paragraph = _add(document)
        lines.append(paragraph)
        label = "附件：" if number == 1 else ""
        numbered = f"{number}. {title}" if len(annexes) > 1 else title
        paragraph.paragraph_format.left_indent = Pt(2 * CHAR + (0 if number == 1 else 3 * CHAR))
        style.run(paragraph, f"{label}{numbered}")
    lines += [_add(document), _add(document)]
    date = day_words(day)
    date_chars, org_chars = cell_len(date) / 2, cell_len(org) / 2
    # 成文日期 右空四字; the 署名 over it, its first character two to the left of the date's
    date_right = 4 + max(0, org_chars - 2 - date_chars)
    org_right = max(2, date_right + date_chars + 2 - org_chars)
    for text, right in ((org, org_right), (date, date_right)):
        if text:
            paragraph = _add(document, align=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = Pt(right * CHAR)
            style.run(paragraph, text)
            lines.append(paragraph)
    for paragraph in lines[:-1]:
        paragraph.paragraph_format.keep_with_next = True


def annex_page(document: object, number: int | None, title: str) -> None:
    """A 附件 starts a page: 附件N in 黑体 at the top left, its title centred under it."""
    label = _add(document)
    label.paragraph_format.page_break_before = True
    style.run(label, "附件" + (str(number) if number else ""), style.HEADING_FONT)
    _add(document)
    heading = _add(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    heading.paragraph_format.line_spacing = Pt(36)
    style.run(heading, title, style.TITLE_FONT, size=style.TITLE_SIZE)
    _add(document)


def table(
    document: object, heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]
) -> object:
    """A grid of 小4号 cells, `widths` in mm; the header row repeated on every page it runs to,
    no row split across two pages; the first column and figures centred."""
    grid = document.add_table(rows=1 + len(rows), cols=len(heads))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)  # the grid LibreOffice reads, and each cell for Word
        for cell in column.cells:
            cell.width = Mm(width)
    for index, text in enumerate(heads):
        cell_text(grid.cell(0, index), text, bold=True)
    for number, row in enumerate(rows, start=1):
        for index, text in enumerate(row):
            cell_text(grid.cell(number, index), text, centre=index != 1 or len(heads) < 3)
    narrow_margins(grid)
    for number, row in enumerate(grid.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if number == 0:
            properties.append(OxmlElement("w:tblHeader"))  # repeated atop each page
    return grid


def narrow_margins(grid: object) -> None:
    """Cells 1 mm in from their lines (Word's 1.9 mm wraps 2025.12 in a narrow column)."""
    properties = grid._tbl.tblPr  # type: ignore[attr-defined]
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # twentieths of a point: 1 mm
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(margins, *_AFTER_TABLE_BORDERS[3:])


def cell_text(cell: object, text: str, bold: bool = False, centre: bool = True) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    paragraph.paragraph_format.line_spacing = Pt(18)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    style.run(paragraph, text, style.BODY_FONT, size=style.TABLE_SIZE, bold=bold)


def colophon(document: object, head: Letterhead, day: dt.date) -> None:
    """版记 at the foot of the last page (a table floating at the bottom of the text, which the
    text above flows clear of): 抄送, then 印发机关 and 印发日期, in 4号 between a thick line
    above and below and a thin one between."""
    lines = []
    if head.cc:
        lines.append(("抄送：" + "、".join(head.cc) + "。", ""))
    lines.append((head.printer, f"{day_words(day)}印发"))
    grid = document.add_table(rows=len(lines), cols=1)  # type: ignore[attr-defined]
    grid.autofit = False
    properties = grid._tbl.tblPr
    floating = OxmlElement("w:tblpPr")
    where = {"vertAnchor": "margin", "horzAnchor": "margin", "tblpXSpec": "center"}
    where |= {"tblpYSpec": "bottom"}
    for key, value in where.items():
        floating.set(qn(f"w:{key}"), value)
    named = properties.find(qn("w:tblStyle"))  # tblpPr follows the style in the schema
    if named is None:
        properties.insert(0, floating)
    else:
        named.addnext(floating)
    edges = OxmlElement("w:tblBorders")
    for side, size in (("top", 8), ("bottom", 8), ("insideH", 4)):
        line = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", size), ("space", 0), ("color", "000000")):
            line.set(qn(f"w:{key}"), str(value))
        edges.append(line)
    properties.insert_element_before(edges, *_AFTER_TABLE_BORDERS)
    for number, (left, right) in enumerate(lines):
        cell = grid.cell(number, 0)
        cell.width = Mm(TEXT_WIDTH)
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(14)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH) - Pt(42), 2)
        style.run(paragraph, f"{left}\t{right}" if right else left, size=style.PAGE_SIZE)
    grid.columns[0].width = Mm(TEXT_WIDTH)
    end = _add(document)  # a document ends with a paragraph (Word's rule): a 1-pt one, which
    end.paragraph_format.line_spacing = Pt(1)  # fits above the 版记 and takes no page of its own
    style.run(end, "", size=Pt(1))


_AFTER_TABLE_BORDERS = (  # what follows w:tblBorders in a table's properties, in order
    *("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"),
    *("w:tblDescription", "w:tblPrChange"),
)
_AFTER_BORDERS = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
    *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
    *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
    *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
    "w:pPrChange",
)


def _add(document: object, align: object = None) -> Paragraph:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _border(paragraph: Paragraph, side: str, colour: str, *, size: int, space: int) -> None:
    """A line along the paragraph's `side`: `size` in eighths of a point, `space` pt away."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.insert_element_before(borders, *_AFTER_BORDERS)  # the schema's order
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", size), ("space", space), ("color", colour)):
        line.set(qn(f"w:{key}"), str(value))
    borders.append(line)
