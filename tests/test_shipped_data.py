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


def shipped_notes() -> list[tuple[str, str]]:
    """(file, note) for every `note:` anywhere in the shipped plans (plan, tasks, targets, points)."""

    def walk(node: object):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "note" and isinstance(value, str):
                    yield value
                else:
                    yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    found = []
    for name in ("2025_tasks.yaml", "2019_points.yaml"):
        data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
        found += [(name, note) for note in walk(data)]
    return found


# The 2019 web page's English footer, which its note lists verbatim among the lines dropped.
COPIED_ENGLISH = {
    "copyright",
    "Hubei",
    "Association",
    "Science",
    "Technology",
    "Rights",
    "Reserved",
}


def test_notes_are_chinese_because_office_staff_read_them_as_备注():
    notes = shipped_notes()
    assert len(notes) >= 41
    for name, note in notes:
        assert re.search(r"[\u4e00-\u9fff]", note), (name, note[:40])
        # Quoted source text may hold anything; outside it, no English words (nor YAML keys).
        unquoted = re.sub(r"“[^”]*”", "", note)
        words = set(re.findall(r"[A-Za-z]{4,}", unquoted)) - COPIED_ENGLISH
        assert not words, (name, sorted(words), note[:40])


@needs_seeds
def test_what_notes_cite_from_the_sources_is_there():
    """The copied English words are the page's; every 源文件第N行 is a printed row."""
    points_source = POINTS_SEED.read_text(encoding="utf-8")
    assert all(word in points_source for word in COPIED_ENGLISH)
    source_lines = LIST_SEED.read_text(encoding="utf-8").split("\n")
    for name, note in shipped_notes():
        if name != "2025_tasks.yaml":
            continue
        for first, last in re.findall(r"第(\d+)(?:–(\d+))?行", note):
            for number in {int(first), int(last or first)}:
                assert 1 <= number <= len(source_lines), (number, note[:40])
                assert source_lines[number - 1].strip(), (number, note[:40])
