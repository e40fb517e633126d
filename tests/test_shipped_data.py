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


# ---- the notes say what the source says ---------------------------------------------------------

# Quoted in a note but not from the source, each said to be so where it is quoted.
QUOTED_NOT_FROM_SOURCE = {
    "（清单未列）": "task 20: what the report prints for its empty 牵头部室",
    "科智黄石": "task 28: a reading of the garbled heading its note says was not restored",
}
# An item of a note's 目标 clause that names something kept out of the targets.
NOT_A_TARGET = ("不作为目标", "不设目标", "不为其设目标", "固定提法", "序数", "按原样保留")


def list_notes(plan: TasksPlan) -> list[tuple[str, int | None, str]]:
    """(where, task id or None, note) for every note of the 2025 list."""
    found = [("plan", None, plan.plan.note or ""), ("departments", None, plan.departments.note)]
    for task in plan.tasks:
        found.append((f"task {task.id}", task.id, task.note or ""))
        found += [(f"{task.id}.{t.name}", task.id, t.note) for t in task.targets if t.note]
    return [(where, task_id, note) for where, task_id, note in found if note]


def outside_quotes(text: str, separator: str) -> list[str]:
    """The text split at `separator` where it stands outside “…” (quoted source text)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        depth += {"“": 1, "”": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:at])
            start = at + 1
    return [*parts, text[start:]]


def task_numbers(cited: str) -> set[int]:
    """第4、7、26项 → {4, 7, 26}; 第13–17、20项 → {13, …, 17, 20}."""
    numbers: set[int] = set()
    for part in cited.split("、"):
        first, _, last = part.partition("–")
        numbers |= set(range(int(first), int(last or first) + 1))
    return numbers


def department_names(plan: TasksPlan) -> set[str]:
    office = plan.departments
    named = {name for task in plan.tasks for name in [*task.lead, *task.support]}
    return named | set(office.groups) | set(office.aliases) | set(office.aliases.values())


def test_every_task_says_what_was_inferred(tasks_plan):
    # A type (类型) is printed a few times only: every task's is reconstructed, and says how.
    for task in tasks_plan.tasks:
        assert task.note and "类型：" in task.note, task.id


@needs_seeds
def test_what_notes_quote_is_in_the_source(tasks_plan):
    source = squeeze(LIST_SEED.read_text(encoding="utf-8"))
    for where, _, note in list_notes(tasks_plan):
        for quoted in re.findall(r"“([^“”]*)”", note):
            if quoted not in QUOTED_NOT_FROM_SOURCE:
                assert squeeze(quoted) in source, (where, quoted)
    everything = "".join(note for _, _, note in list_notes(tasks_plan))
    assert all(f"“{word}" in everything for word in QUOTED_NOT_FROM_SOURCE)


def test_a_notes_targets_are_the_tasks_targets(tasks_plan):
    """What a note's 目标 clause says of a target (X是/即/指/在/按/据/取自…) is said of one of
    the task's targets, not of one since merged; what it keeps out of the targets is not one."""
    for task in tasks_plan.tasks:
        names = {t.name for t in task.targets}
        fields = re.split(r"[；。](?=[\u4e00-\u9fff、]{2,24}：)", task.note or "")
        for clause in [f.removeprefix("目标：") for f in fields if f.startswith("目标：")]:
            for item in outside_quotes(clause, "；"):
                if any(word in item for word in NOT_A_TARGET):
                    continue
                for piece in outside_quotes(item, "，"):
                    said = re.match(r"([\u4e00-\u9fff]{2,20}?)(是|即|指|在|出现|按|据|取自)", piece)
                    assert said is None or said[1] in names, (task.id, piece)


def test_notes_name_tasks_and_departments_that_exist(tasks_plan):
    ids = {task.id for task in tasks_plan.tasks}
    departments = department_names(tasks_plan)
    for where, _, note in list_notes(tasks_plan):
        for sentence in re.split(r"[；。]", note):
            # A range's ends (第21–27项 runs over the missing 23).
            cited = {
                int(n)
                for c in re.findall(r"第([\d、–]+)项", sentence)
                for n in re.findall(r"\d+", c)
            }
            cited |= {int(n) for n in re.findall(r"任务(\d+)", sentence)}
            missing = cited - ids
            # 23 and 35 are named only to say the document has no row for them.
            assert not missing or "没有对应的行" in sentence, (where, missing, sentence)
        for name in re.findall(r"[\u4e00-\u9fff]{2}部(?![室门分])", note):
            assert name in departments, (where, name)


def test_a_notes_reading_of_a_row_is_the_records(tasks_plan):
    """读作牵头部室X、责任部室Y: the record holds X as a lead and Y in support, not the other."""
    departments = department_names(tasks_plan)
    for task in tasks_plan.tasks:
        for said in re.finditer(r"读作牵头部室(.+?)、责任部室", task.note or ""):
            rest = task.note[said.end() :]
            support = max((d for d in departments if rest.startswith(d)), key=len, default=rest)
            assert said[1] in task.lead and support in task.support, (task.id, said[0], support)


@needs_seeds
def test_task_18s_note_compares_it_with_4_7_26_as_they_are_printed(tasks_plan):
    rows = LIST_SEED.read_text(encoding="utf-8").split("\n")
    by_id = {task.id: task for task in tasks_plan.tasks}

    def cells_of(task):
        first = squeeze(task.measures[0] if task.measures else task.content)
        return next(row for row in rows if first in squeeze(row)).split("\t")

    for n in (4, 7, 26):  # one department in the 牵头部室 cell, the leader in the next
        (lead,) = by_id[n].lead
        cells = cells_of(by_id[n])
        assert cells[cells.index(lead) + 1] == by_id[n].leaders[0], n
    task = by_id[18]  # both names in one cell, the leader in the next: read as two leads
    cells = cells_of(task)
    both = " ".join(task.lead)
    assert cells[cells.index(both) + 1] == task.leaders[0] and task.support == []
    printed = "、".join(by_id[n].lead[0] for n in (4, 7, 26))
    assert "第4、7、26项" in task.note and f"各只印一个部室（{printed}）" in task.note
    # Its own cell is quoted, and the other reading (a lead and a 责任部室) is said, not taken.
    assert f"“{both}”" in task.note and f"{task.lead[1]}为责任部室" in task.note


@needs_seeds
def test_the_offices_names_are_marked_as_its_usage(tasks_plan):
    source = squeeze(LIST_SEED.read_text(encoding="utf-8"))
    office = tasks_plan.departments
    sentences = office.note.split("。")
    for name in [*office.aliases, *office.groups, "市科技馆"]:
        said = [s for s in sentences if s.startswith(f"{name}：")]
        assert len(said) == 1 and "办公室的用法" in said[0], name
        if squeeze(name) not in source:
            assert "文件中没有这个名称" in said[0], name


def test_the_departments_note_cites_the_tasks_that_name_them(tasks_plan):
    """Where the note says which tasks name a department, it names all of them and no other."""
    note = tasks_plan.departments.note
    for name in ("机关各部室", "市科技馆", "普及部"):
        naming = {t.id for t in tasks_plan.tasks if name in [*t.lead, *t.support]}
        cited = [task_numbers(c) for c in re.findall(rf"第([\d、–]+)项[^。]{{0,12}}{name}", note)]
        cited += [task_numbers(c) for c in re.findall(rf"{name}：[^。]*?第([\d、–]+)项", note)]
        assert naming in cited, (name, sorted(naming), cited)
