"""Every shape of YAML in every field of a plan: `kexie check` names it at FILE:LINE and exits
2, or passes — and a plan that passes `check` also lists, reports and shows (a value `check`
lets through never trips a later command)."""

from __future__ import annotations

import copy
import datetime as dt
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kexie_cli.cli import app

runner = CliRunner()

BASE = {
    "plan": {"title": "测试清单", "year": 2025, "start": "2025.1", "org": "科协"},
    "departments": {"groups": {"机关各部室": ["组宣部", "学会部"]}, "aliases": {"市馆": "组宣部"}},
    "tasks": [
        {
            "id": 1,
            "section": "组织建设",
            "content": "发展会员。",
            "measures": ["不少于100人"],
            "lead": "组宣部",
            "support": ["学会部"],
            "leaders": "郑昌盛",
            "due": "2025.6",
            "status": "in_progress",
            "note": "备注",
            "targets": [
                {"name": "会员", "target": 100, "unit": "人", "comparator": "at_least", "done": 40},
                {
                    "name": "各县活动",
                    "target": 10,
                    "unit": "场",
                    "each": ["大冶市", "阳新县"],
                    "units": {"大冶市": {"done": 2}},
                    "milestones": {"2025.6": 5},
                    "measured": "2025.3",
                },
            ],
            "history": [
                {"date": "2025-03-31", "target": 1, "before": 0, "after": 40, "by": "张三"},
                {"date": "2025-04-30", "target": 2, "unit": "大冶市", "before": 0, "after": 2},
                {"date": "2025-05-01", "status": "in_progress", "status_before": "not_started"},
                {
                    "date": "2025-05-20",
                    "kind": "extension",
                    "due_before": "2025.6",
                    "due_after": "2025.9",
                    "reason": "场地",
                    "by": "办公室",
                },
                {"date": "2025-06-10", "kind": "comment", "comment": "抓紧", "by": "郑昌盛"},
                {
                    "date": "2025-06-30",
                    "recorded": "2025-07-03",
                    "kind": "report",
                    "note": "进展",
                    "problem": "问题",
                    "next": "打算",
                    "by": "组宣部",
                },
                {"date": "2025-07-01", "kind": "request", "due_after": "2025.12", "reason": "r"},
                {"date": "2025-07-02", "kind": "refusal", "due_after": "2025.12", "reason": "不"},
            ],
        }
    ],
}


def paths(node, here=()):
    """Every place a value stands in the plan: mapping values and list items."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*here, key)
            yield from paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*here, index)
            yield from paths(value, (*here, index))


PATHS = list(paths(BASE))

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.sampled_from([10**400, -1, 0, 2025, 1e308, 0.5, float("nan")]),
    st.floats(allow_nan=False, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "2025.13", "2025-02-30", "9999-12-31", "1-2", "十二", "x" * 300]),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
)
SHAPES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def put(plan, path, value):
    node = plan
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(PATHS), value=SHAPES)
def test_any_value_anywhere_is_named_at_its_line_or_works_everywhere(tmp_path, path, value):
    plan = copy.deepcopy(BASE)
    put(plan, path, value)
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    file = folder / "2025_tasks.yaml"
    file.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    checked = runner.invoke(app, ["check", "--data", str(folder)])
    assert checked.exit_code in (0, 2), (path, value, checked.output)
    assert "Traceback" not in checked.output and "内部错误" not in checked.output
    if checked.exit_code == 2:
        lines = [line for line in checked.stderr.splitlines() if line.strip()]
        assert lines and all(re.match(rf"{re.escape(str(file))}:\d+: ", line) for line in lines), (
            path,
            value,
            checked.stderr,
        )
        return
    from kexie_cli.plans.load import open_plan

    shown = ["show", str(open_plan(folder, None).plan.tasks[0].id)]  # as read: 2 is a fine id
    for args in (["list"], ["report", "--as-of", "2025-12-31"], shown):
        used = runner.invoke(app, [*args, "--data", str(folder), "--format", "json"])
        assert used.exit_code == 0, (path, value, args, used.output)
