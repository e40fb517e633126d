"""`kexie remind` through the CLI: the digests on the shipped list, sent to robots and a
mailbox the test starts, recorded once as urge entries, a failing destination reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.channels import robots
from kexie_cli.cli import app
from kexie_cli.core.models import EntryKind, TasksPlan
from kexie_cli.plans.load import load_file
from tests.channels.servers import Mailbox, Robot
from tests.conftest import DATA

runner = CliRunner()
AS_OF = "2025-06-20"

PLAN = """\
plan:
  title: 测试清单
  year: 2025
  start: '2025.1'
tasks:
- id: 3
  due: '2025.5'
  content: 举办科技工作者培训
  lead: [学会部]
  support: [组宣部]
- id: 7
  due: '2025.6'
  content: 大力弘扬科学家精神
  lead: [组宣部]
  history:
  - date: '2025-06-10'
    kind: request
    due_after: '2025.9'
    reason: 场地未落实
    by: 组宣部
  - date: '2025-06-12'
    kind: comment
    comment: 抓紧推进
    by: 郑昌盛
- id: 9
  due: '2025.12'
  content: 已完成的任务
  lead: [组宣部]
  status: done
"""

CONFIG = """\
[departments."组宣部"]
to = "wecom"
webhook_env = "KEXIE_TEST_WECOM"
[departments."学会部"]
to = "dingtalk"
webhook_env = "KEXIE_TEST_DING"
secret_env = "KEXIE_TEST_DING_SECRET"
"""


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(robots, "BACKOFF", 0.0)


@pytest.fixture
def plan_file(write) -> Path:
    return write("2025_tasks.yaml", PLAN)


def remind(path: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["remind", "--as-of", AS_OF, *args, "--data", str(path)], env=env)


def urges(path: Path) -> dict[int, list[tuple[str, str, str]]]:
    plan, problems = load_file(path)
    assert not problems and isinstance(plan, TasksPlan)
    return {
        t.id: [(h.date.isoformat(), h.to, h.channel) for h in t.history if h.kind is EntryKind.URGE]
        for t in plan.tasks
    }


def test_dry_run_on_the_shipped_list_prints_one_digest_per_lead_department(tmp_path):
    shutil.copy(DATA / "2025_tasks.yaml", tmp_path)
    before = (tmp_path / "2025_tasks.yaml").read_bytes()
    result = remind(tmp_path, "--dry-run")
    assert result.exit_code == 0, result.output
    heads = [line for line in result.stdout.splitlines() if line.startswith("== ")]
    assert heads[:2] == ["== 办公室 → stdout ==", "== 机关党委 → stdout =="]
    assert "== 组宣部 → stdout ==" in heads
    assert len(heads) == len(set(heads)) >= 5
    zuxuan = result.stdout.split("== 组宣部 → stdout ==")[1].split("\n== ")[0]
    assert "组宣部重点工作督办提醒（截至 2025-06-20）\n" in zuxuan and "**" not in zuxuan
    assert "- 30. 举办全市科技工作者新春座谈会" in zuxuan and "时限 2025.2" in zuxuan
    assert "6 月填报表未报送（本年尚无登记），请尽快报送。" in zuxuan
    assert (tmp_path / "2025_tasks.yaml").read_bytes() == before  # nothing recorded


def test_digest_names_overdue_requests_and_unanswered_comments(plan_file):
    result = remind(plan_file, "--dept", "组宣部", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "- 3. 举办科技工作者培训（配合）　时限 2025.5" in lines
    assert "- 7. 大力弘扬科学家精神　申请延期至 2025.9（2025-06-10）" in lines
    assert "- 7. 大力弘扬科学家精神　郑昌盛 2025-06-12 批示：抓紧推进" in lines
    assert "- 7. 大力弘扬科学家精神　时限 2025.6" in lines  # due within 30 days
    assert not any(line.startswith("- 9.") for line in lines)  # done: not chased
    # reported on 06-10 (the request): the June form counts as returned
    assert "填报表未报送" not in result.stdout


def test_sent_to_robots_recorded_once_and_not_again_that_day(plan_file):
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    with Robot() as wecom, Robot() as ding:
        env = {"KEXIE_TEST_WECOM": wecom.url, "KEXIE_TEST_DING": ding.url,
               "KEXIE_TEST_DING_SECRET": "SEC123"}  # fmt: skip
        result = remind(plan_file, env=env)
        assert result.exit_code == 0, result.output
        assert "SECRETKEY" not in result.output and "SEC123" not in result.output
        assert len(wecom.requests) == 1 and len(ding.requests) == 1
        content = wecom.requests[0]["json"]["markdown"]["content"]
        assert content.startswith("**组宣部重点工作督办提醒（截至 2025-06-20）**")
        assert "sign=" in ding.requests[0]["path"]
        assert urges(plan_file) == {
            3: [(AS_OF, "学会部", "dingtalk"), (AS_OF, "组宣部", "wecom")],
            7: [(AS_OF, "组宣部", "wecom")],
            9: [],
        }
        again = remind(plan_file, env=env)
        assert again.exit_code == 0
        assert "组宣部：2025-06-20 已催办，不再发送" in again.stderr
        assert len(wecom.requests) == 1 and len(ding.requests) == 1
        forced = remind(plan_file, "--dept", "组宣部", "--force", env=env)
        assert forced.exit_code == 0, forced.output
        assert len(wecom.requests) == 2
    assert len(urges(plan_file)[7]) == 2
    shown = runner.invoke(app, ["show", "7", "--as-of", AS_OF, "--data", str(plan_file)])
    assert "催办记录" in shown.stdout and shown.stdout.count("wecom") == 2


def test_a_failing_destination_is_retried_reported_and_not_recorded(plan_file):
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    with Robot([(500, {})]) as wecom, Robot([(503, {}), (200, {"errcode": 0})]) as ding:
        env = {"KEXIE_TEST_WECOM": wecom.url, "KEXIE_TEST_DING": ding.url,
               "KEXIE_TEST_DING_SECRET": "SEC123"}  # fmt: skip
        result = remind(plan_file, env=env)
    assert result.exit_code == 2
    assert len(wecom.requests) == robots.TRIES and len(ding.requests) == 2
    assert f"未送达：组宣部（wecom）：{robots.TRIES} 次均未送达（HTTP 500）" in result.stderr
    assert "SECRETKEY" not in result.output
    assert urges(plan_file) == {3: [(AS_OF, "学会部", "dingtalk")], 7: [], 9: []}


def test_a_missing_variable_is_one_line_and_nothing_sent(plan_file):
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    before = plan_file.read_bytes()
    with Robot() as ding:
        result = remind(plan_file, env={"KEXIE_TEST_DING": ding.url, "KEXIE_TEST_WECOM": ""})
    assert result.exit_code == 2
    assert (
        result.stderr.strip().splitlines()[-1].startswith("kexie: 环境变量 KEXIE_TEST_DING_SECRET")
    )
    assert ding.requests == [] and plan_file.read_bytes() == before


def test_email_arrives_and_is_recorded(plan_file):
    with Mailbox() as box:
        (plan_file.parent / "kexie.toml").write_text(
            f'[departments."学会部"]\nto = "email"\nmail_to = ["xh@example.cn"]\n'
            f'[email]\nhost = "127.0.0.1"\nport = {box.port}\nfrom = "office@example.cn"\n',
            encoding="utf-8",
        )
        result = remind(plan_file, "--dept", "学会部")
    assert result.exit_code == 0, result.output
    (envelope,) = box.messages
    assert envelope.rcpt_tos == ["xh@example.cn"]
    assert "举办科技工作者培训".encode() in envelope.content or b"=E4" in envelope.content
    assert urges(plan_file)[3] == [(AS_OF, "学会部", "email")]


def test_dry_run_shows_the_robot_payload_without_secrets(plan_file):
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    env = {"KEXIE_TEST_WECOM": "http://x/?key=SECRETKEY", "KEXIE_TEST_DING": "http://y/",
           "KEXIE_TEST_DING_SECRET": "SEC123"}  # fmt: skip
    result = remind(plan_file, "--dept", "学会部", "--dry-run", env=env)
    assert result.exit_code == 0, result.output
    body = result.stdout.split("== 学会部 → dingtalk ==\n")[1]
    payload = json.loads(body.strip())
    assert payload["msgtype"] == "markdown" and payload["markdown"]["title"].startswith("学会部")
    assert "SEC123" not in result.output and "SECRETKEY" not in result.output


def test_dry_run_needs_no_secret(plan_file):
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    result = remind(plan_file, "--dry-run", env={"KEXIE_TEST_WECOM": "", "KEXIE_TEST_DING": ""})
    assert result.exit_code == 0, result.output
    assert "== 组宣部 → wecom ==" in result.stdout and "== 学会部 → dingtalk ==" in result.stdout


def test_sent_but_not_recorded_says_so(plan_file):
    """Someone breaks the plan file while the digest is on its way: it was sent, and the
    command says it could not record it (exit 2) rather than pretend either way."""
    (plan_file.parent / "kexie.toml").write_text(CONFIG, encoding="utf-8")
    broken = "plan: [\n"
    with Robot(on_request=lambda: plan_file.write_text(broken, encoding="utf-8")) as wecom:
        result = remind(plan_file, "--dept", "组宣部", env={"KEXIE_TEST_WECOM": wecom.url})
    assert len(wecom.requests) == 1
    assert result.exit_code == 2
    assert "已发送（组宣部），但未能记入督办记录" in result.stderr
    assert plan_file.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"[departments\n", "kexie.toml:1: 不是正确的 TOML：格式错误（第 13 列附近）\n"),
        (b"\xff[email]\n", "kexie.toml: 不是 UTF-8 文本（第 0 字节）\n"),
    ],
)
def test_a_damaged_settings_file_stops_remind_in_one_chinese_line(tmp_path, data, said):
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "2025_tasks.yaml").write_text(
        "plan:\n  title: 清单\n  year: 2025\ntasks:\n- id: 1\n  due: '2025.3'\n"
        "  content: 讲座\n  lead: [普及部]\n",
        encoding="utf-8",
    )
    (folder / "kexie.toml").write_bytes(data)
    result = CliRunner().invoke(
        app, ["remind", "--dry-run", "--as-of", "2025-06-20", "--data", str(folder)]
    )
    assert result.exit_code == 2 and result.stderr.endswith(said), result.stderr
    assert result.stderr.count("\n") == 1


def test_a_reminder_for_a_past_date_is_recorded_on_the_day_given(plan_file):
    result = remind(plan_file, "--to", "stdout", "--recorded", "2025-06-23")
    assert result.exit_code == 0, result.output
    plan, problems = load_file(plan_file)
    assert not problems and isinstance(plan, TasksPlan)
    urged = [h for t in plan.tasks for h in t.history if h.kind is EntryKind.URGE]
    assert urged and {(h.date.isoformat(), str(h.recorded)) for h in urged} == {
        (AS_OF, "2025-06-23")
    }
    assert "recorded: '2025-06-23'" in plan_file.read_text(encoding="utf-8")


def test_a_recorded_day_after_today_is_refused_and_nothing_sent(plan_file):
    before = plan_file.read_bytes()
    result = remind(plan_file, "--to", "stdout", "--recorded", "2999-01-01")
    assert result.exit_code == 2 and "--recorded" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == "" and plan_file.read_bytes() == before
