"""plans.edit: an update changes only the text it must, in whatever layout the person wrote."""

from __future__ import annotations

import datetime as dt
import difflib
import textwrap
from itertools import accumulate

import pytest

from kexie_cli.core.models import TasksPlan
from kexie_cli.core.problems import KexieError
from kexie_cli.core.update import apply_change, plan_change
from kexie_cli.plans.edit import edit_item
from kexie_cli.plans.locate import NotLocated, item_span
from kexie_cli.plans.round_trip import edit_document
from kexie_cli.plans.validate import validate
from kexie_cli.plans.yaml_read import parse_yaml
from kexie_cli.record_options import make_request
from tests.conftest import DATA

TODAY = dt.date.today().isoformat()  # an entry typed today for an earlier date came in today

# Comments, blank lines, quotes of every kind, keys out of schema order, sequences indented
# past their key (the other common style), a comment after a value, a literal block.
HAND = textwrap.dedent(
    """\
    # 手工维护的清单
    tasks:
      # 一、第一部分
      - id: 7
        targets:
          - name: 科普讲座
            unit: "场"
            target: 20
            done: 5   # 截至五月
          - name: '科普人次'
            target: 1000
        due: "2025.12"
        note: |
          多行备注
          # 不是注释

      # 二、第二部分
      - due: 2025.6
        id: 8
        status: in_progress
        history:
          - date: '2025-03-01'
            status: in_progress
        note: ~
    # 计划信息放在后面
    plan:
      title: "测试清单"   # 标题
      year: 2025
    """
)

# The shipped style: sequences flush with their key, no history, no status.
FLUSH = textwrap.dedent(
    """\
    plan:
      title: 清单
      year: 2025
    tasks:
    - id: 1
      due: '2025.12'
      targets:
      - name: 党组会学习
        target: 12
        unit: 次
        done: 0
    - id: 2
      due: '2025.12'
      targets: []
      history: []
    """
)


def load(text: str) -> TasksPlan:
    plan, findings = validate(parse_yaml(text, "plan.yaml"))
    assert not findings, findings
    assert isinstance(plan, TasksPlan)
    return plan


def edit_in_place(text: str, change) -> str:
    return edit_item(text, change).text


def locate_item(lines: list[str], index: int) -> tuple[int, int]:
    """Lines [start, stop) of item `index`, from the offsets item_span gives."""
    start, stop, _ = item_span("".join(lines), index)
    offsets = list(accumulate((len(line) for line in lines), initial=0))
    return offsets.index(start), offsets.index(stop)


def edit(text: str, ref: str, edit_text=edit_in_place, **options: str) -> str:
    """Apply one update and check the result reads back as exactly the plan it should be."""
    plan = load(text)
    change = plan_change(plan, make_request(ref, date="2025-06-30", **options))
    new = edit_text(text, change)
    assert load(new) == apply_change(plan, change)
    return new


def changes(old: str, new: str) -> list[str]:
    """The +/- lines of the unified diff."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_done_is_replaced_in_place_and_its_comment_stays():
    new = edit(HAND, "7.1", done="9", by="王五")
    assert changes(HAND, new) == [
        "-        done: 5   # 截至五月",
        "+        done: 9   # 截至五月",
        "+    history:",
        "+      - date: '2025-06-30'",
        f"+        recorded: '{TODAY}'",
        "+        target: 1",
        "+        before: 5",
        "+        after: 9",
        "+        by: 王五",
    ]
    # The new history goes after the literal block, not into it.
    assert "      # 不是注释\n    history:\n" in new


def test_missing_done_is_added_to_its_target():
    new = edit(HAND, "7.2", add="250")
    assert changes(HAND, new)[0] == "+        done: 250"
    assert "target: 1000\n        done: 250\n" in new


def test_history_is_appended_after_the_last_entry_in_the_files_indentation():
    new = edit(HAND, "8", status="done", note="已验收")
    assert changes(HAND, new) == [
        "-    status: in_progress",
        "+    status: done",
        "+      - date: '2025-06-30'",
        f"+        recorded: '{TODAY}'",
        "+        status: done",
        "+        status_before: in_progress",
        "+      - date: '2025-06-30'",
        f"+        recorded: '{TODAY}'",
        "+        kind: report",
        "+        note: 已验收",
    ]


def test_an_entry_for_an_earlier_date_goes_in_before_the_later_ones():
    """Task 8's history has a mark of March 1; a report for February typed today stands
    before it, in the file's indentation, its comment and the entries around it untouched."""
    text = HAND.replace("      - date: '2025-03-01'", "      # 三月\n      - date: '2025-03-01'")
    assert "# 三月" in text
    plan = load(text)
    change = plan_change(plan, make_request("8", note="二月已部署", date="2025-02-28"))
    assert change.at == 0
    new = edit_in_place(text, change)
    assert load(new) == apply_change(plan, change)
    assert changes(text, new) == [
        "+      - date: '2025-02-28'",
        f"+        recorded: '{TODAY}'",
        "+        kind: report",
        "+        note: 二月已部署",
    ]
    assert new.index("note: 二月已部署") < new.index("# 三月") < new.index("2025-03-01")
    # The same change through the round trip (the fallback for layouts the scan cannot edit).
    assert load(edit_document(text, change)) == apply_change(plan, change)


