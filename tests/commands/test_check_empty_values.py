"""A new key of this round written with no value: `kexie check` names it in Chinese at its
line, never Python's None."""

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
