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
entry; a missing, corrupt or older-format entry is silently rebuilt. Entries are pickles (and
marshalled text) the user's own kexie wrote into the user's own cache folder; see `put` for
their layout.
"""

from __future__ import annotations

import copyreg
import gc
import io
import marshal  # built in, and loaded already: the interpreter reads its own bytecode with it
import os
import pickle
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any, NamedTuple

from kexie_cli import __version__
from kexie_cli.core import models

CACHE_ENV = "KEXIE_CACHE"
SETTLED_NS = 2_000_000_000  # a file untouched this long has left the clock tick of its last write

Stamp = tuple[int, int, int, int, int]


def _format() -> str:
    """The entry format: kexie's version, the Python's, and the source of the records, of the
    rules that validated them and of this module (the entry's layout), so an entry written by
    other code (an upgrade, a `git pull` in an editable install, a new check) is never
    served."""
    here = Path(models.__file__ or "").parent.parent
    rules = (
        "core/models.py",
        "core/months.py",
        "plans/validate.py",
        "plans/yaml_read.py",
        "plans/cache.py",
    )
    sources = b"".join((here / name).read_bytes() for name in rules)
    # and the Python that wrote it: the marshal format is one Python version's own
    sources += sys.version.encode()
    return f"kexie-plan-cache 7 {__version__} {zlib.crc32(sources):08x}"


FORMAT = _format()


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kexie"


def hasher() -> Any:
    """The hash a plan's bytes are known by in its entry: SHA-256 through OpenSSL, which uses
    the processor's SHA instructions (a 17 MB plan in ~10 ms, where BLAKE2, Python's own
    code, takes ~24 ms). Imported only when a file's bytes must vouch for it: a settled file
    needs no hash."""
    import hashlib

    return hashlib.sha256


def digest(data: bytes) -> str:
    return hasher()(data).hexdigest()


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
    With text=False, a task list's tasks come without their text (content, measures, note)."""
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
    if not _stat_vouches(entry, plan_path) and (
        entry.size != len(data) or entry.key != digest(data)
    ):
        return None
    _memo[path, text] = entry._replace(data=data)
    return entry.plan


def get_hashed(plan_path: Path, size: int, key: str, text: bool = True) -> Any | None:
    """The cached plan for bytes of this size and digest (see `hasher`), or None."""
    entry = _load(entry_path(plan_path), text)
    if entry is None:
        return None
    if _stat_vouches(entry, plan_path) or (entry.size, entry.key) == (size, key):
        return entry.plan
    return None


def _stat_vouches(entry: _Entry, plan_path: Path) -> bool:
    """The entry was made from a settled file whose stat is still this, as in get_unread."""
    return entry.stamp is not None and entry.stamp == file_stamp(plan_path)


CHUNK = 500  # tasks a part of an entry holds


def put(
    plan_path: Path,
    data: bytes | None,
    plan: Any,
    stamp: Stamp | None = None,
    previous: Any = None,
    hashed: tuple[int, str] | None = None,
) -> None:
    """Store the plan for these bytes (or for the bytes of this size and digest, `hashed`),
    with the file's stat if it was settled; a cache that cannot be written is no error.

    `previous`: the plan the entry holds now, of which `plan` is a changed copy (a progress
    update): each part whose tasks are the very objects of `previous` is copied from the entry
    as it is rather than made again.

    A task list's entry is a header, the plan's own fields (`plan:`), then its tasks CHUNK at
    a time, each chunk as two parts: the tasks without their text, pickled, and their text,
    marshalled (faster than pickle for strings), each task's as its body (content, measures)
    then its note:

        [8-byte header length][header][plan fields][tasks 1][text 1][tasks 2][text 2]…

    so a command that shows no text reads no text, one that shows no note reads no note (the
    notes are most of a plan's text), and a progress update rewrites one chunk.
    A points notice is pickled whole after the header.
    """
    import tempfile  # only when writing: most commands just read

    target = entry_path(plan_path)
    kept = stamp if settled(stamp) else None
    if data is not None:
        hashed = len(data), digest(data)
    if hashed is None:
        raise ValueError("put needs the plan's bytes or their size and digest")
    size, key = hashed
    reuse = _parts_of(target, previous)
    try:
        parts = _parts(plan, reuse)
        sizes = [len(p) for p in parts]
        head = pickle.dumps((FORMAT, size, key, kept, sizes), protocol=5)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(len(head).to_bytes(8, "little") + head)
                handle.writelines(parts)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        # Remembered as what it is: whole, or without its text when it is `previous` so read.
        whole = reuse is None or reuse.whole
        _memo.pop((target, not whole), None)
        lengths = [8 + len(head), *sizes]
        _memo[target, whole] = _Entry(_stamp(target), size, key, kept, plan, data, lengths)
    except OSError:
        return
    finally:
        if reuse is not None:
            reuse.close()


