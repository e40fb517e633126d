"""The list's layout as cell texts: written by export, read back by import."""

from __future__ import annotations

import datetime as dt

import pytest

from kexie_cli.core.months import Month
from kexie_cli.core.status import task_state
from kexie_cli.formats import breakdown_sheet as layout
from kexie_cli.plans.validate import validate


def _state(**task):
    raw = {
        "plan": {"title": "测试清单", "year": 2025},
        "tasks": [{"id": 7, "due": "2025.6", **task}],
    }
    plan, findings = validate(raw)
    assert findings == []
    return task_state(plan.tasks[0], Month(2025, 1), dt.date(2025, 3, 31))


def test_headers_are_the_documents_eight_columns_then_progress() -> None:
    assert layout.HEADERS == (
        "类型", "重点工作", "具体内容", "推进措施", "牵头部室", "责任部室及县(市、区)科协",
        "责任领导", "完成时限", "目标", "完成", "进度", "状态",
    )  # fmt: skip


def test_task_cells() -> None:
    state = _state(
        section="聚焦政治引领",
        focus="深化学会党的建设",
        content="开展学习。",
        measures=["组织党组会学习不少于12次。", "举办“科协讲堂”4期。"],
        lead=["办公室", "机关党委"],
        support=["市、县(市、区)科协"],
        leaders=["郑昌盛", "陈汉平"],
        targets=[
            {"name": "党组会学习", "target": 12, "unit": "次", "comparator": "at_least", "done": 3},
            {"name": "科协讲堂", "target": 4, "unit": "期", "done": 1},
        ],
    )
    assert layout.task_cells(state) == [
        "聚焦政治引领",
        "深化学会党的建设",
        "7. 开展学习。",
        "1. 组织党组会学习不少于12次。\n2. 举办“科协讲堂”4期。",
        "办公室\n机关党委",
        "市、县(市、区)科协",
        "郑昌盛 陈汉平",
        "2025.6",
        "党组会学习：不少于12次\n科协讲堂：4期",
        "3\n1",
        "25%\n25%",
        state.status.label,
    ]


def test_empty_content_and_a_single_measure() -> None:
    cells = layout.task_cells(_state(measures=["只有一条。"]))
    assert cells[2] == "7."
    assert cells[3] == "只有一条。"
    assert cells[8:11] == ["", "", ""]


@pytest.mark.parametrize(
    "row",
    [
        list(layout.HEADERS),
        [
            "类型",
            "重点工作",
            "具体内容",
            "推进措施",
            "牵头部室",
            "责任部室及 县(市、区)科协",
            "责任领导",
            "完成时限",
        ],
        [
            "类 型",
            "重点工作",
            "具体内容",
            "推进措施",
            "牵头部室",
            "责任部室（市、县、区）科协",
            "责任领导",
            "完成时限",
        ],
    ],
)
def test_header_rows_are_recognised_with_spacing_and_bracket_variants(row) -> None:
    keys = layout.header_keys(row)
    assert keys is not None
    assert [keys[i] for i in range(8)] == [
        "section", "focus", "content", "measures", "lead", "support", "leaders", "due",
    ]  # fmt: skip


def test_a_text_row_is_not_a_header() -> None:
    assert layout.header_keys(["", "", "1. 具体内容很多", "推进措施"]) is None
    assert layout.header_keys(["黄石市科协2025年重点工作任务分解清单"]) is None


def test_content_with_its_number_and_two_tasks_in_one_cell() -> None:
    assert layout.split_content("7. 开展学习。") == [(7, "开展学习。")]
    assert layout.split_content("2.") == [(2, "")]
    assert layout.split_content("4.不断深化党建。 5.调整指导员，开展走访。") == [
        (4, "不断深化党建。"),
        (5, "调整指导员，开展走访。"),
    ]
    assert layout.split_content("没有编号的内容") == [(None, "没有编号的内容")]
    assert layout.split_content("") == []


def test_measures_numbered_on_lines_on_one_line_or_not_at_all() -> None:
    assert layout.split_measures("1. 甲。\n2. 乙。") == ["甲。", "乙。"]
    assert layout.split_measures("1. 甲，共2.5万人。 2. 乙。3、丙。") == [
        "甲，共2.5万人。",
        "乙。",
        "丙。",
    ]
    assert layout.split_measures("2025年新建10家。") == ["2025年新建10家。"]
    assert layout.split_measures("1.5倍于去年。") == ["1.5倍于去年。"]
    assert layout.split_measures("") == []


