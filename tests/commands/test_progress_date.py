"""`kexie progress --date`: a date after today is refused before anything is read or written."""

from __future__ import annotations

import datetime as dt

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()

PLAN = """plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
tasks:
- id: 13
  due: '2025.12'
  targets:
  - name: 科普讲座场次
    unit: 场
    target: 20
    done: 5
"""


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "2025_tasks.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(path, *args):
    return runner.invoke(app, ["progress", *args, "--data", str(path)])


@pytest.mark.parametrize("days", [1, 365 * 74])
def test_a_date_after_today_is_refused_and_nothing_is_written(plan_file, days):
    future = (dt.date.today() + dt.timedelta(days=days)).isoformat()
    before = plan_file.read_bytes()
    result = run(plan_file, "13.1", "--done", "4", "--date", future)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "--date" in result.stderr and future in result.stderr
    assert plan_file.read_bytes() == before
    # …so an update with the default date (today) still lands afterwards.
    assert run(plan_file, "13.1", "--done", "6").exit_code == 0
    assert "after: 6" in plan_file.read_text(encoding="utf-8")


def test_today_and_earlier_dates_are_accepted(plan_file):
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert run(plan_file, "13.1", "--done", "6", "--date", yesterday).exit_code == 0
    assert (
        run(plan_file, "13.1", "--done", "7", "--date", dt.date.today().isoformat()).exit_code == 0
    )


def test_a_date_that_is_not_a_date_keeps_its_own_message(plan_file):
    result = run(plan_file, "13.1", "--done", "6", "--date", "2025-13-01")
    assert result.exit_code == 2
    assert "不是日期" in result.stderr