def _parts(plan: Any, reuse: _Reuse | None) -> list[bytes | memoryview]:
    """The entry's parts after its header (see `put`)."""
    if not isinstance(plan, models.TasksPlan):
        return [_dumps(plan)]
    fields = object.__new__(models.TasksPlan)
    fields.__dict__.update(plan.__dict__, tasks=[])
    parts: list[bytes | memoryview] = [_dumps(fields)]
    for number, first in enumerate(range(0, len(plan.tasks), CHUNK)):
        tasks = plan.tasks[first : first + CHUNK]
        kept = reuse.chunk(number, tasks) if reuse is not None else None
        if kept is not None:
            parts += kept
            continue
        add_text(tasks)  # tasks read without their text: theirs, from the entry they came from
        # Each task's body and note marshalled alone (version 2: no references between
        # them), so one task's text, or its body alone, can be read without the others'.
        texts = [
            marshal.dumps(text, 2) for t in tasks for text in ((t.content, t.measures), t.note)
        ]
        briefs = [_without_text(t) for t in tasks]
        bounds = [0, *accumulate(map(len, texts))]  # where each is: see _Unread
        parts.append(_dumps((briefs, bounds)))
        parts.append(b"".join(texts))
    return parts


def _dumps(value: Any) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=5).dump(value)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    """Pickles each record as its class and its attributes, as pickle does, in a form that
    loads faster: a warm 10,000-task `list` takes ~6% fewer instructions, a `report` ~8% (its
    records have 300,000 attributes):

    - The attributes' dict becomes the record's own (see _adopt), where pickle would copy it
      into a new one, name by name.
    - Their names are loaded as the interpreter's interned strings (see _Name), which pickle
      would otherwise look up in its table of them, one by one, to make them so."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, models.Record):
            names = _NAMES
            state = {names.get(k) or names.setdefault(k, _Name(k)): v for k, v in vars(obj).items()}
            return copyreg.__newobj__, (type(obj),), state, None, None, _adopt
        if type(obj) is _Name:
            return sys.intern, (str(obj),)
        return NotImplemented


class _Name(str):
    """An attribute name, pickled as sys.intern(name)."""


_NAMES: dict[str, _Name] = {}  # one object a name: pickled once, then referred to


def _adopt(record: Any, attributes: dict[str, Any]) -> None:
    """Make the dict just unpickled the record's own: a new dict, of no one else's."""
    object.__setattr__(record, "__dict__", attributes)


def _without_text(task: models.Task) -> models.Task:
    """The task less its text (具体内容, 推进措施, note). Made by copying its attributes: the
    plan was validated whole, and dataclasses.replace would run every field through __init__
    again, ~5 times slower."""
    short = object.__new__(models.Task)
    short.__dict__.update(task.__dict__, content="", measures=[], note=None)
    return short


class _Reuse:
    """The parts of the entry on disk that still hold `previous`'s tasks, to copy as they are."""

    def __init__(self, mapped: Any, entry: _Entry, previous: models.TasksPlan, whole: bool) -> None:
        self.mapped, self.previous = mapped, previous
        self.whole = whole  # whether `previous` was read with its tasks' text
        self.offsets = list(_offsets(entry.lengths or []))
        self.view = memoryview(mapped)
        self.parts: list[memoryview] = []  # views of `view`, handed out

    def chunk(self, number: int, tasks: list[models.Task]) -> list[memoryview] | None:
        """The chunk's two parts as they are in the entry, if it holds these very tasks."""
        first = number * CHUNK
        old = self.previous.tasks[first : first + CHUNK]
        if len(old) != len(tasks) or any(a is not b for a, b in zip(old, tasks, strict=True)):
            return None
        parts = [self.view[slice(*self.offsets[i])] for i in (1 + 2 * number, 2 + 2 * number)]
        self.parts += parts
        return parts

    def close(self) -> None:
        for part in self.parts:  # before the view they are parts of, and the map under both
            part.release()
        self.view.release()
        self.mapped.close()


