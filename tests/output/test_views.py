"""Views: the facts every format shows, built from task states."""

import datetime as dt

from kexie_cli.core.months import Month
from kexie_cli.core.queries import LEAD, Found, plan_states
from kexie_cli.core.status import Status, task_state
from kexie_cli.core.tally import build_report
from kexie_cli.output.list_view import id_ranges, task_list
from kexie_cli.output.report_view import report_view
from kexie_cli.output.show_view import task_detail
from kexie_cli.output.views import done_text, percent, task_json
from tests.sample_plans import sample_plan

PLAN = sample_plan()
MID_JUNE = dt.date(2025, 6, 15)


def state(task_id, as_of=MID_JUNE):
    task = next(t for t in PLAN.tasks if t.id == task_id)
    return task_state(task, PLAN.start, as_of)


def test_done_text_shows_a_range_target_as_a_range_everywhere():
    (exhibition,) = state(5).targets  # target 1-2场, done 0
    assert done_text(exhibition) == "0/1-2场（0%）"
    row = task_list([Found(state(5))], with_role=False).tables[0].rows[0]
    assert row["done"] == ["0/1-2场（0%）"] and row["targets"] == ["主题展览 1-2场"]
    reached = report_view(build_report(PLAN, MID_JUNE, None, 10.0, "dept")).tables[0].rows
    assert "主题展览：0/1-2场（0%）" in [line for r in reached for line in r.get("reached", [])]
    assert done_text(state(1).targets[0]) == "3/12次（25%）"  # one number stays one number


def test_whole_percents_take_a_short_way_to_the_same_figure():
    shares = [0.0, 100.0, 250.0, 1e12, 99.96, 99.94, 0.05, 6.25, 12.5, 41.666, 1 / 3 * 100]
    shares += [done / target * 100 for done in range(0, 13) for target in (1, 3, 7, 8, 12)]
    for value in shares:
        assert percent(value) == round(value, 1) and type(percent(value)) is float, value


def test_task_json_replays_done_at_the_date():
    early = task_json(state(1, dt.date(2025, 4, 1)))
    late = task_json(state(1, dt.date(2025, 7, 1)))
    assert early["targets"][0]["done"] == 3 and late["targets"][0]["done"] == 6
    assert early["targets"][0]["percent"] == 25.0 and late["targets"][0]["percent"] == 50.0


def test_list_view_rows_and_json_agree():
    found = [Found(s, LEAD) for s in plan_states(PLAN, MID_JUNE)[:2]]
    view = task_list(found, with_role=True)
    (table,) = view.tables
    assert [row["id"] for row in table.rows] == [t["id"] for t in view.data] == [1, 2]
    assert [row["status"] for row in table.rows] == [Status.BEHIND, Status.DONE]
    assert [t["status"] for t in view.data] == ["behind", "done"]
    assert table.rows[0]["progress"] == 0.25
    assert "role" in [c.key for c in table.columns]
    assert "role" not in [c.key for c in task_list(found, with_role=False).tables[0].columns]


def test_detail_has_fields_targets_and_history_tables():
    view = task_detail(state(1), MID_JUNE)
    fields, targets, history = view.tables
    values = {row["field"]: row["value"] for row in fields.rows}
    assert values["推进措施"] == ["1.全年组织党组会学习不少于12次。"]
    assert values["状态"] == "滞后（截至 2025-06-15）"
    assert targets.rows[0] | {"progress": None} == {
        "key": 1, "name": "党组会学习", "target": "不少于12次", "done": "3次",
        "progress": None, "met": "否",
    }  # fmt: skip
    assert [(r["date"], r["change"]) for r in history.rows] == [
        ("2025-03-31", "0 → 3"),
        ("2025-06-30", "3 → 6"),
    ]


