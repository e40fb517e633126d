"""The year of tests/test_year.py again, on the shipped list with the office's sign-off
(`sign_off: true`) and its 督办 rules (`supervision:`): departments' 已完成 are requests (待销号)
the office closes or sends back, a task is paused then counts again, one is cancelled, a
reminder raises a task behind time, a red task gets its 督办通知单. At each quarter's end the
report, the levels and the score are checked against figures worked out by hand below.

The rules: 蓝色 15 days before the deadline, 黄色 behind the 序时进度 by more than 10 points,
橙色 at 2 month ends of 黄色 in a row, and each 催办 sent while 黄色/橙色 raises it one step.
The 序时进度 at a month end of a task due 2025.12 is the days gone over 365: Jan 8.5%,
Feb 16.2%, Mar 24.7%, Apr 32.9%, May 41.4%, Jun 49.6%, Sep 74.8%, Dec 100%.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from tests.test_year import XUEHUI, ZUXUAN, Office, tasks

RULES = """\
supervision:
  blue_days: 15
  yellow_points: 10
  orange_after: 2
  urge_step: true
  note: 按本办督查督办工作办法
"""
# A scheme small enough to add up by hand: 按时完成率 (40), 延期 (−1 each), 预警 (橙色 −1, 红色 −2).
SCORE_RULES = """\
title: 年度考核（测试）
base: 100
items:
  - {kind: on_time, name: 按时完成率, weight: 40}
  - {kind: extensions, name: 延期, weight: 1}
  - {kind: levels, name: 预警, red: 2, orange: 1}
"""


class SignedOffice(Office):
    """The office's folder with the plan given sign-off and 督办 rules."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        plan = self.data / "2025_tasks.yaml"
        text = plan.read_text(encoding="utf-8")
        text = text.replace("  start: '2025.1'\n", "  start: '2025.1'\n  sign_off: true\n", 1)
        plan.write_text(text.replace("\ndepartments:\n", f"\n{RULES}departments:\n", 1), "utf-8")
        self.rules = root / "考核细则.yaml"
        self.rules.write_text(SCORE_RULES, encoding="utf-8")

    def score(self, as_of: str) -> dict[str, dict]:
        said = json.loads(
            self.run("score", "--as-of", as_of, "--rules", str(self.rules), "--format", "json")
        )
        return {s["name"]: s for s in said["scores"]} | {"set_aside": said["set_aside"]}

    def row_text(self, path: Path, ref: str) -> str:
        """Every cell of a form's row, as read back."""
        sheet = openpyxl.load_workbook(path)["填报表"]
        for row in sheet.iter_rows(min_row=5):
            if str(row[0].value) == ref:
                return " ".join(str(c.value) for c in row if c.value is not None)
        return ""

    def refs(self, folder: Path, dept: str) -> list[str]:
        sheet = openpyxl.load_workbook(next(folder.glob(f"*_{dept}.xlsx")))["填报表"]
        return [str(sheet[f"A{n}"].value) for n in range(5, sheet.max_row + 1)]


