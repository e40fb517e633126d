"""Each class of invalid input gets its own finding; all are reported at once."""

from kexie_cli.core.models import Comparator, TasksPlan
from kexie_cli.plans.validate import validate


def plan(*tasks, **info):
    return {"plan": {"title": "清单", "year": "2025", **info}, "tasks": list(tasks)}


def task(**fields):
    return {"id": "1", "due": "2025.12", **fields}


def messages(raw):
    result, findings = validate(raw)
    assert result is None
    return {f.loc: f.message for f in findings}


def test_valid_plan_reads_typed_text():
    target = {"name": "学习", "target": "12", "unit": "次", "comparator": "at_least", "done": "3"}
    result, findings = validate(plan(task(lead="办公室", targets=[target])))
    assert findings == []
    assert isinstance(result, TasksPlan)
    only = result.tasks[0]
    assert only.lead == ["办公室"]
    assert only.targets[0].target == 12
    assert only.targets[0].comparator is Comparator.AT_LEAST


def test_range_target():
    target = {"name": "全体会议", "target": "1-2", "unit": "次", "comparator": "range"}
    result, _ = validate(plan(task(targets=[target])))
    assert (result.tasks[0].targets[0].target, result.tasks[0].targets[0].target_max) == (1, 2)


def test_unknown_key():
    assert messages(plan(task(colour="red"))) == {("tasks", 0, "colour"): "未知字段"}


def test_due_not_a_month():
    found = messages(plan(task(due="2025.13")))
    assert "超出" in found[("tasks", 0, "due")]


def test_missing_due():
    assert messages(plan({"id": "1"})) == {("tasks", 0, "due"): "缺少此项"}


def test_duplicate_ids_reported_on_both():
    found = messages(plan(task(), task()))
    assert found[("tasks", 0, "id")] == found[("tasks", 1, "id")] == "编号 1 重复"


def test_target_without_a_number():
    found = messages(plan(task(targets=[{"name": "a", "target": "十二"}])))
    assert found[("tasks", 0, "targets", 0, "target")].startswith("应为数字")
    found = messages(plan(task(targets=[{"name": "a"}])))
    assert found[("tasks", 0, "targets", 0, "target")] == "缺少此项"


def test_done_below_zero_or_not_finite():
    found = messages(plan(task(targets=[{"name": "a", "target": "2", "done": "-1"}])))
    assert found[("tasks", 0, "targets", 0, "done")].startswith("不能小于 0")
    found = messages(plan(task(targets=[{"name": "a", "target": "2", "done": "nan"}])))
    assert ("tasks", 0, "targets", 0, "done") in found


def test_range_needs_range_comparator():
    found = messages(plan(task(targets=[{"name": "a", "target": "1-2", "comparator": "at_least"}])))
    assert "range" in found[("tasks", 0, "targets", 0)]


def test_every_error_at_once():
    raw = plan(task(due="soon", extra=1), task(id="2", targets=[{"name": "a", "target": "x"}]))
    raw["tasks"].append(raw["tasks"][0])
    found = messages(raw)
    assert len(found) >= 5


def test_history_target_must_exist():
    history = [{"date": "2025-03-01", "target": "2", "before": "0", "after": "1"}]
    found = messages(plan(task(targets=[{"name": "a", "target": "2"}], history=history)))
    assert "指标 2 不存在" in found[("tasks", 0, "history", 0, "target")]


def test_not_a_plan():
    _, findings = validate({"foo": 1})
    assert "不是计划文件" in findings[0].message


def test_points_plan_section_must_exist():
    raw = {
        "plan": {"title": "要点", "year": "2019"},
        "sections": [{"id": "一", "title": "甲"}],
        "points": [{"id": "1", "section": "乙", "title": "t", "content": "t。"}],
    }
    found = messages(raw)
    assert "不在 sections" in found[("points", 0, "section")]


def test_one_task_alone_gets_the_same_checks_with_places_within_it():
    from kexie_cli.plans.validate import validate_task

    history = [{"date": "2025-03-01", "target": "2", "before": "0", "after": "1"}]
    targets = [{"name": "a", "target": "2"}, {"name": "a", "target": "-1"}]
    result, findings = validate_task(task(targets=targets, history=history))
    assert result is None
    found = {f.loc: f.message for f in findings}
    assert found[("targets", 1, "target")].startswith("应大于 0")
    assert found[("targets", 1, "name")] == "指标名称 a 重复"
    assert ("history", 0, "target") not in found  # target 2 exists
    _, findings = validate_task(task(targets=targets[:1], history=history))
    assert [(f.loc, f.message) for f in findings] == [
        (("history", 0, "target"), "指标 2 不存在（本任务有 1 项指标）")
    ]
    only, findings = validate_task(task(targets=targets[:1]))
    assert findings == [] and only.targets[0].target == 2


def test_counts_and_targets_are_bounded_so_percent_stays_finite():
    found = messages(plan(task(targets=[{"name": "a", "target": "2", "done": "1e308"}])))
    assert found[("tasks", 0, "targets", 0, "done")].startswith("不能大于 1e+12")
    found = messages(plan(task(targets=[{"name": "a", "target": "2e12"}])))
    assert found[("tasks", 0, "targets", 0, "target")].startswith("不能大于 1e+12")


def test_a_sections_title_is_read_and_one_for_no_section_refused():
    """`sections:` gives a 类型 a clean title for the summary; a key no task is under is a typo."""
    raw = plan(task(section="聚焦“科智建设，党委会好”"))
    raw["sections"] = {"聚焦“科智建设，党委会好”": {"title": "开展科学决策咨询", "note": "推断"}}
    result, findings = validate(raw)
    assert findings == [] and result is not None
    assert result.sections["聚焦“科智建设，党委会好”"].title == "开展科学决策咨询"
    raw["sections"]["聚焦科普"] = {"title": "科普"}
    assert messages(raw) == {("sections", "聚焦科普"): "没有类型为 聚焦科普 的任务"}
    raw["sections"] = {"聚焦“科智建设，党委会好”": {"note": "无标题"}}
    assert "缺少此项" in messages(raw)[("sections", "聚焦“科智建设，党委会好”", "title")]


def test_sign_off_on_the_plan_reaches_each_task_silent_on_it():
    result, findings = validate(
        plan(task(), task(id="2", sign_off=False), task(id="3", sign_off=True), sign_off=True)
    )
    assert findings == [] and isinstance(result, TasksPlan)
    assert [t.sign_off for t in result.tasks] == [True, False, True]
    result, _ = validate(plan(task(), task(id="2", sign_off=True)))
    assert [t.sign_off for t in result.tasks] == [None, True]


def test_sign_off_is_true_or_false():
    found = messages(plan(task(sign_off="是"), sign_off="yes please"))
    assert found == {
        ("plan", "sign_off"): "应为 true 或 false，实际为 'yes please'",
        ("tasks", 0, "sign_off"): "应为 true 或 false，实际为 '是'",
    }
