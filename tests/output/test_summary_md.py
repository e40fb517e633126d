"""The drafted summary reads as prose: totals and figures by section with the departments' words,
problems with their stated causes and the year-long tasks still open, next steps, the headline."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.core.tally import build_report
from kexie_cli.output.summary_md import summary_text
from kexie_cli.plans.load import load_file
from tests.conftest import DATA

runner = CliRunner()

PLAN = """
plan:
  title: 某市科协2025年重点工作任务分解清单
  org: 某市科协
  year: 2025
tasks:
- id: 1
  section: 聚焦政治引领
  content: 加强理论学习，提升能力。
  lead: 办公室
  leaders: 郑昌盛
  due: '2025.12'
  targets:
  - {name: 科协讲堂, target: 4, unit: 期, done: 4}
  - {name: 党组会学习, target: 12, unit: 次, comparator: at_least, done: 6}
- id: 2
  section: 聚焦政治引领
  content: 举办培训班。
  lead: 学会部
  leaders: 陈汉平
  due: '2025.3'
  targets:
  - {name: 培训科技工作者, target: 100, unit: 名, comparator: about, done: 20}
- id: 3
  section: 聚焦科普
  content: 开展科普活动。
  lead: [普及部, 市科技馆]
  leaders: [李麟]
  due: '2025.12'
  targets:
  - {name: 科普活动, target: 40, unit: 场, done: 0}
- id: 4
  section: 聚焦科普
  content: 建立联席会议机制。
  lead: 普及部
  due: '2025.12'
  status: done
- id: 5
  section: 聚焦科普
  content: 首届“科普讲解大赛，全市”选拔赛，择优推荐。
  lead: 普及部
  leaders: [李麟]
  due: '2025.12'
  targets:
  - {name: 每县承办, target: 1, unit: 场, comparator: at_least, done: 3}
"""

RECORD = (
    ["progress", "8.1", "--done", "3", "--date", "2025-06-25"],
    ["progress", "8.2", "--unit", "大冶市", "--done", "2", "--date", "2025-06-25"],
    ["progress", "8.2", "--unit", "阳新县", "--done", "1", "--date", "2025-06-25",
     "--note", "已在大冶、阳新开展宣讲3场。",
     "--problem", "宣讲团专家档期紧张。", "--next", "7月协调黄石港区承办1场。"],
    ["extend", "3", "2025.7", "--reason", "省级培训时间调整", "--date", "2025-05-20"],
    ["progress", "3", "--problem", "原定5月举办推迟。", "--date", "2025-06-28"],
    ["comment", "3", "确保7月办好。", "--by", "陈汉平", "--date", "2025-06-28"],
    ["progress", "3", "--note", "已与企业对接参训名额。", "--date", "2025-06-29"],
)  # fmt: skip


def _report(write, as_of=dt.date(2025, 6, 30), by="section"):
    plan, problems = load_file(write("p.yaml", PLAN))
    assert problems == []
    return build_report(plan, as_of, None, 10.0, by)


def _part(text: str, start: str, end: str | None = None) -> str:
    rest = text[text.index(start) :]
    return rest[: rest.index(end)] if end else rest


@pytest.fixture
def recorded(tmp_path):
    """The shipped list with reports, an extension and a comment recorded."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    for args in RECORD:
        result = runner.invoke(app, [*args, "--data", str(folder)])
        assert result.exit_code == 0, result.stderr
    return folder


