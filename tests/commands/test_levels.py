"""Warning levels through the CLI: `list` and `report` at each month end of a generated year,
`--status` by level, the tallies, the rules a plan declares, the tables at 80 and 200 columns."""

import json

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.levels import month_ends
from kexie_cli.core.months import Month
from tests.level_plans import BY_HAND, URGE_RULES, URGED, year_data
from tests.sample_plans import table_rows

runner = CliRunner()
ENDS = [day.isoformat() for day in month_ends(Month(2025, 1), Month(2025, 12).last_day)]
LABELS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    return str(year_data(tmp_path))


def run(*args):
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def levels(data, as_of, command="list"):
    out = run(command, "--data", data, "--as-of", as_of, "--format", "json")
    tasks = json.loads(out) if command == "list" else json.loads(out)["tasks"]
    return {t["id"]: (t["level"], t["level_label"]) for t in tasks}


@pytest.mark.parametrize("command", ["list", "report"])
def test_each_month_end_of_the_year_as_the_hand_table_says(data, command):
    for month, day in enumerate(ENDS):
        found = levels(data, day, command)
        for task_id, expected in BY_HAND.items():
            level = expected[month]
            assert found[task_id] == (level, LABELS.get(level)), (day, task_id)


def test_urges_raise_the_level_when_the_plan_declares_it(tmp_path):
    data = str(year_data(tmp_path, URGE_RULES))
    for month, day in enumerate(ENDS):
        assert levels(data, day)[5][0] == URGED[5][month], day
    # without the rule, the same day is 橙色 (two month ends in a row), not 红色
    (tmp_path / "plain").mkdir()
    plain = str(year_data(tmp_path / "plain"))
    assert levels(plain, ENDS[2])[5][0] == "orange"


def test_an_urge_to_an_alias_of_the_lead_raises_the_level_too(tmp_path):
    data = year_data(tmp_path, URGE_RULES)
    plan = data / "2025_tasks.yaml"
    text = plan.read_text(encoding="utf-8").replace("to: 普及部", "to: 科普部")
    plan.write_text(text + "departments:\n  aliases: {科普部: 普及部}\n", encoding="utf-8")
    assert run("check", "--data", str(data))
    for month, day in enumerate(ENDS):
        assert levels(str(data), day)[5][0] == URGED[5][month], day


def test_status_filters_by_level_in_english_or_chinese(data):
    def ids(*args):
        out = run("list", "--data", data, "--as-of", ENDS[5], "--format", "json", *args)
        return [t["id"] for t in json.loads(out)]

    # June 30: 1 黄色, 2 红色, 3 橙色, 4 橙色, 5 橙色
    assert ids("--status", "red") == [2] == ids("--status", "红色")
    assert ids("--status", "orange,yellow") == [1, 3, 4, 5]
    assert ids("--status", "橙色", "--status", "blue") == [3, 4, 5]
    assert ids("--status", "逾期,黄色") == [1, 2]  # a status and a level: either holds


def test_an_unknown_level_is_one_line_naming_the_levels(data):
    result = runner.invoke(app, ["list", "--data", data, "--status", "purple"])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "red（红色）" in result.stderr


def test_report_tallies_each_level(data):
    body = json.loads(run("report", "--data", data, "--as-of", ENDS[5], "--format", "json"))
    summary = body["summary"]
    assert [summary[k] for k in ("blue", "yellow", "orange", "red")] == [0, 1, 3, 1]
    groups = {
        g["name"]: [g[k] for k in ("blue", "yellow", "orange", "red")] for g in body["groups"]
    }
    assert groups == {
        "办公室": [0, 1, 0, 0],
        "组宣部": [0, 0, 0, 1],
        "学会部": [0, 0, 2, 0],
        "普及部": [0, 0, 1, 0],
    }


def test_as_of_gives_the_level_then_and_done_has_none(data):
    assert levels(data, "2025-12-20")[1] == ("blue", "蓝色")  # 11 of 12, 11 days left
    assert levels(data, "2026-01-15")[1] == (None, None)  # done on December 31
    assert levels(data, "2025-09-01")[2] == (None, None)  # marked done in August


def test_rules_declared_in_the_plan_apply(tmp_path):
    rules = "supervision:\n  yellow_points: 5\n  orange_after: 0\n"
    data = str(year_data(tmp_path, rules))
    assert levels(data, ENDS[0])[1] == ("yellow", "黄色")  # 0 against 8.5%: 5 points behind
    assert levels(data, ENDS[2])[5] == ("yellow", "黄色")  # never 橙色


def test_bad_rules_are_refused_at_file_and_line(tmp_path):
    rules = "supervision:\n  blue_days: -3\n  urge_step: sometimes\n  orange: 2\n"
    data = year_data(tmp_path, rules)
    result = runner.invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{data / '2025_tasks.yaml'}:7: supervision.blue_days：不能小于 0，实际为 -3",
        f"{data / '2025_tasks.yaml'}:8: supervision.urge_step：应为 true 或 false，实际为 'sometimes'",
        f"{data / '2025_tasks.yaml'}:9: supervision.orange：未知字段",
    ]


@pytest.mark.parametrize("width", [80, 200])
def test_the_level_column_at_80_and_200_columns(data, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    for command in ("list", "report"):
        out = run(command, "--data", data, "--as-of", ENDS[5])
        assert max(cell_len(line) for line in out.splitlines()) <= width
        assert "…" not in out
        rows = table_rows(out.split("\n\n")[0])
        header = rows[0]
        assert "预警" in header and "状态" in header  # each its own column
        at = header.index("预警")
        assert {r[0]: r[at] for r in rows[1:]} == {
            "1": "黄色", "2": "红色", "3": "橙色", "4": "橙色", "5": "橙色",
        }  # fmt: skip
    tally = run("report", "--data", data, "--as-of", ENDS[5]).split("\n\n")[1]
    assert ("红色" in tally) is (width >= 120)  # the tally's levels need a wide terminal


def test_show_gives_the_level_at_as_of(data):
    out = run("show", "4", "--data", data, "--as-of", ENDS[5], "--format", "json")
    assert (json.loads(out)["level"], json.loads(out)["level_label"]) == ("orange", "橙色")
    table = run("show", "4", "--data", data, "--as-of", ENDS[5])
    assert ["预警", "橙色"] in table_rows(table.split("\n\n")[0])
    done = json.loads(run("show", "2", "--data", data, "--as-of", "2025-09-01", "--format", "json"))
    assert done["level"] is None and "预警" not in run(
        "show", "2", "--data", data, "--as-of", "2025-09-01"
    )
