"""The shipped plans are faithful to the source documents: nothing invented, every row there."""

import re

import pytest
import yaml

from kexie_cli.core.models import PointsPlan, TasksPlan
from kexie_cli.plans.load import load_file
from tests.conftest import DATA, SEEDS

LIST_SEED = SEEDS / "000_e60f2dc0b4861f44.txt"
POINTS_SEED = SEEDS / "001_ed69cb8f54072c8b.txt"
# Corrections the data file notes on its records (OCR slips); applied to the source for comparison.
NOTED_CORRECTIONS = {"始終": "始终", "推進": "推进"}

needs_seeds = pytest.mark.skipif(
    not LIST_SEED.exists(), reason="../shared/seeds not beside the repo"
)


def squeeze(text: str) -> str:
    """Drop what the extraction added: whitespace, tabs, <p> tags."""
    text = re.sub(r"</?p>", "", text)
    for wrong, right in NOTED_CORRECTIONS.items():
        text = text.replace(wrong, right)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def tasks_plan() -> TasksPlan:
    plan, problems = load_file(DATA / "2025_tasks.yaml")
    assert problems == []
    assert isinstance(plan, TasksPlan)
    return plan


def test_every_numbered_row_is_a_record(tasks_plan):
    ids = [task.id for task in tasks_plan.tasks]
    # 23 and 35 have no row in the document (see the plan's note); every other number does.
    assert ids == [n for n in range(1, 43) if n not in (23, 35)]
    assert "23" in tasks_plan.plan.note and "35" in tasks_plan.plan.note


def test_every_task_has_its_columns(tasks_plan):
    for task in tasks_plan.tasks:
        assert task.section, task.id
        assert task.leaders, task.id
        assert task.content or task.note, task.id  # an empty cell is explained in the note
        assert task.measures or task.note, task.id


def test_due_months_are_quoted_text_in_the_file():
    text = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    dues = re.findall(r"^  due: (.+)$", text, flags=re.M)
    assert dues and all(re.fullmatch(r"'2025\.\d{1,2}'", due) for due in dues)
    # A plain YAML reader sees the same text, not a float.
    assert all(isinstance(t["due"], str) for t in yaml.safe_load(text)["tasks"])


def test_no_yaml_aliases_so_editing_one_task_never_changes_another():
    text = (DATA / "2025_tasks.yaml").read_text(encoding="utf-8")
    assert not re.search(r"[&*]id\d", text)


@needs_seeds
def test_content_and_measures_are_as_printed(tasks_plan):
    source = squeeze(LIST_SEED.read_text(encoding="utf-8"))
    for task in tasks_plan.tasks:
        for text in [task.content, *task.measures]:
            assert squeeze(text) in source, (task.id, text[:30])


@needs_seeds
def test_names_are_as_printed(tasks_plan):
    source = squeeze(LIST_SEED.read_text(encoding="utf-8"))
    for task in tasks_plan.tasks:
        for name in [*task.lead, *task.support, *task.leaders]:
            assert squeeze(name) in source, (task.id, name)


def test_targets_start_at_zero_and_have_units(tasks_plan):
    targets = [t for task in tasks_plan.tasks for t in task.targets]
    assert len(targets) >= 50
    assert all(t.done == 0 and t.unit for t in targets)


@needs_seeds
def test_points_are_as_printed():
    plan, problems = load_file(DATA / "2019_points.yaml")
    assert problems == [] and isinstance(plan, PointsPlan)
    source = POINTS_SEED.read_text(encoding="utf-8")
    assert [p.id for p in plan.points] == list(range(1, 10))
    assert [s.id for s in plan.sections] == ["一", "二", "三", "四"]
    assert plan.plan.doc_no == "鄂科协办〔2019〕22号" and str(plan.plan.date) == "2019-03-12"
    for point in plan.points:
        assert point.content in source
        assert point.content.startswith(point.title + "。")
