"""Every figure in the summary's prose is the record's: each count with its unit a target's
figure at the date or the sum of its section's like targets (or the plan's own words quoting
a target: 活动不少于5场); each 项 a count of tasks."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kexie_cli.core.sums import unit_sums
from kexie_cli.core.tally import build_report
from kexie_cli.output.summary import amount_text, groups, summary, sums_text
from kexie_cli.plans.load import open_plan
from tests.output.played_year import played_year


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return open_plan(played_year(tmp_path_factory.mktemp("year") / "data"), None).plan


@pytest.mark.parametrize("as_of", [dt.date(2025, 6, 30), dt.date(2025, 12, 31)])
def test_every_figure_in_a_sections_prose_is_traced_to_the_record(plan, as_of) -> None:
    report = build_report(plan, as_of, None, 10.0, "section")
    draft = summary(report)
    units = {t.target.unit for s in report.states for t in s.targets if t.target.unit}
    pattern = re.compile(
        r"(\d+(?:\.\d+)?)(万)?("
        + "|".join(sorted(map(re.escape, units), key=len, reverse=True))
        + ")"
    )
    for (_, states), part in zip(groups(report), draft.parts, strict=False):
        figures = {(t.done, t.target.unit) for s in states for t in s.targets}
        figures |= {(each.total, each.unit) for each in unit_sums(states)}
        plans = {(t.target.target, t.target.unit) for s in states for t in s.targets}  # its words
        told = " ".join(part.paragraphs)
        found = [(float(n) * (10000 if wan else 1), u) for n, wan, u in pattern.findall(told)]
        assert found or not any(done > 0 for done, _ in figures)
        for value, unit in found:
            assert (value, unit) in figures | plans, (part.heading, value, unit)
        for each in unit_sums(states):  # and every sum of the record is told
            assert f"{amount_text(each.total)}{each.unit}" in told
        for count in re.findall(r"(\d+)项", told):
            assert int(count) <= len(states)


def test_a_sections_sums_are_the_hand_sums_of_the_year(plan) -> None:
    """Section 一 at the year's end: 党组会学习 6; 科协讲堂 2; 培训 100; 推荐 4 (July);
    场: 科学家精神宣讲 2 + 每县承办宣讲 2 (大冶) + 荆楚校园行 18; 报送动态信息 130."""
    report = build_report(plan, dt.date(2025, 12, 31), None, 10.0, "section")
    first = groups(report)[0][1]
    assert sums_text(unit_sums(first)) == (
        "累计完成党组会学习6次，科协讲堂2期，培训科技工作者100名，推荐参评荆楚最美4人，"
        "科学家精神宣讲、每县承办宣讲、荆楚校园行共22场，报送动态信息130篇。"
    )
    assert {s.unit: s.tasks for s in unit_sums(first)}["场"] == (8, 9)


def test_a_large_sum_is_written_in_wan_only_when_exact() -> None:
    from kexie_cli.core.sums import UnitSum

    assert sums_text([UnitSum("人次", 263000, ("参观",), (1,))]) == "累计完成参观26.3万人次。"
    assert sums_text([UnitSum("人次", 263450, ("参观",), (1,))]) == "累计完成参观263450人次。"
    many = UnitSum("场", 30, ("甲", "乙", "丙", "丁"), (1, 2))
    assert sums_text([many]) == "累计完成甲、乙、丙等共30场。"