def _draft(folder, *extra: str, as_of: str = "2025-06-30") -> str:
    args = ["report", "--data", str(folder), "--as-of", as_of, "--format", "md", *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _prose(text: str) -> str:
    """The draft before its 附件: where no task number may stand."""
    return text.split("## 附件")[0]


def test_title_and_overall_give_progress_against_time(write) -> None:
    text = summary_text(_report(write))
    assert text.startswith("# 某市科协2025年上半年重点工作总结\n\n（截至2025年6月30日）\n")
    overall = text.splitlines()[4]
    assert "重点工作任务共5项" in overall and "已完成2项" in overall
    assert "全年时间已过去49.6%" in overall and "时间进度" in overall
    year_end = summary_text(_report(write, dt.date(2025, 12, 31)))
    assert year_end.startswith("# 某市科协2025年重点工作总结\n")
    assert summary_text(_report(write, dt.date(2025, 5, 15))).startswith(
        "# 某市科协2025年重点工作任务推进情况\n"
    )


def test_sections_in_order_with_totals_sums_and_work_as_sentences(write) -> None:
    text = summary_text(_report(write))
    politics = _part(text, "## 一、聚焦政治引领", "## 二、聚焦科普")
    assert "本部分2项任务，正在推进1项，逾期未完成1项。" in politics
    assert "累计完成科协讲堂4期，党组会学习6次，培训科技工作者20名。" in politics
    assert "加强理论学习，科协讲堂4期，党组会学习6次。" in politics
    science = _part(text, "## 二、聚焦科普", "## 三、领导批示及落实")
    assert "建立联席会议机制，已完成。" in science
    assert "其余1项任务暂无完成数字或进展报告。" in science
    assert "|" not in _prose(text) and "- " not in _prose(text)  # sentences before the 附件


def test_no_task_number_in_the_prose_and_every_task_in_the_annex(recorded) -> None:
    text = _draft(recorded)
    assert not re.search(r"任务\s*\d+(?![\d项])", _prose(text))  # 任务8, never 延期的任务1项
    annex = text.split("## 附件：黄石市科协2025年重点工作任务推进情况表")[1]
    rows = [line for line in annex.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0] == "| 序号 | 任务 | 牵头部室 | 完成时限 | 目标完成 | 状态 |"
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows[1:]][:3] == ["1", "2", "3"]
    assert len(rows) == 1 + 40


def test_a_figure_past_its_target_is_never_over_100_percent(write) -> None:
    text = summary_text(_report(write))
    assert "首届“科普讲解大赛，全市”选拔赛，每县承办3场，已完成。" in text
    assert "每县承办3/1场（100%）" in text  # the annex: the share capped
    assert "300%" not in text


def test_a_task_named_from_its_text_is_never_cut_inside_quotes(write) -> None:
    text = summary_text(_report(write))
    assert "首届“科普讲解大赛，全市”选拔赛" in text
    assert "首届“科普讲解大赛。" not in text and "…" not in text


