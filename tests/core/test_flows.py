"""core/flows.py and core/orgs.py on plans in memory: figures flowing up a level or two, the
findings of a tree, which organisations --org selects."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core import flows, orgs
from kexie_cli.core.models import TasksPlan
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.validate import validate
from kexie_cli.plans.yaml_read import parse_yaml
from tests.tree_plans import DAYE, HUANGSHI, PROVINCE, SHIYAN, YANGXIN, YUNYANG

# The province keeping a list of its own too: its task 5 counts each city's activities, and
# 黄石's task 19 (its counties' sum) reports into it — a figure flowing up two levels.
PROVINCE_TASKS = """
plan:
  title: 省科协2025年重点工作任务
  year: 2025
  org: 湖北省科协
  level: 省
tasks:
- id: 5
  due: '2025.12'
  targets:
  - name: 各市科普活动
    target: 300
    comparator: at_least
    units: {黄石市: 400, 十堰市: 300}
"""

TO_PROVINCE = HUANGSHI.replace(
    "      阳新县: 150\n",
    "      阳新县: 150\n    reports_to: {org: 湖北省科协, year: 2025, task: 5, place: 黄石市}\n",
)


def plan_of(text: str):
    plan, findings = validate(parse_yaml(textwrap.dedent(text).lstrip(), "x.yaml"))
    assert not findings, findings
    return plan


def tree(*texts: str) -> list:
    return [plan_of(t) for t in texts]


def find(plans, org: str, task_id: int):
    plan = next(p for p in plans if isinstance(p, TasksPlan) and p.plan.org == org)
    return next(t for t in plan.tasks if t.id == task_id)


def places(task) -> dict[str, tuple[float, str | None]]:
    held = task.targets[0].places
    return {name: (place.done, place.source) for name, place in held.items()}


ALL = (PROVINCE, HUANGSHI, DAYE, YANGXIN, SHIYAN, YUNYANG)


def test_a_county_figure_is_written_at_the_city_place_with_its_source():
    plans = flows.flowed(tree(*ALL), dt.date(2025, 6, 30))
    assert places(find(plans, "黄石市科协", 19)) == {
        "大冶市": (120, "大冶市科协 任务 7，2025-06-28"),
        "阳新县": (40, "阳新县科协 任务 3，2025-05-31"),
    }
    whole = find(plans, "十堰市科协", 2).targets[0]
    assert (whole.done, whole.source) == (2, "郧阳区科协 任务 1，2025-06-15")


def test_the_plans_given_are_left_as_they_were():
    given_plans = tree(*ALL)
    flows.flowed(given_plans, dt.date(2025, 6, 30))
    assert places(find(given_plans, "黄石市科协", 19))["大冶市"] == (0, None)


def test_a_figure_flows_up_two_levels():
    plans = flows.flowed(
        tree(PROVINCE_TASKS, TO_PROVINCE, DAYE, YANGXIN, SHIYAN, YUNYANG), dt.date(2025, 7, 31)
    )
    assert places(find(plans, "黄石市科协", 19))["阳新县"][0] == 90
    done, source = places(find(plans, "湖北省科协", 5))["黄石市"]
    assert done == 120 + 90 and source == "黄石市科协 任务 19"


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(6)))
def test_the_order_the_plans_are_read_in_changes_no_figure(order):
    texts = (PROVINCE_TASKS, TO_PROVINCE, DAYE, YANGXIN, SHIYAN, YUNYANG)
    plans = flows.flowed(tree(*(texts[i] for i in order)), dt.date(2025, 7, 31))
    assert places(find(plans, "湖北省科协", 5))["黄石市"][0] == 210
    assert places(find(plans, "黄石市科协", 19))["大冶市"][0] == 120


def test_a_sound_tree_has_no_findings():
    assert flows.link_findings(tree(*ALL)) == []
    assert orgs.org_findings(tree(*ALL)) == []


def test_findings_name_the_plan_and_the_link():
    plans = tree(PROVINCE, HUANGSHI, DAYE.replace("task: 19,", "task: 20,"), YANGXIN)
    assert flows.link_findings(plans) == [
        (2, ("tasks", 0, "targets", 0, "reports_to"), "黄石市科协 2025 年清单中没有任务 20")
    ]


def test_a_cycle_is_told_once():
    back = SHIYAN.replace(
        "{name: 大篷车进县, target: 5, unit: 次}",
        "{name: 大篷车进县, target: 5, unit: 次, reports_to: {org: 郧阳区科协, year: 2025, task: 1}}",
    )
    found = [f for f in flows.link_findings(tree(back, YUNYANG)) if "循环" in f[2]]
    assert len(found) == 1
    # and flowing does not run for ever
    flows.flowed(tree(back, YUNYANG), dt.date(2025, 6, 30))


def test_implementers_of_each_point():
    plans = tree(*ALL)
    notice = plans[0]
    found = flows.implementers(plans, notice)
    assert {point: [(i, t.id) for i, t in tasks] for point, tasks in found.items()} == {
        1: [(1, 1), (4, 1)],
        2: [],
        3: [(1, 19)],
    }


def test_family_is_the_organisation_and_those_below_at_any_depth():
    plans = tree(*ALL)
    assert orgs.family(plans, "黄石市科协") == ["黄石市科协", "大冶市科协", "阳新县科协"]
    assert len(orgs.family(plans, "湖北省科协")) == 6
    assert orgs.family(plans, "郧阳区科协") == ["郧阳区科协"]


def test_find_org_takes_full_width_and_spaces_and_refuses_others():
    plans = tree(*ALL)
    assert orgs.find_org(plans, " 大冶市科协").name == "大冶市科协"
    with pytest.raises(KexieError, match="没有名为 孝感市科协 的组织"):
        orgs.find_org(plans, "孝感市科协")


@pytest.mark.parametrize(
    ("texts", "said"),
    [
        ((HUANGSHI, DAYE.replace("parent: 黄石市科协", "parent: 大冶市科协")), "不能是自己的上级"),
        ((HUANGSHI, DAYE.replace("level: 县", "level: 市")), "不高于本组织的市级"),
        (
            (PROVINCE, HUANGSHI.replace("parent: 湖北省科协", "parent: 大冶市科协"), DAYE),
            "上级循环",
        ),
    ],
)
def test_org_findings(texts, said):
    findings = orgs.org_findings(tree(*texts))
    assert any(said in message for _, _, message in findings), findings


def test_two_plans_of_one_organisation_disagreeing_on_its_level():
    second = DAYE.replace("year: 2025", "year: 2024").replace("level: 县", "level: 市")
    findings = orgs.org_findings(tree(HUANGSHI, DAYE, second))
    assert any("level 在另一个计划中写作 县" in m for _, _, m in findings)
