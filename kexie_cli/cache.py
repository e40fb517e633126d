"""A cache of parsed, validated plans, so a 10,000-task plan is not re-parsed on every command.

One entry per plan file, named after the file's absolute path, in $KEXIE_CACHE or
~/.cache/kexie. An entry holds the file's size and a digest of its bytes; it is served only when
both match the file as it is now, so an edit by hand, by `kexie progress` or by anything else is
never served stale (a modification time alone would miss a same-size edit within one clock tick).
Entries are written atomically, so two processes writing at once leave one whole entry; a
missing, corrupt or older-format entry is silently rebuilt. Entries are pickles the user's own
kexie wrote into the user's own cache folder.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from kexie_cli import __version__, models

CACHE_ENV = "KEXIE_CACHE"


def _format() -> str:
    """The entry format: kexie's version and the source of the records and of the rules that
    validated them, so an entry written by other code (an upgrade, a `git pull` in an editable
    install, a new check) is never served."""
    here = Path(models.__file__ or "").parent
    rules = ("models.py", "months.py", "validation.py", "plan_yaml.py")
    sources = b"".join((here / name).read_bytes() for name in rules)
    return f"kexie-plan-cache 2 {__version__} {hashlib.blake2b(sources, digest_size=8).hexdigest()}"


FORMAT = _format()


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kexie"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def entry_path(plan_path: Path) -> Path:
    name = hashlib.blake2b(str(plan_path.resolve()).encode(), digest_size=12).hexdigest()
    return cache_dir() / f"{name}.pickle"


def get(plan_path: Path, data: bytes) -> Any | None:
    """The cached plan for these exact bytes, or None."""
    entry = entry_path(plan_path)
    try:
        seen = _seen.get(entry)
        if seen is not None and seen[0] == _stamp(entry) and seen[1] == data:
            return seen[2]  # read or written by this process; the entry has not changed since
        stamp = _stamp(entry)
        raw = entry.read_bytes()
        # Unpickling builds many small objects that live until the process ends and hold no
        # garbage: keep the cyclic GC from walking them while loading, and ever after.
        gc.disable()
        try:
            fmt, size, key, plan = pickle.loads(raw)
            gc.freeze()
        finally:
            gc.enable()
    except Exception:  # missing, unreadable or corrupt: rebuild
        return None
    if fmt != FORMAT or size != len(data) or key != digest(data):
        return None
    if not isinstance(plan, models.TasksPlan | models.PointsPlan):
        return None
    _seen[entry] = (stamp, data, plan)
    return plan


def put(plan_path: Path, data: bytes, plan: Any) -> None:
    """Store the plan for these bytes; a cache that cannot be written is no error."""
    import tempfile  # only when writing: most commands just read

    target = entry_path(plan_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        key = digest(data)
        payload = pickle.dumps((FORMAT, len(data), key, plan), protocol=5)
        fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, target)
            _seen[target] = (_stamp(target), data, plan)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


# The plan last read from or written to each entry by this process, with the entry's stamp
# and the plan file's bytes (compared whole: cheaper than a digest): `kexie progress` reads
# the plan to pick it, then again under the file's lock, and unpickles it once.
_seen: dict[Path, tuple[tuple[int, int, int], bytes, Any]] = {}


def _stamp(entry: Path) -> tuple[int, int, int]:
    stat = entry.stat()
    return stat.st_mtime_ns, stat.st_size, stat.st_ino
