"""`kexie import tasks NEW --carry-over YEAR [--add-unfinished]`: last year's unfinished tasks."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.sample_plans import sample_data

runner = CliRunner()


def _new_list(folder) -> str:
    import docx

    document = docx.Document()
    document.add_paragraph("测试市科协2026年重点工作任务清单")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ["序号", "工作任务", "工作措施", "责任单位", "完成时间"],
        ["1", "开展学习", "学习12次", "办公室", "2026年6月"],
        ["4", "服务企业", "走访企业10家", "学会部", "2026年9月"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = folder / "2026清单.docx"
    document.save(path)
    return str(path)


def test_carry_over_alone_lists_and_writes_nothing(tmp_path) -> None:
    data = sample_data(tmp_path)
    before = sorted(p.name for p in data.iterdir())
    args = ["import", "tasks", _new_list(tmp_path), "--data", str(data)]
    result = runner.invoke(app, [*args, "--carry-over", "2025", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "2025年计划中未完成的任务 4 项："
    ids = [int(line.split()[0]) for line in lines[1:-1]]
    assert ids == [1, 3, 4, 5]  # task 2 met its target: done, not carried
    assert "6/12次" in lines[1] and "--add-unfinished" in lines[-1]
    assert sorted(p.name for p in data.iterdir()) == before


def test_add_unfinished_appends_them_after_the_new_lists_last_id(tmp_path) -> None:
    data = sample_data(tmp_path)
    args = ["import", "tasks", _new_list(tmp_path), "--data", str(data), "--carry-over", "2025"]
    result = runner.invoke(app, [*args, "--add-unfinished", "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.stderr
    written = yaml.safe_load((data / "2026_tasks.yaml").read_text(encoding="utf-8"))
    tasks = written["tasks"]
    assert [t["id"] for t in tasks] == [1, 4, 5, 6, 7, 8]
    first = tasks[2]
    assert first["content"] == "组织党组会学习，跟进学习最新讲话精神。"
    assert first["due"] == "2026.12" and first["lead"] == ["办公室", "机关党委"]
    assert first["targets"] == [
        {"name": "党组会学习", "target": 12, "unit": "次", "comparator": "at_least", "done": 6}
    ]
    assert "history" not in first
    note = first["note"]
    assert note.startswith("由2025年计划第1项结转（2025-12-31）；截至结转时：")
    assert "党组会学习6/12次" in note and "原完成时限2025.12" in note
    checked = runner.invoke(app, ["check", str(data / "2026_tasks.yaml")])
    assert checked.exit_code == 0, checked.stderr


def test_a_status_at_an_earlier_date_replays_the_history(tmp_path) -> None:
    data = sample_data(tmp_path)
    args = ["import", "tasks", _new_list(tmp_path), "--data", str(data), "--carry-over", "2025"]
    result = runner.invoke(app, [*args, "--as-of", "2025-04-01"])
    assert result.exit_code == 0, result.stderr
    assert "3/12次" in result.stdout  # the figure recorded by that day, not the file's 6


def test_refusals_are_one_line(tmp_path) -> None:
    data = sample_data(tmp_path)
    new = _new_list(tmp_path)
    for extra, says in [
        (["--add-unfinished"], "--carry-over"),
        (["--carry-over", "2024"], "2024"),
        (["--carry-over", "2026"], "之前"),
    ]:
        result = runner.invoke(app, ["import", "tasks", new, "--data", str(data), *extra])
        assert result.exit_code == 2, (extra, result.stdout)
        assert says in result.stderr and result.stderr.count("\n") == 1
    assert not (data / "2026_tasks.yaml").exists()


def test_a_cancelled_task_is_not_carried_a_paused_one_is(tmp_path) -> None:
    data = sample_data(tmp_path)
    for args in (
        ["cancel", "3", "--reason", "不再举办", "--date", "2025-08-01"],
        ["pause", "5", "--reason", "等待", "--date", "2025-08-01"],
    ):
        assert runner.invoke(app, [*args, "--data", str(data)]).exit_code == 0
    args = ["import", "tasks", _new_list(tmp_path), "--data", str(data), "--carry-over", "2025"]
    result = runner.invoke(app, [*args, "--as-of", "2025-12-31"])
    assert result.exit_code == 0, result.stderr
    ids = [int(line.split()[0]) for line in result.stdout.splitlines()[1:-1]]
    assert ids == [1, 4, 5]