def test_report_view_total_line_and_caption():
    view = report_view(build_report(PLAN, dt.date(2025, 7, 1), Month(2025, 6), 10.0))
    tasks, groups = view.tables
    assert [row["id"] for row in tasks.rows] == [2, 3]
    assert groups.total == {
        "name": "合计", "tasks": 2, "done": 1, "overdue": 1, "behind": 0, "in_progress": 0,
        "not_started": 0, "cancelled": 0, "paused": 0, "rate": "50%", "done_on_time": 0,
        "done_late": 0, "extended": 0, "due_soon": 0, "pending": 0, "awaiting_sign_off": 0,
        "blue": 0, "yellow": 0, "orange": 0, "red": 1,
    }  # fmt: skip
    assert "合计每项任务只计一次" in groups.caption
    assert view.data["summary"]["rate"] == 50.0
    section = report_view(build_report(PLAN, dt.date(2025, 7, 1), None, 10.0, "section"))
    assert section.tables[1].caption == "" and section.tables[1].columns[0].header == "类型"


def test_id_ranges():
    assert id_ranges([1, 2, 3, 5, 7, 8]) == "1–3、5、7–8"
    assert id_ranges([]) == ""


def test_show_gives_a_figure_past_its_target_as_it_is_and_the_bar_stops_full():
    import dataclasses
    import io

    from kexie_cli.output import render

    plan = sample_plan()
    task = next(t for t in plan.tasks if t.targets)
    first = task.targets[0]
    over = dataclasses.replace(
        task, targets=[dataclasses.replace(first, done=first.target * 1.25), *task.targets[1:]]
    )
    out = io.StringIO()
    render(task_detail(task_state(over, plan.start), MID_JUNE), "table", out)  # no replay
    targets = out.getvalue().split("\n目标")[1]
    row = next(line for line in targets.splitlines() if first.name in line)
    assert "125%" in row and "██████████" in row  # the figure as it is, the bar full


# ---- a target's note (备注): under the target in `show`, in every task's JSON -------------------

NOTED = """
plan:
  title: 测试市科协2025年重点工作任务分解清单
  year: 2025
  start: '2025.1'
tasks:
- id: 1
  section: 科学普及
  focus: 丰富科普活动
  content: 开展科普活动。
  measures: [各县不少于10场。]
  lead: [普及部（中心）]
  leaders: [李麟]
  due: '2025.12'
  targets:
  - name: 各县科普活动
    target: 10
    unit: 场
    comparator: at_least
    each: [大冶市, 阳新县]
    note: 原文各县不少于10场，分解到两地。
  - {name: 科普讲座, target: 4, unit: 场}
  note: 任务本身的备注
"""


def _cli(*args: object) -> str:
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_show_gives_a_targets_note_under_it_and_its_places(write):
    import csv

    plan = write("2025_tasks.yaml", NOTED)
    targets = _cli("show", 1, "--data", plan).split("\n目标")[1]
    note = targets.index("备注：原文各县不少于10场，分解到两地。")
    assert targets.index("阳新县") < note < targets.index("科普讲座")
    assert targets.count("备注：") == 1  # 科普讲座 has none
    rows = list(csv.reader(_cli("show", 1, "--data", plan, "--format", "csv").splitlines()))
    under = rows[rows.index(next(r for r in rows if r[:1] == ["1·阳新县"])) + 1]
    assert under[:2] == ["", "备注：原文各县不少于10场，分解到两地。"]


def test_show_and_list_json_carry_each_targets_note(write):
    import json

    plan = write("2025_tasks.yaml", NOTED)
    shown = json.loads(_cli("show", 1, "--data", plan, "--format", "json"))
    listed = json.loads(_cli("list", "--data", plan, "--format", "json"))[0]
    for task in (shown, listed):
        assert [t["note"] for t in task["targets"]] == ["原文各县不少于10场，分解到两地。", None]
        assert task["note"] == "任务本身的备注"


def test_the_shipped_targets_notes_are_shown(tmp_path, monkeypatch):
    import json

    import yaml

    from tests.conftest import DATA

    monkeypatch.setenv("KEXIE_CACHE", str(tmp_path / "cache"))
    plan = DATA / "2025_tasks.yaml"
    (task,) = [
        t for t in yaml.safe_load(plan.read_text(encoding="utf-8"))["tasks"] if t["id"] == 19
    ]
    written = [t.get("note") for t in task["targets"]]
    assert len([n for n in written if n]) == 2
    shown = json.loads(_cli("show", 19, "--data", plan, "--format", "json"))
    assert [t["note"] for t in shown["targets"]] == written
    table = _cli("show", 19, "--data", plan, "--format", "md")
    assert all(f"备注：{note}" in table for note in written if note)
