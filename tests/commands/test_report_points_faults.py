"""`report --points` given what it cannot use: no notice, options it would ignore."""

import pytest
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


NOTICE = """\
plan:
  title: 省要点
  org: 湖北省科协
  year: 2025
sections:
- {id: 一, title: 党建}
points:
- {id: 3, section: 党建, title: 要点, content: 内容}
"""


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--by", "dept"], "kexie: --points 不能与 --by 同用：工作要点的落实情况不分组、不筛选\n"),
        (
            ["--dept", "普及部", "--due", "2025.6"],
            "kexie: --points 不能与 --dept、--due 同用：工作要点的落实情况不分组、不筛选\n",
        ),
        (
            ["--format", "csv", "-o", "x.csv"],
            "kexie: --points 的结果写到标准输出，不用 -o；可用 > 文件名 重定向\n",
        ),
    ],
)
def test_options_points_would_ignore_are_refused(tmp_path, monkeypatch, args, said) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2025_points.yaml").write_text(NOTICE, encoding="utf-8")
    result = runner.invoke(app, ["report", "--points", "--data", str(tmp_path), *args])
    assert result.exit_code == 2 and result.stderr == said
    assert not (tmp_path / "x.csv").exists()
    plain = runner.invoke(app, ["report", "--points", "--data", str(tmp_path)])
    assert plain.exit_code == 0, plain.output