def quarter(office: SignedOffice, as_of: str) -> dict:
    return {
        "report": office.report(as_of),
        "groups": office.report(as_of, "--by", "dept"),
        "score": office.score(as_of),
    }


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> dict:
    office = SignedOffice(tmp_path_factory.mktemp("signed_year"))
    seen: dict = {"office": office}

    # March: 学会部 trained 20 (task 3), 60 pieces (task 11); 组宣部 one of three (task 32).
    march = office.forms("2025-03-31")
    office.bring(
        office.fill(
            march, XUEHUI, "2025-04-03",
            {"3": {"累计完成": 20}, "4": {"完成情况": "推进中"}, "11": {"累计完成": 60}},
        ),
        office.fill(march, ZUXUAN, "2025-04-08", {"32": {"累计完成": 1}}),
    )  # fmt: skip
    seen["q1"] = quarter(office, "2025-03-31")
    seen["q1_known"] = office.known("2025-03-31", "2025-04-05")  # 组宣部's came 04-08

    # April: the 党组 puts task 4 off until the end of August.
    office.run(
        "pause", "4", "--reason", "等待省科协统一部署", "--until", "2025.8",
        "--date", "2025-04-15", "--recorded", "2025-04-15",
    )  # fmt: skip

    # May: 学会部 asks for more time on task 3, 组宣部 on task 7; one granted, one refused.
    may = office.forms("2025-05-31")
    seen["may_refs"] = office.refs(may, XUEHUI)
    office.bring(
        office.fill(
            may, XUEHUI, "2025-05-30",
            {"3": {"累计完成": 40, "申请延期至": "2025.9", "延期理由": "培训场地未落实"}},
        ),
        office.fill(may, ZUXUAN, "2025-06-02", {"7.1": {"申请延期至": "2025.12", "延期理由": "评选推迟"}}),
    )  # fmt: skip
    office.run(
        "extend", "3", "2025.9", "--reason", "同意延期", "--by", "陈汉平",
        "--date", "2025-06-05", "--recorded", "2025-06-05",
    )  # fmt: skip
    office.run(
        "extend", "7", "--refuse", "--reason", "按原定时限完成", "--by", "郑昌盛",
        "--date", "2025-06-06", "--recorded", "2025-06-06",
    )  # fmt: skip
    seen["remind"] = office.run(
        "remind", "--to", "stdout", "--dept", XUEHUI, "--as-of", "2025-06-10"
    )

    # June: task 6 said done on 06-25, task 32's three reached; forms back in July.
    june = office.forms("2025-06-30")
    xue_june = office.fill(
        june, XUEHUI, "2025-07-03", {"3": {"累计完成": 60}, "11": {"累计完成": 70}}
    )
    zu_june = office.fill(
        june, ZUXUAN, "2025-07-05",
        {"6": {"完成情况": "已完成", "完成日期": "2025-06-25"}, "32": {"累计完成": 3}},
    )  # fmt: skip
    office.bring(xue_june)
    seen["june_zu"] = office.bring(zu_june)
    seen["q2"] = quarter(office, "2025-06-30")
    seen["q2_known"] = json.loads(office.known("2025-06-30", "2025-07-04"))
    again = office.root / "again"  # June's form made again, the requests in: they say so
    office.run("forms", "-o", str(again), "--as-of", "2025-06-30", "--dept", ZUXUAN)
    seen["june_row32"] = office.row_text(next(again.glob("*.xlsx")), "32")
    seen["notice"] = office.run(
        "notice", "11", "--date", "2025-07-05", "--number", "黄科协督〔2025〕1号",
        "-o", str(office.root / "通知单.docx"),
    )  # fmt: skip

    # July: the office sends task 6 back, closes task 32; 组宣部 asks again on its July form.
    office.run(
        "close", "6", "--refuse", "--reason", "缺少活动总结", "--date", "2025-07-08",
        "--recorded", "2025-07-08",
    )  # fmt: skip
    office.run("close", "32", "--by", "陈汉平", "--date", "2025-07-06", "--recorded", "2025-07-06")
    july = office.forms("2025-07-31")
    seen["july_row6"] = office.row_text(next(july.glob(f"*_{ZUXUAN}.xlsx")), "6")
    office.bring(
        office.fill(
            july, ZUXUAN, "2025-08-03", {"6": {"完成情况": "已完成", "完成日期": "2025-07-25"}}
        )
    )
    office.run("close", "6", "--by", "陈汉平", "--date", "2025-08-05", "--recorded", "2025-08-05")

    # August: the 党组 drops task 30 (due in February, never done).
    office.run(
        "cancel", "30", "--reason", "党组会研究决定不再实施",
        "--date", "2025-08-12", "--recorded", "2025-08-12",
    )  # fmt: skip

    # September: task 3 trained in full on 09-19; task 7's four targets met; task 11 at 150.
    september = office.forms("2025-09-30")
    seen["september_refs"] = (office.refs(september, XUEHUI), office.refs(september, ZUXUAN))
    office.bring(
        office.fill(
            september, XUEHUI, "2025-10-10",
            {"3": {"累计完成": 105, "完成情况": "已完成", "完成日期": "2025-09-19"},
             "11": {"累计完成": 150}},
        ),
        office.fill(
            september, ZUXUAN, "2025-10-08",
            {"7.1": {"累计完成": 10}, "7.2": {"累计完成": 10}, "7.3": {"累计完成": 10},
             "7.4": {"累计完成": 12}},
        ),
    )  # fmt: skip
    seen["q3"] = quarter(office, "2025-09-30")
    office.run("close", "7", "--by", "陈汉平", "--date", "2025-10-09", "--recorded", "2025-10-09")
    office.run("close", "3", "--by", "陈汉平", "--date", "2025-10-12", "--recorded", "2025-10-12")

    # December: task 4 done on 12-20 and task 11's 200 reached, said on a form of 12-28.
    december = office.forms("2025-12-31")
    office.bring(
        office.fill(
            december,
            XUEHUI,
            "2025-12-28",
            {"4": {"完成情况": "已完成", "完成日期": "2025-12-20"}, "11": {"累计完成": 200}},
        )
    )
    office.run("close", "4", "--by", "陈汉平", "--date", "2025-12-30", "--recorded", "2025-12-30")
    office.run("close", "11", "--by", "陈汉平", "--date", "2025-12-30", "--recorded", "2025-12-30")
    seen["q4"] = quarter(office, "2025-12-31")
    return seen


