"""Reading plan YAML: the loader's rules, parsing with problems at their line and column, and
the line of a node a validation finding names. Kept apart so commands served from the cache never
import PyYAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from kexie_cli.core.problems import KexieError, Loc, Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR, _NULL, _SEQ, _MAP = (f"tag:yaml.org,2002:{kind}" for kind in ("str", "null", "seq", "map"))
_NULL_WRITTEN = frozenset(["", "~", "null", "Null", "NULL"])  # YAML 1.1's null, plain


class PlanLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that reads scalars as typed (only null is implicit) and refuses a key
    written twice.

    YAML 1.1 would turn 2025.10 into the float 2025.1, `no` into False and 2025-06-30 into a
    date; here they stay the text the person wrote, and the schemas read them. A repeated key
    would silently keep the last value.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        # The tag of each node the C parser composes. PyYAML's own resolve is generic (path
        # resolvers, a list of patterns per first letter): a fifth of composing a large plan.
        # Here the one implicit tag is null, for a plain scalar written as its pattern says.
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULL_WRITTEN else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):  # else (`!!set [a]`) the base class says so
            _refuse_repeated_keys(node)
        return super().construct_mapping(node, deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # PyYAML lets a plain ValueError, KeyError… out of a value unlike its explicit tag
        # (`!!int x`, `!!bool x`, `!!timestamp x`): a traceback, unless refused here, at it.
        try:
            return super().construct_object(node, deep)
        except (ValueError, LookupError, AttributeError, TypeError) as exc:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            message = f"值不符合它的标签 {tag}"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from exc


def _refuse_repeated_keys(node: yaml.MappingNode) -> None:
    """A key written twice (as written: `a` and 'a' are one key), refused at its second place.
    A list or mapping as a key is left to the constructor, which refuses it as unhashable."""
    seen: dict[str, yaml.Node] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        if key_node.value in seen:
            first = seen[key_node.value].start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"键 {key_node.value!r} 重复（第 {first} 行已有）", key_node.start_mark
            )
        seen[key_node.value] = key_node


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == _NULL]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, file: str) -> Any:
    """Parse plan text; malformed YAML becomes a Problem with line and column."""
    try:
        return load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        message = "，".join(_gloss(part) for part in (exc.context, exc.problem) if part)
        problem = Problem(file, line, "YAML", "", f"格式错误：{message}", column)
        raise KexieError(str(problem), [problem]) from None
    except yaml.reader.ReaderError as exc:  # a control character: at its line, one line
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"格式错误：含不允许的控制字符 U+{code:04X}"
        problem = Problem(file, line, "YAML", "", message, column)
        raise KexieError(str(problem), [problem]) from None
    except yaml.YAMLError as exc:
        problem = Problem(file, None, "YAML", "", f"格式错误：{_gloss(str(exc))}")
        raise KexieError(str(problem), [problem]) from None


def load(text: str) -> Any:
    """The data of plan text, as `yaml.load(text, Loader=PlanLoader)` gives it, or its refusal.

    PyYAML's C parser composes the nodes quickly, but its constructor, which makes them into
    data, is Python written for every tag YAML has: on a 15 MB plan, about 1.5 s of the 3.4 s
    `yaml.load` took. A plan holds mappings, lists, text and null, and `_data` makes those
    directly (0.15 s). Anything else — a tag, a key written twice, lists nested deeper than
    Python recurses — is left to PyYAML's constructor, from the same nodes: it makes what it
    always made, and refuses what it refused, with the same message at the same place.
    """
    root = yaml.compose(text, Loader=PlanLoader)
    if root is None:  # nothing but comments
        return None
    try:
        return _data(root, {})
    except (_NotPlain, RecursionError):
        loader = PlanLoader("")
        try:
            return loader.construct_document(root)
        finally:
            loader.dispose()


class _NotPlain(Exception):
    """A node `_data` leaves to PyYAML's constructor."""


