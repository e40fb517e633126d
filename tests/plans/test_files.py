import os
from pathlib import Path

import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans import files as storage
from kexie_cli.plans.files import line_finder, parse_yaml, plan_files, resolve_data, write_atomic


def test_scalars_stay_as_typed():
    raw = parse_yaml("due: 2025.10\nflag: no\nday: 2025-06-30\nn: 12\nempty:\n", "f.yaml")
    assert raw == {"due": "2025.10", "flag": "no", "day": "2025-06-30", "n": "12", "empty": None}


def test_malformed_yaml_names_line_and_column():
    with pytest.raises(KexieError) as caught:
        parse_yaml("plan:\n  title: x\n tasks: [\n", "bad.yaml")
    assert str(caught.value).startswith("bad.yaml:3:2: YAML: 格式错误")


def test_line_finder_walks_to_the_node():
    find = line_finder("a:\n  b:\n  - 1\n  - x: 2\n")
    assert find(("a", "b", 1, "x")) == 4
    assert find(("a", "missing")) == 2  # the mapping that lacks the key


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


def test_a_key_written_twice_is_refused_with_its_line():
    with pytest.raises(KexieError) as caught:
        parse_yaml("tasks:\n- id: 1\n  due: 2025.6\n  due: 2025.12\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:4:3: YAML: 格式错误：键 'due' 重复（第 3 行已有）"


def _plan_text(count: int, extra: str = "") -> str:
    tasks = "".join(
        f"- id: {n}\n  due: '2025.{n % 12 + 1}'\n  lead: [办公室]\n  # 备注 {n}\n"
        for n in range(1, count + 1)
    )
    return f"plan:\n  title: 清单\n  year: 2025\ntasks:\n{tasks}{extra}"


def test_parse_plan_in_pieces_reads_what_a_whole_parse_reads(monkeypatch):
    monkeypatch.setattr(storage, "PIECE", 3)
    text = _plan_text(10, extra="other: 1\n")
    assert storage.parse_plan(text, "f.yaml") == parse_yaml(text, "f.yaml")
    assert len(storage.parse_plan(text, "f.yaml")["tasks"]) == 10


def test_parse_plan_falls_back_to_a_whole_parse(monkeypatch):
    monkeypatch.setattr(storage, "PIECE", 3)
    aliased = _plan_text(8).replace("lead: [办公室]", "lead: &who [办公室]", 1)
    aliased = aliased.replace(
        "- id: 8\n  due: '2025.9'\n  lead: [办公室]", "- id: 8\n  due: '2025.9'\n  lead: *who"
    )
    assert storage.parse_plan(aliased, "f.yaml")["tasks"][7]["lead"] == ["办公室"]
    broken = _plan_text(8).replace("- id: 7\n", "- id: 7\n  due: [\n", 1)
    with pytest.raises(KexieError) as caught:
        storage.parse_plan(broken, "f.yaml")
    assert str(caught.value) == str(_whole_error(broken))


def _whole_error(text):
    with pytest.raises(KexieError) as caught:
        parse_yaml(text, "f.yaml")
    return caught.value
