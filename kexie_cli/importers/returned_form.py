"""A returned fill-in form, read back: each cell as the person typed it, whatever saved it.

Excel, WPS and LibreOffice save the same typing differently: a figure may come back as the
number 120 or the text '120' (or '１２０'), a date as a datetime, a serial number or text, a
month as the text '2025.9', the number 2025.9 or a date. Each is read here as typed; what
cannot be is a problem at its cell (FILE:SHEET!CELL). Nothing is judged against the plan here
(core/form_return.py does that); the hidden sheet says which row is which task. What the
form holds where — columns, headers, the hidden sheet — is formats/fill_in_form.py's, the same
contract output/form_sheet.py drew it by.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any

from openpyxl.utils import get_column_letter

from kexie_cli.core.controls import is_blank
from kexie_cli.core.dates import written_day
from kexie_cli.core.fields import LARGEST
from kexie_cli.core.forms import ReturnedForm, ReturnedRow
from kexie_cli.core.models import Mark
from kexie_cli.core.months import Month, MonthError
from kexie_cli.core.numbers import number_text
from kexie_cli.core.queries import SUPPORT
from kexie_cli.formats import fill_in_form as layout
from kexie_cli.importers.form_checks import meta_problems, uncomputed

_EXCEL_EPOCH = dt.date(1899, 12, 30)


def read_form(
    data: bytes, name: str, today: dt.date | None = None
) -> tuple[ReturnedForm | None, list[str]]:
    """The form's rows as filled in, or the problems found, each as FILE:SHEET!CELL: what."""
    from kexie_cli.importers.safe_open import open_workbook

    try:
        book = open_workbook(data, data_only=True)  # checked before it is parsed
    except ValueError as exc:
        return None, [f"{name}: {exc}"]
    if layout.META_SHEET not in book.sheetnames:
        return None, [f"{name}: 不是 kexie forms 制作的填报表（缺少隐藏的制表信息）"]
    hidden = book[layout.META_SHEET]
    if problems := meta_problems(hidden, name):
        return None, problems
    try:
        meta, rows = layout.read_meta([list(r) for r in hidden.iter_rows(values_only=True)])
    except (TypeError, ValueError, KeyError) as exc:
        return None, [f"{name}: 填报表的制表信息无法读取（{exc}）"]
    sheet_name = str(meta[layout.SHEET_LABEL])
    if sheet_name not in book.sheetnames:
        return None, [f"{name}: 找不到工作表 {sheet_name}（工作表被改名或删除）"]
    sheet = book[sheet_name]
    # A form lists its columns; one made before 完成情况 and 完成日期 lists none.
    keys = str(meta.get(layout.COLUMNS_LABEL) or ",".join(layout.V1_KEYS)).split(",")
    if not set(layout.V1_KEYS) <= set(keys) <= set(layout.HEADERS):
        return None, [f"{name}: 填报表的制表信息无法读取（列：{','.join(keys)}）"]
    reader = _Reader(name, sheet_name, sheet, today or dt.date.today(), keys)
    reader.check_headers()
    for ref in uncomputed(data, book, sheet_name):
        reader.fail(ref, "是公式，但没有保存计算结果；请在 Excel 或 WPS 中打开、保存后再交回")
    returned = [reader.row(*spec) for spec in rows]
    reader.check_finished(returned, str(meta[layout.DATE]))
    form = ReturnedForm(
        file=name,
        sheet=sheet_name,
        title=str(meta[layout.PLAN]),
        year=int(meta[layout.YEAR]),
        dept=str(meta[layout.DEPT]),
        sender=str(meta[layout.DEPT]),
        person=reader.text(str(meta[layout.PERSON])) or "",
        date=reader.date(str(meta[layout.DATE])),
        rows=[r for r in returned if r is not None],
        origin=f"{name}:{sheet_name}!A1",
        as_of=_day(meta.get(layout.AS_OF)) if meta.get(layout.AS_OF) else None,
    )
    return (None if reader.problems else form), reader.problems


