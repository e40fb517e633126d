"""A cache of parsed, validated plans, so a 10,000-task plan is not re-parsed on every command.

One entry per plan file, named after the file's absolute path, in $KEXIE_CACHE or
~/.cache/kexie. An entry holds the size and a digest of the bytes it was made from, and is
served only for those exact bytes, so an edit by hand, by `kexie progress` or by anything else is
never served stale.

Reading and hashing a 17 MB plan costs ~30 ms, so an entry also keeps the file's stat (device,
inode, size, modification and change times) when the file had been settled for a while before
it was cached; a file with that very stat is served without being read. A file changed later
gets a later change time (which no tool can set back), and "settled" rules out the one gap: a
second write within the same clock tick as the one recorded (the "racy" case git handles the
same way). Entries are written atomically, so two processes writing at once leave one whole
entry; a missing, corrupt or older-format entry is silently rebuilt. Entries are pickles the
user's own kexie wrote into the user's own cache folder.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
import zlib
from pathlib import Path
from typing import Any, NamedTuple

from kexie_cli import __version__, models

CACHE_ENV = "KEXIE_CACHE"
SETTLED_NS = 2_000_000_000  # a file untouched this long has left the clock tick of its last write

Stamp = tuple[int, int, int, int, int]


def _format() -> str:
    """The entry format: kexie's version, the Python's, and the source of the records and of
    the rules that validated them, so an entry written by other code (an upgrade, a `git pull`
    in an editable install, a new check) is never served."""
    here = Path(models.__file__ or "").parent
    rules = ("models.py", "months.py", "validation.py", "plan_yaml.py")
    sources = b"".join((here / name).read_bytes() for name in rules)
    # and the Python that wrote it: the marshal format is one Python version's own
    sources += sys.version.encode()
    return f"kexie-plan-cache 4 {__version__} {zlib.crc32(sources):08x}"


FORMAT = _format()


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kexie"


def digest(data: bytes) -> str:
    import hashlib  # only when a file's bytes must vouch for it: a settled file needs no hash

    return hashlib.blake2b(data, digest_size=20).hexdigest()


def entry_path(plan_path: Path) -> Path:
    # A name, not a check: a clash of two plans' names only makes them rebuild each other.
    path = str(plan_path.resolve()).encode()
    name = f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}"
    return cache_dir() / f"{name}.pickle"


def file_stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def settled(stamp: Stamp | None) -> bool:
    return stamp is not None and max(stamp[3], stamp[4]) < time.time_ns() - SETTLED_NS


def get_unread(plan_path: Path, stamp: Stamp | None, text: bool = True) -> Any | None:
    """The cached plan if the entry was made from a settled file with exactly this stat.
    With text=False, a task list's tasks come without their text (see `brief`)."""
    if stamp is None:
        return None
    entry = _load(entry_path(plan_path), text)
    return entry.plan if entry is not None and entry.stamp == stamp else None


def get(plan_path: Path, data: bytes, text: bool = True) -> Any | None:
    """The cached plan for these exact bytes, or None."""
    path = entry_path(plan_path)
    entry = _load(path, text)
    if entry is None:
        return None
    if entry.data is not None and entry.data == data:
        return entry.plan  # compared whole: cheaper than a digest
    if entry.stamp is not None and entry.stamp == file_stamp(plan_path):
        return entry.plan  # the settled stat vouches, as in get_unread
    if entry.size != len(data) or entry.key != digest(data):
        return None
    _memo[path, text] = entry._replace(data=data)
    return entry.plan


