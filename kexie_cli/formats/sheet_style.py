"""How kexie's Excel sheets look and print: one font, one border, one header fill and a
landscape page fitted to its width (the height of wrapped lines: text_measure.py). Shared by the breakdown sheet
(output/xlsx.py) and the fill-in form (output/form_sheet.py).
"""

from __future__ import annotations

from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT = "宋体"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def font(size: int, *, bold: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold)


def fit_landscape(
    sheet: Worksheet, *, title_row: int, a3: bool = False, side: float, top: float
) -> None:
    """Landscape A4 (or A3), one page wide and never enlarged, as many pages down as it takes,
    the column header on every page; margins `side` and `top` inches, 0.3 for header/footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3 if a3 else sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{title_row}:{title_row}"
    sheet.page_margins.left = sheet.page_margins.right = side
    sheet.page_margins.top = sheet.page_margins.bottom = top
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
