"""Plan files as files: finding them, reading and decoding their bytes, locking, writing
atomically and clearing the temporaries a killed writer left."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kexie_cli.core.problems import KexieError, Problem

DATA_ENV = "KEXIE_DATA"
PLAN_SUFFIXES = (".yaml", ".yml")


def resolve_data(option: Path | None) -> Path:
    """--data, else $KEXIE_DATA, else ./data."""
    if option is not None:
        path, told = option, "--data"
    elif os.environ.get(DATA_ENV):
        path, told = Path(os.environ[DATA_ENV]), DATA_ENV
    else:
        path, told = Path("data"), ""
    if path.exists():
        return path
    if told:
        raise KexieError(f"找不到计划文件：{path}（来自 {told}）")
    raise KexieError(
        "找不到计划文件：当前目录下没有 data/；请用 --data PATH 或环境变量 KEXIE_DATA 指明计划文件或其所在文件夹"
    )


def plan_files(path: Path) -> list[Path]:
    """A folder's plan files in name order, or the one file given."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())
    return [path]


def read_bytes(path: Path) -> bytes:
    with _reading(path):
        return path.read_bytes()


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """An unreadable plan file as one problem: where it is and what is wrong."""
    try:
        yield
    except FileNotFoundError:
        raise _file_error(path, "文件不存在") from None
    except IsADirectoryError:
        raise _file_error(path, "是文件夹，不是计划文件") from None
    except OSError as exc:
        raise _file_error(path, f"无法读取：{exc.strerror}") from None


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(path, f"不是 UTF-8 文本（第 {exc.start} 字节）") from None


def _file_error(path: Path, message: str) -> KexieError:
    problem = Problem(str(path), None, "", "", message)
    return KexieError(str(problem), [problem])


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    Bytes (a workbook) are written as they are; text in `encoding` (utf-8-sig for a CSV that
    Excel on Windows should read as UTF-8).
    """
    import tempfile  # only when writing: most commands just read

    path = path.resolve()  # a symlinked plan: replace the file it points to, not the link
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    data = text if isinstance(text, bytes) else text.encode(encoding)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; keep the old file's mode, or the usual one for a new file
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def discard_temporaries(path: Path) -> None:
    """Remove the temporary files a killed writer left beside `path`. Only a writer holding
    the file's lock makes them, so call this under the lock."""
    import glob

    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        tmp.unlink(missing_ok=True)


@contextmanager
def locked(path: Path, timeout: float = 30) -> Iterator[None]:
    """Hold the plan file's lock across a read-modify-write."""
    from filelock import FileLock, Timeout

    path = path.resolve()  # one lock for a plan however it is reached
    lock = FileLock(str(path.parent / f".{path.name}.lock"))
    try:
        with lock.acquire(timeout=timeout):
            yield
    except Timeout:
        raise KexieError(
            f"{path}: 等待文件锁超时（{timeout:g} 秒），另一个 kexie 可能正在写入"
        ) from None
