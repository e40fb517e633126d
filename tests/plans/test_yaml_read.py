import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kexie_cli.core.problems import KexieError
from kexie_cli.plans.yaml_read import PlanLoader, line_finder, load, parse_yaml


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


# yaml_read.load makes the data itself from the composed nodes, each tagged by PlanLoader.resolve;
# PyYAML's own resolver and constructor, as PlanLoader configures them, are the reference it must
# agree with: same data, or same refusal.


def outcome(read: Callable[[str], Any], text: str) -> str:
    """What reading the text gives: the data's repr (strict on types and order, and finite for
    data that holds itself), or the refusal with its marks."""
    try:
        return repr(read(text))
    except yaml.YAMLError as exc:
        return f"{type(exc).__name__}: {exc}"


class Reference(PlanLoader):
    """The loader as it was: PyYAML's own resolve and constructor."""

    resolve = yaml.resolver.BaseResolver.resolve


def reference(text: str) -> Any:
    return yaml.load(text, Loader=Reference)


def assert_read_as_before(text: str) -> None:
    assert outcome(load, text) == outcome(reference, text)


EDGE_CASES = [
    "",
    "# nothing but a comment\n",
    "---\n",
    "a: ''\nb:\nc: ~\nd: null\ne: Null\nf: NULL\ng: nULL\nh: '~'\ni: \"null\"\n",
    "a: no\nb: yes\nc: 2025.10\nd: 2025-06-30\ne: 0x1F\nf: 1e3\ng: .inf\nh: 12\n",
    "~: 1\nnull: 2\n",  # two spellings of the null key: the last one kept
    "null: 1\n'null': 2\n",  # one spelling: refused
    "a: &x {b: 1}\nc: *x\nd: &s text\ne: *s\n",
    "a: &x [1, *x]\n",  # a list that holds itself
    "a: &x {b: *x}\n",
    "base: &b {x: 1, y: 2}\nt:\n  <<: *b\n  y: 3\n",  # plain << is only a key here
    "t:\n  !!merge <<: {x: 1}\n  y: 2\n",  # an explicit merge merges
    "t:\n  !!merge <<: 5\n",
    "a: !!str 12\nb: !!int 12\nc: !!null x\nd: !!bool yes\ne: !!float 2025.10\n",
    "a: !!timestamp 2025-01-01\nb: !!binary aGVsbG8=\nc: !!set {x, y}\nd: !!omap [x: 1]\n",
    "a: !!str\nb: !!str null\nc: ! null\nd: !<tag:yaml.org,2002:str> 5\n",
    "a: !!map {x: 1}\nb: !!seq [1]\nc: !!str {x: 1}\n",
    "a: !foo x\n",
    "a: !foo {x: 1}\n",
    "!!int 3: x\n",
    "? [a, b]\n: 1\n",
    "? {a: 1}\n: 1\n",
    "a: 1\n'a': 2\n",
    "tasks:\n- id: 1\n  due: 2025.6\n  due: 2025.12\n",
    "t: {x: 1, x: 2}\n",
    "a: *missing\n",
    "a: 1\n---\nb: 2\n",
    "plan:\n  title: x\n tasks: [\n",
    "a: \x01\n",
    "a: |\n  line\n  line two\nb: >-\n  folded\n  text\n",
    "a: !!int x\n",
    "a: !!set [a]\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_read_as_pyyaml_reads_them(text):
    assert_read_as_before(text)


def test_an_alias_is_the_same_object_as_its_anchor():
    data = load("a: &x {b: [1]}\nc: *x\nd: &y [2]\ne: *y\n")
    assert data["a"] is data["c"] and data["d"] is data["e"]
    data = load("l: &y [*y]\n")
    assert data["l"][0] is data["l"]


def test_lists_nested_deeper_than_python_recurses_are_read():
    # libyaml allows 1,000 levels; `load` recurses once a level, PyYAML's constructor does not.
    data = load("a: " + "[" * 998 + "]" * 998 + "\n")["a"]
    for _ in range(997):
        data = data[0]
    assert data == []


@pytest.mark.parametrize(
    "text", ["a: !!int x\n", "a: !!bool x\n", "a: !!timestamp x\n", "a: !!float\n"]
)
def test_a_value_unlike_its_tag_is_refused_at_its_place(text):
    # PyYAML lets a ValueError, KeyError or AttributeError out here: once a traceback.
    with pytest.raises(KexieError) as caught:
        parse_yaml(text, "f.yaml")
    assert str(caught.value).startswith("f.yaml:1:4: YAML：格式错误：值不符合它的标签 !!")


def test_a_mapping_tag_on_a_list_is_refused_as_such():
    with pytest.raises(KexieError) as caught:  # once a TypeError from the duplicate-key check
        parse_yaml("a: !!set [a]\n", "f.yaml")
    assert str(caught.value) == "f.yaml:1:4: YAML：格式错误：按它的标签应为键值对，却是列表"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: !foo x\n", "不认识的标签 '!foo'（计划文件不用标签）"),
        ("? [a]\n: 1\n", "键不能是列表或键值对"),
        ("a: !!seq x\n", "按它的标签应为列表，却是文本"),
        ("a: " + "[" * 2000 + "]" * 2000 + "\n", "在 [ ] 或 { } 中，嵌套过深"),
    ],
)
def test_the_constructors_refusals_are_said_in_chinese(text, words):
    with pytest.raises(KexieError) as caught:
        parse_yaml(text, "f.yaml")
    assert words in str(caught.value)
    said = str(caught.value).split("格式错误：")[1].replace("foo", "")
    assert not re.search(r"[A-Za-z]{3,}", said)  # no English left


