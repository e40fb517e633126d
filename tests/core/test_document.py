"""The 通报's 版头 and 版记 from the settings or the plan; the document numbers of a year."""

from __future__ import annotations

from kexie_cli.core.document import (
    Issued,
    Settings,
    choose_number,
    letterhead,
    named_departments,
    next_number,
)
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

PLAN = load_file(DATA / "2025_tasks.yaml")[0]
TITLE = "关于2025年重点工作任务推进情况的通报"


def test_nothing_configured_the_plan_gives_the_issuer_and_the_addressees() -> None:
    head = letterhead(PLAN, Settings())
    assert head.mark == head.printer == "黄石市科协"
    assert head.number_text == "〔2025〕  号"
    assert head.to[0] == "机关各部室" and "各县（市、区）科协" in head.to
    assert not {"办公室", "组宣部", "普及部（中心）", "市馆"} & set(head.to)
    assert all("(" not in name for name in named_departments(PLAN))


def test_settings_win_and_a_number_is_printed_with_its_prefix() -> None:
    settings = Settings(mark="黄石市科学技术协会文件", prefix="黄科协督", to=("机关各部室",))
    head = letterhead(PLAN, settings, 3)
    assert head.number_text == "黄科协督〔2025〕3号" and head.to == ("机关各部室",)


def test_numbers_run_on_through_a_year_and_start_again_in_the_next() -> None:
    issued = [Issued("黄科协督", 2025, n, f"通报{n}", "2025-06-30") for n in (1, 2, 5)]
    assert next_number(issued, "黄科协督", 2025) == 6
    assert next_number(issued, "黄科协督", 2026) == 1
    assert next_number(issued, "黄科协办", 2025) == 1


def test_a_number_is_chosen_reused_or_refused() -> None:
    head = letterhead(PLAN, Settings(prefix="黄科协督"))
    issued = [Issued("黄科协督", 2025, 1, TITLE, "2025-06-30")]
    assert choose_number(issued, head, TITLE, "2025-06-30", None) == (1, None, None)  # again
    number, new, problem = choose_number(issued, head, TITLE, "2025-07-31", None)
    assert (number, problem) == (2, None) and new == Issued(
        "黄科协督", 2025, 2, TITLE, "2025-07-31"
    )
    number, new, problem = choose_number(issued, head, TITLE, "2025-07-31", 1)
    assert number is None and "已用于" in problem and "下一个可用：2" in problem
    assert choose_number(issued, head, TITLE, "2025-07-31", 0)[2]
    blank = letterhead(PLAN, Settings())
    assert choose_number([], blank, TITLE, "2025-06-30", None) == (None, None, None)
