"""plans/merge_history.py: two sides' entries of one task's record, merged alike either way."""

from __future__ import annotations

from kexie_cli.plans.merge_history import Derived, merge_history


def entry(date: str, by: str, **more: str) -> tuple[dict, str]:
    data = {"date": date, "by": by, **more}
    return data, f"node {date} {by} {sorted(more.items())}"


BASE = [entry("2025-03-01", "组宣部", note="启动")]
FIRST = entry("2025-03-02", "组宣部", target="1", before="2", after="1")
CHAINED = entry("2025-03-02", "办公室", target="1", before="1", after="0")  # counts on from FIRST


def both_ways(ours: list, theirs: list) -> list:
    merged = merge_history(BASE, BASE + ours, BASE + theirs)
    assert merged == merge_history(BASE, BASE + theirs, BASE + ours)
    return merged


def test_an_entry_both_sides_added_alike_is_written_once_and_each_order_kept():
    # FIRST ranks after CHAINED by sender, yet one side wrote CHAINED after it: so it stays.
    assert both_ways([FIRST, CHAINED], [FIRST]) == [*BASE, FIRST, CHAINED]


def test_the_same_entries_imported_on_both_sides_are_written_once():
    same = [FIRST, entry("2025-03-05", "学会部", note="甲")]
    assert both_ways(same, same) == [*BASE, *same]


def test_entries_after_the_same_entry_interleave_by_date_arrival_and_sender():
    late = entry("2025-03-02", "学会部", recorded="2025-03-09", note="迟交")
    early = entry("2025-03-02", "办公室", note="按时")
    other = entry("2025-03-01", "组宣部", note="同日")
    assert both_ways([late], [other, early]) == [*BASE, other, early, late]
    # a side's own order stands, even against the replay: only the two heads are compared
    assert both_ways([late], [early, other]) == [*BASE, early, other, late]


def test_a_base_entry_one_side_removed_is_gone_and_the_others_stay_in_place():
    second = entry("2025-03-04", "组宣部", note="二")
    base = [*BASE, second]
    added = entry("2025-03-03", "办公室", note="三")
    merged = merge_history(base, [BASE[0], added, second], [second])
    assert merged == [added, second]
    assert merge_history(base, [second], [BASE[0], added, second]) == merged


def test_what_the_merged_record_leaves():
    derived = Derived(
        [
            {"date": "2025-03-02", "target": "1", "before": "0", "after": "5"},
            {"date": "2025-03-01", "recorded": "2025-03-09", "target": "1", "after": "7"},
            {"date": "2025-03-01", "target": "2", "unit": "大冶市", "after": "3.0"},
            {"date": "2025-03-03", "status": "done"},
            {"date": "2025-03-02", "status": "in_progress"},
        ]
    )
    assert derived.count(1, None) == 5  # March 2 replays after March 1, whenever it came in
    assert derived.count(2, "大冶市") == 3 and derived.count(2, None) is None
    assert derived.status == "done"
