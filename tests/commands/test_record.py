"""Reading the 督办 record through the CLI: list, show and report on a year of entries."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.sample_plans import RECORD, sample_data, table_rows

runner = CliRunner()
EXTENSION_IN_JULY = """\
  - date: '2025-07-05'
    kind: extension
    due_before: '2025.6'
    due_after: '2025.10'
    reason: 师资未落实
    by: 办公室
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    return str(sample_data(tmp_path, RECORD))


def run(*args, env=None):
    result = runner.invoke(app, [str(a) for a in args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def listed(data, as_of, *args):
    return json.loads(run("list", "--data", data, "--as-of", as_of, "--format", "json", *args))


def ids(data, as_of, *args):
    return [task["id"] for task in listed(data, as_of, *args)]


def report(data, as_of, *args):
    return json.loads(run("report", "--data", data, "--as-of", as_of, "--format", "json", *args))


def test_json_carries_the_record_at_the_date(data):
    end = {t["id"]: t for t in listed(data, "2025-12-31")}
    one = end[1]
    assert (one["due"], one["due_original"]) == ("2025-09", "2025-06")
    assert one["extensions"] == [
        {"date": "2025-05-20", "due_before": "2025-06", "due_after": "2025-09",
         "reason": "场地调整", "by": "办公室"},
    ]  # fmt: skip
    assert one["history"][1] == {
        "date": "2025-05-20", "kind": "extension", "due_before": "2025-06", "due_after": "2025-09",
        "reason": "场地调整", "by": "办公室",
    }  # fmt: skip
    assert (one["completed_on"], one["on_time"], one["completion_label"]) == (
        "2025-08-15", True, "延期后完成",
    )  # fmt: skip
    assert one["latest"] == {
        "date": "2025-06-30", "by": "张三", "note": "已发展会员60人", "problem": "基层积极性不高",
        "next": "7月集中宣传",
    }  # fmt: skip
    assert one["comments"] == [
        {"date": "2025-06-10", "comment": "抓紧推进，月底前报进展", "by": "郑昌盛"}
    ]
    assert (end[2]["on_time"], end[2]["completion_label"]) == (False, "逾期完成")
    assert end[4]["latest"] == {
        "date": "2025-06-30", "by": None, "note": None, "problem": "经费未到位", "next": None,
    }  # fmt: skip
    early = {t["id"]: t for t in listed(data, "2025-05-01")}
    assert (early[1]["due"], early[1]["extensions"], early[1]["latest"]) == ("2025-06", [], None)
    assert (early[1]["comments"], early[1]["completed_on"], early[1]["on_time"]) == ([], None, None)


def test_status_flags_select_and_several_statuses_select_any(data):
    assert ids(data, "2025-12-31", "--status", "extended") == [1, 5]
    assert ids(data, "2025-06-01", "--status", "已延期") == [1]
    assert ids(data, "2025-12-31", "--status", "done_late") == [2]
    assert ids(data, "2025-12-31", "--status", "逾期完成") == [2]
    assert ids(data, "2025-12-31", "--status", "按期完成") == [1, 3]
    assert ids(data, "2025-07-10", "--status", "due_soon") == [4]
    assert ids(data, "2025-07-10", "--status", "即将到期", "--within", "10") == []
    assert ids(data, "2025-12-31", "--status", "overdue,done_late") == [2, 4, 5]
    assert ids(data, "2025-12-31", "--status", "逾期，逾期完成") == [2, 4, 5]
    assert ids(data, "2025-12-31", "--status", "overdue", "--status", "extended") == [1, 4, 5]
    soon = {t["id"]: t["due_soon"] for t in listed(data, "2025-07-10")}
    assert soon == {1: False, 2: False, 3: False, 4: True, 5: False}


def test_statuses_are_judged_against_the_deadline_in_force(data):
    before = {t["id"]: t["status"] for t in listed(data, "2025-07-04")}
    after = {t["id"]: t["status"] for t in listed(data, "2025-07-05")}
    assert (before[5], after[5]) == ("overdue", "behind")  # extended to 2025.10 on 07-05
    assert ids(data, "2025-07-04", "--due", "2025.6") == [2, 3, 5]
    assert ids(data, "2025-07-05", "--due", "2025.6") == [2, 3]


def test_a_june_report_is_the_same_before_and_after_a_july_extension(data, tmp_path):
    june = report(data, "2025-06-30", "--due", "2025.6")
    assert [t["id"] for t in june["tasks"]] == [2, 3, 5]  # task 1 was extended in May
    assert june["summary"]["extended"] == 0
    (tmp_path / "without").mkdir()
    without = str(sample_data(tmp_path / "without", RECORD.replace(EXTENSION_IN_JULY, "")))
    assert EXTENSION_IN_JULY in RECORD
    assert report(without, "2025-06-30", "--due", "2025.6") == june
    july = report(data, "2025-07-31", "--due", "2025.6")
    assert [t["id"] for t in july["tasks"]] == [2, 3]


def test_report_counts_the_flags_and_gives_the_headline(data):
    body = report(data, "2025-12-31")
    summary = body["summary"]
    assert (summary["done_on_time"], summary["done_late"], summary["extended"]) == (2, 1, 2)
    assert summary["due_soon"] == 0
    # Tasks with figures: 1 (120/100 → 100%), 3 (100%), 5 (2/5 → 40%).
    assert (summary["progress"], summary["time_share"]) == (80.0, 100.0)
    groups = {g["name"]: g for g in body["groups"]}
    assert (groups["学会部"]["done_late"], groups["学会部"]["extended"]) == (1, 1)
    assert body["pending_requests"] == []
    june = report(data, "2025-06-30")
    assert june["pending_requests"] == [
        {"id": 5, "date": "2025-06-20", "due_after": "2025-10", "reason": "师资未落实",
         "by": "学会部"},
    ]  # fmt: skip
    assert june["summary"]["time_share"] == 49.6  # 181 of 365 days


def test_headline_progress_is_null_without_figures(tmp_path):
    plain = (
        RECORD.split("- id: 2")[0].split("tasks:")[0]
        + "tasks:\n- id: 2"
        + (RECORD.split("- id: 2")[1].split("- id: 3")[0])
    )
    data = str(sample_data(tmp_path, plain))
    assert report(data, "2025-12-31")["summary"]["progress"] is None


def test_tables_show_the_extended_deadline_the_marks_and_the_headline(data):
    out = run("report", "--data", data, "--as-of", "2025-07-10")
    assert "平均进度" in out and "时间进度 52.3%" in out
    rows = {row[0]: row for row in table_rows(out.split("按牵头部室汇总")[0])}
    assert "2025.9（原定2025.6，延期1次）" in rows["1"]
    assert "逾期完成" in rows["2"] and "按期完成" in rows["3"]
    assert "进行中即将到期" in rows["4"]  # 即将到期 on a second line of the cell


def test_latest_column_where_there_is_room(data):
    narrow = run("list", "--data", data, "--as-of", "2025-07-10")
    assert "进展情况" not in narrow
    wide = run("list", "--data", data, "--as-of", "2025-07-10", env={"COLUMNS": "160"})
    assert "进展情况" in wide and "已发展会员" in wide  # "60人" may wrap, kept whole
    rows = list(csv.reader(io.StringIO(run("list", "--data", data, "--format", "csv"))))
    latest = [dict(zip(rows[0], row, strict=True))["进展情况"] for row in rows[1:]]
    assert latest[0] == "2025-06-30 已发展会员60人" and latest[3] == "2025-06-30 问题：经费未到位"


def test_show_lists_reports_comments_with_follow_up_and_extensions(data):
    out = run("show", "1", "--data", data, "--as-of", "2025-12-31", env={"COLUMNS": "200"})
    for title in ("进展情况", "领导批示及落实", "延期记录", "更新记录"):
        assert f"\n{title}" in out or out.startswith(title), title
    assert "2025.9（原定2025.6，延期1次）" in out and "延期后完成" in out
    comments = table_rows(out.split("领导批示及落实")[1].split("延期记录")[0])
    assert comments[1][1:3] == ["郑昌盛", "抓紧推进，月底前报进展"]
    assert "已发展会员60人" in comments[1][3]
    early = run("show", "1", "--data", data, "--as-of", "2025-06-20", env={"COLUMNS": "200"})
    assert "（尚无）" in early and "已发展会员60人" not in early
    body = json.loads(run("show", "1", "--data", data, "--as-of", "2025-06-20", "--format", "json"))
    assert body["latest"] is None and len(body["comments"]) == 1


def test_md_draft_has_the_headline_and_the_comments_part(data):
    draft = run("report", "--data", data, "--as-of", "2025-12-31", "--format", "md")
    assert "平均完成80%，全年时间已过去100%" in draft
    assert "已完成3项（按期完成1项，延期后完成1项，逾期完成1项）" in draft
    part = draft.split("、领导批示及落实")[1]
    assert "郑昌盛同志6月10日对" in part and "批示：“抓紧推进" in part
    assert "落实情况：6月30日，已发展会员60人" in part
    early = run("report", "--data", data, "--as-of", "2025-05-01", "--format", "md")
    assert "本期暂无领导批示。" in early


def test_pending_requests_are_listed_in_the_report_table_and_the_md_draft(tmp_path, data):
    text = RECORD.replace(
        """  - date: '2025-07-05'
    kind: extension
    due_before: '2025.6'
    due_after: '2025.10'
    reason: 师资未落实
    by: 办公室
""",
        "",
    )
    (tmp_path / "asked").mkdir()
    asked = str(sample_data(tmp_path / "asked", text))
    table = run("report", "--data", asked, "--as-of", "2025-07-10", env={"COLUMNS": "160"})
    pending = table.split("延期申请（批准")[1]
    assert "2025-06-20" in pending and "2025.10" in pending and "师资未落实" in pending
    assert "待审批" in pending
    draft = run("report", "--data", asked, "--as-of", "2025-07-10", "--format", "md")
    assert "（学会部）于6月20日申请延期至2025年10月，理由：师资未落实，待审批。" in draft
    approved = run("report", "--data", data, "--as-of", "2025-07-10", env={"COLUMNS": "160"})
    answered = approved.split("延期申请（批准")[1]  # the extension of July 5 answered it
    assert "已批准" in answered and "2025-07-05 延期至 2025.10" in answered
    assert "待审批" not in answered


def test_a_refused_request_never_shows_as_pending(tmp_path):
    """组宣部 asks for more time on task 5; the leader refuses: every report then says 未同意
    with the reason, and none lists the request as 待审批 — before the refusal they all do."""
    data = str(sample_data(tmp_path, RECORD.replace(EXTENSION_IN_JULY, "")))
    before = listed(data, "2025-06-30", "--status", "待审批")
    assert [t["id"] for t in before] == [5]
    assert before[0]["requests"][0]["answer_label"] == "待审批"
    run("extend", "5", "--refuse", "--reason", "须按期完成", "--by", "陈汉平",
        "--date", "2025-07-01", "--data", data)  # fmt: skip
    assert listed(data, "2025-07-10", "--status", "pending") == []
    assert [t["id"] for t in listed(data, "2025-06-30", "--status", "待审批")] == [5]  # as then
    task = listed(data, "2025-07-10")
    asked = next(t for t in task if t["id"] == 5)["requests"][0]
    assert (asked["answer"], asked["answer_label"]) == ("refused", "未同意")
    assert asked["answered"] == {"date": "2025-07-01", "reason": "须按期完成", "by": "陈汉平"}
    report = json.loads(run("report", "--data", data, "--as-of", "2025-07-10", "--format", "json"))
    assert report["pending_requests"] == [] and report["summary"]["pending"] == 0
    table = run("report", "--data", data, "--as-of", "2025-07-10", env={"COLUMNS": "160"})
    answered = table.split("延期申请（批准")[1]
    assert "未同意" in answered and "须按期完成" in answered and "待审批" not in answered
    draft = run("report", "--data", data, "--as-of", "2025-07-10", "--format", "md")
    assert "经陈汉平于7月1日未同意，理由：须按期完成。" in draft and "待审批" not in draft
    shown = run("show", "5", "--data", data, "--as-of", "2025-07-10", env={"COLUMNS": "160"})
    asked = shown.split("延期申请")[1]
    assert "未同意" in asked and "须按期完成" in asked and "陈汉平" in asked
    assert "待审批" not in asked
    before = run("show", "5", "--data", data, "--as-of", "2025-06-30", env={"COLUMNS": "160"})
    assert "待审批" in before.split("延期申请")[1]  # as it stood then
