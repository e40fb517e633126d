"""A year of the monthly collection on the shipped 2025 list, replayed through the CLI.

Two departments (学会部 and 组宣部) are sent forms; they fill them in as people do (openpyxl
here), return them late, out of order, one twice; they ask for more time on a form, and the
office grants one request and refuses the other; a leader comments; a task with nothing to
count is marked 已完成 on its form with its 完成日期; the 党组 cancels a task in November. At each quarter's end the report says
what a person would write by hand from the returned forms, and a report as the office knew
it on a day (`--known-on`) reads the same, byte for byte, after later forms came in.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()
XUEHUI, ZUXUAN = "学会部", "组宣部"


class Office:
    """The office's folder: a copy of the shipped data, the forms of each month."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.data.mkdir()
        shutil.copy(DATA / "2025_tasks.yaml", self.data)

    def run(self, *args: str) -> str:
        result = runner.invoke(app, [*args, "--data", str(self.data)])
        assert result.exit_code == 0, f"{args}: {result.output}"
        return result.stdout

    def forms(self, as_of: str) -> Path:
        folder = self.root / as_of
        self.run("forms", "-o", str(folder), "--as-of", as_of, "--dept", XUEHUI, "--dept", ZUXUAN)
        return folder

    def fill(self, folder: Path, dept: str, day: str, rows: dict[str, dict[str, object]]) -> Path:
        """Type into a department's form by 序号 and column header, as a person would."""
        path = next(folder.glob(f"*_{dept}.xlsx"))
        book = openpyxl.load_workbook(path)
        sheet = book["填报表"]
        columns = {cell.value: cell.column_letter for cell in sheet[4]}
        sheet["D2"], sheet["I2"] = "经办人", day
        for number in range(5, sheet.max_row + 1):
            for header, value in rows.pop(str(sheet[f"A{number}"].value), {}).items():
                sheet[f"{columns[header]}{number}"] = value
        assert not rows, f"rows not on the form: {rows}"
        book.save(path)
        return path

    def bring(self, *paths: Path) -> str:
        return self.run("import", "progress", *map(str, paths))

    def report(self, as_of: str, *args: str) -> dict:
        return json.loads(self.run("report", "--as-of", as_of, "--format", "json", *args))

    def known(self, as_of: str, on: str) -> str:
        return self.run("report", "--as-of", as_of, "--known-on", on, "--format", "json")


def tasks(report: dict) -> dict[int, dict]:
    return {t["id"]: t for t in report["tasks"]}


