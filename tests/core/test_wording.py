"""A target in the list's own words."""

from __future__ import annotations

import pytest

from kexie_cli.core.models import Comparator, Target
from kexie_cli.core.wording import amount_text, target_text
from tests.sample_plans import sample_plan


def test_target_text_in_the_list_words():
    plan = sample_plan()
    words = [target_text(t) for task in plan.tasks for t in task.targets]
    assert words == ["不少于12次", "不少于10场", "100人左右", "1-2场"]


@pytest.mark.parametrize(
    ("comparator", "figure", "top", "words"),
    [
        (Comparator.MORE_THAN, 3.0, None, "超过3家"),
        (Comparator.EXACT, 4.0, None, "4家"),
        (Comparator.EXACT, 2.5, None, "2.5家"),
        (Comparator.RANGE, 1.0, 2.0, "1-2家"),
    ],
)
def test_each_comparator_is_worded(comparator, figure, top, words):
    target = Target(name="学会", target=figure, target_max=top, unit="家", comparator=comparator)
    assert target_text(target) == words
    assert amount_text(target) == words.removeprefix("超过").removesuffix("家")