def _data(node: yaml.Node, made: dict[yaml.Node, Any]) -> Any:
    """The data of a node of text, null, lists, and mappings with text keys written once.

    `made` holds each list and mapping already made, so that an alias is the same object, as
    PyYAML makes it: even one inside itself (validation then refuses it).
    """
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag == _NULL:  # written plain: empty, ~ or null
            return None
    elif node in made:
        return made[node]
    elif node.tag == _SEQ and isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        made[node] = items  # before its items: one of them may be an alias of this list
        for item in node.value:
            items.append(_data(item, made))
        return items
    elif node.tag == _MAP and isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        made[node] = mapping
        for key_node, value_node in node.value:
            if key_node.tag != _STR or not isinstance(key_node, yaml.ScalarNode):
                raise _NotPlain  # a null key, a list, a mapping, a tag (`!!int 1`, `!!merge <<`)
            mapping[key_node.value] = _data(value_node, made)
        if len(mapping) < len(node.value):  # a key written twice: PlanLoader refuses it
            raise _NotPlain
        return mapping
    raise _NotPlain  # another tag: `!!int 3`, `!!set`, `!foo`…


# PyYAML's words for what is wrong, in Chinese; a message not listed is kept as it is.
_GLOSSES = (
    (r"while parsing a flow (node|mapping|sequence)", "在 [ ] 或 {{ }} 中"),
    (r"while parsing a block mapping", "在键值对中"),
    (r"while parsing a block collection", "在列表中"),
    (r"while parsing a (block node|node)", "在此处"),
    (r"while (scanning|parsing) a quoted scalar", "在引号中的文本里"),
    (r"while scanning for the next token", "在此处"),
    (
        r"mapping values are not allowed (here|in this context)",
        "此处不能有 ': '（含冒号的文本请加引号）",
    ),
    (r"found character that cannot start any token", "此处的字符不能开始一个值（如制表符缩进）"),
    (r"found undefined alias", "未定义的别名"),
    (r"found unknown escape character", "未知的转义字符"),
    (r"while scanning a simple key", "在键中"),
    (r"while scanning a (plain scalar|block scalar)", "在文本中"),
    (r"while scanning an? (alias|anchor)", "在别名或锚点中"),
    (r"while constructing a mapping", "在键值对中"),
    (r"did not find expected node content", "缺少值"),
    (r"did not find expected key", "缺少键（缩进可能不一致）"),
    (r"did not find expected '-' indicator", "缺少列表项的 '-'（缩进可能不一致）"),
    (r"could not find expected ':'", "缺少冒号 ':'"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
    (r"found unexpected ':'", "多余的冒号 ':'（含冒号的文本请加引号）"),
    (r"found character '\\t' that cannot start any token", "含制表符：YAML 只能用空格缩进"),
    (r"found character (.*) that cannot start any token", "字符 {0} 不能出现在此处"),
    (r"found undefined alias (.*)", "未定义的别名 {0}"),
    (r"found unknown escape character (.*)", "未知的转义字符 {0}"),
    (
        r"found unacceptable character (#x[0-9a-fA-F]+): special characters are not allowed",
        "含不允许的控制字符 {0}",
    ),
    (r"expected ',' or '\]', but got (.*)", "缺少 ',' 或 ']'（却是 {0}）"),
    (r"expected ',' or '\}', but got (.*)", "缺少 ',' 或 '}}'（却是 {0}）"),
    (r"expected <block end>, but found (.*)", "缩进不一致（却是 {0}）"),
    (r"expected a single document in the stream", "文件中只能有一个文档（多了 ---）"),
    (r"but found another document", "却又有一个文档"),
    (r"found duplicate anchor (.*)", "重复的锚点 {0}"),
    (r"expected alphabetic or numeric character, but found (.*)", "应为字母或数字，却是 {0}"),
    (r"could not determine a constructor for the tag (.*)", "不认识的标签 {0}（计划文件不用标签）"),
    (r"found unhashable key", "键不能是列表或键值对"),
    (r"expected a (scalar|sequence|mapping) node, but found (.*)", "按它的标签应为{0}，却是{1}"),
    (r"while increasing flow level", "在 [ ] 或 {{ }} 中"),
    (r"exceeded maximum nesting depth", "嵌套过深"),
)


_NODE_WORDS = {"scalar": "文本", "sequence": "列表", "mapping": "键值对"}


def _gloss(message: str) -> str:
    """PyYAML's message in Chinese, if it is one of those it usually gives."""
    import re

    text = message.strip()
    for pattern, words in _GLOSSES:
        if found := re.fullmatch(pattern, text, re.DOTALL):
            return words.format(*(_NODE_WORDS.get(g, g) for g in found.groups()))
    return text


def line_finder(text: str) -> Callable[[Loc], int | None]:
    """Map a data path to the 1-based line of its node (or its nearest ancestor that exists)."""
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
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                # An unknown or empty key is best shown at the key itself.
                return value_node if value_node.value not in ("", None) else key_node
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None
