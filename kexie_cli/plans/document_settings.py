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

import tomllib
from pathlib import Path

from kexie_cli.core.document import Issued, Settings
from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import write_atomic

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
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KexieError(f"{path}: 无法读取（{exc}）") from None
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
    for key in _LISTS:
        value = found.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise KexieError(f'{path}: [document] 的 {key} 应为名称的列表，如 {key} = ["…"]')
        found[key] = tuple(v.strip() for v in value if v.strip())
    texts = {key: found.get(key, "").strip() for key in _TEXTS}
    return Settings(to=found.get("to", ()), cc=found.get("cc", ()), **texts)


def read_issued(folder: Path) -> list[Issued]:
    """The numbers used, as kexie-numbers.tsv records them (none: an empty list)."""
    path = folder / NUMBERS
    if not path.exists():
        return []
    issued = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KexieError(f"{path}: 无法读取（{exc}）") from None
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        try:
            prefix, year, count, title, as_of = cells
            issued.append(Issued(prefix, int(year), int(count), title, as_of))
        except ValueError:
            raise KexieError(
                f"{path}:{number}: 应为五栏（{_HEAD.strip()}），以制表符分隔"
            ) from None
    return issued


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
        raise KexieError(f"{path}: 无法写入：{exc.strerror}") from None
    return path


def _cell(text: str) -> str:
    return " ".join(text.split())  # a tab or line break would break the line's columns