def group(q: dict, name: str) -> dict:
    return next(g for g in q["groups"]["groups"] if g["name"] == name)


def levels(q: dict, *ids: int) -> list[str | None]:
    found = tasks(q["report"])
    return [found[i]["level"] for i in ids]


def on_time_line(q: dict, dept: str) -> str:
    return q["score"][dept]["lines"][0]["why"]


# ---- the record: requests, 销号, 退回, pause, cancel --------------------------------------


def test_a_department_s_done_is_a_request_until_the_office_closes_it(year):
    june = tasks(year["q2"]["report"])
    # Task 6 said done on 06-25, task 32's three reached on its June form (截至 06-30).
    assert [(june[i]["status"], june[i]["awaiting_sign_off"]) for i in (6, 32)] == [
        ("in_progress", "2025-06-25"),
        ("in_progress", "2025-06-30"),
    ]
    assert "6 完成情况：已完成（2025-06-25，申请办结，待销号）" in year["june_zu"]
    assert year["q2"]["report"]["summary"]["awaiting_sign_off"] == 2
    assert group(year["q2"], ZUXUAN)["awaiting_sign_off"] == 2
    # Task 32 closed 07-06: done at the request's date, on time.
    september = tasks(year["q3"]["report"])
    assert (september[32]["status"], september[32]["completed_on"]) == ("done", "2025-06-30")
    assert september[32]["completion_label"] == "按期完成"


def test_a_form_made_while_a_request_waits_says_so(year):
    assert "【已申请办结（2025-06-30），待销号】" in year["june_row32"]


def test_a_request_sent_back_shows_on_the_next_form_and_is_closed_later(year):
    assert "【办结申请已退回（2025-07-08）：缺少活动总结】" in year["july_row6"]
    september = tasks(year["q3"]["report"])
    # Asked again on the July form with 完成日期 07-25, after its June deadline: late.
    assert (september[6]["status"], september[6]["completed_on"]) == ("done", "2025-07-25")
    assert september[6]["completion_label"] == "逾期完成" and september[6]["sent_back"] is None
    shown = year["office"].run("show", "6", "--as-of", "2025-09-30").splitlines()
    asked = [line for line in shown if "│ 状态 │" in line]
    assert len(asked) == 2 and all("申请办结" in line for line in asked)  # the marks, as requests