def answers(task: dict) -> list[tuple[str, str]]:
    return [(r["due_after"], r["answer_label"]) for r in task["requests"]]


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    """The year played once; each test reads what it left."""
    office = Office(tmp_path_factory.mktemp("year"))
    seen: dict = {"office": office}

    # March: forms out on 03-31; 组宣部's comes back first though filled later.
    march = office.forms("2025-03-31")
    xue = office.fill(
        march,
        XUEHUI,
        "2025-04-03",
        {"3": {"累计完成": 20, "进展情况": "首期培训20人"}, "4": {"完成情况": "推进中"}},
    )
    zu = office.fill(
        march,
        ZUXUAN,
        "2025-04-08",
        {"6": {"进展情况": "已制定方案初稿", "存在问题": "经费未到位"}, "32": {"累计完成": 1}},
    )
    office.bring(zu)
    office.bring(xue)
    seen["march"] = office.report("2025-03-31")
    seen["march_known"] = office.known("2025-03-31", "2025-04-10")
    office.run(
        "comment", "3", "抓紧落实培训场地", "--by", "陈汉平",
        "--date", "2025-04-15", "--recorded", "2025-04-15",
    )  # fmt: skip

    # May: both ask for more time on their forms; one granted, one refused in June.
    may = office.forms("2025-05-31")
    xue_may = office.fill(
        may,
        XUEHUI,
        "2025-05-30",
        {"3": {"累计完成": 40, "申请延期至": "2025.9", "延期理由": "培训场地未落实"}},
    )
    zu_may = office.fill(
        may, ZUXUAN, "2025-06-02", {"7.1": {"申请延期至": "2025.12", "延期理由": "评选推迟"}}
    )
    office.bring(xue_may, zu_may)
    seen["may"] = office.report("2025-05-31")
    office.run(
        "extend", "3", "2025.9", "--reason", "同意延期", "--by", "陈汉平",
        "--date", "2025-06-05", "--recorded", "2025-06-05",
    )  # fmt: skip
    office.run(
        "extend", "7", "--refuse", "--reason", "按原定时限完成", "--by", "郑昌盛",
        "--date", "2025-06-06", "--recorded", "2025-06-06",
    )  # fmt: skip

    # June: task 6 (nothing to count) done on 06-25, said on a form filled in July.
    june = office.forms("2025-06-30")
    xue_june = office.fill(june, XUEHUI, "2025-07-03", {"3": {"累计完成": 60}})
    zu_june = office.fill(
        june,
        ZUXUAN,
        "2025-07-05",
        {"6": {"完成情况": "已完成", "完成日期": "2025-06-25"}, "32": {"累计完成": 3}},
    )
    office.bring(xue_june)
    seen["june_known_before"] = office.known("2025-06-30", "2025-07-04")
    seen["june_zu"] = office.bring(zu_june)
    seen["june_zu_again"] = office.bring(zu_june)  # sent twice
    seen["march_again"] = office.bring(xue)  # an old form sent again
    seen["june"] = office.report("2025-06-30")
    seen["june_known"] = office.known("2025-06-30", "2025-07-10")

    # September: the training held 09-18–19, inside its extension; the form back in October.
    september = office.forms("2025-09-30")
    august = office.forms("2025-08-31")
    xue_sep = office.fill(
        september,
        XUEHUI,
        "2025-10-10",
        {"3": {"累计完成": 105, "完成情况": "已完成", "完成日期": "2025-09-19"}},
    )
    zu_sep = office.fill(
        september, ZUXUAN, "2025-10-08", {"7.1": {"累计完成": 10}, "7.2": {"累计完成": 10}}
    )
    office.fill(september, ZUXUAN, "2025-10-08", {"7.3": {"累计完成": 10}, "7.4": {"累计完成": 12}})
    zu_aug = office.fill(august, ZUXUAN, "2025-10-09", {"7.1": {"累计完成": 8}})
    office.bring(zu_sep)
    seen["august_late"] = office.bring(zu_aug)  # August's, after September's
    office.bring(xue_sep)
    seen["september"] = office.report("2025-09-30")
    seen["october"] = office.report("2025-10-31")

    # November: the 党组 drops task 30 (due in February, never done): apart from then on.
    office.run(
        "cancel", "30", "--reason", "党组会研究决定不再实施",
        "--date", "2025-11-05", "--recorded", "2025-11-05",
    )  # fmt: skip

    # December: task 4 (nothing to count) done on 12-20.
    december = office.forms("2025-12-31")
    xue_dec = office.fill(
        december, XUEHUI, "2026-01-05", {"4": {"完成情况": "已完成", "完成日期": "2025-12-20"}}
    )
    office.bring(xue_dec)
    seen["december"] = office.report("2025-12-31")
    return seen


def test_march_counts_the_forms_at_march_31_whenever_they_came(year):
    march = tasks(year["march"])
    # 20 of 100 trained with two of five months gone: behind time (滞后).
    assert march[3]["targets"][0]["done"] == 20 and march[3]["status"] == "behind"
    assert march[32]["targets"][0]["done"] == 1
    assert march[6]["status"] == "in_progress"  # a written report: 进行中, never 未开始
    assert march[6]["latest"]["problem"] == "经费未到位"
    assert march[4]["status"] == "in_progress"  # 推进中 on its form
    assert year["march"]["summary"]["done"] == 0
    assert (
        not any(t["requests"] for t in march.values()) and year["march"]["pending_requests"] == []
    )


