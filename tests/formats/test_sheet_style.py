"""The shared sheet style: how many lines a text wraps to, a Chinese character two cells wide."""

from __future__ import annotations

from openpyxl import Workbook

from kexie_cli.formats.sheet_style import FONT, fit_landscape, font, wrapped_lines


def test_a_line_counts_chinese_as_two_cells_and_zero_width_as_none() -> None:
    assert wrapped_lines("abc", 3) == 1
    assert wrapped_lines("abc", 2) == 2
    assert wrapped_lines("科协，1", 7) == 1  # 2 + 2 + 2 + 1
    assert wrapped_lines("科协，1", 6) == 2
    assert wrapped_lines("科\u200b协", 4) == 1  # a zero-width space takes no room
    assert wrapped_lines("科\u200b协", 3) == 2


def test_each_line_of_a_text_takes_at_least_one_line() -> None:
    assert wrapped_lines("科协\n\n1", 10) == 3
    assert wrapped_lines("", 0) == 1  # no room is taken as room for one cell


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
