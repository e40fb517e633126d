import pytest

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.yaml_read import line_finder, parse_yaml


def test_scalars_stay_as_typed():
    raw = parse_yaml("due: 2025.10\nflag: no\nday: 2025-06-30\nn: 12\nempty:\n", "f.yaml")
    assert raw == {"due": "2025.10", "flag": "no", "day": "2025-06-30", "n": "12", "empty": None}


def test_malformed_yaml_names_line_and_column():
    with pytest.raises(KexieError) as caught:
        parse_yaml("plan:\n  title: x\n tasks: [\n", "bad.yaml")
    assert str(caught.value).startswith("bad.yaml:3:2: YAML：格式错误")


def test_line_finder_walks_to_the_node():
    find = line_finder("a:\n  b:\n  - 1\n  - x: 2\n")
    assert find(("a", "b", 1, "x")) == 4
    assert find(("a", "missing")) == 2  # the mapping that lacks the key


def test_a_key_written_twice_is_refused_with_its_line():
    with pytest.raises(KexieError) as caught:
        parse_yaml("tasks:\n- id: 1\n  due: 2025.6\n  due: 2025.12\n", "dup.yaml")
    assert str(caught.value) == "dup.yaml:4:3: YAML：格式错误：键 'due' 重复（第 3 行已有）"
