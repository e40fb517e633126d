"""plans/merge.py: a plan file merged three ways, texts in, text out. The two sides' records
are made by kexie's own update (plan_change and the in-place edit), as offices make them."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kexie_cli.core.history import replayed
from kexie_cli.core.models import Mark, TasksPlan
from kexie_cli.core.months import Month
from kexie_cli.core.problems import KexieError
from kexie_cli.core.requests import CommentRequest, ExtendRequest, Request, Update
from kexie_cli.core.update import plan_change
from kexie_cli.plans.edit import edit_item
from kexie_cli.plans.load import load_text
from kexie_cli.plans.locate import NotLocated
from kexie_cli.plans.merge import NotMergeable, merge_plans
from kexie_cli.plans.round_trip import edit_document
from kexie_cli.plans.yaml_read import load
from tests.conftest import DATA

BASE = textwrap.dedent(
    """\
    # 测试市科协：合并测试用的清单
    plan:
      title: 测试市科协2025年重点工作任务分解清单
      year: 2025
      start: '2025.1'
    tasks:
    - id: 1
      section: 政治引领
      content: 组织党组会学习。
      lead:
      - 办公室
      leaders:
      - 郑昌盛
      due: '2025.12'
      targets:
      - name: 党组会学习
        target: 12
        unit: 次
        comparator: at_least
        done: 0
      - name: 科普活动
        target: 400
        unit: 场
        units:
          大冶市: 200
          阳新县: {target: 200, done: 5}
    - id: 2
      section: 科学普及
      content: 办好科普讲座。  # 原文如此
      lead:
      - 普及部
      leaders:
      - 陈汉平
      due: '2025.6'
      targets: []
      history:
      - date: '2025-02-01'
        kind: report
        note: 已启动
    """
)


def plan_of(text: str) -> TasksPlan:
    plan, problems = load_text(text, Path("merged.yaml"))
    assert not problems, problems
    assert isinstance(plan, TasksPlan)
    return plan


def record(text: str, *requests: Update) -> str:
    """The text after kexie's own update, each request in turn (as `progress` writes it)."""
    for request in requests:
        change = plan_change(plan_of(text), request)
        if change.entries:
            try:
                text = edit_item(text, change).text
            except NotLocated:
                text = edit_document(text, change)
    return text


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def history(text: str, task: int) -> list[dict]:
    data = load(text)
    return next(t for t in data["tasks"] if t["id"] == str(task)).get("history") or []


def merged_both_ways(base: str, a: str, b: str) -> str:
    """The merge of a and b, which must be the same text whichever is ours."""
    ab, ba = merge_plans(base, a, b, "p.yaml"), merge_plans(base, b, a, "p.yaml")
    assert ab.text == ba.text
    assert ab.conflicts == ba.conflicts == ()
    return ab.text


def test_appends_to_one_task_merge_in_replay_order_and_the_count_follows():
    a = record(BASE, Request(1, "1", done=3, date=day("2025-06-10"), by="办公室"))
    b = record(BASE, Request(1, "1", done=5, date=day("2025-06-05"), by="组宣部"))
    text = merged_both_ways(BASE, a, b)
    entries = history(text, 1)
    assert [(h["date"], h["after"]) for h in entries] == [("2025-06-05", "5"), ("2025-06-10", "3")]
    assert plan_of(text).tasks[0].targets[0].done == 3  # the last figure in replay order
    assert text.startswith("# 测试市科协：合并测试用的清单\n")
    assert "content: 办好科普讲座。  # 原文如此\n" in text


def test_a_figure_for_an_earlier_day_leaves_the_later_count():
    a = record(BASE, Request(1, "1", done=8, date=day("2025-06-30"), by="办公室"))
    b = record(BASE, Request(1, "1", done=2, date=day("2025-03-31"), by="组宣部"))
    assert plan_of(merged_both_ways(BASE, a, b)).tasks[0].targets[0].done == 8


def test_place_counts_and_marks_are_worked_out_from_the_merged_record():
    a = record(
        BASE,
        Request(1, "2", done=30, place="大冶市", date=day("2025-05-01"), by="办公室"),
        Request(2, status=Mark.IN_PROGRESS, date=day("2025-05-02")),
    )
    b = record(
        BASE,
        Request(1, "2", done=12, place="阳新县", date=day("2025-05-03"), by="组宣部"),
        Request(2, status=Mark.DONE, date=day("2025-05-20")),
    )
    task1, task2 = plan_of(merged_both_ways(BASE, a, b)).tasks
    places = task1.targets[1].places
    assert (places["大冶市"].done, places["阳新县"].done, task1.targets[1].done) == (30, 12, 42)
    assert task2.status is Mark.DONE


