"""The 考核 rules file read: the shipped scheme, and problems tied to their lines."""

from __future__ import annotations

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.core.score_rules import ItemKind
from kexie_cli.plans.score_rules import DEFAULT_RULES, read_rules
from tests.score_plans import RULES


def test_the_shipped_scheme_reads_and_is_the_default():
    assert DEFAULT_RULES.is_file()
    rules = read_rules(None)
    assert rules.base == 100
    kinds = [item.kind for item in rules.items]
    assert kinds == [k for k in ItemKind if k is not ItemKind.EVALUATION]  # evaluation: commented
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    assert "# - kind: evaluation" in text  # shown, for an office to fill in


def test_the_shipped_scheme_with_its_evaluation_uncommented_reads(tmp_path):
    head, marker, block = DEFAULT_RULES.read_text(encoding="utf-8").partition("并填写：\n")
    text = head + marker + block.replace("  # ", "  ", 1).replace("  #   ", "    ")
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    evaluation = read_rules(path).item(ItemKind.EVALUATION)
    assert evaluation is not None and evaluation.points == {"组宣部": 9, "学会部": 8.5}


def test_checks_given_are_said_with_the_files_own_problems_at_their_lines(tmp_path):
    from kexie_cli.core.problems import Finding

    path = tmp_path / "rules.yaml"
    path.write_text(RULES.replace("weight: 20", "weight: x"), encoding="utf-8")

    def check(raw):
        assert raw["items"][2]["name"] == "进展报送"  # the data as written
        yield Finding(("items", 2, "max"), "说明")

    with pytest.raises(KexieError) as caught:
        read_rules(path, [check])
    found = [(p.line, p.where, p.field, p.message) for p in caught.value.problems]
    assert found == [
        (7, "第 1 项（按时完成率）", "weight", "应为数字，实际为 'x'"),
        (15, "第 3 项（进展报送）", "max", "说明"),
    ]


def test_a_number_as_typed_is_read_and_a_control_character_refused(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        RULES.replace("title: 测试考核细则", 'title: "测试\\x1b[31m"'), encoding="utf-8"
    )
    with pytest.raises(KexieError) as caught:
        read_rules(path)
    assert [p.line for p in caught.value.problems] == [2]
    assert "控制字符" in str(caught.value)
