"""Names of bodies and leaders as a person splits them, in both scripts, with notes on guesses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.importers.names import read_leaders, read_names, split_names

runner = CliRunner()


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("各县、市、区政府", ["各县、市、区政府"]),
        ("各縣、市、區政府", ["各縣、市、區政府"]),
        ("办公室、各县、市、区科协", ["办公室", "各县、市、区科协"]),
        ("各县（市、区）科协", ["各县（市、区）科协"]),
        ("各縣（市、區）科協", ["各縣（市、區）科協"]),
        ("科普部及学会部", ["科普部", "学会部"]),
        ("科普部與學會部", ["科普部", "學會部"]),
        ("市教育局和县政府", ["市教育局", "县政府"]),
        ("科普部，学会部,办公室", ["科普部", "学会部", "办公室"]),
        ("组 宣 部", ["组宣部"]),
        ("組 宣 部、辦公室", ["組宣部", "辦公室"]),
        ("科普部 学会部", ["科普部", "学会部"]),  # two full names: a separator
        ("市、县(市、区)科协", ["市、县(市、区)科协"]),
    ],
)
def test_bodies_split_as_a_person_splits_them(cell: str, names: list[str]) -> None:
    assert read_names(cell) == (names, [])
    assert split_names(cell) == names


@pytest.mark.parametrize(
    ("cell", "names", "dropped"),
    [
        ("市卫生健康委等", ["市卫生健康委"], "市卫生健康委等"),
        ("市衛生健康委等", ["市衛生健康委"], "市衛生健康委等"),
        ("科普部、学会部等", ["科普部", "学会部"], "学会部等"),
    ],
)
def test_a_trailing_等_is_dropped_and_noted(cell: str, names: list[str], dropped: str) -> None:
    found, notes = read_names(cell, "责任单位")
    assert found == names
    assert notes == [f"责任单位原文“{dropped}”末尾的“等”已略去，如有其他单位请补上"]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("陈汉平（副主席）", ["陈汉平"]),
        ("陳漢平（副主席）", ["陳漢平"]),
        ("陈汉平副主席", ["陈汉平"]),
        ("党组书记 郑昌盛", ["郑昌盛"]),
        ("黨組書記 鄭昌盛", ["鄭昌盛"]),
        ("郑昌盛和陈汉平", ["郑昌盛", "陈汉平"]),
        ("鄭昌盛與陳漢平", ["鄭昌盛", "陳漢平"]),
    ],
)
def test_leaders_lose_titles_and_brackets_with_a_note(cell: str, names: list[str]) -> None:
    found, notes = read_leaders(cell)
    assert found == names
    assert notes == [f"责任领导原文为“{cell}”，记为“{'、'.join(names)}”"]


@pytest.mark.parametrize(
    ("cell", "names"),
    [("郑昌盛 陈汉平", ["郑昌盛", "陈汉平"]), ("曹  卫", ["曹卫"]), ("王和平", ["王和平"])],
)
def test_plain_leader_cells_carry_no_note(cell: str, names: list[str]) -> None:
    assert read_leaders(cell) == (names, [])


@pytest.mark.parametrize(
    ("header", "row"),
    [
        (
            ["序号", "重点工作", "牵头单位", "责任单位", "责任领导"],
            ["1", "开展科普活动", "组 宣 部", "市卫生健康委等", "陈汉平（副主席）"],
        ),
        (
            ["序號", "重點工作", "牽頭單位", "責任單位", "責任領導"],
            ["1", "開展科普活動", "組 宣 部", "市衛生健康委等", "陳漢平（副主席）"],
        ),
    ],
    ids=["simplified", "traditional"],
)
def test_names_through_the_cli(header: list[str], row: list[str], tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["某区科协2026年重点工作"])
    book.active.append(header)
    book.active.append(row)
    row2 = ["2", row[1] + "2", "各县、市、区政府", "科普部及学会部", "郑昌盛和陈汉平"]
    book.active.append(row2)
    buffer = io.BytesIO()
    book.save(buffer)
    file = tmp_path / "names.xlsx"
    file.write_bytes(buffer.getvalue())
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", "tasks", str(file), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    first, second = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"]
    assert first["lead"] == [row[2].replace(" ", "")]
    assert first["support"] == [row[3][:-1]]
    assert first["leaders"] == [row[4][:3]]
    assert f"“{row[3]}”末尾的“等”已略去" in first["note"]
    assert f"责任领导原文为“{row[4]}”，记为“{row[4][:3]}”" in first["note"]
    assert second["lead"] == ["各县、市、区政府"]
    assert second["support"] == ["科普部", "学会部"]
    assert second["leaders"] == ["郑昌盛", "陈汉平"]


_BODY = st.builds(
    lambda head, end: head + end,
    st.text(alphabet="科普学会办公宣传组市县农技信息", min_size=1, max_size=6),
    st.sampled_from(["部", "会", "委", "办", "局", "室", "中心", "馆"]),
)


@given(
    st.lists(_BODY, min_size=1, max_size=5), st.sampled_from(["、", "，", ",", "和", "及", "与"])
)
def test_names_joined_by_any_separator_split_back(names: list[str], separator: str) -> None:
    assert read_names(separator.join(names)) == (names, [])
