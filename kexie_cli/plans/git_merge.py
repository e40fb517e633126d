"""Plan files shared through git: the merge driver's files (`kexie merge-file`, called by git
with the ancestor's, ours' and theirs' versions in temporary files; the merge written into
ours') and the setup that makes git call it (`kexie git-setup`: the `.gitattributes` line and
the repository's own config). The merging itself is plans/merge.py's, which touches no file."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import DATA_ENV, decode, read_bytes, why_not, write_atomic

DRIVER = "kexie"  # the name `.gitattributes` gives the driver: `merge=kexie`


@dataclass(frozen=True)
class Outcome:
    """The driver's exit code for git (0 merged, 1 conflicts left) and its one line."""

    code: int
    line: str = ""


def merge_paths(base: Path, ours: Path, theirs: Path, name: str) -> Outcome:
    """Merge the three versions of the plan file `name` into `ours`."""
    from kexie_cli.plans.merge import NotMergeable, merge_plans

    for path in (base, ours, theirs):  # nothing to merge: said before git is asked
        if not path.is_file():
            what = "是文件夹，不是文件" if path.is_dir() else "文件不存在"
            return Outcome(2, f"{path}: {what}；未合并，文件未改动")
    try:
        texts = [decode(read_bytes(path), path) for path in (base, ours, theirs)]
        merged = merge_plans(*texts, name)
    except KexieError as exc:  # unreadable, not UTF-8: merged line by line as git does
        return text_merge(base, ours, theirs, name, f"{exc}，按文本合并")
    except NotMergeable as exc:
        return text_merge(base, ours, theirs, name, exc.reason)
    except Exception as exc:  # a layout the structural merge trips on: git's merge, not a traceback
        reason = f"无法按结构合并（{type(exc).__name__}），按文本合并"
        return text_merge(base, ours, theirs, name, reason)
    try:
        write_atomic(ours, merged.text)
    except OSError as exc:
        return Outcome(2, f"{name}: 无法写入合并结果（{why_not(exc)}）")
    if merged.invalid:
        return Outcome(
            1, f"{name}: 合并结果未通过校验（{merged.invalid}），已把两个版本整体标为冲突"
        )
    if merged.conflicts:
        fields = "、".join(merged.conflicts)
        return Outcome(1, f"{name}: 合并冲突：{fields} 两边改得不同，已在文件中标出，请手工解决")
    return Outcome(0)


def text_merge(base: Path, ours: Path, theirs: Path, name: str, reason: str) -> Outcome:
    """`git merge-file`: ours, ancestor and theirs merged by lines, conflicts marked."""
    labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
    try:
        done = subprocess.run(
            ["git", "merge-file", *labels, str(ours), str(base), str(theirs)],
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return Outcome(2, f"{name}: 无法运行 git merge-file（{exc.strerror or exc}）")
    if done.returncode == 0:
        return Outcome(0)
    if done.returncode < 0 or done.returncode > 127:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = said[0] if said else f"退出码 {done.returncode}"
        if "binary" in why:
            why = "有一个版本含二进制内容，无法按行合并"
        return Outcome(2, f"{name}: {reason}，git merge-file 也未能合并（{why}）；文件未改动")
    return Outcome(1, f"{name}: {reason}；有冲突，已在文件中标出，请手工解决")


def driver_command() -> str:
    """How git calls the driver: this Python with kexie, so no PATH is needed."""
    python = shlex.quote(sys.executable)
    return f"{python} -m kexie_cli merge-file %O %A %B --path %P"


def set_up(repo: Path, data: Path | None) -> list[str]:
    """Make git in `repo` merge the plan files under `data` (a folder, or one plan file) with
    kexie; what was done, a line each. Run again, it changes nothing."""
    top = _top(repo)
    if data is None and os.environ.get(DATA_ENV):
        data = Path(os.environ[DATA_ENV])
    where = (data if data is not None else top / "data").resolve()
    if not where.exists():
        raise KexieError(f"找不到计划文件夹：{where}；请用 --data 指明")
    try:
        relative = where.relative_to(top).as_posix()
    except ValueError:
        raise KexieError(f"计划文件 {where} 不在仓库 {top} 中") from None
    if where.is_file():
        pattern = relative
    else:
        pattern = "**/*.yaml" if relative == "." else f"{relative}/**/*.yaml"
    if any(c.isspace() for c in pattern):
        raise KexieError(f"计划文件的路径含空格，.gitattributes 无法写出：{pattern}")
    said = [_attributes(top, f"{pattern} merge={DRIVER}")]
    settings = {
        f"merge.{DRIVER}.name": "kexie 计划文件合并（督办记录按日期和到达顺序合并）",
        f"merge.{DRIVER}.driver": driver_command(),
    }
    for key, value in settings.items():
        said.append(_config(top, key, value))
    return said


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise KexieError(f"无法运行 git（{exc.strerror or exc}）；请先安装 git") from None


def _top(repo: Path) -> Path:
    if not repo.is_dir():
        raise KexieError(f"找不到文件夹：{repo}")
    found = _git(repo, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        said = found.stderr.strip().splitlines()
        if said and "config" in said[0]:  # a repository git cannot read: not "no repository"
            raise KexieError(f"{repo}: git 无法读取本仓库的配置，请先修好（{said[0]}）")
        raise KexieError(f"{repo} 不是 git 仓库；请先运行 git init")
    return Path(found.stdout.strip()).resolve()


def _attributes(top: Path, line: str) -> str:
    path = top / ".gitattributes"
    try:
        old = path.read_bytes().decode("utf-8") if path.exists() else ""
    except UnicodeDecodeError as exc:
        raise KexieError(
            f"{path}: 不是 UTF-8 文本（第 {exc.start} 字节），未改动；请先改正"
        ) from None
    except OSError as exc:
        raise KexieError(f"{path}: 无法读取：{why_not(exc)}") from None
    if line in (known.strip() for known in old.splitlines()):
        return f".gitattributes 已有：{line}（未改动）"
    gap = "" if not old or old.endswith("\n") else "\n"
    write_atomic(path, f"{old}{gap}{line}\n")
    return f"已写入 {path}：{line}"


def _config(top: Path, key: str, value: str) -> str:
    current = _git(top, "config", "--local", "--get", key)
    if current.returncode == 0 and current.stdout.rstrip("\n") == value:
        return f"git 配置 {key} 已是：{value}（未改动）"
    done = _git(top, "config", "--local", key, value)
    if done.returncode != 0:
        raise KexieError(f"无法写入 git 配置 {key}：{done.stderr.strip()}")
    return f"已写入 git 配置（本仓库）{key} = {value}"
