"""Names match however they are written: width, bracketed suffixes, traditional characters."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kexie_cli.core.names import (
    bare,
    distinct,
    fold,
    matches,
    matching,
    normalize,
    simplified,
    split_leaders,
)

DEPTS = ["办公室", "机关党委", "组宣部", "普及部（中心）", "学会部", "各县(市、区)科协"]


def test_normalize_width_brackets_spaces():
    assert normalize("普及部（中心）") == "普及部"
    assert normalize("普及部(中心)") == "普及部"
    assert normalize(" 组宣 部 ") == "组宣部"
    assert normalize("ＡＢＣ部") == "ABC部"
    assert normalize("學會部", simplify=True) == "学会部"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("组宣部", {"组宣部"}),
        ("普及部", {"普及部（中心）"}),
        ("普及部(中心)", {"普及部（中心）"}),
        ("普及部【中心】", {"普及部（中心）"}),
        ("學會部", {"学会部"}),  # traditional query, simplified data
        ("组宣", {"组宣部"}),  # part of a name
        ("各县（市、区）科协", {"各县(市、区)科协"}),
        ("财务部", set()),
        ("（中心）", set()),  # nothing left to look for
    ],
)
def test_matching(query, expected):
    assert matching(query, DEPTS) == expected


def test_traditional_data_matches_simplified_query():
    assert matching("学会部", ["學會部", "組宣部"]) == {"學會部"}


def test_matches_is_containment_not_reverse():
    assert matches("普及部", "普及部（中心）")
    assert not matches("普及部（中心）科普", "普及部")


COUNTIES = ["各县(市、区)科协", "各县(市)区科协", "市、县(市、区)科协", "市馆", "市科技馆"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # One body printed two ways: each spelling finds both.
        ("各县(市、区)科协", {"各县(市、区)科协", "各县(市)区科协"}),
        ("各县(市)区科协", {"各县(市、区)科协", "各县(市)区科协"}),
        ("各县（市、区）科协", {"各县(市、区)科协", "各县(市)区科协"}),
        # Distinct bodies stay apart, both ways.
        ("市、县(市、区)科协", {"市、县(市、区)科协"}),
        ("市馆", {"市馆"}),
        ("市科技馆", {"市科技馆"}),
    ],
)
def test_same_body_printed_differently_matches_distinct_bodies_do_not(query, expected):
    assert matching(query, COUNTIES) == expected


def test_bare_keeps_bracket_contents():
    assert bare("各县（市、区）科协") == bare("各县(市)区科协") == "各县市区科协"
    assert bare("普及部（中心）") == "普及部中心"


def test_distinct_lists_each_normalised_name_once_in_its_first_spelling():
    names = [
        "普及部",
        "办公室",
        "普及部(中心)",
        "普及部（中心）",
        "各县(市、区)科协",
        "各县(市)区科协",
    ]
    assert distinct(names) == ["普及部", "办公室", "各县(市、区)科协"]
    assert distinct(["市馆", "市科技馆", "市、县(市、区)科协"]) == [
        "市馆",
        "市科技馆",
        "市、县(市、区)科协",
    ]


# Every character re reads as \s (the same as str.isspace), in names as plans may print them.
_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())


@pytest.mark.parametrize(
    "name",
    [
        "各县（市、区）科协",
        f"普及部{_SPACES}（中心）",
        f"组{_SPACES}宣部",
        "【学会部】〔办公室〕[市科技馆](中心)、",
        "市、县(市、区)科协\u3000",
    ],
)
def test_names_read_as_the_patterns_they_replace_read_them(name):
    import re
    import unicodedata

    text = unicodedata.normalize("NFKC", name)
    assert bare(name) == re.sub(r"[()\[\]【】〔〕、\s]", "", text)
    brackets = r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕"
    assert normalize(name) == re.sub(r"\s+", "", re.sub(brackets, "", text))


def test_fold_makes_widths_and_cases_alike_but_keeps_brackets():
    assert fold(" ＡＢＣ讲座１ ") == fold("abc讲座1") == "abc讲座1"
    assert fold("普及部（中心）") == "普及部(中心)"


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("李义词 郑昌盛  陈汉平", ["李义词", "郑昌盛", "陈汉平"]),
        ("郑昌盛，陈汉平；李四\n王五", ["郑昌盛", "陈汉平", "李四", "王五"]),
        # Where the sheet layout's own splitter disagreed (曹 卫 two names, / and 同上 kept):
        ("曹  卫", ["曹卫"]),  # a two-character name padded to three
        ("曹  卫、郑昌盛", ["曹卫", "郑昌盛"]),
        ("张三/李四", ["张三", "李四"]),
        ("同上", []),
        ("", []),
        # titles and brackets are not names; 和 between two names splits them
        ("陈汉平（副主席）、郑昌盛", ["陈汉平", "郑昌盛"]),
        ("党组书记 郑昌盛 陈汉平副主席", ["郑昌盛", "陈汉平"]),
        ("黨組書記鄭昌盛", ["鄭昌盛"]),
        ("郑昌盛和陈汉平", ["郑昌盛", "陈汉平"]),
        ("王和平", ["王和平"]),
        ("张主席", ["张主席"]),  # a surname and a title: left as written
    ],
)
def test_leaders_as_a_cell_writes_them(cell, names):
    assert split_leaders(cell) == names


_NAME = st.text(alphabet="郑昌盛陈汉平李义词曹卫张王", min_size=2, max_size=4)


@given(st.lists(_NAME, max_size=5), st.sampled_from([" ", "、", "\n", "，"]))
def test_leaders_written_by_export_read_back(names, separator):
    """`export` writes leaders joined by a space (full layout) or 、 (progress layout)."""
    assert split_leaders(separator.join(names)) == names


def test_one_converter_from_traditional_to_simplified():
    assert simplified("學會 科協") == "学会 科协" and simplified("") == ""
    sources = (Path(__file__).parents[2] / "kexie_cli").rglob("*.py")
    building = [p.name for p in sources if "OpenCC(" in p.read_text(encoding="utf-8")]
    assert building == ["names.py"]  # importers and names share core.names.simplified
