"""The 通报's settings beside the plans: `[document]` in kexie.toml, and the record of the
document numbers used (kexie-numbers.tsv, one line a document: what a person can read too).

    [document]
    mark = "黄石市科学技术协会文件"   # 发文机关标志
    prefix = "黄科协督"              # 机关代字: 黄科协督〔2025〕3号
    to = ["机关各部室", "各县（市、区）科协"]   # 主送
    cc = ["市委督查室"]              # 抄送
    printer = "黄石市科协办公室"      # 印发机关
    signer = "郑昌盛"                # 签发人
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kexie_cli.core.controls import control_in
from kexie_cli.core.document import Issued, Settings
from kexie_cli.core.problems import KexieError, unreadable_settings
from kexie_cli.plans.files import taken_back, why_not, write_atomic

SETTINGS = "kexie.toml"
NUMBERS = "kexie-numbers.tsv"
_TEXTS = ("mark", "prefix", "printer", "signer")
_LISTS = ("to", "cc")
_HEAD = "机关代字\t年份\t序号\t标题\t截至\n"


def read_settings(folder: Path) -> Settings:
    """`[document]` of kexie.toml in the folder; none there: nothing configured."""
    path = folder / SETTINGS
    if not path.exists():
        return Settings()
    data = _toml(path)
    found = data.get("document", {})
    if not isinstance(found, dict):
        raise KexieError(f"{path}: document 应为表 [document]")
    unknown = sorted(set(found) - {*_TEXTS, *_LISTS})
    if unknown:
        known = "、".join((*_TEXTS, *_LISTS))
        raise KexieError(f"{path}: [document] 没有 {'、'.join(unknown)} 这一项；可用：{known}")
    for key in _TEXTS:
        if not isinstance(found.get(key, ""), str):
            raise KexieError(f'{path}: [document] 的 {key} 应为文字，如 {key} = "…"')
        _one_line(path, key, found.get(key, ""))
    for key in _LISTS:
        value = found.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise KexieError(f'{path}: [document] 的 {key} 应为名称的列表，如 {key} = ["…"]')
        for name in value:
            _one_line(path, key, name)
        found[key] = tuple(v.strip() for v in value if v.strip())
    texts = {key: found.get(key, "").strip() for key in _TEXTS}
    return Settings(to=found.get("to", ()), cc=found.get("cc", ()), **texts)


def _toml(path: Path) -> dict:
    """The file read as TOML; what is wrong with it said in Chinese, at its line."""
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise KexieError(f"{path}: 无法读取：{why_not(exc)}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise unreadable_settings(path, exc) from None


def _text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise KexieError(f"{path}: 无法读取：{why_not(exc)}") from None
    except UnicodeDecodeError as exc:
        raise unreadable_settings(path, exc) from None


def _one_line(path: Path, key: str, text: str) -> None:
    """A setting is printed on the 通报 and written in kexie-numbers.tsv: one line of text."""
    bad = control_in(text) or next((f"\\x{ord(c):02x}" for c in text if c in "\t\n\r"), None)
    if bad:
        raise KexieError(
            f"{path}: [document] 的 {key} 中有控制字符 {bad}（如制表符、换行），请删去"
        )


def read_issued(folder: Path) -> list[Issued]:
    """The numbers used, as kexie-numbers.tsv records them (none: an empty list). A line
    that is not one document is refused at its line, never skipped: the file is rewritten
    whole when a number is added, and a line dropped would be a number used twice."""
    path = folder / NUMBERS
    if not path.exists():
        return []
    lines = _text(path).splitlines()
    if not lines or lines[0].split("\t") != _HEAD.strip().split("\t"):
        raise KexieError(f"{path}:1: 第一行应为表头：{_HEAD.strip()}（以制表符分隔）")
    return [
        _issued(path, number, line)
        for number, line in enumerate(lines[1:], start=2)
        if line.strip()
    ]


def _issued(path: Path, number: int, line: str) -> Issued:
    cells = line.split("\t")
    if len(cells) != 5:
        raise KexieError(f"{path}:{number}: 应为五栏（{_HEAD.strip()}），以制表符分隔")
    prefix, year, count, title, as_of = cells
    if not re.fullmatch(r"\d{4}", year.strip()):
        raise KexieError(f"{path}:{number}: 年份应为四位数字，如 2025，实际为 {year!r}")
    if not re.fullmatch(r"\d{1,18}", count.strip()) or int(count) < 1:
        raise KexieError(f"{path}:{number}: 序号应为从 1 起的整数，实际为 {count!r}")
    try:
        dt.date.fromisoformat(as_of.strip())
    except ValueError:
        raise KexieError(
            f"{path}:{number}: 截至应为日期，如 2025-06-30，实际为 {as_of!r}"
        ) from None
    return Issued(prefix, int(year), int(count), title, as_of.strip())


def record_issued(folder: Path, issued: list[Issued], new: Issued) -> Path:
    """The record with the new number added, written whole (atomically)."""
    path = folder / NUMBERS
    rows = [*issued, new]
    text = _HEAD + "".join(
        f"{i.prefix}\t{i.year}\t{i.number}\t{_cell(i.title)}\t{i.as_of}\n" for i in rows
    )
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise KexieError(f"{path}: 无法写入：{why_not(exc)}") from None
    return path


@contextmanager
def issuing(folder: Path, issued: list[Issued], new: Issued | None) -> Iterator[Path | None]:
    """The new number recorded before the block writes its document, and taken back if the
    block fails: a 通报 not written leaves kexie-numbers.tsv as it was, and one written is
    never without its number recorded."""
    if new is None:
        yield None
        return
    with taken_back(folder / NUMBERS):
        yield record_issued(folder, issued, new)


def _cell(text: str) -> str:
    return " ".join(text.split())  # a tab or line break would break the line's columns
