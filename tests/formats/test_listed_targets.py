"""The 目标 and 完成 cells as `list`/`export --format csv` and the progress sheet write them,
read back into targets (formats/listed_targets.py)."""

from __future__ import annotations

import pytest

from kexie_cli.formats.listed_targets import read_listed_targets


@pytest.mark.parametrize(
    ("targets", "done", "expected"),
    [
        (  # the CSV: name, a space, the wording; done against the aim with its percent
            "党组会学习 不少于12次\n科协讲堂 4期",
            "6/12次（50%）\n0/4期（0%）",
            [("党组会学习", 12, "次", "at_least", 6), ("科协讲堂", 4, "期", "exact", 0)],
        ),
        ("培训 100名左右", "2.5/100名（2.5%）", [("培训", 100, "名", "about", 2.5)]),
        ("活动 1-2场", "0/1-2场（0%）", [("活动", "1-2", "场", "range", 0)]),
        (  # the progress sheet: the full sheet's 目标, 80/120所 while not met, 12次 once met
            "党组会学习：不少于12次\n走访学校：120所",
            "12次\n80/120所",
            [("党组会学习", 12, "次", "at_least", 12), ("走访学校", 120, "所", "exact", 80)],
        ),
    ],
)
def test_each_layouts_cells_read_back(targets: str, done: str, expected: list) -> None:
    got = read_listed_targets(targets, done)
    assert [(t["name"], t["target"], t["unit"], t["comparator"], t["done"]) for t in got] == (
        expected
    )


@pytest.mark.parametrize(
    ("targets", "done", "message"),
    [
        ("随便写的", "", "应写成“名称 不少于12次”的样子"),
        ("学习 不少于12次", "很多", "完成“很多”不是数"),
    ],
)
def test_other_words_are_refused_saying_how_to_write_them(
    targets: str, done: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_listed_targets(targets, done)
