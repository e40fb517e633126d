"""The only module that touches plan files: finding, reading, locating lines, writing safely."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kexie_cli.core.problems import KexieError, Loc, Problem

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


def file_digest(path: Path, hasher: Callable[[], Any]) -> tuple[int, str]:
    """The size and digest of the file's bytes, read a piece at a time: a 17 MB plan is never
    held in memory whole (fresh memory is slow to touch) just to be recognised."""
    import hashlib

    with _reading(path), path.open("rb") as handle:
        found = hashlib.file_digest(handle, hasher)
        return handle.tell(), found.hexdigest()


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


def read_text(path: Path) -> str:
    return decode(read_bytes(path), path)


def parse_yaml(text: str, file: str) -> Any:
    """Parse plan text; malformed YAML becomes a Problem with line and column."""
    import yaml

    from kexie_cli.plans.yaml_read import PlanLoader

    try:
        return yaml.load(text, Loader=PlanLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = " ".join(filter(None, [exc.context, exc.problem]))
        problem = Problem(file, line, "YAML", "", f"格式错误：{message}", column)
        raise KexieError(str(problem), [problem]) from None
    except yaml.YAMLError as exc:
        problem = Problem(file, None, "YAML", "", f"格式错误：{exc}")
        raise KexieError(str(problem), [problem]) from None


PIECE = 400  # tasks parsed at a time


def parse_plan(text: str, file: str) -> Any:
    """Parse plan text as `parse_yaml` does, but a long task list a few hundred tasks at a time,
    the second half in a forked process where there is a second core.

    PyYAML builds a node for every scalar before it builds the data; for a 10,000-task plan
    that tree alone takes about 300 MB. Parsed piece by piece, only one piece's tree is alive
    at once. The pieces are the items the line scan of `yaml_edit.item_heads` finds; anything
    it cannot split safely — no block `tasks:` sequence, an alias reaching across pieces, a
    syntax error — is parsed whole, which also gives an error its exact line.
    """
    import yaml

    from kexie_cli.plans.edit import NotLocated, item_heads
    from kexie_cli.plans.yaml_read import PlanLoader

    try:
        heads, end, _ = item_heads(text)
    except NotLocated:
        return parse_yaml(text, file)
    if len(heads) <= PIECE:
        return parse_yaml(text, file)
    try:
        head = yaml.load(text[: heads[0]] + text[end:], Loader=PlanLoader)
    except yaml.YAMLError:
        return parse_yaml(text, file)
    if not isinstance(head, dict) or head.get("tasks", "") is not None:
        return parse_yaml(text, file)
    middle = heads[len(heads) // 2] if len(heads) >= 2 * PIECE else end
    first = [h for h in heads if h < middle]
    second = [h - middle for h in heads if h >= middle]
    helper = _in_parallel(_parse_pieces, text[middle:end], second) if second else None
    tasks = _parse_pieces(text[:middle], first)
    rest = helper() if helper else []
    if tasks is None or rest is None:
        return parse_yaml(text, file)
    head["tasks"] = tasks + rest
    return head


def _parse_pieces(text: str, heads: list[int]) -> list[Any] | None:
    """The items starting at `heads` (offsets in `text`), PIECE at a time; None if any piece
    does not parse on its own as a list."""
    import yaml

    from kexie_cli.plans.yaml_read import PlanLoader

    items: list[Any] = []
    for start, stop in itertools.pairwise([*heads[::PIECE], len(text)]):
        try:
            piece = yaml.load(text[start:stop], Loader=PlanLoader)
        except yaml.YAMLError:
            return None
        if not isinstance(piece, list):
            return None
        items += piece
    return items


def _in_parallel(func: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """Start func(*args) in a forked process where there are two cores; the returned function
    waits for its result. Elsewhere it runs when its result is asked for."""
    import multiprocessing

    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: func(*args)
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(func, *args)

    def result() -> Any:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return result


def line_finder(text: str) -> Callable[[Loc], int | None]:
    """Map a data path to the 1-based line of its node (or its nearest ancestor that exists)."""
    import yaml

    from kexie_cli.plans.yaml_read import PlanLoader

    root = yaml.compose(text, Loader=PlanLoader)

    def find(loc: Loc) -> int | None:
        node = root
        line = node.start_mark.line + 1 if node is not None else None
        for key in loc:
            node = _child(node, key)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line

    return find


def _child(node: Any, key: str | int) -> Any:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                # An unknown or empty key is best shown at the key itself.
                return value_node if value_node.value not in ("", None) else key_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


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