def test_appends_to_different_tasks_and_a_hand_edit_are_all_kept():
    a = record(BASE, CommentRequest(2, "抓紧", by="陈汉平", date=day("2025-04-01")))
    a = a.replace("content: 组织党组会学习。", "content: 组织党组会集体学习。")
    b = record(BASE, Request(1, "1", done=4, date=day("2025-04-02"), by="办公室"))
    plan = plan_of(merged_both_ways(BASE, a, b))
    assert plan.tasks[0].content == "组织党组会集体学习。"
    assert plan.tasks[0].targets[0].done == 4
    assert [h.kind.value for h in plan.tasks[1].history] == ["report", "comment"]


def test_the_same_entry_added_on_both_sides_is_kept_once():
    same = Request(1, "1", done=3, date=day("2025-06-10"), recorded=day("2025-06-11"), by="办公室")
    text = merged_both_ways(BASE, record(BASE, same), record(BASE, same))
    assert len(history(text, 1)) == 1


def test_a_field_changed_both_ways_is_a_conflict_at_its_lines():
    a = record(
        BASE.replace("due: '2025.6'", "due: '2025.9'"),
        Request(2, note="甲", date=day("2025-03-01")),
    )
    b = BASE.replace("due: '2025.6'", "due: '2025.10'")
    merged = merge_plans(BASE, a, b, "p.yaml")
    assert merged.conflicts == ("任务 2 的 due",)
    assert (
        "<<<<<<< ours\n  due: '2025.9'\n=======\n  due: '2025.10'\n>>>>>>> theirs\n" in merged.text
    )
    assert "note: 甲" in merged.text  # the rest merged as usual


def test_a_field_one_side_removed_and_the_other_changed_is_a_conflict():
    a = BASE.replace("  - 陈汉平\n", "  - 陈汉平\n  note: 甲\n", 1)
    b = BASE.replace("  - 陈汉平\n", "  - 陈汉平\n  note: 乙\n", 1)
    c = merge_plans(a, a.replace("  note: 甲\n", ""), b.replace("乙", "丙"), "p.yaml")
    assert c.conflicts == ("任务 2 的 note",)
    assert "<<<<<<< ours\n=======\n  note: 丙\n>>>>>>> theirs\n" in c.text


def test_a_clean_merge_that_is_not_a_valid_plan_is_left_as_a_conflict():
    """One office moves the deadline by hand, the other records an extension from the old one:
    each field merges, the plan does not hold (an extension to a month before the deadline)."""
    a = BASE.replace("due: '2025.6'", "due: '2025.12'")
    b = record(BASE, ExtendRequest(2, Month(2025, 9), "场地调整", date=day("2025-05-01")))
    merged = merge_plans(BASE, a, b, "p.yaml")
    assert "应晚于此前的时限 2025.12" in merged.invalid
    assert merged.conflicts == ("整个文件",)
    assert merged.text == f"<<<<<<< ours\n{a}=======\n{b}>>>>>>> theirs\n"


@pytest.mark.parametrize(
    ("ours", "why"),
    [
        ("tasks: [", "不是可读的 YAML"),
        ("a: 1\n", "不都是同一种计划文件"),
        ("", "不都是同一种计划文件"),
    ],
)
def test_what_is_not_a_plan_is_left_to_a_merge_by_lines(ours, why):
    with pytest.raises(NotMergeable, match=why):
        merge_plans(BASE, ours, BASE, "p.yaml")


def test_a_task_removed_on_one_side_and_changed_on_the_other_is_left_to_lines():
    start = BASE.index("- id: 2")
    gone = BASE[:start]
    changed = record(BASE, Request(2, note="甲", date=day("2025-03-01")))
    with pytest.raises(NotMergeable, match="任务 2 一方删除、另一方修改"):
        merge_plans(BASE, gone, changed, "p.yaml")


def test_tasks_added_on_both_sides_are_both_kept_in_order_of_id():
    def added(n: int) -> str:
        return f"- id: {n}\n  content: 新增{n}\n  due: '2025.12'\n"

    text = merged_both_ways(BASE, BASE + added(4), BASE + added(3))
    assert [t.id for t in plan_of(text).tasks] == [1, 2, 3, 4]


def indented(text: str) -> str:
    """The same plan with its tasks indented under `tasks:` (a layout the item scan leaves to
    the whole-document merge)."""
    head, items = text.split("tasks:\n", 1)
    return head + "tasks:\n" + "".join(f"  {line}" for line in items.splitlines(True))