def test_flush_style_gets_flush_history_and_a_status_line():
    new = edit(FLUSH, "1", add="3", status="in_progress")
    assert changes(FLUSH, new) == [
        "-    done: 0",
        "+    done: 3",
        "+  status: in_progress",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    target: 1",
        "+    before: 0",
        "+    after: 3",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    status: in_progress",
    ]


def test_empty_history_is_filled_and_status_goes_before_it():
    new = edit(FLUSH, "2", status="done")
    assert changes(FLUSH, new) == [
        "-  history: []",
        "+  status: done",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    status: done",
    ]


@pytest.mark.parametrize(
    "note",
    ["含冒号: 和 #号", "'单引号'", '"双引号"', "yes", "12", "null", "第一行\n第二行", " 前后空格 "],
)
def test_notes_of_any_text_read_back_as_typed(note):
    new = edit(FLUSH, "1", done="1", note=note, by="- 李四")
    assert load(new).tasks[0].history[-1].note == note  # exactly as typed
    assert load(new).tasks[0].history[-1].by == "- 李四"


def test_crlf_and_no_final_newline_are_kept():
    text = FLUSH.replace("\n", "\r\n").removesuffix("\r\n")
    new = edit(text, "2", status="done")
    assert "\n" not in new.replace("\r\n", "")
    assert new.startswith(text[: text.index("  history: []")])


def test_comments_between_items_stay_outside_the_edited_item():
    lines = HAND.splitlines(keepends=True)
    start, stop = locate_item(lines, 0)
    assert lines[start] == "  - id: 7\n"
    assert lines[stop - 1] == "      # 不是注释\n"
    assert lines[stop + 1] == "  # 二、第二部分\n"
    start, stop = locate_item(lines, 1)
    assert (lines[start], lines[stop]) == ("  - due: 2025.6\n", "# 计划信息放在后面\n")


@pytest.mark.parametrize(
    "text",
    [
        # flow-style targets
        "plan: {title: t, year: 2025}\ntasks:\n- id: 1\n  due: '2025.12'\n"
        "  targets: [{name: a, target: 2, done: 1}]\n",
        # the whole list in flow style
        "plan: {title: t, year: 2025}\ntasks: [{id: 1, due: '2025.12', targets: [{name: a, target: 2}]}]\n",
    ],
)
def test_a_layout_the_scan_cannot_edit_falls_back_to_a_round_trip(text):
    change = plan_change(load(text), make_request("1", add="1", date="2025-06-30"))
    with pytest.raises(NotLocated):
        edit_in_place(text, change)
    edit(text, "1", edit_document, add="1")


def test_round_trip_keeps_comments_and_quotes():
    new = edit(HAND, "7.1", edit_document, done="9")
    assert "# 手工维护的清单" in new
    assert "done: 9   # 截至五月" in new
    assert 'title: "测试清单"   # 标题' in new
    assert "  # 二、第二部分" in new


def test_a_task_at_another_position_is_not_edited():
    plan = load(FLUSH)
    change = plan_change(plan, make_request("1", done="1"))
    wrong = type(change)(1, 1, 1, 1, None, change.entries)
    with pytest.raises(NotLocated, match="another task"):
        edit_in_place(FLUSH, wrong)


def test_every_target_of_the_shipped_list_is_edited_in_place_and_minimally():
    text = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    plan = load(text)
    edited = 0
    for task in plan.tasks:
        for key, target in enumerate(task.targets, 1):
            if target.places:
                continue  # by place: the next test
            change = plan_change(plan, make_request(f"{task.id}.{key}", add="1"))
            new = edit_in_place(text, change)
            assert load(new) == apply_change(plan, change)
            before = int(task.targets[key - 1].done)
            diff = changes(text, new)
            assert [line for line in diff if line.startswith("-")] == [f"-    done: {before}"]
            assert diff[1:4] == [
                f"+    done: {before + 1}",
                "+  history:",
                "+  - date: " + repr(str(change.entries[0]["date"])),
            ]
            assert diff[4:] == [
                f"+    target: {key}",
                f"+    before: {before}",
                f"+    after: {before + 1}",
            ]
            edited += 1
    assert edited == sum(1 for t in plan.tasks for g in t.targets if not g.places) > 20


def test_every_place_of_the_shipped_list_is_edited_in_place_and_minimally():
    text = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    plan = load(text)
    edited = 0
    for task in plan.tasks:
        for key, target in enumerate(task.targets, 1):
            for place in target.places:
                request = make_request(f"{task.id}.{key}", add="2", unit=place)
                change = plan_change(plan, request)
                new = edit_in_place(text, change)
                assert load(new) == apply_change(plan, change)
                removed = [line for line in changes(text, new) if line.startswith("-")]
                added = [line for line in changes(text, new) if line.startswith("+")]
                assert len(removed) <= 1 and any(place in line for line in added[:2])
                assert f"+    unit: {place}" in added and "+    after: 2" in added
                edited += 1
    assert edited == 18  # tasks 8, 19 and 24: six places each


