"""Reading a work-points notice as text: the 2019 seed, and the ways other notices differ."""

from __future__ import annotations

import pytest
import yaml

from kexie_cli.importers.points import parse_points
from kexie_cli.plans.dump import plan_yaml
from kexie_cli.plans.validate import validate
from kexie_cli.plans.yaml_read import parse_yaml
from tests.conftest import DATA, SEEDS

SEED = SEEDS / "001_ed69cb8f54072c8b.txt"
# In a clone without ../shared beside it, the tests on the real notice are skipped.
needs_seeds = pytest.mark.skipif(not SEED.exists(), reason="../shared/seeds not beside the repo")

NOTICE = """\
首页 | 新闻中心 | 通知公告
所在位置: 首页 > 通知公告
关于印发《某市科协2026年工作要点》的通知
2026-02-10 09:00|文章来源:办公室

某科协发〔2026〕3号

各县(市、区)科协:

《某市科协2026年工作要点》已经审议通过,现印发你们。

某市科学技术协会

2026年2月9日

某市科协2026年工作要点

2026年是“十五五”开局之年。

一、强化政治引领

1、加强政治建设。组织学习12次。

2、服务科技工作者。走访学会。
继续深化联系服务。

二、深化改革

3、加强组织建设。建立科协组织。

copyright 2001-2026 某市科协 All Rights Reserved
地址:某市某路1号    电话:0714-0000000
"""


@needs_seeds
def test_the_2019_seed_reproduces_the_shipped_points_plan() -> None:
    imported = parse_points(SEED.read_text(encoding="utf-8"), SEED.name)
    shipped = yaml.safe_load((DATA / "2019_points.yaml").read_text(encoding="utf-8"))
    assert imported["sections"] == shipped["sections"]
    assert [(p["id"], p["title"]) for p in imported["points"]] == [
        (p["id"], p["title"]) for p in shipped["points"]
    ]
    # Beyond what the issue asks: metadata, sections of each point and the full text agree too.
    assert imported == shipped


@needs_seeds
def test_the_written_yaml_passes_validation_and_reads_back_the_same() -> None:
    imported = parse_points(SEED.read_text(encoding="utf-8"), SEED.name)
    text = plan_yaml(imported, ["test"])
    assert "date: '2019-03-12'" in text  # quoted: stays text, as the shipped file has it
    assert "\\u" not in text and "省科协2019年工作要点" in text
    plan, findings = validate(parse_yaml(text, "imported.yaml"))
    assert findings == [] and plan is not None
    assert yaml.safe_load(text) == imported


def test_metadata_sections_points_and_furniture() -> None:
    result = parse_points(NOTICE, "n.txt")
    assert result["plan"] == {
        "title": "某市科协2026年工作要点",
        "notice": "关于印发《某市科协2026年工作要点》的通知",
        "issuer": "某市科学技术协会",
        "doc_no": "某科协发〔2026〕3号",
        "date": "2026-02-09",
        "year": 2026,
        "source": "n.txt",
        "preamble": "2026年是“十五五”开局之年。",
        "cover": "各县(市、区)科协:\n《某市科协2026年工作要点》已经审议通过,现印发你们。",
        "note": "导入时作为网页或版式内容略去的行：首页 | 新闻中心 | 通知公告；所在位置: 首页 > 通知公告；"
        "2026-02-10 09:00|文章来源:办公室；copyright 2001-2026 某市科协 All Rights Reserved；"
        "地址:某市某路1号    电话:0714-0000000",
    }
    assert result["sections"] == [
        {"id": "一", "title": "强化政治引领"},
        {"id": "二", "title": "深化改革"},
    ]
    points = result["points"]
    assert [(p["id"], p["section"], p["title"]) for p in points] == [
        (1, "强化政治引领", "加强政治建设"),
        (2, "强化政治引领", "服务科技工作者"),
        (3, "深化改革", "加强组织建设"),
    ]
    assert points[1]["content"] == "服务科技工作者。走访学会。\n继续深化联系服务。"
    # The page footer after the last point is dropped, not glued onto it.
    assert points[2]["content"] == "加强组织建设。建立科协组织。"
    # Listed in the plan's note as dropped, and nowhere else.
    body = str(result["sections"]) + str(result["points"])
    assert "copyright" not in body and "电话" not in body


@pytest.mark.parametrize("number", ["1、", "1.", "1．", "１、", "1 、", "１. "])
def test_point_numbers_in_any_width_and_spacing(number: str) -> None:
    text = NOTICE.replace("1、加强政治建设", f"{number}加强政治建设")
    points = parse_points(text)["points"]
    assert points[0]["id"] == 1
    assert points[0]["title"] == "加强政治建设"