def test_a_paused_task_is_off_the_forms_and_apart_until_its_month_ends(year):
    assert "4" not in year["may_refs"] and "3" in year["may_refs"]
    assert year["q2"]["report"]["ended_tasks"][0]["id"] == 4
    assert year["q2"]["report"]["ended_tasks"][0]["ended"]["until"] == "2025-08"
    assert 4 not in tasks(year["q2"]["report"]) and year["q2"]["report"]["summary"]["paused"] == 1
    assert "4" in year["september_refs"][0]  # the pause lapsed at the end of August
    assert tasks(year["q3"]["report"])[4]["status"] == "in_progress"  # 推进中 in March
    assert year["q3"]["report"]["summary"]["paused"] == 0


def test_a_task_cancelled_mid_year_is_apart_from_then_and_off_every_form(year):
    assert tasks(year["q2"]["report"])[30]["status"] == "overdue"
    q3 = year["q3"]["report"]
    assert [(t["id"], t["ended"]["kind"], t["ended"]["date"]) for t in q3["ended_tasks"]] == [
        (30, "cancel", "2025-08-12")
    ]
    assert 30 not in tasks(q3) and q3["summary"]["cancelled"] == 1
    xuehui_september, zuxuan_september = year["september_refs"]
    assert "30" not in zuxuan_september and "30" not in xuehui_september  # lead nor support


# ---- levels, the reminder, the notice ------------------------------------------------------


def test_levels_at_each_quarter_end(year):
    # Task 3 (100 to train, due 2025.5): 0 at Jan 31 against 31/151 = 20.5% of its time,
    # 黄色; Feb 28 again (39.1%): 橙色; Mar 31 20% against 59.6%: still 橙色. Extended on
    # 06-05 to 2025.9: at Jun 30 60% against 181/273 = 66.3%, 6.3 behind: none; Sep 30 awaiting
    # 销号: none. Task 11 (200, due 2025.12): Mar 31 30% against 24.7%: none; Jun 30 35%
    # against 49.6%, 黄色 at May 31 (30% against 41.4%) and Jun 30, reminded 06-10: 红色
    # (below); Sep 30 75% against 74.8%: none. Task 30 (due 2025.2, never done): 红色 from
    # Feb 28. Task 7 (due 2025.8, nothing done to September): 12.8% of its time at Jan 31,
    # 24.3% at Feb 28: 橙色; Sep 30 awaiting 销号: none. Task 32 (3, due 2025.6): 1 of 3 at
    # Mar 31 against 49.7%, 黄色 since January: 橙色; Jun 30 awaiting: none.
    assert levels(year["q1"], 3, 11, 30, 7, 32) == ["orange", None, "red", "orange", "orange"]
    assert levels(year["q2"], 3, 11, 30, 7, 32) == [None, "red", "red", "orange", None]
    assert levels(year["q3"], 3, 11, 7) == [None, None, None]
    # 学会部 at Jun 30: 4 paused; 5, 21, 36 (nothing counted) 橙色 since Mar 31 and reminded
    # 06-10: 红色; 11 红色; 3 none; 18, 27 (nothing to count, due 2025.12) none.
    assert (group(year["q2"], XUEHUI)["red"], group(year["q2"], XUEHUI)["orange"]) == (4, 0)
    office = year["office"]
    reds = office.run(
        "list", "--status", "红色", "--dept", XUEHUI, "--lead-only", "--as-of", "2025-06-30",
        "--format", "json",
    )  # fmt: skip
    assert [t["id"] for t in json.loads(reds)] == [5, 11, 21, 36]


