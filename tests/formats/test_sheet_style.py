"""The shared sheet style: the font and the printed page (wrapped lines: test_text_measure)."""

from __future__ import annotations

from openpyxl import Workbook

from kexie_cli.formats.sheet_style import FONT, fit_landscape, font


def test_the_font_is_songti_at_the_size_asked() -> None:
    assert (font(11).name, font(11).sz, font(11).b) == (FONT, 11, False)
    assert font(14, bold=True).b is True


def test_a_page_is_landscape_one_page_wide_with_the_header_repeated() -> None:
    sheet = Workbook().active
    fit_landscape(sheet, title_row=4, a3=True, side=0.4, top=0.6)
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A3
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$4:$4"
    assert (sheet.page_margins.left, sheet.page_margins.top) == (0.4, 0.6)