# Random records of two offices: figures (set and added), place counts, marks, reports and
# comments on both tasks, a few days apart, sent by either of two departments, on a base
# that already holds a figure.
DAYS = [dt.date(2025, 3, d) for d in (1, 2, 3)]
SENDERS = ["办公室", "组宣部"]
_step = st.tuples(
    st.sampled_from(["figure", "add", "place", "mark", "report", "comment"]),
    st.sampled_from(DAYS),
    st.integers(0, 2),  # days later it came in
    st.integers(0, 15),
    st.sampled_from(SENDERS),
)
FIRST = Request(1, "1", done=2, date=DAYS[1], recorded=DAYS[1], by="组宣部")


def _request(side: str, n: int, step: tuple) -> Update:
    what, date, late, value, by = step
    came = date + dt.timedelta(days=late)
    if what == "figure":
        return Request(1, "1", done=value, date=date, recorded=came, by=by)
    if what == "add":
        return Request(1, "1", add=1 + value % 3, date=date, recorded=came, by=by)
    if what == "place":
        place = ["大冶市", "阳新县"][value % 2]
        return Request(1, "2", done=value, place=place, date=date, recorded=came, by=by)
    if what == "mark":
        mark = [Mark.IN_PROGRESS, Mark.DONE, Mark.NOT_STARTED][value % 3]
        return Request(2, status=mark, date=date, recorded=came, by=by)
    if what == "report":
        return Request(1 + value % 2, note=f"{side}{n}", date=date, recorded=came, by=by)
    return CommentRequest(2, f"{side}{n}", by=by, date=date, recorded=came)


def _recorded(start: str, side: str, steps: list[tuple]) -> str:
    text = start
    for n, step in enumerate(steps):
        try:
            text = record(text, _request(side, n, step))
        except KexieError:  # a count above a later one: refused, as kexie refuses it
            continue
    return text


def _canon(entries: list[dict]) -> Counter:
    return Counter(json.dumps(h, ensure_ascii=False, sort_keys=True) for h in entries)


def _added(base: list[dict], side: list[dict]) -> list[dict]:
    """The side's entries less the base's (kexie only adds: each base entry is still there)."""
    left = _canon(base)
    added = []
    for entry in side:
        key = json.dumps(entry, ensure_ascii=False, sort_keys=True)
        if left[key]:
            left[key] -= 1
        else:
            added.append(entry)
    return added


@pytest.mark.parametrize("layout", ["items", "whole"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_step, max_size=6), st.lists(_step, max_size=6))
@example(  # both add the same place figure, one side after a figure of its own: once
    a=[
        ("figure", dt.date(2025, 3, 1), 0, 0, "办公室"),
        ("figure", dt.date(2025, 3, 1), 0, 0, "办公室"),
        ("figure", dt.date(2025, 3, 2), 0, 0, "办公室"),
        ("place", dt.date(2025, 3, 2), 0, 2, "办公室"),
    ],
    b=[
        ("figure", dt.date(2025, 3, 1), 0, 0, "办公室"),
        ("figure", dt.date(2025, 3, 1), 0, 0, "办公室"),
        ("place", dt.date(2025, 3, 2), 0, 2, "办公室"),
    ],
)
def test_random_appends_on_two_branches_merge_to_the_entries_of_both_in_replay_order(layout, a, b):
    """Both ways of merging: tasks spliced by their items' text, and (tasks indented under
    `tasks:`) the whole document round-tripped."""
    start = record(BASE if layout == "items" else indented(BASE), FIRST)
    ours, theirs = _recorded(start, "a", a), _recorded(start, "b", b)
    text = merged_both_ways(start, ours, theirs)
    plan = plan_of(text)
    for task in plan.tasks:
        base = history(start, task.id)
        mine, yours = (_added(base, history(side, task.id)) for side in (ours, theirs))
        merged = history(text, task.id)
        # the entries of both (one added alike by both, once)
        assert _canon(merged) == _canon(base) + (_canon(mine) | _canon(yours))
        keys = [(h.date, h.arrived) for h in task.history]
        assert keys == sorted(keys)  # in replay order already
        shared = _canon(mine) & _canon(yours)
        for side in (mine, yours):  # each side's own order kept
            found = iter(merged)
            own = [
                h for h in side if json.dumps(h, ensure_ascii=False, sort_keys=True) not in shared
            ]
            assert all(entry in found for entry in own)
        # what the record drives, as kexie replays it
        places = plan_of(start).tasks[0].targets[1].places
        for key, target in enumerate(task.targets, start=1):
            figures = [h for h in replayed(task) if h.target == key and h.after is not None]
            for place, share in target.places.items():
                counts = [h.after for h in figures if h.unit == place]
                assert share.done == (counts[-1] if counts else places[place].done)
            if not target.places:
                assert target.done == (figures[-1].after if figures else 0)
        marks = [h.status for h in replayed(task) if h.status is not None]
        assert task.status == (marks[-1] if marks else None)


