"""plans/tree.py and the loader on a folder of many organisations: sub-folders read, hidden
ones not; two plans of one year refused only within one organisation; --org's plans."""

from __future__ import annotations

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import plan_files
from kexie_cli.plans.load import load_plans, open_plan
from kexie_cli.plans.tree import open_tree, tree_problems
from tests.tree_plans import DAYE, FILES, write_tree


def test_plan_files_reads_sub_folders_after_the_folder_and_skips_hidden_ones(tmp_path):
    write_tree(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("tasks: []\n", encoding="utf-8")
    (tmp_path / "top.yaml").write_text("tasks: []\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in plan_files(tmp_path)]
    assert found[0] == "top.yaml" and sorted(found[1:]) == sorted(FILES)
    assert not any(".git" in name for name in found)


def test_two_lists_of_one_year_clash_only_within_one_organisation(tmp_path):
    write_tree(tmp_path)
    _, problems = load_plans(plan_files(tmp_path))
    assert problems == []
    (tmp_path / "湖北省科协/黄石市科协/大冶市科协/2025_copy.yaml").write_text(
        DAYE, encoding="utf-8"
    )
    _, problems = load_plans(plan_files(tmp_path))
    assert len(problems) == 1 and "同为 2025 年的任务分解清单" in problems[0].message


def test_open_plan_in_a_tree_needs_the_organisation(tmp_path):
    write_tree(tmp_path)
    with pytest.raises(KexieError, match="请用 --org 指明"):
        open_plan(tmp_path, None)
    assert open_plan(tmp_path, None, "阳新县科协").plan.plan.org == "阳新县科协"


def test_open_tree_chooses_the_family_or_the_one(tmp_path):
    write_tree(tmp_path)
    family = open_tree(tmp_path, None, "黄石市科协")
    assert [family.plans[i].plan.org for i in family.chosen] == [
        "黄石市科协",
        "大冶市科协",
        "阳新县科协",
    ]
    assert family.many
    one = open_tree(tmp_path, None, "黄石市科协", below=False)
    assert [one.plans[i].plan.org for i in one.chosen] == ["黄石市科协"] and not one.many


def test_a_link_out_of_the_folder_read_is_a_problem_only_for_check(tmp_path):
    write_tree(tmp_path)
    county = tmp_path / "湖北省科协/黄石市科协/大冶市科协"
    loaded, _ = load_plans(plan_files(county))
    assert tree_problems(loaded, strict=False) == []
    (problem,) = tree_problems(loaded)
    assert (problem.line, problem.where, problem.field) == (18, "任务 7", "targets[1].reports_to")
