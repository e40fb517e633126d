"""plans.load: the one loader — whole, validated plans, problems at FILE:LINE, the plan picked."""

from __future__ import annotations

import shutil

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans import cache
from kexie_cli.plans.load import load_file, load_plans, open_plan
from tests.conftest import DATA
from tests.sample_plans import SAMPLE

BROKEN = """
plan:
  title: 旧清单
  year: 2023
tasks:
- id: 1
  due: '2023.12'
  targets:
  - name: 学习
    target: 12
    done: -3
"""


def test_a_problem_is_tied_to_its_file_line_task_and_field(write):
    path = write("2023_tasks.yaml", BROKEN)
    plan, problems = load_file(path)
    assert plan is None
    assert str(problems[0]).startswith(f"{path}:10: 任务 1：targets[1].done：不能小于 0")


def test_malformed_yaml_is_a_problem_at_its_line_and_column(write):
    path = write("2023_tasks.yaml", "plan:\n  title: x\n tasks: [\n")
    plan, problems = load_file(path)
    assert plan is None and str(problems[0]).startswith(f"{path}:3:2: YAML：格式错误")


def test_an_alias_inside_itself_is_a_problem_at_its_line(write):
    # YAML lets `&r [*r]` be a list that holds itself: a schema finding, never a traceback.
    path = write(
        "2023_tasks.yaml", BROKEN.replace("  targets:", "  lead: &r [组宣部, *r]\n  targets:")
    )
    plan, problems = load_file(path)
    assert plan is None
    assert str(problems[0]) == f"{path}:7: 任务 1：lead[2]：应为文本"


def test_a_file_that_is_not_utf8_is_one_problem_among_the_files(tmp_path):
    (tmp_path / "a.yaml").write_bytes("plan: 清单\n".encode("gbk"))
    shutil.copy(DATA / "2025_tasks.yaml", tmp_path)
    plans, problems = load_plans(sorted(tmp_path.glob("*.yaml")))
    assert [p.plan.year for p in plans] == [2025]
    assert len(problems) == 1 and "不是 UTF-8 文本" in str(problems[0])


def test_plans_come_whole_from_the_file_and_from_the_cache(write, monkeypatch):
    path = write("2025_tasks.yaml", SAMPLE)
    fresh, _ = load_file(path)
    monkeypatch.setattr(cache, "_read", {})  # as a new process
    cached, _ = load_file(path)
    assert cached == fresh
    assert all(t.content for t in cached.tasks)
    assert cached.tasks[0].measures == ["全年组织党组会学习不少于12次。"]


def test_without_plan_the_newest_task_list_is_opened(tmp_path):
    for name in ("2019_points.yaml", "2025_tasks.yaml"):
        shutil.copy(DATA / name, tmp_path)
    assert open_plan(tmp_path, None).plan.year == 2025
    assert open_plan(tmp_path, 2019).path.name == "2019_points.yaml"
    with pytest.raises(KexieError, match="没有 2030 年的计划；现有：2019、2025"):
        open_plan(tmp_path, 2030)


def test_a_broken_file_of_another_year_does_not_stop_the_named_year(tmp_path, write):
    shutil.copy(DATA / "2025_tasks.yaml", tmp_path)
    broken = write("2023_tasks.yaml", BROKEN)
    assert open_plan(tmp_path, 2025).plan.year == 2025
    # Without --plan the broken file could be the newest plan: it stops the command.
    with pytest.raises(KexieError) as caught:
        open_plan(tmp_path, None)
    assert str(caught.value).startswith(f"{broken}:10: 任务 1")


def test_many_problems_are_counted_in_the_one_line(tmp_path, write):
    write("2023_tasks.yaml", BROKEN.replace("due: '2023.12'", "due: '2023.13'"))
    with pytest.raises(KexieError, match="共 2 处，运行 kexie check 查看全部"):
        open_plan(tmp_path, None)


def test_a_folder_without_plans_is_said_so(tmp_path):
    with pytest.raises(KexieError, match="没有计划文件"):
        open_plan(tmp_path, None)


def test_two_task_lists_of_one_year_are_a_problem_and_not_guessed_between(tmp_path):
    first, second = tmp_path / "2025_a.yaml", tmp_path / "2025_tasks.yaml"
    shutil.copy(DATA / "2025_tasks.yaml", first)
    shutil.copy(DATA / "2025_tasks.yaml", second)
    shutil.copy(DATA / "2019_points.yaml", tmp_path / "2019_points.yaml")
    _, problems = load_plans(sorted(tmp_path.iterdir()))
    assert len(problems) == 1
    assert problems[0].file == str(second) and str(first) in problems[0].message
    for year in (2025, None):
        with pytest.raises(KexieError) as refused:
            open_plan(tmp_path, year)
        assert str(first) in str(refused.value) and str(second) in str(refused.value)
    assert open_plan(tmp_path, 2019).plan.year == 2019  # another year is not held up


def test_a_task_list_and_a_notice_of_one_year_are_not_a_clash(tmp_path, write):
    write("2025_tasks.yaml", SAMPLE)
    notice = (DATA / "2019_points.yaml").read_text(encoding="utf-8")
    write("2025_points.yaml", notice.replace("year: 2019", "year: 2025"))
    _, problems = load_plans(sorted(tmp_path.iterdir()))
    assert problems == []
