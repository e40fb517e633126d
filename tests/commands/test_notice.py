"""`kexie notice` through the CLI: drafted for a task at 红色, recorded, refused otherwise."""

import io
import json
import subprocess
import sys

import docx
import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.level_plans import year_data

runner = CliRunner()


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return year_data(tmp_path)


def notice(data, *args):
    return runner.invoke(app, ["notice", *args, "--data", str(data)])


def history(data, task_id):
    out = runner.invoke(app, ["list", "--data", str(data), "--format", "json"]).stdout
    return next(t for t in json.loads(out) if t["id"] == task_id)["history"]


def texts(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_red_task_gets_a_notice_and_the_entry(office, tmp_path):
    result = notice(office, "3", "--date", "2025-10-10", "--by", "郑昌盛")
    assert result.exit_code == 0, result.output
    written = tmp_path / "督办通知单_任务3.docx"
    assert result.stdout.strip() == (
        f"已起草督办通知单 〔2025〕  号：任务 3（预警为红色）→ {written.name}，请于2025年11月底前回复"
    )
    body = texts(written)
    assert body[:2] == ["督办通知单", "〔2025〕  号"]
    assert "截至2025年10月10日，该任务已逾期未完成，预警等级为红色。" in body[4]
    assert any("9月红色" in t for t in body)
    entry = history(office, 3)[-1]
    assert {k: entry[k] for k in ("date", "kind", "number", "due_after", "by")} == {
        "date": "2025-10-10",
        "kind": "notice",
        "number": "〔2025〕  号",
        "due_after": "2025-11",
        "by": "郑昌盛",
    }


def test_the_number_goes_on_and_the_record_tells_the_earlier_notice(office, tmp_path):
    first = notice(office, "3", "--date", "2025-10-10", "--number", "黄科协督〔2025〕7号")
    assert first.exit_code == 0, first.output
    out = tmp_path / "second.docx"
    second = notice(office, "3", "--date", "2025-11-03", "--answer-by", "2025.12", "-o", str(out))
    assert second.exit_code == 0, second.output
    body = texts(out)
    assert body[1] == "黄科协督〔2025〕8号"
    assert (
        "2025年10月10日，发出督办通知单黄科协督〔2025〕7号，要求2025年11月底前回复。"
        in "\n".join(body)
    )
    assert [h["number"] for h in history(office, 3) if h["kind"] == "notice"] == [
        "黄科协督〔2025〕7号",
        "黄科协督〔2025〕8号",
    ]


def test_a_task_not_at_red_is_refused_in_one_line_and_nothing_is_written(office, tmp_path):
    before = (office / "2025_tasks.yaml").read_bytes()
    result = notice(office, "3", "--date", "2025-07-15")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "kexie: 任务 3 截至 2025-07-15 预警为橙色，不是红色，不起草督办通知单；确需起草请加 --force"
    )
    assert (office / "2025_tasks.yaml").read_bytes() == before
    assert not list(tmp_path.glob("*.docx"))
    forced = notice(office, "3", "--date", "2025-07-15", "--force")
    assert forced.exit_code == 0, forced.output
    assert "（预警为橙色）" in forced.stdout
    assert history(office, 3)[-1]["kind"] == "notice"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["1", "--date", "2025-06-30"], ["任务 1", "黄色"]),
        (["2", "--date", "2025-09-01"], ["任务 2", "已完成"]),
        (["9", "--date", "2025-10-10"], ["没有任务 9"]),
        (["3", "--date", "2025-10-10", "--answer-by", "2025.9"], ["--answer-by", "2025.9"]),
        (["3", "--date", "2025-10-10", "--answer-by", "九月"], ["--answer-by"]),
        (["3", "--date", "2099-01-01"], ["--date"]),
        (["3", "--date", "2025-10-10", "-o", "-"], ["-o"]),
    ],
)
def test_bad_requests_are_one_line_exit_2_and_leave_the_plan(office, args, words):
    before = (office / "2025_tasks.yaml").read_bytes()
    result = notice(office, *args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    for word in words:
        assert word in result.stderr
    assert (office / "2025_tasks.yaml").read_bytes() == before


def test_an_existing_file_is_kept_unless_forced(office, tmp_path):
    out = tmp_path / "通知.docx"
    out.write_bytes(b"keep")
    before = (office / "2025_tasks.yaml").read_bytes()
    result = notice(office, "3", "--date", "2025-10-10", "-o", str(out))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_bytes() == b"keep" and (office / "2025_tasks.yaml").read_bytes() == before


def test_as_a_subprocess(office, tmp_path):
    out = tmp_path / "n.docx"
    args = ["notice", "4", "--date", "2025-12-31", "-o", str(out), "--data", str(office)]
    done = subprocess.run(
        [sys.executable, "-m", "kexie_cli", *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    document = docx.Document(io.BytesIO(out.read_bytes()))
    assert document.paragraphs[0].text == "督办通知单"


def test_show_lists_the_notices_issued(office):
    assert notice(office, "3", "--date", "2025-10-10", "--number", "〔2025〕2号").exit_code == 0
    out = runner.invoke(app, ["show", "3", "--data", str(office)]).stdout
    table = out.split("督办通知单")[-1]
    assert "〔2025〕2号" in table and "2025-10-10" in table and "2025.11" in table
