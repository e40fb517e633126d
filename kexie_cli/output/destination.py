"""Where a command's file output goes: `-o FILE` (written atomically), or stdout for `-o -`."""

from __future__ import annotations

import sys
from pathlib import Path

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import write_atomic


def is_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def write_output(
    content: str | bytes, output: Path | None, *, force: bool = False, encoding: str = "utf-8"
) -> None:
    """Write to the file (refusing to replace one unless forced), or to stdout."""
    if is_stdout(output):
        if isinstance(content, bytes):
            raise KexieError("Excel 文件不能写到标准输出，请用 -o FILE.xlsx 指定文件")
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    assert output is not None
    check_destination(output, force=force)
    try:
        write_atomic(output, content, encoding)
    except OSError as exc:
        raise KexieError(f"{output}: 无法写入：{exc.strerror}") from None


def check_destination(output: Path, *, force: bool = False) -> None:
    """Refused before anything is written or recorded: a folder, a folder that is not there,
    a file there already (unless forced)."""
    if output.is_dir():
        raise KexieError(f"{output}: 是文件夹，请给出文件名")
    if not output.parent.exists():
        raise KexieError(f"{output}: 所在文件夹 {output.parent} 不存在")
    if output.exists() and not force:
        raise KexieError(f"{output}: 文件已存在；确认要覆盖请加 --force")
