"""Renderers: one dispatch, every format from the same view."""

import csv
import io
import json

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table as RichTable

from kexie_cli.core.status import Status
from kexie_cli.output import RENDERERS, render
from kexie_cli.output.table import bar, rich_table
from kexie_cli.output.views import Column, Table, View
from tests.sample_plans import table_rows

VIEW = View(
    data=[{"id": 1, "name": "组宣部"}],
    tables=(
        Table(
            (
                Column("id", "序号", "number"),
                Column("lead", "牵头部室", "names"),
                Column("text", "具体内容"),
                Column("wide", "推进措施", brief=False),
                Column("progress", "进度", "bar"),
                Column("status", "状态", "status"),
            ),
            [
                {
                    "id": 1,
                    "lead": ["办公室", "机关党委"],
                    "text": "含|竖线\t和制表符",
                    "wide": ["1.第一条", "2.第二条"],
                    "progress": 0.5,
                    "status": Status.BEHIND,
                },
                {
                    "id": 2,
                    "lead": [],
                    "text": "",
                    "wide": [],
                    "progress": None,
                    "status": Status.DONE,
                },
            ],
            "标题",
            "说明",
            {"id": "合计", "lead": [], "text": "", "wide": [], "progress": None, "status": ""},
        ),
    ),
)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


def rendered(fmt):
    out = io.StringIO()
    render(VIEW, fmt, out)
    return out.getvalue()


def test_every_format_has_a_renderer():
    assert set(RENDERERS) == {"table", "json", "csv", "tsv", "md"}
    for fmt in RENDERERS:
        assert rendered(fmt)


def test_json_keeps_chinese():
    assert json.loads(rendered("json")) == VIEW.data
    assert "组宣部" in rendered("json")


def test_csv_all_columns_names_joined_lines_kept():
    rows = list(csv.reader(io.StringIO(rendered("csv"))))
    assert rows[0] == ["序号", "牵头部室", "具体内容", "推进措施", "进度", "状态"]
    assert rows[1] == [
        "1",
        "办公室、机关党委",
        "含|竖线\t和制表符",
        "1.第一条\n2.第二条",
        "50%",
        "滞后",
    ]
    assert rows[2][4:] == ["—", "已完成"]
    assert rows[3][0] == "合计"


def test_tsv_keeps_each_row_on_one_line():
    lines = rendered("tsv").splitlines()
    assert len(lines) == 4
    assert lines[1].split("\t") == [
        "1",
        "办公室、机关党委",
        "含|竖线 和制表符",
        "1.第一条 2.第二条",
        "50%",
        "滞后",
    ]


def test_markdown_escapes_pipes_and_skips_wide_columns():
    text = rendered("md")
    assert text.startswith(
        "### 标题\n\n| 序号 | 牵头部室 | 具体内容 | 进度 | 状态 |\n| ---: | --- |"
    )
    assert "含\\|竖线" in text and "推进措施" not in text
    assert text.rstrip().endswith("说明")


def test_table_piped_is_plain_and_whole():
    text = rendered("table")  # a StringIO is not a terminal
    assert "\x1b[" not in text
    assert "办公室" in text and "机关党委" in text and "推进措施" not in text
    assert "█████░░░░░ 50%" in text and "合计" in text and "说明" in text


def drawn(width):
    console = Console(file=io.StringIO(), width=width, highlight=False, emoji=False)
    renderable = rich_table(VIEW.tables[0], width)
    console.print(renderable)
    return renderable, console.file.getvalue()


def test_a_wide_table_has_bars_and_every_header_on_one_line():
    renderable, text = drawn(120)
    assert isinstance(renderable, RichTable)
    assert "█████░░░░░ 50%" in text
    assert all(h in text for h in ("序号", "牵头部室", "具体内容", "进度", "状态"))


HEADERS = ["序号", "牵头部室", "具体内容", "进度", "状态"]
WORDS = ("办公室", "机关党委", "含|竖线和制表符", "50%", "滞后", "已完成", "合计", "标题", "说明")


@pytest.mark.parametrize("width", range(10, 81))
def test_at_any_width_nothing_is_dropped_split_or_too_wide(width):
    renderable, text = drawn(width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    if isinstance(renderable, RichTable):
        rows = [["".join(cell.split()) for cell in row] for row in table_rows(text)]
        assert rows[0] == HEADERS  # a tight table may put a header on two lines
        assert rows[1] == ["1", "办公室机关党委", "含|竖线和制表符", rows[1][3], "滞后"]
        assert rows[1][3] in ("50%", "█████░░░░░50%")
        assert [row[0] for row in rows[2:]] == ["2", "合计"]
        assert "标题" in text and "说明" in text
    else:
        joined = "".join(text.split())  # each row a block: folded lines joined back up
        assert "序号1" in joined or "序号：1" in joined
        for words in WORDS:
            assert words in joined


def test_the_bar_gives_way_before_the_table_does():
    drawings = {w: drawn(w) for w in range(10, 81)}
    tables = [w for w, (shown, _) in drawings.items() if isinstance(shown, RichTable)]
    barred = [w for w in tables if "█" in drawings[w][1]]
    assert tables == list(range(min(tables), 81))  # narrower than that: blocks
    assert min(barred) > min(tables)  # in between, a table with the percent alone


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, "░░░░░░░░░░ 0%"), (0.25, "██░░░░░░░░ 25%"), (1.0, "██████████ 100%"), (None, "—")],
)
def test_bar(share, expected):
    assert bar(share).plain == expected


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_json_is_indented_on_a_terminal_and_one_line_in_a_pipe():
    piped, terminal = io.StringIO(), _Terminal()
    render(VIEW, "json", piped)
    render(VIEW, "json", terminal)
    assert piped.getvalue().count("\n") == 1
    assert terminal.getvalue().startswith("[\n  {")
    assert json.loads(piped.getvalue()) == json.loads(terminal.getvalue()) == VIEW.data
    assert '"组宣部"' in piped.getvalue()  # characters as written, no \\u escapes


class _Counting(io.StringIO):
    """A stream that counts the writes made to it."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_delimited_output_is_written_once():
    """An unbuffered stdout (PYTHONUNBUFFERED) makes every write a system call."""
    for fmt in ("csv", "tsv", "md", "json"):
        out = _Counting()
        render(VIEW, fmt, out)
        assert out.writes == 1, fmt
        assert out.getvalue().count("\n") >= 1


def test_a_long_tsv_is_written_some_hundred_rows_at_a_time():
    (table,) = VIEW.tables
    long = View([], (table._replace(rows=table.rows * 2500),))  # a header, 5,000 rows, a total
    out = _Counting()
    render(long, "tsv", out)
    assert out.writes == 11  # 5,002 lines, 500 a write
    header, *rows, total = rendered("tsv").splitlines()
    assert out.getvalue().splitlines() == [header, *rows * 2500, total]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_json_to_a_byte_stream_is_in_the_streams_encoding(encoding):
    """A UTF-8 stream is given orjson's bytes as they are; another gets the text to encode."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding=encoding)
    out.write("前言 ")  # written before: stays before
    render(VIEW, "json", out)
    out.flush()
    text = raw.getvalue().decode(encoding)
    assert text.startswith("前言 [") and json.loads(text.removeprefix("前言 ")) == VIEW.data
