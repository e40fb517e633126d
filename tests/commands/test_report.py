"""`kexie report` through the real CLI: the JSON contract, grouping, the tables, shipped data."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.tally import GROUPINGS, UNNAMED
from tests.conftest import DATA, REPO
from tests.sample_plans import sample_data, table_rows

runner = CliRunner()
FLAGS = ["按期完成", "逾期完成", "已延期", "即将到期", "待审批"]
LEVELS = ["蓝色", "黄色", "橙色", "红色"]


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    return str(sample_data(tmp_path))


def report(data, *args):
    result = runner.invoke(app, ["report", "--data", data, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_contract(data):
    body = report(data, "--due", "2025.6", "--as-of", "2025-07-01")
    assert list(body) == [
        "as_of", "due", "margin", "plan", "summary", "groups", "tasks", "ended_tasks",
        "pending_requests",
    ]  # fmt: skip
    assert list(body["tasks"][0]) == [
        "id",
        "section",
        "focus",
        "lead",
        "support",
        "leaders",
        "due",
        "status",
        "status_label",
        "level",
        "level_label",
        "progress",
        "targets",
        "due_original",
        "extensions",
        "requests",
        "completed_on",
        "on_time",
        "completion_label",
        "due_soon",
        "latest",
        "comments",
        "ended",
        "sent_back",
        "awaiting_sign_off",
    ]
    assert (body["as_of"], body["due"], body["margin"]) == ("2025-07-01", "2025-06", 10)
    assert body["plan"] == {
        "title": "测试市科协2025年重点工作任务分解清单",
        "year": 2025,
        "start": "2025-01",
    }
    assert body["summary"] == {
        "tasks": 2, "done": 1, "overdue": 1, "behind": 0, "in_progress": 0, "not_started": 0,
        "cancelled": 0, "paused": 0, "rate": 50.0, "done_on_time": 0, "done_late": 0,
        "extended": 0, "due_soon": 0, "pending": 0, "awaiting_sign_off": 0,
        "blue": 0, "yellow": 0, "orange": 0, "red": 1, "progress": 60.0, "time_share": 49.9,
    }  # fmt: skip
    assert [g["name"] for g in body["groups"]] == ["组宣部", "普及部（中心）"]
    assert list(body["groups"][0]) == [
        "name", "tasks", "done", "overdue", "behind", "in_progress", "not_started",
        "cancelled", "paused", "rate", "done_on_time", "done_late", "extended", "due_soon",
        "pending", "awaiting_sign_off", "blue", "yellow", "orange", "red",
    ]  # fmt: skip
    assert [t["id"] for t in body["tasks"]] == [2, 3]
    assert body["tasks"][1]["targets"][0]["percent"] == 20.0


def test_each_status_rule_at_chosen_dates(data):
    def statuses(as_of):
        return {t["id"]: t["status"] for t in report(data, "--as-of", as_of)["tasks"]}

    early = statuses("2025-01-10")
    assert early[1] == "not_started" and early[5] == "not_started"
    assert early[2] == "done"  # every target met
    assert early[4] == "in_progress"  # marked by hand, nothing to count
    assert statuses("2025-06-15")[3] == "behind"  # 20% done, 92% of its time gone
    assert statuses("2025-07-01")[3] == "overdue"  # past its due month, not done
    assert statuses("2025-07-01")[1] == "in_progress"  # 50% done, 50% of its time gone


def test_without_due_every_task_and_as_of_defaults_to_today(data):
    body = report(data)
    assert body["due"] is None and len(body["tasks"]) == 5
    assert body["as_of"] == dt.date.today().isoformat()


def test_by_leader_counts_a_task_under_each_leader(data):
    body = report(data, "--by", "leader", "--as-of", "2025-07-01")
    groups = {g["name"]: g["tasks"] for g in body["groups"]}
    assert groups == {"郑昌盛": 1, "陈汉平": 2, "李麟": 1, "李义词": 2}
    assert body["summary"]["tasks"] == 5


def test_by_section(data):
    body = report(data, "--by", "section", "--as-of", "2025-07-01")
    assert [(g["name"], g["tasks"], g["done"]) for g in body["groups"]] == [
        ("政治引领", 2, 1),
        ("科学普及", 2, 0),
        ("科技馆", 1, 0),
    ]


def test_margin_option(data):
    def behind(margin):
        body = report(data, "--as-of", "2025-06-15", "--margin", margin)
        return body["summary"]["behind"]

    assert behind("10") == 3
    assert behind("50") == 1  # only task 3, 72 points behind


def test_table_has_targets_statuses_groups_and_total(data):
    args = ["report", "--data", data, "--due", "2025.6", "--as-of", "2025-07-01"]
    result = runner.invoke(app, args)
    out = result.stdout
    assert result.exit_code == 0 and "\x1b[" not in out and "…" not in out
    assert out.startswith(
        "测试市科协2025年重点工作任务分解清单：完成时限在 2025-06 及以前的任务，截至 2025-07-01"
    )
    tasks, groups = out.split("\n\n")
    rows = table_rows(tasks)
    assert rows[0][-4:] == ["目标完成", "进度", "状态", "预警"]
    assert [(r[0], r[-4], r[-2], r[-1]) for r in rows[1:]] == [
        ("2", "宣讲：10/10场（100%）", "已完成", ""),
        ("3", "科普活动：20/100人（20%）", "逾期", "红色"),
    ]
    assert groups.startswith("按牵头部室汇总")
    assert groups.rstrip().endswith("一项任务有多个牵头部室时分别计入各部室；合计每项任务只计一次")
    assert table_rows(groups) == [
        [
            "牵头部室",
            "任务",
            "已完成",
            "逾期",
            "滞后",
            "进行中",
            "未开始",
            "完成率",
            *FLAGS,
            *LEVELS,
        ],
        [
            "组宣部",
            "1",
            "1",
            "0",
            "0",
            "0",
            "0",
            "100%",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
        ],
        [
            "普及部（中心）",
            "1",
            "0",
            "1",
            "0",
            "0",
            "0",
            "0%",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "1",
        ],
        ["合计", "2", "1", "1", "0", "0", "0", "50%", "0", "0", "0", "0", "0", "0", "0", "0", "1"],
    ]


def test_csv_writes_tasks_then_groups_with_total(data):
    result = runner.invoke(
        app, ["report", "--data", data, "--as-of", "2025-07-01", "--format", "csv"]
    )
    tasks_part, groups_part = result.stdout.split("\n\n")
    tasks = list(csv.reader(io.StringIO(tasks_part)))
    groups = list(csv.reader(io.StringIO(groups_part)))
    assert len(tasks) == 6 and tasks[0][0] == "序号"
    assert groups[0] == [
        "牵头部室",
        "任务",
        "已完成",
        "逾期",
        "滞后",
        "进行中",
        "未开始",
        "完成率",
        *FLAGS,
        *LEVELS,
    ]
    total = ["合计", "5", "1", "1", "1", "2", "0", "20%", "0", "0", "0", "0", "0"]
    assert groups[-1] == [*total, "0", "0", "1", "1"]  # 5 orange (behind two months), 3 red


def test_points_plan_has_no_report():
    result = runner.invoke(app, ["report", "--data", str(DATA), "--plan", "2019"])
    assert result.exit_code == 2
    assert "工作要点" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_by_is_usage_error(data):
    result = runner.invoke(app, ["report", "--data", data, "--by", "month"])
    assert result.exit_code == 2 and "--by" in result.stderr


def test_report_due_on_shipped_data(monkeypatch):
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("KEXIE_DATA", raising=False)
    assert runner.invoke(app, ["report", "--due", "2025.6"]).exit_code == 0
    result = runner.invoke(app, ["report", "--due", "2025.6", "--format", "json"])
    body = json.loads(result.stdout)
    assert body["tasks"] and all(t["due"] <= "2025-06" for t in body["tasks"])
    assert body["summary"]["tasks"] == len(body["tasks"])
    counted = sum(
        body["summary"][k] for k in ["done", "overdue", "behind", "in_progress", "not_started"]
    )
    assert counted == body["summary"]["tasks"]


def test_json_served_from_the_cache_is_the_same(data, monkeypatch):
    """The report's JSON from the cached plan is the report from the file."""
    from kexie_cli.plans import cache
    from kexie_cli.plans import load as catalog

    fresh = report(data, "--as-of", "2025-07-01")  # parsed, and cached
    monkeypatch.setattr(cache, "_read", {})  # as a new process
    monkeypatch.setattr(catalog, "load_text", lambda *a: pytest.fail("parsed, not cached"))
    assert report(data, "--as-of", "2025-07-01") == fresh


