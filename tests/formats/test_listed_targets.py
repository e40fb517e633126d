"""The 目标 and 完成 cells as `list`/`export --format csv` and the progress sheet write them,
read back into targets (formats/listed_targets.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.models import Comparator, Target
from kexie_cli.core.status import TargetState
from kexie_cli.core.wording import target_text
from kexie_cli.formats.breakdown_sheet import done_text as progress_done
from kexie_cli.formats.breakdown_sheet import target_line
from kexie_cli.formats.listed_targets import read_listed_targets
from kexie_cli.output.views import done_text as listed_done


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


# ---- both directions: what the real writers print reads back as the target ------------------

_NAMES = st.text(alphabet="党组会学习科协讲堂培训活动", min_size=2, max_size=8)
_UNITS = st.sampled_from(["次", "期", "场", "名", "家", "所"])


@st.composite
def _targets(draw: st.DrawFn) -> tuple[Target, float]:
    comparator = draw(st.sampled_from(list(Comparator)))
    low = draw(st.integers(min_value=1, max_value=500))
    high = low + draw(st.integers(min_value=1, max_value=50))
    target = Target(
        name=draw(_NAMES),
        target=low,
        target_max=high if comparator == Comparator.RANGE else None,
        unit=draw(_UNITS),
        comparator=comparator,
    )
    done = draw(st.integers(min_value=0, max_value=600)) / draw(st.sampled_from([1, 2]))
    return target, done


@given(st.lists(_targets(), min_size=1, max_size=4))
def test_what_the_csv_and_the_progress_sheet_print_reads_back(drawn: list) -> None:
    states = [TargetState(i, t, done) for i, (t, done) in enumerate(drawn, start=1)]
    expected = [
        (t.name, t.target, t.target_max, t.unit, str(t.comparator), done) for t, done in drawn
    ]
    printed = (
        (
            "\n".join(f"{s.target.name} {target_text(s.target)}" for s in states),
            "\n".join(listed_done(s) for s in states),
        ),
        (
            "\n".join(target_line(s.target) for s in states),
            "\n".join(progress_done(s) for s in states),
        ),
    )
    for targets, done in printed:
        got = read_listed_targets(targets, done)
        assert [
            (
                g["name"],
                int(str(g["target"]).split("-")[0]),
                int(str(g["target"]).split("-")[1]) if "-" in str(g["target"]) else None,
                g["unit"],
                g["comparator"],
                g["done"],
            )
            for g in got
        ] == expected