def test_conflicts_in_the_plan_s_own_fields_and_a_target_are_each_named():
    def side(word: str) -> str:
        text = BASE.replace("title: 测试市科协", f"title: {word}市科协")
        return text.replace("  - name: 党组会学习\n", f"  - name: 党组会{word}\n")

    merged = merge_plans(BASE, side("甲"), side("乙"), "p.yaml")
    assert merged.conflicts == ("计划 的 title", "任务 1 的 targets[1].name")
    assert merged.text.count("<<<<<<< ours\n") == 2
    # the field's line holds the target's dash: either side, kept whole, reads as a target
    marked = "  targets:\n<<<<<<< ours\n  - name: 党组会甲\n=======\n  - name: 党组会乙\n>>>>>>> theirs\n"
    assert marked + "    target: 12\n" in merged.text


def test_tasks_added_on_both_sides_under_one_id_differently_are_left_to_lines():
    new = "- id: 3\n  content: 新增{}\n  due: '2025.12'\n"
    with pytest.raises(NotMergeable, match="任务 3 两边都新增了且内容不同"):
        merge_plans(BASE, BASE + new.format("甲"), BASE + new.format("乙"), "p.yaml")


def test_a_points_notice_merges_point_by_point():
    base = (DATA / "2019_points.yaml").read_text(encoding="utf-8")
    a = base.replace("  title: 切实加强政治建设\n", "  title: 切实加强政治建设（修订）\n", 1)
    b = base.replace(
        "  title: 加强基层科协组织建设\n", "  title: 加强基层科协组织建设（修订）\n", 1
    )
    text = merged_both_ways(base, a, b)
    plan, problems = load_text(text, Path("p.yaml"))
    assert not problems
    assert [p.title for p in plan.points[:3]] == [
        "切实加强政治建设（修订）",
        "切实加强服务联系科技工作者",
        "加强基层科协组织建设（修订）",
    ]


def test_a_figure_chained_after_one_of_the_same_day_stays_after_it():
    """kexie puts a figure after the same target's figures of its two dates, whoever sent
    them (it counts on from them): the merge keeps it there, and the count it leaves."""
    june = day("2025-06-30")
    base = record(BASE, Request(1, "1", done=4, date=june, recorded=june, by="组宣部"))
    a = record(base, Request(1, "1", add=2, date=june, recorded=june, by="办公室"))
    b = record(base, Request(1, note="乙", date=day("2025-06-01")))
    assert [h.get("after") for h in history(a, 1)] == ["4", "6"]
    text = merged_both_ways(base, a, b)
    assert [h.get("after") for h in history(text, 1)] == [None, "4", "6"]
    assert plan_of(text).tasks[0].targets[0].done == 6


def test_a_value_taken_from_theirs_brings_its_comment():
    a = record(BASE, Request(2, note="甲", date=day("2025-03-01")))  # the same task
    b = BASE.replace("content: 办好科普讲座。  # 原文如此", "content: 办好科普讲座！  # 已核对原文")
    text = merged_both_ways(BASE, a, b)
    assert "content: 办好科普讲座！  # 已核对原文\n" in text
    assert "note: 甲" in text


def test_tasks_neither_side_changed_keep_their_text_byte_for_byte():
    odd = BASE.replace("  lead:\n  - 办公室\n", "  lead: [办公室]   # 牵头\n\n  # 责任领导\n", 1)
    a = record(odd, Request(2, note="甲", date=day("2025-03-01")))
    b = record(odd, Request(2, note="乙", date=day("2025-03-02")))
    text = merged_both_ways(odd, a, b)
    start = odd.index("- id: 2")
    assert text.startswith(odd[:start])  # task 1 and all before it: as they stood
    assert "  - 普及部\n" in text[start:] and "note: 甲" in text and "note: 乙" in text


def test_an_indented_task_list_is_merged_as_a_whole_document_alike():
    base = indented(BASE)
    a = record(base, Request(1, "1", done=3, date=day("2025-06-10"), by="办公室"))
    b = record(base, Request(1, "1", done=5, date=day("2025-06-05"), by="组宣部"))
    b = b.replace("content: 办好科普讲座。", "content: 办好科普讲座！")
    text = merged_both_ways(base, a, b)
    plan = plan_of(text)
    assert plan.tasks[0].targets[0].done == 3 and plan.tasks[1].content == "办好科普讲座！"
    assert "\n  - id: 2\n" in text  # still indented
