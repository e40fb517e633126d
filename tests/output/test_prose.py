"""The shared sentence helpers: clauses never cut inside quotes or brackets, figures capped."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.models import Comparator, Target, Task
from kexie_cli.core.months import Month
from kexie_cli.core.status import TargetState
from kexie_cli.output.prose import day_text, figure_text, first_clause, gist, month_day, sentence

_PAIRS = ("“”", "（）", "《》", "「」", "()")
_PLAIN = st.text(alphabet="科普讲堂活动，。；！", min_size=0, max_size=8)


@st.composite
def quoted_text(draw) -> str:
    """Plain runs and quoted or bracketed runs, which may hold commas and full stops."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            pair = draw(st.sampled_from(_PAIRS))
            parts.append(pair[0] + draw(_PLAIN) + pair[1])
        else:
            parts.append(draw(_PLAIN))
    return "".join(parts)


def _balanced(text: str) -> bool:
    return all(text.count(pair[0]) == text.count(pair[1]) for pair in _PAIRS)


@given(quoted_text())
def test_a_first_clause_is_a_prefix_that_closes_every_quote(text: str) -> None:
    clause = first_clause(text)
    assert text.strip().startswith(clause)
    assert _balanced(clause)


def test_the_shipped_task_7_keeps_its_quote_whole() -> None:
    text = (
        "梳理黄石市优秀青年科技工作者、首届“黄石最美科技工作者”以及其他渠道推荐的人才，酝酿推荐。"
    )
    assert first_clause(text) == text[: text.index("，")]
    task = Task(id=7, due=Month(2025, 8), content="", measures=[text])
    assert gist(task).endswith("推荐的人才")


def test_sentence_ends_once() -> None:
    assert sentence("已开展宣讲2场") == "已开展宣讲2场。"
    assert sentence("已开展宣讲2场；") == "已开展宣讲2场。"
    assert sentence("他说“好。”") == "他说“好。”"


@given(st.floats(0, 10_000, allow_nan=False), st.integers(1, 500))
def test_a_figure_never_reads_over_100_percent(done: float, aim: int) -> None:
    target = Target(name="宣讲", target=aim, unit="场", comparator=Comparator.AT_LEAST, done=done)
    text = figure_text(TargetState(1, target, done))
    percents = [float(p) for p in re.findall(r"(\d+(?:\.\d+)?)%", text)]
    assert all(p <= 100 for p in percents)
    assert ("已完成" in text) == (done >= aim)


def test_dates_read_as_chinese() -> None:
    assert day_text(dt.date(2025, 6, 30)) == "2025年6月30日"
    assert month_day(dt.date(2025, 6, 3)) == "6月3日"


def test_a_comment_without_its_own_full_stop_gets_one_after_the_quote():
    import datetime as dt

    from kexie_cli.core.models import EntryKind, HistoryEntry, Task
    from kexie_cli.core.months import Month
    from kexie_cli.output.prose import comment_text

    task = Task(id=8, due=Month(2025, 12))
    said = HistoryEntry(
        date=dt.date(2025, 4, 10), kind=EntryKind.COMMENT, comment="抓紧推进", by="陈汉平"
    )
    assert (
        comment_text(task, said, [])
        == "陈汉平同志4月10日对任务8批示：“抓紧推进”。落实情况：尚未报送。"
    )
