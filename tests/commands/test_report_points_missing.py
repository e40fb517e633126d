"""`report --points` in a folder without a work-points notice: says what is missing."""

from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()
PLAN = (
    "plan:\n  title: 测试清单\n  year: 2025\ntasks:\n- id: 1\n  due: '2025.12'\n  content: 讲座\n"
)


def test_no_notice_is_named_as_missing(tmp_path) -> None:
    (tmp_path / "2025_tasks.yaml").write_text(PLAN, encoding="utf-8")
    result = runner.invoke(app, ["report", "--points", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == "kexie: --points：数据中没有任何组织的工作要点（points: 计划文件）\n"
