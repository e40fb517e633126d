"""Word documents (.docx) as the rows and lines the other readers take.

A table becomes rows of cell texts with merges marked (rows.Merged): a cell spanning columns
(gridSpan) fills each column it covers, a cell continuing a vertical merge (vMerge) carries
the text of the cell it continues. Tables one after another are one table: a list split
across pages is often saved as two tables, each with its header printed again.
"""

from __future__ import annotations

from typing import Any

from kexie_cli.core.numbers import chinese_text
from kexie_cli.importers.rows import Merged, Row


def _document(data: bytes) -> Any:
    from kexie_cli.importers.safe_open import open_document

    return open_document(data)  # a file received: checked before it is parsed


def document_tables(data: bytes) -> tuple[list[str], list[Row]]:
    """The paragraphs before the first table (the title is among them), and every table's
    rows in order, as one table."""
    from docx.table import Table

    document = _document(data)
    before: list[str] = []
    rows: list[Row] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            rows.extend(_table_rows(Table(block, document)))
        elif tag == "p" and not rows:
            text = "".join(node.text or "" for node in block.iter() if node.tag.endswith("}t"))
            if text.strip():
                before.append(text.strip())
    return before, rows


def document_lines(data: bytes) -> str:
    """The text of the document, a paragraph a line; a table's rows as tab-separated lines."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = _document(data)
    number = _ListNumbers(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(number.of(block) + Paragraph(block, document).text)
        elif tag == "tbl":
            for row in _table_rows(Table(block, document)):
                cells = [cell for cell in row if not isinstance(cell, Merged)]
                lines.append("\t".join(cells))
    return "\n".join(lines)


def _table_rows(table: Any) -> list[Row]:
    from docx.table import _Cell

    rows: list[Row] = []
    for tr in table._tbl.tr_lst:
        row: Row = [None] * (tr.grid_before or 0)
        for tc in tr.tc_lst:
            column = len(row)
            if tc.vMerge == "continue":
                above = rows[-1][column] if rows and column < len(rows[-1]) else None
                text: Any = Merged(above.value if isinstance(above, Merged) else above)
            else:
                text = _Cell(tc, table).text.strip()
            row.append(text)
            span_value = text.value if isinstance(text, Merged) else text
            row.extend(Merged(span_value) for _ in range(tc.grid_span - 1))
        rows.append(row)
    return rows


class _ListNumbers:
    """The numbers Word prints before list paragraphs (一、 （一） 1. ①): they are not in the
    paragraph's text but made from the list's definition, so a notice numbered with Word's
    lists would otherwise read as unnumbered."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles = {s.style_id: s.element for s in document.styles}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return  # no lists in the document
        abstract = {
            a.get(qn("w:abstractNumId")): {
                int(lvl.get(qn("w:ilvl"))): (
                    self._val(lvl, "w:numFmt") or "decimal",
                    self._val(lvl, "w:lvlText") or "",
                    int(self._val(lvl, "w:start") or 1),
                )
                for lvl in a.findall(qn("w:lvl"))
            }
            for a in numbering.findall(qn("w:abstractNum"))
        }
        for num in numbering.findall(qn("w:num")):
            ref = self._val(num, "w:abstractNumId")
            self.levels[num.get(qn("w:numId"))] = abstract.get(ref, {})

    def _val(self, element: Any, tag: str) -> str | None:
        found = element.find(self.qn(tag))
        return None if found is None else found.get(self.qn("w:val"))

    def of(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph, or ''."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id not in self.levels or level not in self.levels[num_id]:
            return ""
        counters = self.counters.setdefault(num_id, {})
        levels = self.levels[num_id]
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]  # a new item restarts the numbers below it
        fmt, text, _ = levels[level]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(level + 1):
            if k in levels:
                value = counters.get(k, levels[k][2])
                text = text.replace(f"%{k + 1}", _format(value, levels[k][0]))
        return text

    def _num_pr(self, paragraph: Any) -> tuple[str | None, int]:
        ppr = paragraph.find(self.qn("w:pPr"))
        num_pr = ppr.find(self.qn("w:numPr")) if ppr is not None else None
        if num_pr is None and ppr is not None:  # the list may come with the paragraph's style
            style = self.styles.get(self._val(ppr, "w:pStyle"))
            style_ppr = style.find(self.qn("w:pPr")) if style is not None else None
            if style_ppr is not None:
                num_pr = style_ppr.find(self.qn("w:numPr"))
        if num_pr is None:
            return None, 0
        return self._val(num_pr, "w:numId"), int(self._val(num_pr, "w:ilvl") or 0)


def _format(value: int, fmt: str) -> str:
    if fmt.startswith("chineseCounting") or fmt == "ideographDigital":
        return chinese_text(value)
    if fmt.startswith("decimalEnclosedCircle") and 1 <= value <= 20:
        return chr(0x245F + value)
    if fmt == "decimalFullWidth":
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(value)
