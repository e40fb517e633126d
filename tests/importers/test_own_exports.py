"""What kexie's own layouts print that other lists do not, read back (importers/own_exports)."""

from __future__ import annotations

from kexie_cli.importers.own_exports import one_each, original_due, split_focus


def test_the_progress_sheets_heading_in_brackets() -> None:
    assert split_focus("【深化学会党的建设】不断深化学会党建工作。") == (
        "深化学会党的建设",
        "不断深化学会党建工作。",
    )
    assert split_focus("不断深化【学会】党建工作。") == ("", "不断深化【学会】党建工作。")


def test_a_moved_deadline_is_the_month_the_list_set_noted() -> None:
    for written in ("2025.9、（原2025.8）", "2025.9（原定2025.8，延期1次）"):
        due, note = original_due(written)
        assert due == "2025.8"
        assert note == "完成时限原为 2025.8，导出时已延期至 2025.9（延期记录未随表导入）"
    assert original_due("2025年9月") == ("2025年9月", "")


def test_a_task_on_two_sheets_once_in_order() -> None:
    rows = [{"id": "3", "content": "a"}, {"id": "1", "content": "b"}, {"id": "3", "content": "a"}]
    assert one_each(rows) == [{"id": "1", "content": "b"}, {"id": "3", "content": "a"}]