def test_traditional_characters_are_recognised_and_kept_as_written() -> None:
    from opencc import OpenCC

    traditional = OpenCC("s2t").convert(NOTICE).replace("一、", "壹、").replace("二、", "貳、")
    result = parse_points(traditional)
    info = result["plan"]
    assert info["notice"] == "關於印發《某市科協2026年工作要點》的通知"
    assert info["title"] == "某市科協2026年工作要點"
    assert info["doc_no"] == "某科協發〔2026〕3號"
    assert info["date"] == "2026-02-09"
    assert [p["title"] for p in result["points"]] == [
        "加強政治建設",
        "服務科技工作者",
        "加強組織建設",
    ]
    assert result["sections"] == [
        {"id": "壹", "title": "強化政治引領"},
        {"id": "貳", "title": "深化改革"},
    ]
    assert [p["section"] for p in result["points"]] == ["強化政治引領", "強化政治引領", "深化改革"]


def test_full_width_punctuation_and_stray_spaces() -> None:
    text = (
        NOTICE.replace("一、强化政治引领", "一 、 强化政治引领 ")
        .replace("2、服务", "  ２，服务")
        .replace("某科协发〔2026〕3号", "某科协发 〔2026〕 3 号")
    )
    result = parse_points(text)
    assert result["sections"][0] == {"id": "一", "title": "强化政治引领"}
    assert [p["id"] for p in result["points"]] == [1, 2, 3]
    assert result["plan"]["doc_no"] == "某科协发〔2026〕3号"


@pytest.mark.parametrize(
    "fill", ["锟斤拷锟斤拷", "\ufffd\ufffd", "□□□", "　　　", "??  ", "烫烫烫"]
)
def test_garbled_fill_characters_in_the_signature_line(fill: str) -> None:
    text = NOTICE.replace("某市科学技术协会\n", f"某市科学技术协会{fill}\n")
    assert parse_points(text)["plan"]["issuer"] == "某市科学技术协会"


def test_numbering_restarted_in_each_section_runs_on_with_a_note() -> None:
    text = NOTICE.replace("3、加强组织建设", "1、加强组织建设")
    points = parse_points(text)["points"]
    assert [p["id"] for p in points] == [1, 2, 3]
    assert points[2]["section"] == "深化改革" and points[2]["title"] == "加强组织建设"
    assert "编号为 1" in points[2]["note"]


def test_continuing_numbering_is_kept_without_notes() -> None:
    points = parse_points(NOTICE)["points"]
    assert all("note" not in p for p in points)


def test_a_point_that_mentions_an_address_or_phone_is_kept() -> None:
    text = NOTICE.replace("建立科协组织。", "建立科协组织。公布地址:某路1号、电话:123。")
    assert parse_points(text)["points"][2]["content"].endswith("电话:123。")


def test_text_without_numbered_points_is_refused() -> None:
    with pytest.raises(ValueError, match="没有找到编号的工作要点"):
        parse_points("关于某事的通知\n\n请各单位认真落实。")


FILLS = ["?", "\ufffd", "□", "&nbsp;", "？", "\xa0", "锟斤拷", "&#160;"]


@pytest.mark.parametrize("fill", FILLS)
def test_fill_runs_after_the_issuer_and_the_date_keep_both(fill: str) -> None:
    padding = f" {fill} {fill}{fill} {fill}"
    text = NOTICE.replace("某市科学技术协会\n", f"某市科学技术协会{padding}\n").replace(
        "2026年2月9日\n", f"{padding}2026年2月9日{padding}\n"
    )
    info = parse_points(text)["plan"]
    assert info["issuer"] == "某市科学技术协会"
    assert info["date"] == "2026-02-09"


def test_full_width_digits_in_the_date() -> None:
    text = NOTICE.replace("2026年2月9日\n", "２０２６年２月９日 ?? \n")
    assert parse_points(text)["plan"]["date"] == "2026-02-09"


@needs_seeds
@pytest.mark.parametrize("fill", ["?", "\ufffd", "□", "&nbsp;"])
def test_the_seed_with_its_nbsp_padding_garbled(fill: str) -> None:
    shipped = yaml.safe_load((DATA / "2019_points.yaml").read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8").replace("\xa0", fill)
    info = parse_points(text, SEED.name)["plan"]
    assert (info["issuer"], info["date"]) == (shipped["plan"]["issuer"], shipped["plan"]["date"])


@needs_seeds
def test_the_seed_saved_as_gbk_with_replacement() -> None:
    from kexie_cli.importers.points import decode_notice

    saved = SEED.read_text(encoding="utf-8").encode("gbk", errors="replace")
    assert b"?" in saved  # the NBSP padding became ?
    shipped = yaml.safe_load((DATA / "2019_points.yaml").read_text(encoding="utf-8"))
    imported = parse_points(decode_notice(saved), SEED.name)
    assert imported["plan"]["issuer"] == shipped["plan"]["issuer"]
    assert imported["plan"]["date"] == shipped["plan"]["date"]
    assert imported["sections"] == shipped["sections"]
    assert [p["title"] for p in imported["points"]] == [p["title"] for p in shipped["points"]]


def test_a_line_of_nothing_but_fill_between_issuer_and_date_is_blank() -> None:
    text = NOTICE.replace("某市科学技术协会\n", "某市科学技术协会\n&nbsp;?&nbsp;\n")
    info = parse_points(text)["plan"]
    assert (info["issuer"], info["date"]) == ("某市科学技术协会", "2026-02-09")
