"""The 考核 rules file read: the shipped scheme, and problems tied to their lines."""

from __future__ import annotations

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.core.score_rules import ItemKind
from kexie_cli.plans.score_rules import DEFAULT_RULES, read_rules
from tests.score_plans import RULES


def test_the_shipped_scheme_reads_and_is_the_default():
    assert DEFAULT_RULES.is_file()
    read = read_rules(None)
    assert read.path == DEFAULT_RULES
    assert read.rules.base == 100
    kinds = [item.kind for item in read.rules.items]
    assert kinds == [k for k in ItemKind if k is not ItemKind.EVALUATION]  # evaluation: commented
    text = DEFAULT_RULES.read_text(encoding="utf-8")
    assert "# - kind: evaluation" in text  # shown, for an office to fill in


def test_the_shipped_scheme_with_its_evaluation_uncommented_reads(tmp_path):
    head, marker, block = DEFAULT_RULES.read_text(encoding="utf-8").partition("并填写：\n")
    text = head + marker + block.replace("  # ", "  ", 1).replace("  #   ", "    ")
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    evaluation = read_rules(path).rules.item(ItemKind.EVALUATION)
    assert evaluation is not None and evaluation.points == {"组宣部": 9, "学会部": 8.5}


def test_problems_found_later_are_tied_to_their_lines(tmp_path):
    from kexie_cli.core.problems import Finding

    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    read = read_rules(path)
    [problem] = read.problems([Finding(("items", 2, "max"), "说明")])
    assert (problem.line, problem.where, problem.field) == (15, "第 3 项（进展报送）", "max")
    assert read.problems([]) == []


def test_a_number_as_typed_is_read_and_a_control_character_refused(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        RULES.replace("title: 测试考核细则", 'title: "测试\\x1b[31m"'), encoding="utf-8"
    )
    with pytest.raises(KexieError) as caught:
        read_rules(path)
    assert [p.line for p in caught.value.problems] == [2]
    assert "控制字符" in str(caught.value)