def test_problems_then_the_outlook_in_the_departments_words(recorded) -> None:
    text = _draft(recorded)
    order = ["## 七、领导批示及落实", "## 八、延期情况", "## 九、存在的问题", "## 十、下步工作打算"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    problems = _part(text, "## 九、存在的问题", "## 十、下步工作打算")
    assert "3项任务逾期未完成，18项任务进度滞后" in problems
    assert (
        "面向学会、高校科协和重点产业链企业科技工作者举办培训班进度滞后，"
        "完成时限2025年7月（原定2025年5月，已批准延期）" in problems
    )
    # Its 6-28 problem was dropped by its latest report (6-29, a note only): no longer current.
    assert "原定5月举办推迟" not in problems
    assert "学会部最近一次报告（6月29日）未提及存在问题。" in problems
    assert "据组宣部6月25日反映，宣讲团专家档期紧张。" in problems  # on track, but a problem
    assert "尚无完成数字，也未报送进展情况" in problems
    assert "完成时限为2025年12月的全年任务中还有17项尚未完成" in problems
    steps = _part(text, "## 十、下步工作打算", "## 附件")
    assert (
        "1. 聚焦政治引领，更加有力坚持党对科协工作的领导：组宣部7月协调黄石港区承办1场。" in steps
    )
    assert "尚未报送下步打算" in steps
    done = _part(text, "## 一、", "## 二、")
    assert "组宣部已在大冶、阳新开展宣讲3场。" in done
    # Broken down by place: its places' total, never as 3 of one place's 1 (300%).
    assert "科学家精神宣讲3场，每县承办宣讲合计3场。" in done
    assert "累计完成科学家精神宣讲、每县承办宣讲共6场。" in done
    assert "300%" not in text


def test_comments_with_what_followed(recorded) -> None:
    part = _part(_draft(recorded), "## 七、领导批示及落实", "## 八、")
    assert (
        "陈汉平同志6月28日对面向学会、高校科协和重点产业链企业科技工作者举办培训班批示："
        "“确保7月办好。”落实情况：6月29日，已与企业对接参训名额。" in part
    )


def test_no_trouble_says_so(write) -> None:
    text = summary_text(_report(write, dt.date(2025, 1, 1)))
    problems = _part(text, "存在的问题", "下步工作打算")
    assert "截至2025年1月1日，暂无滞后或逾期的任务。" in problems
    assert "全年任务中还有2项尚未完成" in problems


def test_by_leader_groups_by_leader_and_dept_narrows(recorded) -> None:
    text = _draft(recorded, "--by", "leader")
    assert "## 一、郑昌盛同志负责的工作" in text and "## 二、陈汉平同志负责的工作" in text
    assert "聚焦政治引领，更加有力" not in text.split("## 附件")[0]
    narrowed = _draft(recorded, "--dept", "组宣部")
    assert narrowed.startswith("# 组宣部2025年上半年重点工作总结")
    assert "面向学会" not in narrowed  # 学会部's
    assert "## 一、聚焦政治引领" in narrowed  # by theme unless --by says otherwise


def test_a_comments_follow_up_ends_at_the_next_comment(recorded) -> None:
    """落实情况 of a comment is what came after it until the leader spoke again."""
    later = (
        ["comment", "3", "7月务必办完。", "--by", "陈汉平", "--date", "2025-06-29"],
        ["progress", "3", "--note", "培训班已开班。", "--date", "2025-06-30"],
    )
    for args in later:
        assert runner.invoke(app, [*args, "--data", str(recorded)]).exit_code == 0
    part = _part(_draft(recorded), "领导批示及落实", "延期情况")
    first = "“确保7月办好。”落实情况：6月29日，已与企业对接参训名额。\n"
    assert first in part  # the second comment's report is not the first's
    assert "“7月务必办完。”落实情况：6月30日，培训班已开班。" in part
    assert part.count("培训班已开班") == 1


def _recorded_year(tmp_path, *commands) -> Path:
    folder = tmp_path / "year"
    folder.mkdir()
    shutil.copy(DATA / "2025_tasks.yaml", folder)
    for args in commands:
        result = runner.invoke(app, [*args, "--data", str(folder)])
        assert result.exit_code == 0, result.stderr
    return folder


def test_a_task_done_in_march_leaves_no_problem_or_next_step(tmp_path) -> None:
    """Task 30 said a problem and a next step in February and was done in March: the year-end
    draft holds neither; a draft as of February still does."""
    folder = _recorded_year(
        tmp_path,
        ["progress", "30", "--note", "座谈会筹备中。", "--problem", "会场预订晚。",
         "--next", "3月初举办。", "--by", "组宣部", "--date", "2025-02-20"],
        ["progress", "30", "--status", "done", "--date", "2025-03-10"],
    )  # fmt: skip
    for as_of in ("2025-06-30", "2025-12-31"):
        text = _draft(folder, as_of=as_of)
        assert "会场预订晚" not in _part(text, "存在的问题")
        assert "3月初举办" not in _part(text, "存在的问题")
    february = _draft(folder, as_of="2025-02-28")
    assert "据组宣部2月20日反映，会场预订晚。" in _part(february, "存在的问题", "下步工作打算")
    assert "组宣部3月初举办。" in _part(february, "下步工作打算")


def test_problems_and_next_steps_come_from_the_latest_report_by_the_date(tmp_path) -> None:
    """Task 7's March problem and next step stand until its May report, which states none."""
    folder = _recorded_year(
        tmp_path,
        ["progress", "7", "--problem", "推荐对象不足。", "--next", "4月扩大遴选范围。",
         "--by", "组宣部", "--date", "2025-03-31"],
        ["progress", "7", "--note", "已推荐8人。", "--by", "组宣部", "--date", "2025-05-31"],
    )  # fmt: skip
    april = _draft(folder, as_of="2025-04-30")
    assert "据组宣部3月31日反映，推荐对象不足。" in _part(april, "存在的问题", "下步工作打算")
    assert "4月扩大遴选范围" in _part(april, "下步工作打算")
    june = _draft(folder, as_of="2025-06-30")
    assert "推荐对象不足" not in june and "4月扩大遴选范围" not in june
    assert "组宣部最近一次报告（5月31日）未提及存在问题。" in _part(june, "存在的问题")


def test_each_report_is_credited_to_its_sender_never_a_placeholder(tmp_path) -> None:
    """办公室 co-leads task 2 and is credited alone; task 20 has no lead and no `by`: its words
    stand without an attribution; a form's signature credits its department."""
    folder = _recorded_year(
        tmp_path,
        ["progress", "2", "--note", "已组织党组会学习6次。", "--problem", "学习形式单一。",
         "--next", "下半年开展专题研讨。", "--by", "办公室", "--date", "2025-06-30"],
        ["progress", "20", "--note", "已组建市级队伍5支。", "--problem", "申报材料不全。",
         "--next", "9月前完成申报。", "--date", "2025-06-30"],
        ["progress", "8", "--note", "已开展宣讲3场。", "--next", "7月进校园。",
         "--by", "组宣部（李四）", "--date", "2025-06-30"],
    )  # fmt: skip
    text = _draft(folder)
    assert "牵头部室…" not in text and "据牵头部室" not in text and "，牵头部室）" not in text
    assert "办公室、机关党委6月30日" not in text and "据办公室、机关党委" not in text
    assert "办公室已组织党组会学习6次。" in text
    assert "据办公室6月30日反映，学习形式单一。" in text
    assert "办公室下半年开展专题研讨" in _part(text, "下步工作打算")
    assert "加强科普队伍建设，市级优秀队伍" not in text  # no figure was given: words alone
    assert "\n\n加强科普队伍建设。已组建市级队伍5支。\n\n" in text  # no one to credit
    assert "6月30日反映：申报材料不全。" in text and "工作：9月前完成申报。" in text
    assert "组宣部已开展宣讲3场。" in text and "李四" not in text


def test_since_tells_the_periods_comments_and_what_answered_them_since(tmp_path) -> None:
    """--since 2025-06-01: a comment answered before June and quiet since is left out; an older
    one answered again in June shows June's reports alone; one superseded by a later comment
    is left out; the task's last comment, unanswered, stays; June's own comments whole."""
    folder = _recorded_year(
        tmp_path,
        ["comment", "7", "乙批示", "--by", "陈汉平", "--date", "2025-02-01"],
        ["progress", "7", "--note", "二月报告", "--date", "2025-02-28"],
        ["comment", "8", "甲批示", "--by", "陈汉平", "--date", "2025-03-01"],
        ["progress", "8", "--note", "三月报告", "--date", "2025-03-31"],
        ["progress", "8", "--note", "四月报告", "--date", "2025-04-30"],
        ["progress", "8", "--note", "六月报告", "--date", "2025-06-25"],
        ["comment", "9", "丙批示", "--by", "陈汉平", "--date", "2025-05-10"],
        ["comment", "10", "丁一批示", "--by", "陈汉平", "--date", "2025-01-10"],
        ["comment", "10", "丁二批示", "--by", "陈汉平", "--date", "2025-02-10"],
        ["comment", "12", "戊批示", "--by", "陈汉平", "--date", "2025-06-10"],
        ["progress", "12", "--note", "戊之后", "--date", "2025-06-20"],
    )
    whole = _part(_draft(folder), "领导批示及落实", "存在的问题")
    for said in ("乙批示", "丁一批示", "三月报告", "四月报告"):
        assert said in whole
    part = _part(_draft(folder, "--since", "2025-06-01"), "领导批示及落实", "存在的问题")
    assert part.startswith("领导批示及落实（2025年6月1日以来）")
    assert "乙批示" not in part and "二月报告" not in part
    assert "“甲批示”。落实情况：此前已报送2次；6月25日，六月报告。" in part
    assert "“丙批示”。落实情况：尚未报送。" in part
    assert "丁一批示" not in part and "“丁二批示”。落实情况：尚未报送。" in part
    assert "“戊批示”。落实情况：6月20日，戊之后。" in part


def test_since_is_for_the_drafts_alone(tmp_path) -> None:
    args = ["report", "--data", str(DATA), "--as-of", "2025-06-30", "--since", "2025-06-01"]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1
    assert "--since 只用于 --format md 或 docx" in refused.stderr
    bad = runner.invoke(app, ["report", "--data", str(DATA), "--format", "md", "--since", "六月"])
    assert bad.exit_code == 2 and "--since 的值 '六月' 不是日期" in bad.stderr
    out = tmp_path / "通报.docx"
    written = runner.invoke(app, [*args, "--format", "docx", "-o", str(out)])
    assert written.exit_code == 0 and out.exists()


def test_a_garbled_section_is_headed_by_the_plans_clean_title(write) -> None:
    text = PLAN.replace("tasks:\n", "sections:\n  聚焦科普: {title: 打造全域科普}\ntasks:\n", 1)
    plan, problems = load_file(write("p.yaml", text))
    assert problems == []
    draft = summary_text(build_report(plan, dt.date(2025, 6, 30), None, 10.0, "section"))
    assert "## 二、打造全域科普\n" in draft and "## 二、聚焦科普" not in draft


def test_shipped_list_heads_its_garbled_section_by_its_title(tmp_path) -> None:
    draft = _draft(DATA)
    assert "## 四、开展科学决策咨询\n" in draft and "党委会好决策" not in _prose(draft)


def test_a_section_with_nothing_to_tell_says_so_once(recorded) -> None:
    text = _draft(recorded, "--by", "dept")
    assert "各项任务均暂无完成数字或进展报告。" in _part(text, "## 一、办公室牵头的工作", "## 二、")
    assert "其余" not in _part(text, "## 一、", "## 二、")
    assert "其余" in _part(text, "## 四、组宣部牵头的工作", "## 五、")  # some told, the rest not


def test_a_cancelled_task_is_told_apart_and_has_no_problem(recorded) -> None:
    """Task 8 (组宣部's 宣讲, with figures and a problem) cancelled on June 15: out of its section,
    its sums, the problems and the outlook; listed apart by its words, with the date and reason."""
    args = ["cancel", "8", "--reason", "并入全市宣讲活动", "--date", "2025-06-15"]
    assert runner.invoke(app, [*args, "--data", str(recorded)]).exit_code == 0
    text = _draft(recorded)
    apart = _part(text, "、取消或暂缓的任务", "存在的问题")
    assert (
        "1. 开展“科学家精神宣讲”活动不少于5场（组宣部）已取消（2025-06-15）：并入全市宣讲活动。"
        in apart
    )
    first = _part(text, "## 一、", "## 二、")
    assert "科学家精神宣讲" not in first and "累计完成" not in first
    assert "宣讲团专家档期紧张" not in text and "黄石港区" not in text
    before = _draft(recorded, as_of="2025-06-10")  # before the cancellation: as it stood
    assert "取消或暂缓的任务" not in before and "已取消" not in before
