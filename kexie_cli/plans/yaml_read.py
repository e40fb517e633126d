"""Reading plan YAML: the loader's rules, parsing with problems at their line and column, and
the line of a node a validation finding names. Kept apart so commands served from the cache never
import PyYAML."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from kexie_cli.core.problems import KexieError, Loc, Problem

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlanLoader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that reads scalars as typed (only null is implicit) and refuses a key
    written twice.

    YAML 1.1 would turn 2025.10 into the float 2025.1, `no` into False and 2025-06-30 into a
    date; here they stay the text the person wrote, and the schemas read them. A repeated key
    would silently keep the last value.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise yaml.constructor.ConstructorError(
                    None, None, f"键 {key!r} 重复（第 {first} 行已有）", key_node.start_mark
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep)


PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str, file: str) -> Any:
    """Parse plan text; malformed YAML becomes a Problem with line and column."""
    try:
        return yaml.load(text, Loader=PlanLoader)
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
)


def _gloss(message: str) -> str:
    """PyYAML's message in Chinese, if it is one of those it usually gives."""
    import re

    text = message.strip()
    for pattern, words in _GLOSSES:
        if found := re.fullmatch(pattern, text, re.DOTALL):
            return words.format(*found.groups())
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
