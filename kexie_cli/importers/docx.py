"""Word documents (.docx) as the rows and lines the other readers take.

A table becomes rows of cell texts with merges marked (rows.Merged): a cell spanning columns
(gridSpan) fills each column it covers, a cell continuing a vertical merge (vMerge) carries
the text of the cell it continues. Tables one after another are one table: a list split
across pages is often saved as two tables, each with its header printed again.
"""

from __future__ import annotations

import io
from typing import Any

from kexie_cli.importers.rows import Merged, Row


def _document(data: bytes) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged file
        raise ValueError("不是可读的 Word 文档（.docx），请用 Word 打开后另存为 .docx") from None


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
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
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
