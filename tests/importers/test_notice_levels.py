"""Notices numbered every way offices number them, at one, two and three levels: each line lands
in some field (or in the plan's note as page furniture), and the written plan passes check."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.importers.numbering import numbered
from kexie_cli.importers.points import parse_points
from kexie_cli.plans.dump import plan_yaml
from kexie_cli.plans.validate import validate
from kexie_cli.plans.yaml_read import parse_yaml

COVER = """\
某市科学技术协会关于印发2026年工作要点的通知
发布时间：2026-02-10  浏览数：123
日期：2026-02-10
各县（市、区）科协：
现将《某市科协2026年工作要点》印发给你们，请认真贯彻落实。
某市科学技术协会
（某市科协办公室代章）
2026年2月9日
2026年工作要点
今年工作的总体要求是稳中求进。
"""

THREE_LEVELS = (
    COVER
    + """\
一、强化政治引领。全年坚持党的领导。
（一）加强政治建设
全面加强理论武装。
1. 组织专题学习。全年不少于12次。
2. 开展主题活动。
（1）走进基层
（2）走进企业
（二）服务科技工作者。走访学会20家。
二、深化改革
（一）加强组织建设：推动基层组织全覆盖。
1、建立科协组织。
①乡镇科协
②园区科协
2、建设科技工作者之家。
"""
)

TWO_LEVELS_BRACKETED = (
    COVER
    + """\
