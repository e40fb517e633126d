"""A cache of parsed, validated plans, so a 10,000-task plan is not re-parsed on every command
(after beancount's pickled ledger).

One entry per plan file in $KEXIE_CACHE, else $XDG_CACHE_HOME/kexie, else ~/.cache/kexie: a
checksum, then a pickle of (format, size, sha256 of the file's bytes, stat stamp or None, plan).
An entry is served only for a file whose stat is the stamp, recorded when the file had settled
(untouched for SETTLED_NS, so no second write can share its clock tick: git's "racy" rule), or
whose bytes hash to the digest. An edit by hand or by `progress` is thus never served stale.

Best-effort: any failure to read an entry (missing, corrupt, foreign, of another format) means
the plan is read anew, and any failure to write one is ignored. Never an error of a command.
An entry is unpickled only from a regular file in a folder, both this user's and writable by
no one else: a shared cache folder is not used (issue 30).
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from kexie_cli import __version__
from kexie_cli.core import models, safe_pickle

CACHE_ENV = "KEXIE_CACHE"
SETTLED_NS = 2_000_000_000
MAX_ENTRY = 512 * 2**20  # bytes: far above a 10,000-task plan's entry

Stamp = tuple[int, int, int, int, int]


def _format(root: Path) -> str:
    """kexie's version, Python's, and every source file of the installed package (its path,
    size and modification time): an entry written by other code — an upgrade, a `git pull`
    in an editable install, any module edited — is never served. Statted, not read: reading
    them all would cost each command ~2 ms, a stat of each ~0.3 ms."""
    stamps = "".join(
        f"{path}:{stat.st_size}:{stat.st_mtime_ns};" for path, stat in sorted(_sources(str(root)))
    )
    return f"kexie-plan-cache 10 {__version__} {sys.version} {zlib.crc32(stamps.encode()):08x}"


def _sources(folder: str) -> Iterator[tuple[str, os.stat_result]]:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
            yield from _sources(entry.path)
        elif entry.name.endswith(".py"):
            yield entry.path, entry.stat()


FORMAT = _format(Path(models.__file__).parent.parent)


class Entry(NamedTuple):
    size: int  # of the plan file's bytes it was made from
    digest: str  # their sha256
    stamp: Stamp | None  # the plan file's stat, if it had settled
    plan: Any

    def matches(self, data: bytes) -> bool:
        return len(data) == self.size and digest(data) == self.digest


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kexie"


def entry_path(plan_path: Path) -> Path:
    # A name, not a check: two plans whose names clash only rebuild each other's entry.
    name = str(plan_path.resolve()).encode()
    return cache_dir() / f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}.pickle"


def digest(data: bytes) -> str:
    import hashlib  # only when the bytes must vouch: a settled file needs no hash

    return hashlib.sha256(data).hexdigest()


def settled_stamp(path: Path) -> Stamp | None:
    """The file's stat, if it has not changed for SETTLED_NS; else (or if missing) None."""
    try:
        st = path.stat()
    except OSError:
        return None
    if max(st.st_mtime_ns, st.st_ctime_ns) > time.time_ns() - SETTLED_NS:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


# The entry last read or written per entry file, by that file's own stat: `progress` reads the
# plan to pick it, then again under the file's lock, and unpickles it once.
_read: dict[Path, tuple[os.stat_result, Entry]] = {}


def get(plan_path: Path) -> Entry | None:
    """The plan file's entry, if there is a whole one of this format."""
    path = entry_path(plan_path)
    try:
        # Unpickling runs what the entry says: only an entry no one else could have written
        # is read (as ssh reads a key file), and only a regular file (a FIFO or a link to
        # /dev/zero would hang or fill the memory): opened without following a link or
        # waiting for a writer, then checked on what was opened.
        if not _private(os.stat(path.parent)):
            return None
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        with os.fdopen(os.open(path, flags), "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode) or not _private(st) or st.st_size > MAX_ENTRY:
                return None
            if path in _read and _same(_read[path][0], st):
                return _read[path][1]
            data = handle.read(st.st_size)
        # The checksum catches a torn or damaged entry that would still unpickle.
        body = memoryview(data)[4:]
        if len(data) < 4 or int.from_bytes(data[:4], "little") != zlib.adler32(body):
            return None
        fmt, *fields = safe_pickle.loads(body)  # kexie's own records, nothing else
        if fmt != FORMAT:
            return None
        entry = Entry(*fields)
    except Exception:  # missing, unreadable, corrupt or of another shape: read the plan anew
        return None
    _read[path] = st, entry
    return entry


def put(plan_path: Path, data: bytes, plan: Any, stamp: Stamp | None) -> None:
    """Store the plan of these bytes, with the file's settled stat if any; never raises."""
    import tempfile  # only when writing: most commands just read

    path = entry_path(plan_path)
    try:
        entry = Entry(len(data), digest(data), stamp, plan)
        body = pickle.dumps((FORMAT, *entry), protocol=5)
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(os.stat(path.parent)):
            return  # a folder others can write: its entries would never be read
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(zlib.adler32(body).to_bytes(4, "little"))
                handle.write(body)
                st = os.fstat(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _read[path] = st, entry
    except Exception:  # a full disk, a read-only cache, a plan that will not pickle: no cache
        return


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _same(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_ino, b.st_size, b.st_mtime_ns)
