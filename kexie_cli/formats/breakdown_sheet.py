"""The breakdown list's own layout as a sheet, shared by `export --format xlsx` and `import tasks`.

One row a task under the document's eight columns, in its order, then 目标, 完成, 进度, 状态.
Writing turns a task into cell texts; reading turns cell texts (from this layout or from a
document laid out like it) back into a task's fields. No file and no workbook here: text only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from kexie_cli.core.dates import month_day_words
from kexie_cli.core.months import month_text
from kexie_cli.core.numbers import number_text, percent_text, whole
from kexie_cli.core.wording import place_text, target_text

# (key, header): the document's eight columns, then the progress columns export adds.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("section", "类型"),
    ("focus", "重点工作"),
    ("content", "具体内容"),
    ("measures", "推进措施"),
    ("lead", "牵头部室"),
    ("support", "责任部室及县(市、区)科协"),
    ("leaders", "责任领导"),
    ("due", "完成时限"),
    ("targets", "目标"),
    ("done", "完成"),
    ("progress", "进度"),
    ("status", "状态"),
)
HEADERS = tuple(header for _, header in COLUMNS)
TARGET_SEPARATOR = "："
PROGRESS_KEYS = ("targets", "done", "progress", "status")
# Header words as a document may print them (责任部室及 县(市、区)科协, 责任部室(市、县、区)科协):
# a header is known by how it starts, once spaces and bracket widths are evened out.
_HEADER_STARTS = (
    ("类型", "section"),
    ("重点工作", "focus"),
    ("具体内容", "content"),
    ("推进措施", "measures"),
    ("牵头部室", "lead"),
    ("牵头单位", "lead"),
    ("责任部室", "support"),
    ("责任单位", "support"),
    ("配合部室", "support"),
    ("责任领导", "leaders"),
    ("分管领导", "leaders"),
    ("完成时限", "due"),
    ("完成时间", "due"),
    ("目标", "targets"),
    ("完成", "done"),
    ("进度", "progress"),
    ("状态", "status"),
)


def sheet_title(year: int) -> str:
    return f"{year}年任务"


# ---- writing --------------------------------------------------------------------------------


def task_cells(state: Any) -> list[str]:
    """The row of one task (a progress.TaskState), as the cell texts of COLUMNS."""
    task = state.task
    targets = state.targets
    return [
        task.section,
        task.focus,
        f"{task.id}. {task.content}" if task.content else f"{task.id}.",
        measures_text(list(task.measures)),
        "\n".join(task.lead),
        "\n".join(task.support),
        " ".join(task.leaders),
        month_text(task.due),
        "\n".join(_target_cell(t) for t in targets),
        "\n".join(_done_cell(t) for t in targets),
        "\n".join(percent_text(t.percent) for t in targets),
        state.status.label,
    ]


def _target_cell(state: Any) -> str:
    """A target's line in 目标; by place, each place with its number, as the list words a
    quota per county: 各县科普活动：大冶市不少于200场、阳新县不少于200场、…"""
    target = state.target
    if not state.places:
        return target_line(target)
    places = "、".join(f"{p.name}{place_text(target, p.target)}" for p in state.places)
    return f"{target.name}{TARGET_SEPARATOR}{places}"


def _done_cell(state: Any) -> str:
    """A target's line in 完成; by place, each place's figure: 大冶市80、阳新县65、…"""
    if not state.places:
        return number_text(state.done)
    return "、".join(f"{p.name}{number_text(p.done)}" for p in state.places)


def target_line(target: Any) -> str:
    """党组会学习：不少于12次 — the name, a full-width colon, the target as the list words it.
    read_targets reads it back: the name is everything before the last ：."""
    return f"{target.name}{TARGET_SEPARATOR}{target_text(target)}"


def measures_text(measures: list[str]) -> str:
    """One measure as it is; several numbered 1. 2. …, one a line."""
    if len(measures) == 1:
        return measures[0]
    return "\n".join(f"{n}. {m}" for n, m in enumerate(measures, start=1))


# ---- reading --------------------------------------------------------------------------------


def header_keys(cells: list[Any]) -> dict[int, str] | None:
    """Column index → key, if this row is a header row (具体内容 and 推进措施 at least)."""
    found: dict[int, str] = {}
    for index, cell in enumerate(cells):
        word = _even(cell)
        for start, key in _HEADER_STARTS:
            if word.startswith(start) and key not in found.values():
                found[index] = key
                break
    return found if {"content", "measures"} <= set(found.values()) else None


def _even(value: Any) -> str:
    """Text with spaces dropped and full-width forms made half-width, for recognising."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell_text(value)))


