"""The page and type of a Chinese official document (GB/T 9704-2012), for python-docx.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; body 仿宋_GB2312 3号 (16 pt) on a
fixed 28-pt line; title 2号 小标宋; page numbers `— 1 —` in 4号 宋体. Fonts are named both as
Western and east-Asian (w:eastAsia), so Word and WPS apply them wherever they are installed
and substitute their own where not.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from kexie_cli.core.controls import xml_safe

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"  # 小标宋; where it is missing Word falls back (黑体 in WPS)
HEADING_FONT = "黑体"  # 一、 headings
SUBHEADING_FONT = "楷体_GB2312"  # （一） headings
PAGE_FONT = "宋体"
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_SIZE = Pt(14)  # 4号
TABLE_SIZE = Pt(12)  # 小4号: a table's cells
LINE = Pt(28)  # 22 lines a page


def set_up(document: Document) -> None:
    """A4, the standard margins, the body style, page numbers in the footer."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    normal = document.styles["Normal"]
    set_font(normal.font, BODY_FONT, BODY_SIZE)  # type: ignore[attr-defined]
    spacing = normal.paragraph_format  # type: ignore[attr-defined]
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = LINE
    spacing.space_before = spacing.space_after = Pt(0)
    _page_numbers(section.footer.paragraphs[0])
    _font_table(document)


# Each font a 通报 names, the one Word or WPS takes where it is missing (w:altName), and its
# kind (serif 仿宋 and 小标宋, sans 黑体, script 楷体): how a reader picks a substitute.
FALLBACKS = {
    TITLE_FONT: ("华文中宋", "roman"),
    BODY_FONT: ("仿宋", "roman"),
    HEADING_FONT: ("SimHei", "swiss"),
    SUBHEADING_FONT: ("楷体", "script"),
    PAGE_FONT: ("SimSun", "roman"),
}


def _font_table(document: Document) -> None:
    """The fonts declared with their fallbacks in the document's font table (GB2312 charset)."""
    from lxml import etree

    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable")),
        None,
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    for name, (alternative, family) in FALLBACKS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("altName", alternative), ("charset", "86"), ("family", family)):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_font(font: object, name: str, size: Pt | None = None, bold: bool = False) -> None:
    """Name the font for Western and east-Asian text alike (python-docx sets only the former)."""
    font.name = name  # type: ignore[attr-defined]
    if size is not None:
        font.size = size  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    element = font._element  # type: ignore[attr-defined]
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def run(paragraph: Paragraph, text: str, name: str = BODY_FONT, **kw: object) -> Run:
    added = paragraph.add_run(xml_safe(text))  # what XML cannot hold, escaped (issue 30)
    set_font(added.font, name, kw.get("size"), bool(kw.get("bold")))  # type: ignore[arg-type]
    return added


def _page_numbers(paragraph: Paragraph) -> None:
    """`— 1 —`, centred: the number a PAGE field the reader fills in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run(paragraph, "— ", PAGE_FONT, size=PAGE_SIZE)
    number = run(paragraph, "", PAGE_FONT, size=PAGE_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1")):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        number._r.append(element)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    number._r.append(end)
    run(paragraph, " —", PAGE_FONT, size=PAGE_SIZE)


def shade(cell: object, colour: str) -> None:
    """Fill a table cell (the bars of the department table)."""
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour)
    properties.append(fill)
