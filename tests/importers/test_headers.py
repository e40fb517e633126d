"""Which column is which, by what its header means: synonyms, traditional characters, --columns."""

from __future__ import annotations

import pytest

from kexie_cli.importers.headers import (
    columns_hint,
    found_columns,
    header_keys,
    key_of,
    manual_keys,
)
from kexie_cli.importers.rows import Merged


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("序号", "id"),
        ("编 号", "id"),
        ("类型", "section"),
        ("重点工作", "focus"),
        ("具体内容", "content"),
        ("具體內容", "content"),  # traditional
        ("工作任务", "task"),
        ("重點任務", "focus"),  # a heading; alone, the 具体内容
        ("任务内容", "task"),
        ("项目名称", "task"),
        ("推进措施", "measures"),
        ("工作措施", "measures"),
        ("具体措施", "measures"),
        ("工作目标", "measures"),
        ("牵头单位", "lead"),
        ("牽頭部室", "lead"),
        ("责任单位", "support"),
        ("配合单位", "support"),
        ("责任领导", "leaders"),
        ("完成时限", "due"),
        ("完成时间", "due"),
        ("时间节点", "due"),
        ("時間節點", "due"),
        ("备注", "note"),
        ("備註", "note"),
        ("目标", "targets"),
        ("完成", "done"),
        ("说明文字", None),
        # variants published lists print, in both scripts
        ("领域", "section"),
        ("重点工作任务", "focus"),
        ("重点工作（任务）", "focus"),
        ("工作内容", "task"),
        ("工作內容", "task"),
        ("牵头责任单位", "lead"),
        ("牽頭責任單位", "lead"),
        ("牵头", "lead"),
        ("牵头单位及责任人", "lead"),
        ("协同责任单位", "support"),
        ("協同單位", "support"),
        ("协办单位", "support"),
        ("配合部門", "support"),
        ("牵头负责领导", "leaders"),
        ("牽頭負責領導", "leaders"),
        ("分管领导", "leaders"),
        ("责任人", "leaders"),
        ("責任人", "leaders"),
        ("完成時間", "due"),
        ("组织开展全市科技工作者状况调查并形成报告", None),  # a task's text, not a header
    ],
)
def test_a_header_is_known_by_its_meaning(header: str, key: str | None) -> None:
    assert key_of(header) == key


def test_a_list_of_other_words_maps_工作任务_to_具体内容() -> None:
    row = ["序号", "工作任务", "工作措施", "责任单位", "配合单位", "完成时间", "备注"]
    assert header_keys(row) == {
        0: "id",
        1: "content",
        2: "measures",
        3: "lead",  # no 牵头 column: the first 责任单位 leads
        4: "support",
        5: "due",
        6: "note",
    }


def test_工作任务_beside_具体内容_is_the_focus() -> None:
    row = ["重点任务", "具体内容", "推进措施", "牵头部室"]
    assert header_keys(row) == {0: "focus", 1: "content", 2: "measures", 3: "lead"}


@pytest.mark.parametrize(
    "row",
    [
        ["序号", "重点工作", "牵头单位", "责任单位"],
        ["序號", "重點工作", "牽頭單位", "責任單位"],
        ["序号", "重点任务", "牵头部门", "配合单位"],
        ["序号", "工作任务", "牵头部室", "协同单位"],
        ["序号", "任务内容", "牵头责任单位", "协同责任单位"],
        ["序号", "重点工作任务", "牵头单位", "协办单位"],
    ],
)
def test_one_task_text_column_is_the_content(row: list[str]) -> None:
    assert header_keys(row) == {0: "id", 1: "content", 2: "lead", 3: "support"}


@pytest.mark.parametrize(
    "row",
    [
        ["重点任务", "工作内容", "牵头单位", "完成时限"],
        ["重點任務", "工作內容", "牽頭單位", "完成時限"],
        ["工作任务", "工作内容", "牵头单位", "完成时限"],
        ["重点工作", "重点任务", "牵头单位", "完成时限"],
    ],
)
def test_the_heading_and_the_detail_are_not_swapped(row: list[str]) -> None:
    assert header_keys(row) == {0: "focus", 1: "content", 2: "lead", 3: "due"}


def test_who_columns_are_told_apart() -> None:
    row = ["序号", "重点工作", "牵头负责领导", "牵头责任单位", "协同责任单位", "时间节点"]
    assert header_keys(row) == {
        0: "id",
        1: "content",
        2: "leaders",
        3: "lead",
        4: "support",
        5: "due",
    }


def test_a_row_that_is_not_a_header_is_none() -> None:
    assert header_keys(["1", "开展学习", "学习12次", "办公室"]) is None
    assert header_keys(["具体内容", "", ""]) is None  # one known column is not a header


def test_merged_cells_are_not_read_twice() -> None:
    row = ["序号", "具体内容", Merged("具体内容"), "推进措施", "牵头单位"]
    assert header_keys(row) == {0: "id", 1: "content", 3: "measures", 4: "lead"}


def test_columns_by_hand() -> None:
    assert manual_keys("A=序号,C=具体内容，d=推进措施, AA=牵头单位") == {
        0: "id",
        2: "content",
        3: "measures",
        26: "lead",
    }


@pytest.mark.parametrize("spec", ["A序号,B=具体内容", "1=序号,B=具体内容", "A=事项,B=具体内容"])
def test_columns_by_hand_refused_with_the_form(spec: str) -> None:
    with pytest.raises(ValueError, match="列字母=表头"):
        manual_keys(spec)


def test_columns_by_hand_need_a_content_column() -> None:
    with pytest.raises(ValueError, match="具体内容"):
        manual_keys("A=序号,B=推进措施")


def test_found_columns_names_the_likeliest_header_row() -> None:
    rows = [["某清单"], ["号", "事项", "做法"], ["1", "学习", "12次"]]
    assert found_columns(rows) in ("A 号、B 事项、C 做法", "A 1、B 学习、C 12次")
    assert found_columns([]) == "（表中没有文字）"


def test_the_hint_proposes_columns_from_the_headers_found() -> None:
    rows = [
        ["某县2026年工作清单"],
        ["序号", "事项", "牵头单位", "完成时间"],
        ["1", "组织科技工作者开展义诊活动", "办公室", "6月底"],
    ]
    assert "--columns 'A=序号,B=具体内容,C=牵头单位,D=完成时限'" in columns_hint(rows)
    traditional = [["序號", "事項", "說明", "牽頭單位"], ["1", "舉辦科普講座", "四期", "科普部"]]
    assert "--columns 'A=序号,B=具体内容,D=牵头单位'" in columns_hint(traditional)
    assert "A=序号,B=具体内容,C=推进措施" in columns_hint([])


def test_a_proposed_hint_is_accepted_by_columns() -> None:
    rows = [["序号", "事项", "牵头单位", "完成时间"], ["1", "组织义诊活动", "办公室", "6月底"]]
    spec = columns_hint(rows).split("'")[1]
    assert manual_keys(spec) == {0: "id", 1: "content", 2: "lead", 3: "due"}