def cell_text(value: Any) -> str:
    """A cell's value as text; a date or a month typed as a number read as 2025.6."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return month_text(value)
    if isinstance(value, float):
        return number_text(value)  # 12.0 → 12
    return str(value).strip()


_ID = re.compile(r"^\s*(\d{1,3})\s*[.、．,，]\s*(?!\d)")


def split_content(text: str) -> list[tuple[int | None, str]]:
    """`4. …` → [(4, …)]; two numbered items in one cell (4.… 5.…) are two tasks."""
    text = text.strip()
    first = _ID.match(text)
    if not first:
        return [(None, text)] if text else []
    number = int(first[1])
    items = []
    for start, end, next_number in _numbered_runs(text, number):
        body = _ID.sub("", text[start:end], count=1).strip()
        items.append((next_number, body))
    return items


def split_measures(text: str) -> list[str]:
    """`1. …\\n2. …` or `1. … 2. …` on one line → the measures; unnumbered → one measure."""
    text = text.strip()
    if not text:
        return []
    if not _ID.match(text) or int(_ID.match(text)[1]) != 1:  # type: ignore[index]
        return [text]
    return [_ID.sub("", text[a:b], count=1).strip() for a, b, _ in _numbered_runs(text, 1)]


def _numbered_runs(text: str, number: int) -> list[tuple[int, int, int]]:
    """(start, end, number) of each item numbered number, number+1, … in order."""
    starts = [(0, number)]
    position = 0
    while True:
        wanted = starts[-1][1] + 1
        pattern = re.compile(rf"(?:(?<=^)|(?<=[\s。；;]))\s*{wanted}\s*[.、．](?!\d)", re.M)
        match = pattern.search(text, position + 1)
        if not match:
            break
        starts.append((match.start(), wanted))
        position = match.start()
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return [(start, end, n) for (start, n), end in zip(starts, ends, strict=True)]


def split_names(text: str) -> list[str]:
    """Names one a line, or on one line split at 、 (and spaces) outside brackets.

    A bare fragment such as 市 is glued back to the name after it, so 市、县(市、区)科协 stays one.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1:
        lines = _split_outside_brackets(lines[0])
    names: list[str] = []
    pending = ""
    for name in lines:
        if len(name) == 1:
            pending += name + "、"
            continue
        names.append(pending + name)
        pending = ""
    if pending:
        names.append(pending.rstrip("、"))
    return names


def _split_outside_brackets(line: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in line:
        depth += char in "(（[［【〔"
        depth -= char in ")）]］】〕" and depth > 0
        if depth == 0 and (char in "、,，;；" or char.isspace()):
            if current.strip():
                parts.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current.strip())
    return parts


# The target as wording.target_text words it: 不少于12次, 超过3家, 100名左右, 1-2场, 4期.
_TARGET = re.compile(
    r"^(?P<pre>不少于|超过)?(?P<low>\d+(?:\.\d+)?)(?:-(?P<high>\d+(?:\.\d+)?))?"
    r"(?P<unit>.*?)(?P<post>左右)?$"
)
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def read_targets(targets: str, done: str) -> list[dict[str, Any]]:
    """The 目标 and 完成 cells of this layout back into targets (one a line in each).

    ValueError for a line that is not `名称：不少于12次` or a 完成 figure that is not a number.
    """
    lines = [line.strip() for line in targets.splitlines() if line.strip()]
    figures = [line.strip() for line in done.splitlines() if line.strip()]
    if len(figures) > len(lines):
        raise ValueError(f"完成单元格有 {len(figures)} 个数，目标只有 {len(lines)} 项")
    figures += ["0"] * (len(lines) - len(figures))
    return [_read_target(line, figure) for line, figure in zip(lines, figures, strict=True)]


_COMPARATOR_WORDS = {"不少于": "at_least", "超过": "more_than"}


def _read_target(line: str, figure: str) -> dict[str, Any]:
    name, separator, wording = line.rpartition(TARGET_SEPARATOR)
    wording = re.sub(r"\s+", "", wording)
    target = _read_wording(wording)
    if target is None and separator and name.strip() and _PLACE.match(wording.split("、")[0]):
        return _read_places(name.strip(), wording, figure)
    if not (separator and name.strip() and target):
        raise ValueError(f"目标“{line}”应写成“名称：不少于12次”的样子")
    if not _NUMBER.match(figure):
        raise ValueError(f"完成“{figure}”不是数")
    return {"name": name.strip(), **target, "done": _plain_number(figure)}


def _read_wording(wording: str) -> dict[str, Any] | None:
    """不少于12次 → target, unit, comparator; None if it is no target's wording."""
    match = _TARGET.match(wording)
    bound = match and (match["pre"] or match["post"])
    if not match or (bound and match["high"]):
        return None
    low = _plain_number(match["low"])
    if match["high"]:
        high = _plain_number(match["high"])
        return {"target": f"{low}-{high}", "unit": match["unit"], "comparator": "range"}
    comparator = _COMPARATOR_WORDS.get(match["pre"] or "") or (
        "about" if match["post"] else "exact"
    )
    return {"target": low, "unit": match["unit"], "comparator": comparator}