def test_report_dept_matches_as_list_dept_does_aliases_included():
    """--dept 市科技馆 also finds task 19, whose list writes its lead 市馆 (an alias)."""
    args = ["--dept", "市科技馆", "--as-of", "2025-06-30", "--format", "json", "--data", str(DATA)]
    reported = json.loads(runner.invoke(app, ["report", *args]).stdout)
    listed = json.loads(runner.invoke(app, ["list", *args, "--lead-only"]).stdout)
    assert 19 in [t["id"] for t in reported["tasks"]]
    assert [t["id"] for t in reported["tasks"]] == [t["id"] for t in listed]


# ---- every --by in every --format, on the shipped list ---------------------------------------


def _choices(option: str) -> list[str]:
    """The values the report command itself offers for an option (its Click choices)."""
    from typer.main import get_command

    params = get_command(app).commands["report"].params
    return list(next(p for p in params if option in p.opts).type.choices)


def _first_cells(out: str) -> list[str]:
    """Each table row's first cell, its wrapped lines joined (a long name wraps in its cell)."""
    cells, current = [], ""
    for line in out.splitlines():
        if line.startswith("│"):
            current += line.split("│")[1].strip()
        elif current:
            cells, current = [*cells, current], ""
    return cells


def _groups_shown(fmt: str, by: str, out: str, written) -> list[str]:
    """The group names one format shows, read back the way a reader of that format would."""
    header = GROUPINGS[by][0]
    if fmt == "json":
        return [g["name"] for g in json.loads(out)["groups"]]
    if fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        start = rows.index(next(r for r in rows if r[:2] == [header, "任务"]))
        return [r[0] for r in rows[start + 1 :] if r and r[0] != "合计"]
    if fmt == "table":
        cells = _first_cells(out)
        return cells[cells.index(header) + 1 : cells.index("合计")]
    if fmt == "md":  # a group's numbered heading: ## 一、大冶市承担的工作
        headings = [
            line for line in out.splitlines() if re.match("## [一二三四五六七八九十]+、", line)
        ]
        return [h for h in headings if not re.search(_DRAFT_PARTS, h)]
    import docx

    table = next(t for t in docx.Document(str(written)).tables if t.cell(0, 0).text == header)
    return [row.cells[0].text for row in table.rows[1:] if row.cells[0].text != "合计"]


