"""The 督办通知单 read back with python-docx: its parts, its record, its levels, its type."""

import datetime as dt
import io

import docx

from kexie_cli.core.levels import leveled
from kexie_cli.core.months import Month
from kexie_cli.core.status import task_state
from kexie_cli.core.supervision import Supervision
from kexie_cli.output import docx_style as style
from kexie_cli.output.notice_docx import notice_bytes, rules_text
from tests.level_plans import year_plan


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_the_notice_has_its_number_task_record_levels_and_answer():
    plan = year_plan()
    day = dt.date(2025, 12, 31)
    state = leveled(task_state(plan.tasks[3], plan.start, day), plan.start, plan.supervision)
    texts = _texts(notice_bytes(plan, state, "黄科协督〔2025〕5号", Month(2026, 1)))
    assert texts[:2] == ["督办通知单", "黄科协督〔2025〕5号"]
    assert "学会部：" in texts
    assert "截至2025年12月31日，该任务已逾期未完成，预警等级为红色。" in texts[4]
    headings = [t for t in texts if t[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == [
        "一、督办事项",
        "二、完成情况",
        "三、督办记录",
        "四、预警情况",
        "五、办理要求",
    ]
    body = "\n".join(texts)
    assert "完成时限：2025年12月（原定2025年2月，已批准延期）" in body
    assert "目前走访（目标不少于10家）尚无完成数字。" in body  # never 已完成…0家
    assert "1. 2025年3月10日，经批准由2025年2月延期至2025年12月，原因：调整计划。" in body
    assert "进展情况：已制定走访方案。存在问题：人手不足。下步打算：5月启动。" in body
    assert "3. 2025年5月8日，陈汉平同志批示：“抓紧推进”。" in body
    assert "各月末预警等级：1月黄色，2月红色，3月黄色，4月橙色" in body
    assert "于2026年1月底前书面回复" in body
    assert texts[-2:] == ["测试市科协", "2025年12月31日"]


def test_the_notice_is_typeset_as_the_tongbao():
    plan = year_plan()
    state = task_state(plan.tasks[2], plan.start, dt.date(2025, 10, 1))
    document = docx.Document(io.BytesIO(notice_bytes(plan, state, "〔2025〕  号", None)))
    title = document.paragraphs[0].runs[0]
    assert title.font.name == style.TITLE_FONT and title.font.size == style.TITLE_SIZE
    body = document.paragraphs[4].runs[0]
    assert body.font.name == style.BODY_FONT and body.font.size == style.BODY_SIZE
    assert round(document.sections[0].top_margin.mm) == 37  # stored in twips
    texts = [p.text for p in document.paragraphs]
    assert "及时书面回复" in "\n".join(texts)  # no month to answer by given


def test_the_rules_are_said_as_declared():
    assert rules_text(Supervision()) == (
        "（预警规则：距完成时限15天以内为蓝色；落后序时进度10个百分点以上为黄色；"
        "连续2个月末为黄色的升为橙色；逾期为红色。）"
    )
    said = rules_text(
        Supervision(blue_days=7, yellow_points=5, red_days=3, orange_after=0, urge_step=True)
    )
    assert "连续" not in said and "每经催办升一级" in said and "逾期3天为红色" in said


def test_each_kind_of_the_record_in_words():
    from kexie_cli.core.models import EntryKind, HistoryEntry
    from kexie_cli.output.notice_docx import entry_text
    from kexie_cli.output.prose import Credit

    plan = year_plan()
    task, credit = plan.tasks[2], Credit(plan)
    day = dt.date(2025, 6, 1)
    said = [
        entry_text(
            task,
            HistoryEntry(
                day, EntryKind.REQUEST, due_after=Month(2025, 12), reason="场地", by="学会部"
            ),
            credit,
        ),
        entry_text(
            task, HistoryEntry(day, EntryKind.REFUSAL, reason="按原定时限完成", by="郑昌盛"), credit
        ),
        entry_text(task, HistoryEntry(day, EntryKind.URGE, to="学会部", channel="wecom"), credit),
        entry_text(task, HistoryEntry(day, EntryKind.NOTICE, number="〔2025〕1号"), credit),
        entry_text(task, HistoryEntry(day, EntryKind.FIGURE, target=1, after=2.0), credit),
    ]
    assert said == [
        "学会部申请延期至2025年12月，理由：场地。",
        "延期申请郑昌盛未同意，理由：按原定时限完成。",
        "向学会部催办。",
        "发出督办通知单〔2025〕1号。",
        "",
    ]