def _parts_of(target: Path, previous: Any) -> _Reuse | None:
    """The entry of `previous`, if this process read or wrote it and it is still on disk."""
    import mmap

    if not isinstance(previous, models.TasksPlan):
        return None
    for whole in (True, False):
        entry = _memo.get((target, whole))
        if entry is not None and entry.plan is previous and entry.lengths is not None:
            break
    else:
        return None
    try:
        with target.open("rb") as handle:
            if _stamp_of(os.fstat(handle.fileno())) != entry.entry_stamp:
                return None  # replaced since: another process's entry
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    return _Reuse(mapped, entry, previous, whole)


def _offsets(lengths: list[int]) -> Iterator[tuple[int, int]]:
    """(start, stop) of each part in the entry file, from the header's lengths: the first
    part begins after the header, whose length the file's first 8 bytes give."""
    position = lengths[0]
    for length in lengths[1:]:
        yield position, position + length
        position += length


class _Entry(NamedTuple):
    entry_stamp: tuple[int, int, int]  # the entry file's own stat, to notice it replaced
    size: int  # of the plan file's bytes it was made from
    key: str  # their digest
    stamp: Stamp | None  # the plan file's stat, if it was settled
    plan: Any  # whole, or its tasks without their text
    data: bytes | None  # the bytes themselves, when this process has them
    lengths: list[int] | None = None  # where the entry's parts are: [header end, part, …]


# Each entry this process has read or written, while the entry file stays as it is, by its
# path and whether it holds the whole plan: `kexie progress` reads the plan to pick it, then
# again under the file's lock, and unpickles it once.
_memo: dict[tuple[Path, bool], _Entry] = {}


def _load(path: Path, text: bool = True) -> _Entry | None:
    """The entry of this format at `path`, with or without the tasks' text, or None;
    unpickled once per process."""
    try:
        entry_stamp = _stamp(path)
        last = _memo.get((path, text))
        if last is not None and last.entry_stamp == entry_stamp:
            return last
        # Unpickling builds many small objects that live until the process ends and hold no
        # garbage: keep the cyclic GC from walking them while loading, and ever after.
        collecting = gc.isenabled()
        gc.disable()
        try:
            size, key, stamp, lengths, plan = _unpickle(path, text)
            gc.freeze()
        finally:
            if collecting:
                gc.enable()
    except Exception:  # missing, unreadable, corrupt or of another shape: rebuild
        return None
    if not isinstance(plan, models.TasksPlan | models.PointsPlan):
        return None
    _memo[path, text] = _Entry(entry_stamp, size, key, stamp, plan, None, lengths)
    return _memo[path, text]


def _unpickle(path: Path, text: bool) -> tuple[int, str, Stamp | None, list[int], Any]:
    """The header and the plan (whole, or without its tasks' text) of an entry, read through a
    memory map of its file: the file's pages as they are in the page cache, not a 15 MB copy
    in fresh memory (~10 ms on a 10,000-task plan). Entries are replaced by renaming, never
    rewritten in place, so the mapped file stays whole, and a map kept open for the text
    still to be read (see `add_text`) holds the entry the tasks came from."""
    import mmap

    with path.open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    try:
        length = int.from_bytes(mapped[:8], "little")
        fmt, size, key, stamp, lengths = pickle.loads(mapped[8 : 8 + length])
        if fmt != FORMAT:
            raise ValueError("an entry of another format")
        lengths = [8 + length, *lengths]
        with memoryview(mapped) as view:
            plan, unread = _read_parts(view, list(_offsets(lengths)), text)
    except BaseException:
        mapped.close()
        raise
    for tasks, start, bounds in unread:
        _unread_chunks.append(_Unread(tasks, mapped, start, bounds))
    if not unread:
        mapped.close()
    return size, key, stamp, lengths, plan