# A place's part of a target by place: the place's name, then its number as the list words it.
_PLACE = re.compile(r"^(?!不少于|超过)(?P<place>[^\d、]+?)(?P<wording>(?:不少于|超过)?\d.*)$")
_PLACE_FIGURE = re.compile(r"^(?P<place>[^\d、]+?)(?P<done>\d+(?:\.\d+)?)$")


def _read_places(name: str, wording: str, figure: str) -> dict[str, Any]:
    """各县科普活动：大冶市不少于200场、阳新县不少于200场 with 大冶市80、阳新县65 (or 0): a target
    broken down by place, each place with its number and figure; `target` the smallest."""
    places: dict[str, dict[str, Any]] = {}
    kinds = set()
    for part in wording.split("、"):
        match = _PLACE.match(part)
        own = _read_wording(match["wording"]) if match else None
        if match is None or own is None or own["comparator"] == "range":
            raise ValueError(f"目标“{name}：{wording}”中“{part}”应写成“大冶市不少于200场”的样子")
        kinds.add((own["unit"], own["comparator"]))
        places[match["place"]] = {"target": own["target"], "done": 0}
    if len(kinds) > 1:
        raise ValueError(f"目标“{name}”各地方的单位或写法不一致")
    if figure != "0":
        found = [_PLACE_FIGURE.match(part) for part in re.sub(r"\s+", "", figure).split("、")]
        if not all(found) or [m["place"] for m in found if m] != list(places):
            raise ValueError(f"完成“{figure}”应按地方写成“{'、'.join(f'{p}0' for p in places)}”")
        for match in found:
            assert match is not None
            places[match["place"]]["done"] = _plain_number(match["done"])
    unit, comparator = kinds.pop()
    smallest = min(p["target"] for p in places.values())
    found = {"name": name, "target": smallest, "unit": unit, "comparator": comparator}
    return found | {"units": places}


def _plain_number(text: str) -> int | float:
    return whole(float(text))


def due_text(value: Any) -> str:
    """The month as the list writes it: 2025.12 (a number cell 2025.1 with two decimals shown
    is 2025.10; the sheet's own layout writes text, so this only matters for typed sheets)."""
    text = unicodedata.normalize("NFKC", cell_text(value))
    lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
    return "、".join(line for line in lines if line)  # two months on two lines stay two


# ---- the progress layout (进展情况表), written only: import reads the full layout ------------

# (key, header): what a progress meeting reads, one line a task.
PROGRESS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "序号"),
    ("content", "重点工作/具体内容"),
    ("lead", "牵头部室"),
    ("leaders", "责任领导"),
    ("due", "完成时限"),
    ("targets", "目标"),
    ("done", "完成"),
    ("progress", "进度"),
    ("status", "状态"),
    ("report", "进展情况"),
)


def progress_cells(state: Any, as_of: Any) -> list[Any]:
    """The row of one task in PROGRESS_COLUMNS: the 序号 a number, the rest texts."""
    from kexie_cli.core.record import latest_report

    task = state.task
    focus = f"【{task.focus}】" if task.focus else ""
    share = "" if state.share is None else percent_text(state.share * 100)
    return [
        task.id,
        f"{focus}{task.content}",
        "、".join(task.lead),
        "、".join(task.leaders),
        due_cell(state),
        "\n".join(target_line(t.target) for t in state.targets),
        "\n".join(done_text(t) for t in state.targets),
        share,
        status_text(state),
        report_text(latest_report(task, as_of)),
    ]


def due_cell(state: Any) -> str:
    """2025.9, and the document's month beside it once an extension moved it."""
    due = month_text(state.due)
    original = state.task.due
    if state.due != original:
        return f"{due}\n（原{month_text(original)}）"
    return due


def done_text(target_state: Any) -> str:
    """12次 once the target is met; 80/120所 while it is not (the count against the aim)."""
    target = target_state.target
    done = number_text(target_state.done)
    if target_state.met:
        return f"{done}{target.unit}"
    return f"{done}/{number_text(target.target)}{target.unit}"


def status_text(state: Any) -> str:
    """The status word, with 即将到期 or how a done task was done (按期完成 …) beside it; a
    task cancelled or paused with its date and reason, one awaiting 销号 said so."""
    if state.ended is not None:
        return f"{state.status.label}\n（{state.ended.date.isoformat()}：{state.ended.reason}）"
    if state.awaiting:
        return f"{state.status.label}\n（待销号）"
    if state.completion is not None:
        return f"{state.status.label}\n（{state.completion.label}）"
    if state.due_soon:
        return f"{state.status.label}\n（即将到期）"
    return state.status.label


def report_text(report: Any) -> str:
    """A report entry as one cell: （6月20日）进展…；存在问题：…；下步打算：…"""
    if report is None:
        return ""
    parts = [report.note] if report.note else []
    if report.problem:
        parts.append(f"存在问题：{report.problem}")
    if report.next:
        parts.append(f"下步打算：{report.next}")
    said = "；".join(part.strip().rstrip("。；;，, ") for part in parts)
    return f"（{month_day_words(report.date)}）{said}。"
