"""New keys of this round written wrong by hand: `kexie check` names each in Chinese at its
line — an empty value as 空值 (never Python's None), a pause ending before it began."""

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()
PLAN = """\
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
{plan_key}
tasks:
- id: 1
  due: '2025.12'
  content: 讲座
{extra}"""


@pytest.mark.parametrize(
    ("plan_key", "extra", "said"),
    [
        ("  sign_off:", "", "2025_tasks.yaml:5: 计划：sign_off：应为 true 或 false，实际为 空值"),
        (
            "",
            "supervision:\n  blue_days:\n",
            "2025_tasks.yaml:11: supervision.blue_days：应为整数，实际为 空值",
        ),
        (
            "",
            "supervision:\n  urge_step: ~\n",
            "supervision.urge_step：应为 true 或 false，实际为 空值",
        ),
    ],
)
def test_an_empty_value_is_named_as_empty(tmp_path, plan_key, extra, said) -> None:
    (tmp_path / "2025_tasks.yaml").write_text(
        PLAN.format(plan_key=plan_key, extra=extra), encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 2 and said in result.output and "None" not in result.output


def test_a_pause_ending_before_its_date_is_refused_at_its_line(tmp_path) -> None:
    history = (
        "  history:\n  - {date: '2025-06-01', kind: pause, until: '2025.3', reason: 等待政策}\n"
    )
    (tmp_path / "2025_tasks.yaml").write_text(
        PLAN.format(plan_key="", extra=history), encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert (
        "2025_tasks.yaml:11: 任务 1：history[1].until：暂缓至 2025.3 早于暂缓的日期 2025-06-01"
        in (result.output)
    )
    listed = runner.invoke(app, ["list", "--data", str(tmp_path)])
    assert listed.exit_code == 2 and listed.stderr.count("\n") == 1