_DRAFT_PARTS = (
    "、(领导批示及落实|延期情况|存在的问题|下步工作打算)"  # the draft's parts after the groups
)


def _shipped():
    from kexie_cli.plans.load import load_file

    return load_file(DATA / "2025_tasks.yaml")[0]


@pytest.mark.parametrize("as_of", ["2025-06-30", "2025-12-31"])
@pytest.mark.parametrize("fmt", _choices("--format"))
@pytest.mark.parametrize("by", _choices("--by"))
def test_every_grouping_in_every_format(tmp_path, monkeypatch, by, fmt, as_of):
    """A grouping the command offers works in every format it offers, showing each group the
    JSON names; a format that writes a file writes it to -o."""
    monkeypatch.setenv("COLUMNS", "100")
    args = ["report", "--data", str(DATA), "--by", by, "--as-of", as_of]
    groups = [g["name"] for g in report(str(DATA), "--by", by, "--as-of", as_of)["groups"]]
    assert groups
    written = tmp_path / f"通报.{fmt}"
    to_file = ["-o", str(written)] if fmt == "docx" else []
    result = runner.invoke(app, [*args, "--format", fmt, *to_file])
    assert result.exit_code == 0, result.output
    assert "内部错误" not in result.output and result.stderr == ""
    shown = _groups_shown(fmt, by, result.stdout, written)
    if fmt == "md":  # one heading a group, in order; the unnamed one in words of its own
        assert len(shown) == len(groups)
        titles = {name: info.title for name, info in _shipped().sections.items()}  # clean ones
        assert all(
            titles.get(g, g) in h for g, h in zip(groups, shown, strict=True) if g != UNNAMED
        )
    elif fmt == "docx":  # ranked by completion
        assert sorted(shown) == sorted(groups)
    else:
        assert shown == groups
