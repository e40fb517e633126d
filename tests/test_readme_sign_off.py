"""The README's walk from 申请办结 to 销号 and a cancellation, run as written on a copy of the
shipped data given `sign_off: true`, saying what the README says it says."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kexie_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
HEADING = "### 实例：申请办结、销号和取消"


def walk() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split(HEADING, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, flags=re.S)
    assert block is not None
    lines = [line.split("  #")[0] for line in block[1].splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("kexie ")]


def test_the_sign_off_walk_runs_as_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    plan = data / "2025_tasks.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("  start: '2025.1'\n", "  start: '2025.1'\n  sign_off: true\n", 1))
    runner = CliRunner()

    def run(args: list[str], *more: str) -> str:
        result = runner.invoke(app, [*args, *more, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    ask, waiting, refuse, again, close, cancel, after, before = walk()
    assert run(ask) == "任务 6：已申请办结，待销号\n"
    assert [t["id"] for t in json.loads(run(waiting, "--format", "json"))] == [6]
    assert "退回" in run(refuse)
    run(again)
    assert run(close) == "任务 6 已销号（2025-07-03，陈汉平）；完成于 2025-06-30，按期完成\n"
    run(cancel)
    later, earlier = (json.loads(run(args, "--format", "json")) for args in (after, before))
    assert [t["id"] for t in later["ended_tasks"]] == [32]
    assert 32 not in [t["id"] for t in later["tasks"]]
    assert earlier["ended_tasks"] == [] and 32 in [t["id"] for t in earlier["tasks"]]
    assert (later["summary"]["cancelled"], earlier["summary"]["cancelled"]) == (1, 0)
    done = {t["id"]: t for t in later["tasks"]}[6]
    assert (done["status"], done["completed_on"]) == ("done", "2025-06-30")
    assert "已取消或暂缓的任务" in run(after)