class _Reader:
    """Reads the cells of one sheet, collecting a problem for each that cannot be read."""

    def __init__(
        self, file: str, sheet_name: str, sheet: Any, today: dt.date, keys: list[str]
    ) -> None:
        self.file, self.sheet_name, self.sheet, self.today = file, sheet_name, sheet, today
        self.keys = keys
        self.letters = {key: get_column_letter(index) for index, key in enumerate(keys, 1)}
        self.problems: list[str] = []

    def where(self, ref: str) -> str:
        return f"{self.file}:{self.sheet_name}!{ref}"

    def fail(self, ref: str, message: str) -> None:
        self.problems.append(f"{self.where(ref)}: {message}")

    def check_headers(self) -> None:
        for key in self.keys:
            header = layout.HEADERS[key]
            ref = f"{self.letters[key]}{layout.HEADER_ROW}"
            found = _plain(self.sheet[ref].value)
            if found != header:
                self.fail(ref, f"表头应为“{header}”，实为“{found}”（列被移动或改动）")

    def row(
        self,
        number: int,
        ref: str,
        task: int,
        key: int | None,
        role: str,
        figure: Any,
        place: str | None,
    ) -> ReturnedRow | None:
        cells = {k: self.where(f"{self.letters[k]}{number}") for k in self.keys}
        found = _plain(self.sheet[f"A{number}"].value)
        if found != ref:
            self.fail(f"A{number}", f"序号应为 {ref}，实为“{found}”（行被移动、插入或删除）")
            return None
        # A place's rows share their target's 序号: the place, named in 目标, tells them apart.
        target = f"{self.letters['target']}{number}"
        if place is not None and place not in _plain(self.sheet[target].value):
            self.fail(
                target,
                f"目标应为{place}的指标，实为“{_plain(self.sheet[target].value)}”"
                "（行被移动、插入或删除）",
            )
            return None
        done = self.number(f"{self.letters['done']}{number}")
        if done is not None and role == SUPPORT:
            self.fail(f"{self.letters['done']}{number}", "配合任务的累计完成由牵头单位填报，请留空")
            done = None
        texts = {k: t for k in layout.TEXTS if (t := self.text(f"{self.letters[k]}{number}"))}
        return ReturnedRow(
            ref=ref,
            task_id=task,
            key=key,
            role=role,
            figure=float(figure) if isinstance(figure, int | float) else None,
            cells=cells,
            place=place,
            done=done,
            texts=texts,
            delay=self.month(f"{self.letters['delay']}{number}"),
            reason=self.text(f"{self.letters['reason']}{number}"),
            state=self.state(number),
            finished=self.day(number),
        )

    def state(self, number: int) -> Mark | None:
        """完成情况: 已完成 / 推进中 / 未启动, as the list offers them."""
        if "state" not in self.letters:
            return None
        ref = f"{self.letters['state']}{number}"
        text = self.text(ref)
        if text is None:
            return None
        if text not in layout.STATES:
            self.fail(ref, f"完成情况“{text}”应为{'、'.join(layout.STATES)}之一")
        return layout.STATES.get(text)

    def day(self, number: int) -> dt.date | None:
        """完成日期: a date, as 填报日期 is read."""
        if "finished" not in self.letters:
            return None
        ref = f"{self.letters['finished']}{number}"
        value = self.sheet[ref].value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        day = _day(value)
        if day is None:
            self.fail(ref, f"完成日期“{_plain(value)}”不是日期，应写成 2025-06-30")
        return day

    def check_finished(self, rows: list[ReturnedRow | None], date_ref: str) -> None:
        """A 完成日期 after the 填报日期 (or, with none, after today) cannot be."""
        came = self.date(date_ref, quiet=True) or self.today
        for row in rows:
            if row is not None and row.finished is not None and row.finished > came:
                self.fail(
                    row.cells["finished"].rsplit("!", 1)[1],
                    f"完成日期 {row.finished.isoformat()} 晚于填报日期 {came.isoformat()}",
                )

    def number(self, ref: str) -> float | None:
        """累计完成: a number, or a text that is one ('120', '１２０', '1,200')."""
        value = self.sheet[ref].value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.fail(ref, f"累计完成应为数字，实为“{_plain(value)}”")
            return None
        try:
            text = unicodedata.normalize("NFKC", str(value)).replace(",", "").strip()
            number = float(text)
        except ValueError:
            self.fail(ref, f"累计完成应为数字，实为“{_plain(value)}”")
            return None
        if not math.isfinite(number) or number > LARGEST:
            self.fail(ref, f"累计完成 {text} 不是有效的数字")
            return None
        if number < 0:
            self.fail(ref, f"累计完成不能为负数：{number_text(number)}")
            return None
        return number

    def month(self, ref: str) -> Month | None:
        """申请延期至: '2025.9', 2025年9月, a date; the number 2025.9 as typed — but 2025.1
        may have been 2025.10 before a spreadsheet made it a number, so it is asked about."""
        value = self.sheet[ref].value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.date):
            return Month(value.year, value.month)
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if isinstance(value, float) and text.endswith(".1"):
            self.fail(ref, f"申请延期至是数字 {text}，可能是 {text}0：请写成文本，如 2025年10月")
            return None
        try:
            return Month.parse(text)
        except MonthError:
            self.fail(ref, f"申请延期至“{text}”不是月份，应写成 2025.9 或 2025年9月")
            return None

    def date(self, ref: str, quiet: bool = False) -> dt.date | None:
        """填报日期: a date, a date's serial number, or text 2025-06-28、2025/6/28、2025年6月28日."""
        value = self.sheet[ref].value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        day = _day(value)
        if quiet:
            return day if day is not None and day <= self.today else None
        if day is None:
            self.fail(ref, f"填报日期“{_plain(value)}”不是日期，应写成 2025-06-30")
        elif day > self.today:
            self.fail(ref, f"填报日期 {day.isoformat()} 晚于今天（{self.today.isoformat()}）")
            return None
        return day

    def text(self, ref: str) -> str | None:
        value = self.sheet[ref].value
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = number_text(value)
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        for char in text:
            if unicodedata.category(char) == "Cc" and char not in "\n\t":
                self.fail(ref, f"文字中有控制字符 U+{ord(char):04X}，请删去")
                return None
        return None if is_blank(text) else text  # zero-width characters alone: nothing


def _day(value: Any) -> dt.date | None:
    """A date cell, its serial number (Excel's count of days), or a day written as text."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _EXCEL_EPOCH + dt.timedelta(days=int(value)) if 1 <= value < 2958466 else None
    return written_day(str(value))


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return number_text(value)
    return str(value).strip()
