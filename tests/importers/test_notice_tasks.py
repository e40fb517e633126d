"""A notice whose points name their leads, read into a task list: the three ways offices write
who leads (a 牵头单位： line, a trailing （牵头部门：X）, （责任单位：…）), in both scripts, field by
field as a person reads them; and the notice's title, issuer and year as a person reads them."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.importers.notice_tasks import who_does
from kexie_cli.importers.points import parse_points
from kexie_cli.importers.tasks import TARGET_NOTE, parse_tasks

SIMPLIFIED = """\
【法宝引证码】CLI.12.345678
发布机构：某市科学技术协会
某科协发〔2026〕3号
某市科协2026年重点工作任务
一、加强政治引领
1. 深入学习贯彻党的二十大精神，全年组织党组会学习不少于12次。
牵头单位：办公室
配合单位：机关党委、组宣部
责任领导：郑昌盛（党组书记）
完成时限：2026年6月底前
2. 举办科协讲堂4期。（牵头部门：组宣部）
二、服务科技工作者
3. 开展全国科普日活动。（责任单位：科普部、各县（市、区）科协）
4. 推进学会改革。
"""

TRADITIONAL = """\
【法寶引證碼】CLI.12.345678
發布機構：某市科學技術協會
某科協發〔2026〕3號
某市科協2026年重點工作任務
一、加強政治引領
1. 深入學習貫徹黨的二十大精神，全年組織黨組會學習不少於12次。
牽頭單位：辦公室
配合單位：機關黨委、組宣部
責任領導：鄭昌盛（黨組書記）
完成時限：2026年6月底前
2. 舉辦科協講堂4期。（牽頭部門：組宣部）
二、服務科技工作者
3. 開展全國科普日活動。（責任單位：科普部、各縣（市、區）科協）
4. 推進學會改革。
"""

# What a person reads in each point: (content, lead, support, leaders, due, has a note on lead)
SIMPLIFIED_READ = [
    (
        "深入学习贯彻党的二十大精神，全年组织党组会学习不少于12次。",
        ["办公室"],
        ["机关党委", "组宣部"],
        ["郑昌盛"],
        "2026.6",
    ),
    ("举办科协讲堂4期。", ["组宣部"], [], [], "2026.12"),
    ("开展全国科普日活动。", ["科普部", "各县（市、区）科协"], [], [], "2026.12"),
    ("推进学会改革。", [], [], [], "2026.12"),
]
TRADITIONAL_READ = [
    (
        "深入學習貫徹黨的二十大精神，全年組織黨組會學習不少於12次。",
        ["辦公室"],
        ["機關黨委", "組宣部"],
        ["鄭昌盛"],
        "2026.6",
    ),
    ("舉辦科協講堂4期。", ["組宣部"], [], [], "2026.12"),
    ("開展全國科普日活動。", ["科普部", "各縣（市、區）科協"], [], [], "2026.12"),
    ("推進學會改革。", [], [], [], "2026.12"),
]


@pytest.mark.parametrize(
    ("text", "read", "title", "org"),
    [
        (SIMPLIFIED, SIMPLIFIED_READ, "某市科协2026年重点工作任务", "某市科学技术协会"),
        (TRADITIONAL, TRADITIONAL_READ, "某市科協2026年重點工作任務", "某市科學技術協會"),
    ],
    ids=["simplified", "traditional"],
)
def test_a_notice_naming_its_leads_becomes_a_task_list(
    text: str, read: list, title: str, org: str
) -> None:
    plan = parse_tasks(text.encode("utf-8"), "通知.txt")
    info = plan["plan"]
    assert info["title"] == title  # not the citation code, not the 文号
    assert info["org"] == org and info["year"] == 2026
    assert "3号" in info["note"] or "3號" in info["note"]  # the 文号 kept in the plan's note
    assert "CLI.12.345678" in info["note"]  # the citation code listed, never lost
    tasks = plan["tasks"]
    got = [(t["content"], t["lead"], t["support"], t["leaders"], t["due"]) for t in tasks]
    assert got == read
    assert [t["id"] for t in tasks] == [1, 2, 3, 4]
    sections = [line[2:] for line in text.splitlines() if line[:2] in ("一、", "二、")]
    assert [t["section"] for t in tasks] == [sections[0]] * 2 + [sections[1]] * 2
    assert sections == (["加强政治引领", "服务科技工作者"] if text is SIMPLIFIED else sections)
    assert "未写明牵头单位" in tasks[3]["note"]
    assert "未写明牵头单位" not in tasks[0].get("note", "")
    assert "郑昌盛" in tasks[0]["note"] or "鄭昌盛" in tasks[0]["note"]  # the title dropped, noted
    assert tasks[1]["note"] == "通知中本条未写完成时限，暂定为 2026.12，需人工核对"
    assert [(t["name"], t["target"], t["note"]) for t in tasks[1]["targets"]] == [
        (tasks[1]["targets"][0]["name"], 4, TARGET_NOTE)
    ]


def test_a_word_notice_without_a_table_is_read_as_a_notice() -> None:
    document = docx.Document()
    for line in SIMPLIFIED.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    plan = parse_tasks(buffer.getvalue(), "通知.docx")
    got = [(t["content"], t["lead"], t["support"], t["leaders"], t["due"]) for t in plan["tasks"]]
    assert got == SIMPLIFIED_READ


def test_who_leads_written_every_way() -> None:
    cases = {
        "举办讲堂。（牵头单位：组宣部；配合单位：学会部）": (
            "举办讲堂。",
            {"lead": "组宣部", "support": "学会部"},
        ),
        "举办讲堂（牵头部门：组宣部，责任单位：各县（市、区）科协）。": (
            "举办讲堂。",
            {"lead": "组宣部", "either": "各县（市、区）科协"},
        ),
        "举办讲堂。\n牵头单位：组宣部 配合单位：学会部": (
            "举办讲堂。",
            {"lead": "组宣部", "support": "学会部"},
        ),
        "举办讲堂。\n责任单位：学会部\n牵头单位：组宣部": (
            "举办讲堂。",
            {"either": "学会部", "lead": "组宣部"},
        ),
        "在（市、区）开展活动（每年一次）。": ("在（市、区）开展活动（每年一次）。", {}),
        "举办讲堂4期。牵头单位：组宣部；配合单位：学会部": (
            "举办讲堂4期。",
            {"lead": "组宣部", "support": "学会部"},
        ),
        "举办讲堂。（牵头：组宣部）": ("举办讲堂。", {"lead": "组宣部"}),
        "舉辦講堂。（牽頭領導：陳漢平；完成時間：6月底前）": (
            "舉辦講堂。",
            {"leaders": "陳漢平", "due": "6月底前"},
        ),
        "举办讲堂。（牵头部门：组宣部；完成时限：2026年9月）": (
            "举办讲堂。",
            {"lead": "组宣部", "due": "2026年9月"},
        ),
    }
    for content, expected in cases.items():
        assert who_does(content) == expected, content


def test_a_responsible_unit_beside_a_lead_is_a_support() -> None:
    text = "某市科协2026年工作要点\n1. 举办讲堂。\n责任单位：学会部\n牵头单位：组宣部\n"
    task = parse_tasks(text.encode(), "n.txt")["tasks"][0]
    assert (task["lead"], task["support"]) == (["组宣部"], ["学会部"])


_NAME = st.text(alphabet="科普学会部办公室组宣", min_size=2, max_size=6)
_PROSE = st.text(alphabet="开展活动举办讲堂推进工作，。12次", min_size=1, max_size=30)


@given(_PROSE, st.lists(_NAME, min_size=1, max_size=3), _NAME)
def test_the_names_come_back_and_the_text_keeps_the_rest(
    prose: str, leads: list[str], support: str
) -> None:
    for written in (
        f"{prose}\n牵头单位：{'、'.join(leads)}\n配合单位：{support}",
        f"{prose}（牵头部门：{'、'.join(leads)}；配合单位：{support}）",
    ):
        content, said = who_does(written)
        assert said == {"lead": "、".join(leads), "support": support}
        assert content == prose.strip()


@given(_PROSE)
def test_text_naming_no_one_is_left_as_it_is(prose: str) -> None:
    assert who_does(prose) == (prose.strip(), {})


def test_a_text_file_with_no_points_is_refused_saying_what_it_is_not() -> None:
    with pytest.raises(ValueError, match="没有表格，也没有编号的要点"):
        parse_tasks("随便写的几句话".encode(), "a.txt")


def test_columns_are_for_tables_only() -> None:
    with pytest.raises(ValueError, match="--columns 只用于表格"):
        parse_tasks(SIMPLIFIED.encode(), "a.txt", columns="A=序号,B=具体内容")


# ---- the notice's own fields, as `import points` and `import tasks` read them ---------------


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ("某科协发〔2026〕3号\n某市科协科普工作安排", "某市科协科普工作安排"),  # not the 文号
        ("【北大法宝引证码】CLI.12.9\n某市科协2026年工作要点", "某市科协2026年工作要点"),
        ("", "某市2026年计划"),  # no title line: the file's name, never the first heading
    ],
)
def test_the_title_is_the_title_line(head: str, title: str) -> None:
    text = f"{head}\n一、总体要求\n1. 开展活动。\n二、主要任务\n2. 举办讲堂。\n"
    assert parse_points(text, "某市2026年计划.txt")["plan"]["title"] == title


def test_an_issuer_after_a_label_and_a_year_in_chinese_numerals() -> None:
    text = "发布机构：某省科学技术协会  发布日期：2026-03-01\n某省科协二〇二六年工作要点\n1. 开展活动。\n"
    info = parse_points(text, "n.txt")["plan"]
    assert info["issuer"] == "某省科学技术协会"
    assert info["title"] == "某省科协二〇二六年工作要点"
    assert info["year"] == 2026
    plan = parse_tasks(text.encode(), "n.txt")["plan"]
    assert (plan["org"], plan["year"]) == ("某省科学技术协会", 2026)
