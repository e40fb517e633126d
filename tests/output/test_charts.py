"""The report's pictures: a PNG drawn with a Chinese font (none without one, said in one
line), and the 图表 sheet's native Excel charts reading the figures they show."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from openpyxl import Workbook

from kexie_cli.core.tally import build_report
from kexie_cli.core.trend import trend
from kexie_cli.output import chart_picture
from kexie_cli.output.chart_picture import NO_FONT, picture_png
from kexie_cli.output.chart_sheet import DEPT_HEADERS, MONTH_HEADERS, add_chart_sheet
from kexie_cli.plans.load import open_plan
from tests.output.played_year import played_year

needs_font = pytest.mark.skipif(chart_picture.cjk_font() is None, reason="no Chinese font here")


@pytest.fixture(scope="module")
def half_year(tmp_path_factory):
    folder = played_year(tmp_path_factory.mktemp("year") / "data")
    plan = open_plan(folder, None).plan
    return trend(build_report(plan, dt.date(2025, 6, 30), None, 10.0))


@needs_font
def test_the_picture_is_a_png_drawn_with_a_chinese_font(half_year) -> None:
    drawn = picture_png(half_year)
    assert drawn.problem == "" and drawn.png is not None
    assert drawn.png.startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    width, height = Image.open(io.BytesIO(drawn.png)).size
    assert width > 2 * height > 0  # the width of a page's text, two panels side by side


def test_without_a_chinese_font_no_picture_and_why(half_year, monkeypatch) -> None:
    monkeypatch.setattr(chart_picture, "cjk_font", lambda: None)
    drawn = picture_png(half_year)
    assert drawn.png is None and drawn.problem == NO_FONT
    assert "\n" not in NO_FONT and "字体" in NO_FONT


def test_the_chart_sheet_holds_two_charts_over_its_figures(half_year) -> None:
    book = Workbook()
    add_chart_sheet(book, "某清单", half_year, set())
    buffer = io.BytesIO()
    book.save(buffer)
    names = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()
    assert sorted(n for n in names if n.startswith("xl/charts/")) == [
        "xl/charts/chart1.xml",
        "xl/charts/chart2.xml",
    ]
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["图表"]
    assert len(sheet._charts) == 2  # read back by openpyxl
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    top = rows.index([*DEPT_HEADERS])
    groups = {r[0]: r for r in rows[top + 1 : top + 1 + len(half_year.groups)]}
    # 学会部 leads 8 tasks; 3 is done (100%), 11 has 60 of 200 (30%), 5, 21 and 36 nothing (0%),
    # 4, 18 and 27 nothing to count (out of the average): (100 + 30) / 5 = 26.
    assert groups["学会部"][1:5] == [8, 1, 12.5, 26]
    months = rows.index([*MONTH_HEADERS, None])
    assert [r[0] for r in rows[months + 1 : months + 7]] == [f"{m}月" for m in range(1, 7)]