def test_names_split_and_re_glued() -> None:
    assert layout.split_names("办公室\n机关党委") == ["办公室", "机关党委"]
    assert layout.split_names("机关各部室、市、县(市、区)科协") == [
        "机关各部室",
        "市、县(市、区)科协",
    ]
    assert layout.split_names("组宣部、办公室（中心）") == ["组宣部", "办公室（中心）"]
    assert layout.split_names("各县（市、区）科协") == ["各县（市、区）科协"]
    assert layout.split_names("") == []


def test_cell_text_of_typed_values() -> None:
    assert layout.cell_text(dt.datetime(2025, 6, 1)) == "2025.6"
    assert layout.cell_text(12.0) == "12"
    assert layout.cell_text(None) == ""
    assert layout.due_text(" 2025．12 ") == "2025.12"


def test_target_lines_read_back_as_written() -> None:
    targets = [
        {"name": "党组会学习", "target": 12, "unit": "次", "comparator": "at_least", "done": 3},
        {"name": "新建站", "target": 3, "unit": "家", "comparator": "more_than", "done": 0},
        {
            "name": "培训 科技工作者",
            "target": 100,
            "unit": "名",
            "comparator": "about",
            "done": 2.5,
        },
        {"name": "全体会议", "target": "1-2", "unit": "次", "comparator": "range", "done": 1},
        {"name": "科协讲堂", "target": 4, "unit": "期", "comparator": "exact", "done": 0},
        {"name": "覆盖率：全市", "target": 0.5, "unit": "%", "comparator": "exact", "done": 0},
        {"name": "无单位", "target": 7, "unit": "", "comparator": "exact", "done": 7},
    ]
    state = _state(targets=targets)
    cells = layout.task_cells(state)
    assert cells[8].splitlines()[:4] == [
        "党组会学习：不少于12次",
        "新建站：超过3家",
        "培训 科技工作者：100名左右",
        "全体会议：1-2次",
    ]
    assert layout.read_targets(cells[8], cells[9]) == targets


def test_target_cells_that_do_not_read_are_refused() -> None:
    for line in ["党组会学习 不少于12次", "：4期", "讲堂：四期", "会议：不少于1-2次"]:
        with pytest.raises(ValueError, match="名称：不少于12次"):
            layout.read_targets(line, "")
    with pytest.raises(ValueError, match="不是数"):
        layout.read_targets("讲堂：4期", "三")
    with pytest.raises(ValueError, match="目标只有 1 项"):
        layout.read_targets("讲堂：4期", "1\n2")
    assert layout.read_targets("讲堂：4期", "")[0]["done"] == 0


def test_a_target_by_place_reads_back_each_place_with_its_number_and_figure() -> None:
    line = "各县科普活动：大冶市不少于200场、阳新县不少于200场、黄石港区不少于150场"
    (target,) = layout.read_targets(line, "大冶市80、阳新县65、黄石港区0")
    assert target == {
        "name": "各县科普活动",
        "target": 150,
        "unit": "场",
        "comparator": "at_least",
        "units": {
            "大冶市": {"target": 200, "done": 80},
            "阳新县": {"target": 200, "done": 65},
            "黄石港区": {"target": 150, "done": 0},
        },
    }
    (nothing_yet,) = layout.read_targets("每县承办宣讲：大冶市1场、阳新县1场", "")
    assert nothing_yet["comparator"] == "exact"
    assert nothing_yet["units"] == {
        "大冶市": {"target": 1, "done": 0},
        "阳新县": {"target": 1, "done": 0},
    }


@pytest.mark.parametrize(
    ("line", "done", "words"),
    [
        ("活动：大冶市不少于2场、阳新县3家", "0", "单位或写法不一致"),
        ("活动：大冶市不少于2场、阳新县", "0", "“阳新县”应写成“大冶市不少于200场”"),
        ("活动：大冶市1-2场、阳新县1-2场", "0", "应写成“大冶市不少于200场”"),
        ("活动：大冶市不少于2场、阳新县不少于2场", "5", "应按地方写成“大冶市0、阳新县0”"),
        ("活动：大冶市不少于2场、阳新县不少于2场", "阳新县1、大冶市2", "应按地方写成"),
    ],
)
def test_a_target_by_place_that_does_not_read_is_refused(line, done, words) -> None:
    with pytest.raises(ValueError, match=words):
        layout.read_targets(line, done)