一、强化政治引领
（一）加强政治建设。组织学习12次。
（二）服务科技工作者。
走访学会。
二、深化改革
（三）加强组织建设。
"""
)


def _lines_kept(text: str, result: dict) -> list[str]:
    """The lines of `text` found in no field of `result` (numbers aside; the date line read)."""
    fields = re.sub(r"\s+", "", "\n".join(_strings(result)))
    lost = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", line):
            continue
        number = numbered(line, re.sub(r"\s+", "", unicodedata.normalize("NFKC", line)))
        wanted = number.rest if number else line
        if re.sub(r"\s+", "", wanted) not in fields:
            lost.append(line)
    return lost


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _passes_check(result: dict) -> None:
    plan, findings = validate(parse_yaml(plan_yaml(result, ["test"]), "t.yaml"))
    assert findings == [] and plan is not None


def test_three_levels_keep_section_heading_and_point() -> None:
    result = parse_points(THREE_LEVELS, "t.txt")
    points = result["points"]
    assert [(p["section"], p.get("heading"), p["title"]) for p in points] == [
        ("强化政治引领", "加强政治建设", "组织专题学习"),
        ("强化政治引领", "加强政治建设", "开展主题活动"),
        ("强化政治引领", None, "服务科技工作者"),  # a sub-heading with no points is a point
        ("深化改革", "加强组织建设", "建立科协组织"),
        ("深化改革", "加强组织建设", "建设科技工作者之家"),
    ]
    assert [p["id"] for p in points] == [1, 2, 3, 4, 5]  # restarted numbering runs on
    assert "编号为 （二）" in points[2]["note"]
    # Deeper numbers stay in their point's text.
    assert points[1]["content"] == "开展主题活动。\n（1）走进基层\n（2）走进企业"
    assert points[3]["content"] == "建立科协组织。\n①乡镇科协\n②园区科协"


def test_a_heading_with_a_sentence_keeps_the_sentence_in_its_section() -> None:
    sections = parse_points(THREE_LEVELS)["sections"]
    assert sections[0] == {
        "id": "一",
        "title": "强化政治引领",
        "content": "强化政治引领。全年坚持党的领导。\n（一）加强政治建设\n全面加强理论武装。",
    }
    assert sections[1]["title"] == "深化改革"
    assert sections[1]["content"] == "（一）加强组织建设：推动基层组织全覆盖。"


def test_cover_issuer_seal_and_web_page_lines() -> None:
    info = parse_points(THREE_LEVELS, "t.txt")["plan"]
    assert info["issuer"] == "某市科学技术协会"
    assert info["notice"] == "某市科学技术协会关于印发2026年工作要点的通知"
    assert info["date"] == "2026-02-09"
    # The 《》 name in the cover text has the organisation the heading line leaves out.
    assert info["title"] == "某市科协2026年工作要点"
    assert "代章" in info["cover"] and "代章" not in info["issuer"]
    assert info["note"].startswith("导入时作为网页或版式内容略去的行：")
    assert "浏览数" in info["note"] and "日期：2026-02-10" in info["note"]
    assert "浏览数" not in info["cover"] + info["preamble"]


def test_the_issuer_before_关于印发_without_a_signature() -> None:
    text = "某市科协关于印发《某市科协2026年工作要点》的通知\n一、总体要求\n1、抓好落实。\n"
    info = parse_points(text)["plan"]
    assert info["issuer"] == "某市科协"
    assert info["title"] == "某市科协2026年工作要点"


def test_two_levels_bracketed_points() -> None:
    result = parse_points(TWO_LEVELS_BRACKETED)
    assert [s["title"] for s in result["sections"]] == ["强化政治引领", "深化改革"]
    assert [(p["id"], p["section"], p["title"]) for p in result["points"]] == [
        (1, "强化政治引领", "加强政治建设"),
        (2, "强化政治引领", "服务科技工作者"),
        (3, "深化改革", "加强组织建设"),
    ]
    assert result["points"][1]["content"] == "服务科技工作者。\n走访学会。"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("(1)", "(2)"),
        ("（1）", "（2）"),
        ("①", "②"),
        ("（一）", "（二）"),
        ("1.", "2."),
        ("1、", "2、"),
    ],
)
def test_one_level_of_points_in_any_style(first: str, second: str) -> None:
    text = f"{COVER}{first}加强政治建设。组织学习。\n{second}服务科技工作者。\n"
    result = parse_points(text)
    assert result["sections"] == []
    assert [(p["id"], p["title"]) for p in result["points"]] == [
        (1, "加强政治建设"),
        (2, "服务科技工作者"),
    ]
    assert _lines_kept(text, result) == []


@pytest.mark.parametrize("text", [THREE_LEVELS, TWO_LEVELS_BRACKETED], ids=["three", "two"])
def test_no_line_is_lost_and_the_plan_passes_check(text: str) -> None:
    result = parse_points(text, "t.txt")
    assert _lines_kept(text, result) == []
    _passes_check(result)


def test_lines_after_the_signature_are_kept_in_the_note() -> None:
    text = TWO_LEVELS_BRACKETED + "某市科协办公室\n2026年2月10日印发\n抄送：市委办公室\n"
    result = parse_points(text)
    assert "抄送：市委办公室" in result["plan"]["note"]
    assert "抄送" not in str(result["points"])
    assert _lines_kept(text, result) == []


STYLES = {
    "cn": lambda n: "一二三四五六七八九"[n - 1] + "、",
    "cn_paren": lambda n: "（" + "一二三四五六七八九"[n - 1] + "）",
    "arabic": lambda n: f"{n}.",
    "paren": lambda n: f"（{n}）",
    "circled": lambda n: chr(0x245F + n),
}
ORDER = ["cn", "cn_paren", "arabic", "paren", "circled"]
words = st.text(alphabet="科协学会组织服务推进建设活动开展全面加强", min_size=2, max_size=12)


@st.composite
def notices(draw: st.DrawFn) -> str:
    """A notice whose numbering uses some of the styles, nested in their usual order."""
    used = sorted(draw(st.sets(st.sampled_from(ORDER), min_size=1, max_size=4)), key=ORDER.index)

    def block(level: int) -> list[str]:
        lines = []
        for n in range(1, draw(st.integers(1, 3)) + 1):
            sentence = draw(st.sampled_from(["", "。" + draw(words) + "。"]))
            lines.append(STYLES[used[level]](n) + draw(words) + sentence)
            if draw(st.booleans()):
                lines.append(draw(words) + "。")  # a paragraph under it
            if level + 1 < len(used) and draw(st.booleans()):
                lines += block(level + 1)
        return lines

    return COVER + "\n".join(block(0)) + "\n"


@settings(max_examples=60, deadline=None)
@given(notices())
def test_any_nesting_of_styles_loses_no_line(text: str) -> None:
    try:
        result = parse_points(text, "t.txt")
    except ValueError as exc:  # refused whole is allowed; losing a line silently is not
        assert "没有找到编号" in str(exc) or "丢失原文" in str(exc)
        return
    assert _lines_kept(text, result) == []
    _passes_check(result)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("十二、加强组织", 12),
        ("二十、加强组织", 20),
        ("（二十三）加强组织", 23),
        ("一二、加强组织", 12),
    ],
)
def test_chinese_list_numbers_are_read_as_numbers(line: str, value: int) -> None:
    found = numbered(line, line.replace("（", "(").replace("）", ")"))
    assert found is not None and found.value == value


def test_a_run_of_numerals_that_is_no_number_does_not_number_a_line() -> None:
    assert numbered("十十、加强组织", "十十、加强组织") is None
