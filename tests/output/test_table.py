"""output.table, its wrapping: figures never split, no line starts with closing punctuation,
no control character from the data reaches a terminal, and a table piped from a terminal
takes the terminal's width."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from kexie_cli.output.table import NO_LINE_START, rich_table, wrapped
from kexie_cli.output.views import Column, Table
from tests.conftest import DATA

FIGURES = ["0/120所", "（0%）", "12.5%", "3/10名", "2025-12", "（100%）", "45万"]
WORDS = ["科", "协", "组", "织", "开", "展", "活", "动", "项"]
MARKS = ["，", "。", "、", "）", "；", "："]


def rendered(table: Table, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(rich_table(table, width))
    return out.getvalue().splitlines()


def pieces(lines: list[str]) -> list[str]:
    """Every cell's part on each line: a figure split over lines is whole in none of them."""
    return [part.strip() for line in lines for part in line.split("│")]


# A figure is set apart by a character that cannot join it (项), as in real text.
texts = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(MARKS).map(lambda m: f"动{m}"),  # as in prose: never a line of marks
        st.sampled_from(FIGURES).map(lambda f: f"项{f}项"),
    ),
    min_size=1,
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, width=st.integers(12, 60))
def test_wrapping_keeps_figures_whole_and_no_line_starts_with_closing_punctuation(text, width):
    lines = wrapped(Text(text), width).plain.split("\n")
    assert "".join(lines) == text  # nothing lost, nothing added
    assert all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in NO_LINE_START for line in lines[1:] if line)
    for figure in FIGURES:
        assert sum(line.count(figure) for line in lines) == text.count(figure)


def test_figures_stay_whole_in_a_table_at_every_width_down_to_blocks():
    columns = (
        Column("id", "序号", "number"),
        Column("content", "具体内容"),
        Column("targets", "目标完成"),
        Column("lead", "牵头部室", "names"),
    )
    row = {
        "id": 2,
        "content": "组织全市学校开展青少年科技创新大赛，覆盖全部学校。",
        "targets": ["党组会学习：0/120所（0%）", "中心组学习：3/10名（30%）"],
        "lead": ["办公室", "机关党委"],
    }
    table = Table(columns, [row, row])
    for width in range(24, 141):
        parts = pieces(rendered(table, width))
        for figure in ("0/120所", "（0%）", "3/10名", "（30%）"):
            assert parts.count(figure) + sum(figure in p for p in parts if p != figure) == 2, (
                width,
                figure,
            )
        assert not any(p[0] in "，。、）；：" for p in parts if p), width


def test_no_control_character_from_the_data_reaches_the_terminal():
    columns = (Column("id", "序号", "number"), Column("note", "备注"))
    table = Table(columns, [{"id": 1, "note": "红\x1b[31m字\x07响\r回\x9b车"}], title="标\x1b题")
    for width in (100, 12):  # a grid, and blocks
        text = "\n".join(rendered(table, width))
        assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
        assert "\\x1b" in text and "\\x07" in text


def test_piped_from_a_terminal_the_table_takes_the_terminal_s_width(tmp_path):
    """`kexie list | less`: stdout a pipe, stderr the terminal (here a pseudo-terminal 72 wide)."""
    main, child_side = pty.openpty()
    fcntl.ioctl(child_side, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 72, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    try:
        piped = subprocess.run(
            [sys.executable, "-m", "kexie_cli", "list", "--data", str(DATA)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=child_side,
            stdin=subprocess.DEVNULL,
            check=True,
        )
    finally:
        os.close(child_side)
        os.close(main)
    widths = {cell_len(line) for line in piped.stdout.decode("utf-8").splitlines()}
    assert max(widths) <= 72
    to_file = subprocess.run(
        [sys.executable, "-m", "kexie_cli", "list", "--data", str(DATA)],
        env=env,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        check=True,
    )
    assert max(cell_len(line) for line in to_file.stdout.decode("utf-8").splitlines()) > 72
