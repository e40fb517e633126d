"""A picture in a Word document: centred, the width of the text (GB/T 9704's 156 mm), kept
with what follows it. Used by the 通报 and the summary for the report's picture."""

from __future__ import annotations

import io
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm

TEXT_WIDTH = Mm(156)


def add_picture(document: Any, png: bytes | None, keep_with_next: bool = True) -> None:
    """The PNG as an inline picture in a paragraph of its own; nothing without one.
    `keep_with_next`: on the page of the paragraph after it (the 通报 lets the text go on to
    the next page, so that the picture stays on page 1 under its heading)."""
    if png is None:
        return
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = keep_with_next
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # not the body's 28 pt
    paragraph.add_run().add_picture(io.BytesIO(png), width=TEXT_WIDTH)