def _read_parts(
    view: memoryview, offsets: list[tuple[int, int]], text: bool
) -> tuple[Any, list[tuple[list[models.Task], int, list[int]]]]:
    """The plan in the entry's parts, and for each chunk whose text was not read, its tasks,
    where its text starts and the bounds of each task's body and note in it (see _Unread)."""
    plan = _loads(view[slice(*offsets[0])])
    unread: list[tuple[list[models.Task], int, list[int]]] = []
    if not isinstance(plan, models.TasksPlan):
        return plan, unread
    if len(offsets) % 2 != 1 or plan.tasks:
        raise ValueError("an entry of another shape")
    for tasks_at, (start, stop) in zip(offsets[1::2], offsets[2::2], strict=True):
        tasks, bounds = _loads(view[slice(*tasks_at)])
        if len(bounds) != 2 * len(tasks) + 1 or (bounds[0], bounds[-1]) != (0, stop - start):
            raise ValueError("an entry whose text does not match its tasks")
        if text:
            for index, task in enumerate(tasks):
                first, middle, last = _text_at(start, bounds, index)
                with view[first:middle] as body, view[middle:last] as note:
                    _fill(task, body, note)
        else:
            unread.append((tasks, start, bounds))
        plan.tasks.extend(tasks)
    return plan, unread


def _loads(part: memoryview) -> Any:
    with part:  # released at once: the map cannot close while a view of it is alive
        return pickle.loads(part)


def _fill(task: models.Task, body: Any, note: Any) -> None:
    """Give a task read without its text its body (content, measures) and its note, each
    given as marshalled or as b"" to leave as it is. Tasks read from an entry are this
    module's own new objects: filled in place, as unpickling itself fills them."""
    if body:
        content, measures = marshal.loads(body)
        task.__dict__.update(content=content, measures=measures)
    if note:
        task.__dict__["note"] = marshal.loads(note)


BODY, NOTE = 1, 2  # the parts of a task's text, as bits: BODY | NOTE is all of it


class _Unread:
    """The text of a chunk's tasks read without it (text=False), still in the open map of
    their entry: task i's body is at start + bounds[2i] up to start + bounds[2i + 1], its note
    from there up to start + bounds[2i + 2]."""

    def __init__(self, tasks: list[models.Task], mapped: Any, start: int, bounds: list[int]):
        self.tasks, self.mapped, self.start, self.bounds = tasks, mapped, start, bounds
        self.left = bytearray([BODY | NOTE]) * len(tasks)  # the parts each has yet to read

    def fill(self, index: int, parts: int) -> bool:
        """Give task `index` those of these parts it lacks; whether it now has all its text."""
        parts &= self.left[index]
        self.left[index] &= ~parts
        first, middle, last = _text_at(self.start, self.bounds, index)
        body = self.mapped[first:middle] if parts & BODY else b""
        _fill(self.tasks[index], body, self.mapped[middle:last] if parts & NOTE else b"")
        return not self.left[index]


def _text_at(start: int, bounds: list[int], index: int) -> tuple[int, int, int]:
    """Where a chunk's task `index` has its text: its body's start, its note's, its end."""
    at = 2 * index
    return start + bounds[at], start + bounds[at + 1], start + bounds[at + 2]


# Chunks read without their text, as loaded; and, once text is asked for, each of their
# tasks that lacks some, by id: its chunk and its place there (the chunk holds the task, so
# the id stays its own). Indexed only then: `report --format json` needs no index.
_unread_chunks: list[_Unread] = []
_unread_text: dict[int, tuple[_Unread, int]] = {}


def add_text(tasks: Iterable[models.Task], note: bool = True) -> None:
    """Give the tasks read without their text (text=False) their text — content and measures,
    and unless note=False their note — from the entry they were read from: a command that
    shows some tasks' text reads only theirs. Text a task has already is left as it is."""
    while _unread_chunks:
        chunk = _unread_chunks.pop()
        places = zip(repeat(chunk), range(len(chunk.tasks)))  # made in C: no loop of ours
        _unread_text.update(zip(map(id, chunk.tasks), places, strict=True))
    parts = BODY | NOTE if note else BODY
    for task in tasks:
        place = _unread_text.get(id(task))
        if place is None:
            continue
        chunk, index = place
        if chunk.tasks[index] is task and chunk.fill(index, parts):
            del _unread_text[id(task)]


def _stamp(entry: Path) -> tuple[int, int, int]:
    return _stamp_of(entry.stat())


def _stamp_of(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
