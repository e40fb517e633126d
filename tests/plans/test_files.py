import os
from pathlib import Path

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.files import plan_files, resolve_data, write_atomic


def test_resolve_data_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KexieError, match="--data PATH"):
        resolve_data(None)
    (tmp_path / "data").mkdir()
    assert resolve_data(None) == Path("data")
    env = tmp_path / "env"
    env.mkdir()
    monkeypatch.setenv("KEXIE_DATA", str(env))
    assert resolve_data(None) == env
    assert resolve_data(tmp_path / "data") == tmp_path / "data"
    with pytest.raises(KexieError, match="来自 --data"):
        resolve_data(tmp_path / "nowhere")


def test_plan_files_folder_or_file(tmp_path):
    for name in ["b.yaml", "a.yml", "notes.txt"]:
        (tmp_path / name).write_text("x: 1\n")
    assert [p.name for p in plan_files(tmp_path)] == ["a.yml", "b.yaml"]
    assert plan_files(tmp_path / "b.yaml") == [tmp_path / "b.yaml"]


def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_atomic(path, "新\n")
    assert path.read_text(encoding="utf-8") == "新\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_write_atomic_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "x\n")
    finally:
        os.umask(old)
    assert (tmp_path / "new.yaml").stat().st_mode & 0o777 == 0o644


def test_write_atomic_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"


def test_a_file_past_any_plan_s_size_is_refused_not_read_whole(tmp_path) -> None:
    from typer.testing import CliRunner

    from kexie_cli.cli import app

    result = CliRunner().invoke(app, ["list", "--data", "/dev/zero"])
    assert result.exit_code == 2
    assert "/dev/zero: 文件过大（超过 256 MB），不是计划文件" in result.stderr