def test_a_reminder_to_the_lead_raises_its_yellow_tasks_and_not_its_supporters(year):
    digest = year["remind"]
    assert "- 11. " in digest and "- 24. " in digest and "（配合）" in digest
    show = json.loads(year["office"].run("show", "11", "--format", "json"))
    urges = [h for h in show["history"] if h["kind"] == "urge"]
    assert [(u["date"], u["to"], u["channel"]) for u in urges] == [("2025-06-10", XUEHUI, "stdout")]
    office = year["office"]

    def level_on(task: int, day: str) -> str | None:
        return json.loads(office.run("show", str(task), "--as-of", day, "--format", "json"))[
            "level"
        ]

    # Task 11 黄色 at May 31 (one month end), the 催办 of 06-10 raises it: 橙色 that day.
    assert (level_on(11, "2025-06-09"), level_on(11, "2025-06-10")) == ("yellow", "orange")
    # Task 24 (组宣部's, 学会部 supports it) was named too, 橙色 since Mar 31: it stays 橙色.
    assert level_on(24, "2025-06-10") == "orange"


def test_a_red_task_gets_its_notice_and_the_notice_is_on_its_record(year):
    assert "黄科协督〔2025〕1号：任务 11（预警为红色）" in year["notice"]
    show = json.loads(year["office"].run("show", "11", "--format", "json"))
    (notice,) = [h for h in show["history"] if h["kind"] == "notice"]
    # Answer by the month after the notice's (July): August.
    assert (notice["date"], notice["number"], notice["due_after"]) == (
        "2025-07-05", "黄科协督〔2025〕1号", "2025-08",
    )  # fmt: skip


# ---- tallies and the score -----------------------------------------------------------------


def test_completion_rate_leaves_out_tasks_cancelled_or_paused(year):
    # Q2: none done, 4 paused: 0 / 39. Q3: 6 and 32 done, 30 cancelled: 2 / 39 = 5.1%.
    # Q4: 3, 4, 6, 7, 11, 32 done: 6 / 39 = 15.4%. 组宣部 leads 16, 30 cancelled: Q3 2 / 15,
    # Q4 3 / 15 (6, 7, 32). 学会部 leads 8: Q4 3 / 8 (3, 4, 11).
    summaries = [year[q]["report"]["summary"] for q in ("q1", "q2", "q3", "q4")]
    assert [s["rate"] for s in summaries] == [0.0, 0.0, 5.1, 15.4]
    assert [s["done"] for s in summaries] == [0, 0, 2, 6]
    assert [group(year[q], ZUXUAN)["rate"] for q in ("q3", "q4")] == [13.3, 20.0]
    assert group(year["q4"], XUEHUI)["rate"] == 37.5
    q4 = year["q4"]["report"]["summary"]
    assert (q4["done_on_time"], q4["done_late"]) == (4, 2)  # 6 and 7 late


