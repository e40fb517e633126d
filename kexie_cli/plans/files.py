"""Plan files as files: finding them, reading and decoding their bytes, locking, writing
atomically and clearing the temporaries a killed writer left."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
    """A folder's plan files in name order, then those of its sub-folders (one organisation
    each, issue 29) in name order, at any depth; or the one file given. Hidden folders
    (.git) are not plans."""
    if not path.is_dir():
        return [path]
    entries = sorted(path.iterdir())
    found = [p for p in entries if p.suffix in PLAN_SUFFIXES and p.is_file()]
    for folder in entries:
        if folder.is_dir() and not folder.name.startswith(".") and not folder.is_symlink():
            found += plan_files(folder)
    return found


# Far above any plan (the benchmark's 10,000 tasks with a year of history take 74 MB): a file
# past it is not a plan (--data /dev/zero would fill the memory).
MAX_FILE = 256 * 2**20


def read_bytes(path: Path) -> bytes:
    with _reading(path), path.open("rb") as stream:
        data = stream.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise _file_error(path, f"文件过大（超过 {MAX_FILE // 2**20} MB），不是计划文件")
    return data


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


_WHY = {
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "是文件夹，不是文件",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许操作（文件或文件夹被锁定为不可改）",
    errno.EROFS: "所在磁盘只读",
    errno.ENOSPC: "磁盘已满",
}


def why_not(exc: OSError) -> str:
    """An operating system's refusal in Chinese (strerror is the C library's English)."""
    return _WHY.get(exc.errno or 0) or f"系统错误 {exc.errno or ''}".strip()


def decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(path, f"不是 UTF-8 文本（第 {exc.start} 字节）") from None


def _file_error(path: Path, message: str) -> KexieError:
    problem = Problem(str(path), None, "", "", message)
    return KexieError(str(problem), [problem])


def writable_in_place(path: Path) -> None:
    """Refuse a plan that replacing would wrong: one without write permission (its mode bits,
    not os.access, which says yes to root), or with hard links (the others would keep the old
    text); ownership is kept by write_atomic."""
    st = path.resolve().stat()
    if not st.st_mode & 0o222:
        raise _file_error(
            path, f"文件只读（权限 {st.st_mode & 0o777:o}）；未登记。确要登记请先 chmod u+w"
        )
    if st.st_nlink > 1:
        raise _file_error(
            path,
            f"文件有 {st.st_nlink} 个硬链接，写入会让其他链接仍是旧内容；未登记。"
            "请改用符号链接或独立的文件",
        )


def write_atomic(path: Path, text: str | bytes, encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename it over `path`.

    Bytes (a workbook) are written as they are; text in `encoding` (utf-8-sig for a CSV that
    Excel on Windows should read as UTF-8). A file replaced keeps its mode, owner and group,
    or is not replaced.
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
        old = path.stat() if path.exists() else None
        os.chmod(tmp, old.st_mode & 0o777 if old else 0o666 & ~_umask())
        if old is not None:
            _keep_owner(Path(tmp), old, path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def taken_back(path: Path) -> Iterator[None]:
    """The file as it was before the block, put back if the block fails having changed it: a
    document drafted for an entry that is then not recorded, or a number recorded for a
    document that is then not written, is not left behind."""
    before = path.read_bytes() if path.is_file() else None
    try:
        yield
    except BaseException:
        if (path.read_bytes() if path.is_file() else None) != before:
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_atomic(path, before)
        raise


def _keep_owner(tmp: Path, old: os.stat_result, path: Path) -> None:
    new = tmp.stat()
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return
    try:
        os.chown(tmp, old.st_uid, old.st_gid)
    except PermissionError:
        raise _file_error(
            path,
            f"文件属于另一用户或组（uid {old.st_uid}，gid {old.st_gid}），写入会改变其所有者；"
            "文件未改动",
        ) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# What this process has written that must be reported written whatever fails after it (a
# full stdout, a signal): plans/save.py's LANDED; a file made whole (forms) as the line
# saying so. cli.py reads it when a command ends abnormally, and then exits 0.
LANDED_FILES: list[Any] = []


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C and termination held back (delivered at the end): a file replaced is then also
    noted as replaced, so it is never reported as not written."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def signals_held_after() -> Iterator[None]:
    """Ctrl-C and termination act while the block runs and are held from the moment it ends
    (however it ends): around a command, none can change its outcome while it is reported."""
    import signal

    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})


def stale_temporaries(path: Path) -> list[Path]:
    """The temporary files a killed writer left beside `path`."""
    import glob

    return sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))


def discard_temporaries(path: Path) -> None:
    """Remove the temporary files a killed writer left beside `path`. Only a writer holding
    the file's lock makes them, so call this under the lock."""
    for tmp in stale_temporaries(path):
        tmp.unlink(missing_ok=True)


LOCK_ENV = "KEXIE_LOCK_TIMEOUT"
LOCK_TIMEOUT = 30.0
WAIT_NOTICE = 1.0  # seconds waited for the lock before saying so


def lock_timeout() -> float:
    """Seconds to wait for a plan's lock: $KEXIE_LOCK_TIMEOUT, else 30."""
    told = os.environ.get(LOCK_ENV, "").strip()
    if not told:
        return LOCK_TIMEOUT
    try:
        seconds = float(told)
    except ValueError:
        seconds = -1
    if not 0 <= seconds < float("inf"):
        raise KexieError(f"环境变量 {LOCK_ENV} 应为等待的秒数（如 30），而不是 {told!r}")
    return seconds


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the plan file's lock across a read-modify-write; after a second of waiting, say so
    on stderr; give up after `timeout` (default lock_timeout()) with the lock named."""
    from filelock import FileLock, Timeout

    path = path.resolve()  # one lock for a plan however it is reached
    lock_path = path.parent / f".{path.name}.lock"
    total = lock_timeout() if timeout is None else timeout
    lock = FileLock(str(lock_path))
    try:
        try:
            lock.acquire(timeout=min(WAIT_NOTICE, total))
        except Timeout:
            if total <= WAIT_NOTICE:
                raise
            print(
                f"kexie: 正在等待另一个 kexie 写完（锁：{lock_path}）…", file=sys.stderr, flush=True
            )
            lock.acquire(timeout=total - WAIT_NOTICE)
    except Timeout:
        raise KexieError(
            f"{lock_path}: 等待文件锁 {total:g} 秒后放弃，另一个 kexie 仍在写入；文件未改动"
            f"（等待时间可用环境变量 {LOCK_ENV} 设定）"
        ) from None
    except OSError as exc:
        raise KexieError(
            f"{lock_path}: 无法使用文件锁（{exc.strerror or exc}）；请检查锁文件及其文件夹的"
            "所有者和权限；文件未改动"
        ) from None
    try:
        yield
    finally:
        lock.release()