WORDS = ["", " ", "~", "null", "Null", "NULL", "no", "2025.10", "2025-06-30", "<<", "=", "12"]
WORDS += ["a: b", "- x", "#", "'", '"', "\n", "组宣部", "!foo", "&a", "*a", "? x"]
TEXTS = st.sampled_from(WORDS) | st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
DATA = st.recursive(
    st.none() | TEXTS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(TEXTS | st.none(), inner, max_size=4)
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(
    data=DATA,
    shared=DATA,
    flow=st.sampled_from([False, True, None]),
    style=st.sampled_from([None, "'", '"', "|", ">"]),
    allow_unicode=st.booleans(),
    width=st.sampled_from([20, 80]),
)
def test_dumped_data_reads_as_pyyaml_reads_it(data, shared, flow, style, allow_unicode, width):
    # `shared` twice: a list or mapping dumped as an anchor and an alias.
    document = {"data": data, "shared": shared, "again": shared}
    text = yaml.safe_dump(
        document,
        default_flow_style=flow,
        default_style=style,
        allow_unicode=allow_unicode,
        width=width,
        sort_keys=False,
    )
    assert_read_as_before(text)


# Documents written by hand, in block style: plain and quoted scalars, tags, anchors and
# aliases (defined or not), keys written twice, and now and then a fault.
KEYS = ["a", "b", "'b'", "~", "null", "'null'", "<<", "1", "组宣部", "!!int 3", "&k d", "*k"]
KEYS += ["[a]", "{a: 1}", "!!merge <<"]
SCALARS = ["", "~", "null", "Null", "nULL", "no", "2025.10", "2025-06-30", "'null'", "''", '""']
SCALARS += ["!!str 12", "!!str", "!!null x", "!!int 12", "!!bool yes", "!!float 1.5", "! null"]
SCALARS += ["组宣部", "[a, ~, '']", "{x: 1, y: ~}", "[]", "{}", "&a x", "&a [*b]", "*a", "*b"]
SCALARS += ["!foo x", "!!str {x: 1}", "!!int x"]


def nodes() -> st.SearchStrategy[Any]:
    """A scalar as written, or ("seq", anchor, items), or ("map", anchor, [(key, value)…])."""
    anchors = st.sampled_from(["", "&a", "&b"])
    return st.recursive(
        st.sampled_from(SCALARS),
        lambda inner: (
            st.tuples(st.just("seq"), anchors, st.lists(inner, min_size=1, max_size=3))
            | st.tuples(
                st.just("map"),
                anchors,
                st.lists(st.tuples(st.sampled_from(KEYS), inner), min_size=1, max_size=3),
            )
        ),
        max_leaves=12,
    )


def block(node: tuple[str, str, list[Any]], indent: int) -> list[str]:
    """The lines of a list or mapping in block style (its anchor is on the line before)."""
    kind, _, items = node
    lines = []
    for item in items:
        head, value = ("- ", item) if kind == "seq" else (f"{item[0]}: ", item[1])
        if isinstance(value, str):
            lines.append(f"{' ' * indent}{head}{value}".rstrip())
        else:
            lines.append(f"{' ' * indent}{head}{value[1]}".rstrip())
            lines += block(value, indent + 2)
    return lines


def one_anchor_each(text: str) -> str:
    """&a, &a… numbered &a1, &a2… (PyYAML refuses an anchor written twice), each alias naming
    the last anchor of its letter before it (*a0, undefined, if there is none)."""
    count: Counter[str] = Counter()

    def number(found: re.Match[str]) -> str:
        sign, name = found.groups()
        count[name] += sign == "&"
        return f"{sign}{name}{count[name]}"

    return re.sub(r"([&*])([abk])\b", number, text)


@settings(max_examples=500, deadline=None)
@given(nodes().filter(lambda node: not isinstance(node, str)))
def test_handwritten_documents_read_as_pyyaml_reads_them(root):
    assert_read_as_before(one_anchor_each("\n".join([root[1], *block(root, 0)]) + "\n"))
