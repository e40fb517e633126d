"""The 图表 sheet of the Excel workbook: the figures the charts read (each department's tasks,
done, completion and average progress; the year month by month, replayed from the record),
and native Excel charts of them — a column chart of the departments with the 序时进度 as a line,
and a line chart of the months — that Excel and LibreOffice draw themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from kexie_cli.core.dates import day_words
from kexie_cli.core.months import Month
from kexie_cli.core.trend import Trend
from kexie_cli.formats.sheet_style import BORDER, HEADER_FILL, font
from kexie_cli.output.cells import sheet_name, sheet_value

SHEET = "图表"
DEPT_HEADERS = ("牵头部室", "任务", "已完成", "完成率(%)", "平均进度(%)", "序时进度(%)")
MONTH_HEADERS = ("月份", "已完成", "完成率(%)", "平均进度(%)", "序时进度(%)")
_TOP = 3  # the departments' header: title above, the 截至 date and a note between
_CHART_ROWS = 20  # rows a chart 9 cm high covers, and a gap


def add_chart_sheet(
    book: Workbook,
    title: str,
    trend: Trend,
    used: set[str],
    spelling: Callable[[str], str] = str,
) -> Worksheet:
    """The sheet, appended to the book; `used` the sheet names taken (updated); each
    department named by `spelling`."""
    sheet = book.create_sheet(sheet_name(SHEET, used))
    sheet.cell(1, 1, sheet_value(f"{title}：图表")).font = Font(name="黑体", size=14, bold=True)
    note = f"截至{day_words(trend.as_of)}；平均进度：已完成的任务计100%，其余按目标完成的比例"
    sheet.cell(2, 1, note).font = font(10)
    groups = [
        [
            spelling(g.name),
            g.tasks,
            g.done,
            _pct(g.completion),
            _pct(g.progress),
            _pct(g.pace),
        ]
        for g in trend.groups
    ]
    end = _table(sheet, _TOP, DEPT_HEADERS, groups)
    months = [
        [_month(p.day), p.done, _pct(p.completion), _pct(p.progress), _pct(p.time_share)]
        for p in trend.months
    ]
    month_top = end + 3
    _table(sheet, month_top, MONTH_HEADERS, months)
    sheet.column_dimensions["A"].width = 20
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 11
    # Below the figures, one above the other: a portrait page holds the sheet whole.
    below = month_top + len(months) + 2
    sheet.add_chart(_departments_chart(sheet, len(groups)), f"A{below}")
    sheet.add_chart(_months_chart(sheet, month_top, len(months)), f"A{below + _CHART_ROWS}")
    sheet.row_breaks.append(Break(id=below + _CHART_ROWS - 1))  # a chart never cut in two
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "portrait", sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def _month(day: dt.date) -> str:
    """6月 at a month's end; 6月15日 for a report's date within its month."""
    whole = Month(day.year, day.month).last_day == day
    return f"{day.month}月" if whole else f"{day.month}月{day.day}日"


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _table(sheet: Worksheet, top: int, headers: tuple[str, ...], rows: list[list[Any]]) -> int:
    """The header at `top`, the rows under it, as numbers; returns the last row's number."""
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(top, column, header)
        cell.font, cell.fill, cell.border = font(10, bold=True), HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for number, row in enumerate(rows, start=top + 1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(number, column, sheet_value(value))
            cell.font, cell.border = font(10), BORDER
    return top + len(rows)


def _departments_chart(sheet: Worksheet, count: int) -> BarChart:
    """Completion and average progress as columns, each department's 序时进度 as a line."""
    last = _TOP + count
    chart = BarChart()
    chart.type = "col"
    chart.title = "各部室完成率和平均进度"
    chart.add_data(
        Reference(sheet, min_col=4, max_col=5, min_row=_TOP, max_row=last), titles_from_data=True
    )
    categories = Reference(sheet, min_col=1, min_row=_TOP + 1, max_row=last)
    chart.set_categories(categories)
    line = LineChart()
    line.add_data(Reference(sheet, min_col=6, min_row=_TOP, max_row=last), titles_from_data=True)
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    chart += line
    return _framed(chart, width=16.0)


def _months_chart(sheet: Worksheet, top: int, count: int) -> LineChart:
    chart = LineChart()
    chart.title = "逐月进展"
    chart.add_data(
        Reference(sheet, min_col=3, max_col=5, min_row=top, max_row=top + count),
        titles_from_data=True,
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + count))
    for series in chart.series:
        series.smooth = False  # a month's figure as it was, never a curve between them
    chart.series[-1].graphicalProperties.line.dashStyle = "dash"  # the 序时进度
    return _framed(chart, width=16.0)


def _framed(chart: Any, width: float) -> Any:
    """Percent axes from 0 to 100, both shown (Excel hides an axis openpyxl leaves unset)."""
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.title = "%"
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width, chart.height = width, 9.0
    return chart