def test_may_lists_both_requests_pending(year):
    may = tasks(year["may"])
    assert answers(may[3]) == [("2025-09", "待审批")] and answers(may[7]) == [("2025-12", "待审批")]
    assert year["may"]["summary"]["pending"] == 2
    assert may[3]["targets"][0]["done"] == 40


def test_june_one_request_granted_one_refused_and_a_text_task_done_on_time(year):
    june = tasks(year["june"])
    assert answers(june[3]) == [("2025-09", "已批准")] and june[3]["due"] == "2025-09"
    assert answers(june[7]) == [("2025-12", "未同意")]  # never 待审批 once refused
    assert year["june"]["pending_requests"] == [] and year["june"]["summary"]["pending"] == 0
    assert june[6]["status"] == "done" and june[6]["completed_on"] == "2025-06-25"
    assert june[6]["completion_label"] == "按期完成"
    assert june[32]["status"] == "done" and june[32]["completion_label"] == "按期完成"
    assert june[3]["targets"][0]["done"] == 60
    assert year["june"]["summary"]["done"] == 2


def test_a_form_sent_twice_or_again_months_later_records_nothing(year):
    assert "6 完成情况：已完成（2025-06-25）" in year["june_zu"]
    assert year["june_zu_again"].endswith("没有新内容，未写入\n")
    assert year["march_again"].endswith("没有新内容，未写入\n")


def test_september_done_within_its_extension_though_reported_in_october(year):
    september = tasks(year["september"])
    assert september[3]["status"] == "done" and september[3]["completed_on"] == "2025-09-19"
    assert september[3]["completion_label"] == "延期后完成" and september[3]["on_time"] is True
    assert september[7]["status"] == "done" and september[7]["completion_label"] == "逾期完成"
    assert "这是 2025-08-31 的表，已有 2025-09-30 的" in year["august_late"]
    assert "7.1 累计完成 0 → 8" in year["august_late"]
    assert tasks(year["october"])[3]["completion_label"] == "延期后完成"
    assert year["september"]["summary"]["done"] == 4
    assert answers(september[7]) == [("2025-12", "未同意")] and september[7]["due"] == "2025-08"
    assert year["september"]["summary"]["pending"] == 0


def test_december_the_year_as_the_forms_told_it(year):
    december = tasks(year["december"])
    assert december[4]["status"] == "done" and december[4]["completed_on"] == "2025-12-20"
    done = {i for i, t in december.items() if t["status"] == "done"}
    assert done == {3, 4, 6, 7, 32}
    assert year["december"]["summary"]["done"] == 5
    assert [c["comment"] for c in december[3]["comments"]] == ["抓紧落实培训场地"]


def test_a_task_cancelled_in_november_is_apart_from_then_and_counted_before(year):
    december = year["december"]
    assert [(t["id"], t["ended"]["date"]) for t in december["ended_tasks"]] == [(30, "2025-11-05")]
    assert 30 not in tasks(december) and december["summary"]["cancelled"] == 1
    assert tasks(year["october"])[30]["status"] == "overdue"
    assert tasks(year["office"].report("2025-11-04"))[30]["status"] == "overdue"


def test_a_report_as_known_on_a_day_reads_the_same_after_later_forms(year):
    office = year["office"]
    assert office.known("2025-03-31", "2025-04-10") == year["march_known"]
    assert office.known("2025-06-30", "2025-07-04") == year["june_known_before"]
    assert office.known("2025-06-30", "2025-07-10") == year["june_known"]
    before = tasks(json.loads(year["june_known_before"]))
    assert before[3]["targets"][0]["done"] == 60  # 学会部's came 07-03
    # 组宣部's June form (07-05) not yet in: task 6, due in June, read 逾期 on 06-30.
    assert before[32]["targets"][0]["done"] == 1 and before[6]["status"] == "overdue"
    assert tasks(json.loads(year["june_known"]))[6]["status"] == "done"