SHARED = textwrap.dedent(
    """\
    plan:
      title: 清单
      year: 2025
    tasks:
    - id: 1
      due: '2025.12'
      lead: &lead
      - 办公室
      targets: &shared
      - name: 学习
        target: 12
        done: 0
    - id: 2
      due: '2025.12'
      lead: *lead
      targets: *shared
    """
)


def test_a_value_others_alias_is_not_edited():
    change = plan_change(load(SHARED), make_request("1", add="1"))
    with pytest.raises(KexieError, match=r"任务 1 的 targets 与其他记录共用.*&shared"):
        edit_in_place(SHARED, change)


def test_a_borrowed_value_is_copied_into_the_task_before_it_is_edited():
    new = edit(SHARED, "2", add="1")  # reads back as task 2 changed and task 1 not
    assert changes(SHARED, new) == [
        "-  targets: *shared",
        "+  targets:",
        "+  - name: 学习",
        "+    target: 12",
        "+    done: 1",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    target: 1",
        "+    before: 0",
        "+    after: 1",
    ]


def test_an_anchor_nothing_refers_to_is_no_obstacle():
    text = SHARED.replace("  targets: *shared\n", "")
    assert changes(text, edit(text, "1", add="1"))[:2] == ["-    done: 0", "+    done: 1"]


def test_a_copy_that_would_redefine_an_anchor_is_refused():
    text = SHARED.replace("  - name: 学习\n", "  - &first\n    name: 学习\n").replace(
        "  lead: *lead\n", "  lead: *lead\n  note: x\n"
    )
    text += "- id: 3\n  due: '2025.12'\n  targets:\n  - *first\n"
    change = plan_change(load(text), make_request("2", add="1"))
    with pytest.raises(KexieError, match=r"借用其他记录的内容（YAML 别名 \*shared）"):
        edit_in_place(text, change)


def test_an_alias_elsewhere_in_the_item_is_no_obstacle():
    # Task 2's lead is an alias of task 1's; its own status and history are its own.
    new = edit(SHARED, "2", status="done")
    assert changes(SHARED, new) == [
        "+  status: done",
        "+  history:",
        "+  - date: '2025-06-30'",
        f"+    recorded: '{TODAY}'",
        "+    status: done",
    ]


def test_unicode_line_separators_in_texts_are_neither_structure_nor_written_raw():
    # U+2028/U+2029/U+0085 pasted into texts: YAML counts them as line breaks inside a scalar.
    text = FLUSH.replace("- id: 2\n", "- id: 2\n  note: 'a\u2028b\x85c'\n").replace(
        "  - name: 党组会学习\n", '  - name: 党组会学习\n    note: "x\u2029y"\n'
    )
    assert changes(text, edit(text, "1", add="2"))[:2] == ["-    done: 0", "+    done: 2"]
    new = edit(text, "2", status="done", note="p\u2028q\x85r\u2029s\ttab")
    assert changes(text, new)[-1] == '+    note: "p\\Lq\\Nr\\Ps\\ttab"'


@pytest.mark.parametrize("ref", ["7.1", "8"])
def test_edit_item_gives_the_items_span_and_changes_nothing_outside_it(ref):
    from kexie_cli.plans.edit import edit_item

    options = {"add": "1"} if "." in ref else {"status": "done"}
    change = plan_change(load(HAND), make_request(ref, date="2025-06-30", **options))
    as_text = edit_item(HAND, change)
    assert as_text.text == edit_in_place(HAND, change)
    assert as_text.items == 2
    old, new = HAND, as_text.text
    start, end, old_end = as_text.start, as_text.end, as_text.old_end
    assert new[:start] == old[:start] and new[end:] == old[old_end:]
    # The spans are the task's item: it parses alone as that one task.
    for text, stop in ((old, old_end), (new, end)):
        item = parse_yaml(text[start:stop], "item")
        assert len(item) == 1 and str(item[0]["id"]) == ref.split(".")[0]


def test_item_span_counts_every_item_and_ends_the_last_at_the_next_top_level_key():
    from kexie_cli.plans.locate import item_span

    text = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    count = len(load(text).tasks)
    start, stop, items = item_span(text, count - 1)
    assert items == count
    assert text[start:].startswith("- id: ") and text[stop:] == ""
    start, stop, items = item_span(HAND, 1)
    assert items == 2 and HAND[stop:].startswith("# 计划信息放在后面\n")


@pytest.mark.parametrize(
    "text",
    [
        FLUSH.replace("  year: 2025\n", "  year: 2025\r"),  # a lone CR is a line break to YAML
        FLUSH + "tasks:\n- id: 3\n  due: '2025.12'\n",  # two `tasks:` keys: which one counts?
        FLUSH.replace("tasks:\n", "tasks:\n  note: x\n"),  # not a block sequence
    ],
)
def test_a_text_whose_lines_the_scan_cannot_trust_is_not_located(text):
    from kexie_cli.plans.locate import item_span

    with pytest.raises(NotLocated):
        item_span(text, 0)
