"""`kexie check` through the real CLI: one line per problem, exit 2; a summary line on success."""

import json

from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA

runner = CliRunner()

GOOD = """
plan:
  title: 测试清单
  year: 2025
tasks:
- id: 1
  due: 2025.10
  targets:
  - name: 学习
    target: 12
    unit: 次
    comparator: at_least
    done: 0
"""

BAD = """
plan:
  title: 测试清单
  year: 2025
  colour: red
tasks:
- id: 1
  due: 2025.13
  targets:
  - name: 学习
    target: 十二
    done: -1
- id: 1
  due: 2025年6月
"""


def test_check_passes_shipped_data():
    result = runner.invoke(app, ["check", "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("通过：")
    assert result.stderr == ""


def test_check_good_file_summary(write):
    path = write("good.yaml", GOOD)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0
    assert result.stdout.strip() == "通过：1 个计划，1 项任务，1 项指标，0 条工作要点"


def test_check_reports_every_problem_with_file_line_task_field(write):
    path = write("bad.yaml", BAD)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{path}:4: 计划：colour：未知字段",
        f"{path}:6: 任务 1：id：编号 1 重复",
        f"{path}:7: 任务 1：due：月份 '2025.13' 超出 1–12",
        f"{path}:10: 任务 1：targets[1].target：应为数字，实际为 '十二'",
        f"{path}:11: 任务 1：targets[1].done：不能小于 0，实际为 -1",
        f"{path}:12: 任务 1：id：编号 1 重复",
    ]
    assert "Traceback" not in result.output


def test_check_malformed_yaml(write):
    path = write("broken.yaml", "plan:\n  title: x\n tasks: [\n")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:3:2: YAML：格式错误")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_uses_data_option_and_env(write, tmp_path, monkeypatch):
    write("good.yaml", GOOD)
    assert runner.invoke(app, ["check", "--data", str(tmp_path)]).exit_code == 0
    monkeypatch.setenv("KEXIE_DATA", str(tmp_path))
    assert runner.invoke(app, ["check"]).exit_code == 0


def test_no_data_folder_says_how_to_point_at_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KEXIE_DATA", raising=False)
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "--data" in result.stderr and "KEXIE_DATA" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_option_is_one_line_exit_2():
    result = runner.invoke(app, ["check", "--bogus"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "--bogus" in result.stderr


def test_a_missing_file_is_one_problem_among_the_others(write, tmp_path):
    bad = write("bad.yaml", BAD)
    result = runner.invoke(app, ["check", str(bad), str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert f"{tmp_path / 'nowhere.yaml'}: 文件不存在" in lines
    assert len(lines) == 7  # bad.yaml's six problems are still all reported


def test_a_folder_argument_checks_the_plans_in_it(write, tmp_path):
    write("good.yaml", GOOD)
    result = runner.invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 项任务" in result.stdout


def test_a_broken_file_does_not_block_a_named_plan(write, tmp_path):
    write("2025_tasks.yaml", GOOD)
    write("2019_points.yaml", "plan:\n  title: x\n points: [\n")
    named = runner.invoke(
        app, ["list", "--plan", "2025", "--format", "json", "--data", str(tmp_path)]
    )
    assert named.exit_code == 0, named.output
    assert [task["id"] for task in json.loads(named.stdout)] == [1]
    unnamed = runner.invoke(app, ["list", "--format", "json", "--data", str(tmp_path)])
    assert unnamed.exit_code == 2
    assert unnamed.stderr.startswith("kexie: ") and "2019_points.yaml:3" in unnamed.stderr
    broken = runner.invoke(app, ["list", "--plan", "2019", "--data", str(tmp_path)])
    assert broken.exit_code == 2 and "2019_points.yaml:3" in broken.stderr


def test_check_reports_two_plans_of_one_year(tmp_path):
    import shutil

    shutil.copy(DATA / "2025_tasks.yaml", tmp_path / "2025_tasks.yaml")
    shutil.copy(DATA / "2025_tasks.yaml", tmp_path / "2025_tasks_copy.yaml")
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "同为 2025 年的任务分解清单" in result.output
    assert "2025_tasks_copy.yaml" in result.output


def test_check_names_a_temporary_a_killed_write_left(tmp_path):
    import shutil

    shutil.copy(DATA / "2025_tasks.yaml", tmp_path / "2025_tasks.yaml")
    (tmp_path / ".2025_tasks.yaml.x1y2.tmp").write_text("half", encoding="utf-8")
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 0
    assert ".2025_tasks.yaml.x1y2.tmp: 中断的写入留下的临时文件" in result.output


def test_a_history_date_is_exactly_yyyy_mm_dd_not_unix_time_or_a_week(write):
    """Pydantic alone would read 86400 as 1970-01-02; kexie reads a day one way (core.dates)."""
    path = write(
        "dates.yaml",
        """
        plan:
          title: 测试清单
          year: 2025
        tasks:
        - id: 1
          due: 2025.10
          history:
          - {date: 86400, kind: report, note: 甲}
          - {date: '2025-W26-1', kind: report, note: 乙}
          - {date: '2025-06-30', kind: report, note: 丙}
        """,
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"{path}:8: 任务 1：history[1].date：应为日期，如 2025-06-30，实际为 '86400'",
        f"{path}:9: 任务 1：history[2].date：应为日期，如 2025-06-30，实际为 '2025-W26-1'",
    ]