def test_the_score_each_quarter_by_hand(year):
    """基础分 100; 按时完成率 40 shared by the tasks judged (due by the date or done); 延期 −1;
    预警 橙色 −1, 红色 −2 per task, once per level; tasks cancelled or paused set apart."""
    scores = [
        {d: year[q]["score"][d]["score"] for d in (XUEHUI, ZUXUAN)}
        for q in ("q1", "q2", "q3", "q4")
    ]
    # Q1 学会部: nothing judged; 橙色 3 (02-28), 5, 21, 36 (03-31): 100 − 4.
    #    组宣部: 30 overdue, the only one judged: −40; 红色 30; 橙色 7, 32 (02-28), 8, 9, 24, 26,
    #    28, 31 (03-31): −2 − 8. 100 − 50.
    # Q2 学会部 (4 paused): 3 extended −1; 3 橙色 and 红色 (05-31) −3; 5, 21, 36 橙色 and 红色
    #    (the 催办 of 06-10 on 橙色) −9; 11 橙色 (06-10) and 红色 (06-30) −3: 100 − 16.
    #    组宣部: 30, 6, 32 judged, 6 and 32 asked by June: 40 ÷ 3 for 30 = −13.33; levels as Q1
    #    (the 催办 to 学会部 on 24, 28, 32 raises nothing): −10. 76.67.
    # Q3 学会部 (4 back): 3 asked 09-19 within its extension: 1 / 1; −1 − 15 as Q2: 84.
    #    组宣部 (30 cancelled): judged 6 (late), 7 (asked 09-30 after August), 32, 33 (overdue):
    #    −30; levels −10 as Q1 less 30's −2, plus 7 红色 (08-31) −2, 33 红色 (09-30) −2: 58.
    # Q4 学会部: all 8 judged, 5, 18, 21, 27, 36 not done: 5 × −5; −1; −15; 18, 27 红色 at
    #    12-31 −4: 55. 组宣部: 15 judged, 32 alone on time: 40 × 14 ÷ 15 = −37.33 (14 lines of
    #    −2.67 or −2.66); −12 as Q3; 红色 at 12-31: 8, 9, 24, 26, 28, 31 and 10, 22, 25, 29, 34:
    #    −22. 100 − 37.33 − 34 = 28.67.
    assert scores == [
        {XUEHUI: 96, ZUXUAN: 50},
        {XUEHUI: 84, ZUXUAN: 76.67},
        {XUEHUI: 84, ZUXUAN: 58},
        {XUEHUI: 55, ZUXUAN: 28.67},
    ]
    assert on_time_line(year["q3"], ZUXUAN) == "按时完成 1 / 4 项（25%），每项 10 分"
    assert on_time_line(year["q4"], XUEHUI) == "按时完成 3 / 8 项（37.5%），每项 5 分"
    assert [s["id"] for s in year["q2"]["score"]["set_aside"]] == [4]
    assert [s["id"] for s in year["q3"]["score"]["set_aside"]] == [30]
    assert (year["q2"]["score"][XUEHUI]["tasks"], year["q3"]["score"][ZUXUAN]["tasks"]) == (7, 15)


def test_score_and_report_agree_on_what_was_done_on_time(year):
    # Q4, every task closed: the score's on-time count is the report's done_on_time.
    for dept in (XUEHUI, ZUXUAN):
        kept = group(year["q4"], dept)["done_on_time"]
        assert on_time_line(year["q4"], dept).startswith(f"按时完成 {kept} / ")


# ---- as the office knew it -----------------------------------------------------------------


def test_a_quarter_as_known_before_the_late_forms(year):
    march = tasks(json.loads(year["q1_known"]))
    # 学会部's March form came 04-03, 组宣部's 04-08: on 04-05 task 32 still had none.
    assert march[11]["targets"][0]["done"] == 60 and march[32]["targets"][0]["done"] == 0
    june = tasks(year["q2_known"])
    # On 07-04 组宣部's June form (07-05) was not in: task 6 overdue, 红色; 32 one of three.
    assert (june[6]["status"], june[6]["level"], june[6]["awaiting_sign_off"]) == (
        "overdue", "red", None,
    )  # fmt: skip
    assert (june[32]["status"], june[32]["level"]) == ("overdue", "red")
    assert year["q2_known"]["summary"]["awaiting_sign_off"] == 0
    office = year["office"]
    assert office.known("2025-03-31", "2025-04-05") == year["q1_known"]
    assert json.loads(office.known("2025-06-30", "2025-07-04")) == year["q2_known"]


def test_the_draft_and_the_notice_tell_the_requests_waiting_and_the_task_dropped(year):
    """Q3 (09-30): 3 and 7 asked, not yet closed — 进行中 in the counts, said as waiting; 30
    cancelled, in a part of its own with its date and reason."""
    office = year["office"]
    draft = office.run("report", "--as-of", "2025-09-30", "--format", "md")
    assert "其中进度滞后16项、已申请办结待销号2项" in draft
    apart = draft.split("取消或暂缓的任务\n", 1)[1].split("\n## ", 1)[0]
    assert "新春座谈会" in apart and "已取消（2025-08-12）：党组会研究决定不再实施" in apart
    path = office.root / "通报.docx"
    office.run("report", "--as-of", "2025-09-30", "--format", "docx", "-o", str(path))
    words = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "已申请办结待销号2项" in words and "已取消（2025-08-12）" in words