def put(plan_path: Path, data: bytes, plan: Any, stamp: Stamp | None = None) -> None:
    """Store the plan for these bytes, with the file's stat if it was settled; a cache that
    cannot be written is no error.

    A task list's entry is a header, the plan without its tasks' text and that text, one
    after another: [8-byte length of the header][header pickle][brief plan pickle][text
    marshal], so a command that shows no text reads only the brief plan, and the text, mostly
    strings, is marshalled (which reads and writes strings faster than pickle). A points
    notice is pickled whole after the header.
    """
    import marshal
    import tempfile  # only when writing: most commands just read

    target = entry_path(plan_path)
    kept = stamp if settled(stamp) else None
    key = digest(data)
    short = brief(plan)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                body = pickle.dumps(plan if short is None else short, protocol=5)
                split = 0 if short is None else len(body)  # where the text begins
                header = pickle.dumps((FORMAT, len(data), key, kept, split), protocol=5)
                handle.write(len(header).to_bytes(8, "little") + header + body)
                if short is not None:
                    texts = [(t.content, t.measures, t.note) for t in plan.tasks]
                    handle.write(marshal.dumps(texts))
            os.replace(tmp, target)
            entry = _Entry(_stamp(target), len(data), key, kept, plan, data)
            _memo[target, True] = entry
            _memo[target, False] = entry if short is None else entry._replace(plan=short)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def brief(plan: Any) -> Any | None:
    """A task list without its tasks' text (具体内容, 推进措施, note): what a report's JSON
    reads, a fifth of the whole to load. None for a plan with no tasks' text to leave out.

    Made by copying each task's attributes: dataclasses.replace would run every field
    through __init__ again, ~5 times slower for a plan already validated whole."""
    if not isinstance(plan, models.TasksPlan):
        return None
    tasks = []
    for task in plan.tasks:
        short = object.__new__(models.Task)
        short.__dict__.update(task.__dict__, content="", measures=[], note=None)
        tasks.append(short)
    short_plan = object.__new__(models.TasksPlan)
    short_plan.__dict__.update(plan.__dict__, tasks=tasks)
    return short_plan


class _Entry(NamedTuple):
    entry_stamp: tuple[int, int, int]  # the entry file's own stat, to notice it replaced
    size: int  # of the plan file's bytes it was made from
    key: str  # their digest
    stamp: Stamp | None  # the plan file's stat, if it was settled
    plan: Any  # whole, or brief (see `brief`)
    data: bytes | None  # the bytes themselves, when this process has them


# Each entry this process has read or written, while the entry file stays as it is, by its
# path and whether it holds the whole plan: `kexie progress` reads the plan to pick it, then
# again under the file's lock, and unpickles it once.
_memo: dict[tuple[Path, bool], _Entry] = {}


def _load(path: Path, text: bool = True) -> _Entry | None:
    """The entry of this format at `path`, whole or brief, or None; unpickled once per
    process."""
    try:
        entry_stamp = _stamp(path)
        last = _memo.get((path, text))
        if last is not None and last.entry_stamp == entry_stamp:
            return last
        # Unpickling builds many small objects that live until the process ends and hold no
        # garbage: keep the cyclic GC from walking them while loading, and ever after.
        gc.disable()
        try:
            _, size, key, stamp, plan = _unpickle(path, text)
            gc.freeze()
        finally:
            gc.enable()
    except Exception:  # missing, unreadable, corrupt or of another shape: rebuild
        return None
    if not isinstance(plan, models.TasksPlan | models.PointsPlan):
        return None
    _memo[path, text] = _Entry(entry_stamp, size, key, stamp, plan, None)
    return _memo[path, text]


def _unpickle(path: Path, text: bool) -> tuple[str, int, str, Stamp | None, Any]:
    """The header and the plan (whole, or brief where the entry has one) of an entry, read
    through a memory map of its file: the file's pages as they are in the page cache, not a
    15 MB copy in fresh memory (~10 ms on a 10,000-task plan). Entries are replaced by
    renaming, never rewritten in place, so the mapped file stays whole."""
    import mmap

    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        length = int.from_bytes(m[:8], "little")
        fmt, size, key, stamp, split = pickle.loads(m[8 : 8 + length])
        if fmt != FORMAT:
            raise ValueError("an entry of another format")
        start = 8 + length
        with memoryview(m) as view:
            if not split:
                plan = _loads(view[start:])
            else:
                plan = _loads(view[start : start + split])
                if text:
                    import marshal

                    with view[start + split :] as rest:
                        _add_text(plan, marshal.loads(rest))
    return fmt, size, key, stamp, plan


def _loads(part: memoryview) -> Any:
    with part:  # released at once: the map cannot close while a view of it is alive
        return pickle.loads(part)


def _add_text(plan: models.TasksPlan, texts: list[tuple[str, list[str], str | None]]) -> None:
    """Give the tasks of a brief plan just unpickled their text back. They are this function's
    own new objects: filled in place, as unpickling itself fills them."""
    if len(texts) != len(plan.tasks):
        raise ValueError("an entry whose text does not match its tasks")
    for task, (content, measures, note) in zip(plan.tasks, texts, strict=True):
        task.__dict__.update(content=content, measures=measures, note=note)


def _stamp(entry: Path) -> tuple[int, int, int]:
    stat = entry.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
