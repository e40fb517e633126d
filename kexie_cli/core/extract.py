"""Suggest countable targets from a task's wording: 举办“科协讲堂”4期 → 科协讲堂 4 期 (exact).

A suggestion, not a decision: the importer marks every target it writes as needing a
person's check. What is *not* a target matters as much as what is: years (2025年),
ordinals (第41届, 第1期), durations (两天), and fixed descriptions (十大重点产业链, 三级,
anything in quotes or book-title marks such as “五个一”, 《…（2025）》).
"""

from __future__ import annotations

import re
from typing import Any

from kexie_cli.core.numbers import chinese_text, read_chinese, whole

# Measure words that count something; 天/年/月/日 (durations, dates) and 级/大 (descriptions)
# are deliberately absent, so 两天, 2025年 and 十大 never match.
_UNITS = "万人次|人次|万人|万元|%|％|次|期|场|家|个|名|人|支|所|站|项|批|篇|条|件|位|部|本|座|台|处|份|队|组"
_CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_NUMBER = rf"\d+(?:\.\d+)?|[{_CN_DIGITS}]+"
_CANDIDATE = re.compile(
    rf"(?P<pre>不少于|不低于|不下于|至少|超过|多于|超|约|达到|达)?\s*"
    rf"(?P<num>(?:{_NUMBER}))"
    rf"(?:\s*(?P<dash>[-–—~～至到])\s*(?P<high>{_NUMBER}))?"
    r"(?P<wan>万(?=余|多))?(?P<mid>余|多)?"  # 10余场, 2万余人次: at least that many
    rf"\s*(?P<unit>{_UNITS})"
    r"(?P<post>以上|左右|余|多)?"
)
_PREFIX_COMPARATOR = {
    "不少于": "at_least",
    "不低于": "at_least",
    "不下于": "at_least",
    "至少": "at_least",
    "达到": "at_least",
    "达": "at_least",
    "超过": "more_than",
    "多于": "more_than",
    "超": "more_than",
    "约": "about",
}
_SUFFIX_COMPARATOR = {"以上": "at_least", "左右": "about", "余": "at_least", "多": "at_least"}
# Paired marks whose contents are names, not counts: “五个一”, 《…（2025）》, 「…」.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|「[^」]*」|『[^』]*』|‘[^’]*’")
_LIST_NUMBER = re.compile(r"^\s*[（(]?\d+[)）.、．]\s*")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\s]")
# Words that open a clause without naming the thing counted.
_LEAD_WORDS = re.compile(
    r"^(?:其中|至少|不少于|全年|每年|年度|计划|力争|争取|积极|确保|共计|累计|合计|再|各|并|及时|"
    r"主动|深入|组织|开展|举办|召开|完成|实现|推动|打造|培育|发布|发表|报送|编印|推荐|"
    r"遴选|建立|建设|新建|成立|实施|启动|开发|接待|参加|邀请|发展|调整优化|调整|对接|"
    r"拜访|承办|向|为|在|对|和|与)+"
)
# Words after a measure word that end the noun it counts.
_NOUN_END = re.compile(r"(?:参加|参与|开展|进行|申报|入库|至|的|，|。|,|；|、|\s|（|\().*$")
_NAME_MAX = 10  # a name longer than this is shortened at a word's edge, never inside one
_VERB = re.compile(
    r"开展|举办|组织|召开|发布|发表|参加|新建|成立|推荐|培育|打造|接待|承办|编印|报送|送|下乡"
)
# What exists already is counted, not aimed at: 已建的16家, 现有学会32家.
_EXISTING = re.compile(r"(?:已|现有|原有|现已|业已)[^，,。；;]{0,6}$")
_COMPARATOR_TAIL = re.compile(r"(?:不少于|不低于|至少|超过|超|约|达到|共计|累计|合计)$")
_STRIP_CHARS = '“”"‘’《》「」、，。 '


def suggest_task_targets(content: str, measures: list[str]) -> list[dict[str, Any]]:
    """A task's targets: those in its content, then those in its measures.

    A measure often restates a figure of the content (content 不少于5场, measure 5场以上);
    the same figure and unit is then one target, with the firmer comparator of the two.
    Figures repeated among the measures themselves are separate targets (32家学会 twice), and
    a figure for each of several (各新建工作站不少于1家) never restates the content's total.
    """
    found = _found(content)
    result = [target for target, _, _ in found]
    words = [word for _, _, word in found]
    open_keys = {i: (t["target"], t["unit"]) for i, t in enumerate(result)}
    for measure in measures:
        for target, each, word in _found(measure):
            same = [i for i, key in open_keys.items() if key == (target["target"], target["unit"])]
            if each or not same:
                result.append(target)
                words.append(word)
                continue
            del open_keys[same[0]]
            if _FIRMNESS[target["comparator"]] > _FIRMNESS[result[same[0]]["comparator"]]:
                result[same[0]] = {**result[same[0]], "comparator": target["comparator"]}
    return _distinct_names(result, words)


def _distinct_names(targets: list[dict[str, Any]], words: list[str]) -> list[dict[str, Any]]:
    """A task's target names must differ (they are how a person picks one). Names that clash
    are told apart by a word of their own sentence — 学校（太空种子种植活动）, 工作站（大冶市等）
    — else by figure and unit (学会（32家）), else the first keeps its name and the others are
    学会（其二）, 学会（其三）."""
    result = [dict(target) for target in targets]
    for name in {t["name"] for t in targets}:
        group = [i for i, t in enumerate(targets) if t["name"] == name]
        if len(group) < 2:
            continue
        for qualifiers in (
            [words[i] for i in group],
            [f"{targets[i]['target']}{targets[i]['unit']}" for i in group],
        ):
            if all(qualifiers) and len(set(qualifiers)) == len(group):
                for i, word in zip(group, qualifiers, strict=True):
                    result[i]["name"] = f"{name}（{word}）"
                break
        else:
            for n, i in enumerate(group[1:], start=1):
                result[i]["name"] = f"{name}（其{chinese_text(n + 1)}）"
    return result


def _found(text: str) -> list[tuple[dict[str, Any], bool, str]]:
    """Each target with whether it is a figure for each of several (各…), and a word of its
    own clause that could tell it from a target of the same name."""
    text = _LIST_NUMBER.sub("", text or "")
    masked = _QUOTED.sub(lambda m: "\0" * len(m[0]), text)
    found = []
    for match in _CANDIDATE.finditer(masked):
        target = _read(match, text)
        if target is not None:
            clause = _CLAUSE_BREAK.split(text[: match.start()])[-1]
            found.append((target, "各" in clause, _qualifier(text, match, target["name"])))
    return found


# Which of two comparators for one restated figure to keep: a stated bound beats a plain figure.
_FIRMNESS = {"exact": 0, "about": 1, "range": 2, "more_than": 3, "at_least": 4}


def _read(match: re.Match[str], text: str) -> dict[str, Any] | None:
    start = match.start("num")
    if _is_ordinal_or_code(text, start, match):
        return None
    low = _number(match["num"])
    high = _number(match["high"]) if match["high"] else None
    if low is None or low <= 0 or (match["high"] and (high is None or high <= low)):
        return None
    if _EXISTING.search(_CLAUSE_BREAK.split(text[:start])[-1]):
        return None
    unit = "%" if match["unit"] == "％" else match["unit"]
    if match["wan"] and not unit.startswith("万"):
        unit = "万" + unit
    period = _PER_PERIOD.search(_CLAUSE_BREAK.split(text[:start])[-1])
    times = _PER_YEAR[period[1]][1] if period else 1  # 每季度召开1次: 4 a year
    low, high = low * times, (high * times if high is not None else None)
    if high is not None:
        comparator, value = "range", f"{whole(low)}-{whole(high)}"
    else:
        comparator = (
            _SUFFIX_COMPARATOR.get(match["post"] or match["mid"] or "")
            or _PREFIX_COMPARATOR.get(match["pre"] or "")
            or _clause_comparator(text[: match.start()])
        )
        value = whole(low)
    name = _name(text, match)
    target = {"name": _PER_PERIOD.sub("", name) if period else name, "target": value}
    target |= {"unit": unit, "comparator": comparator, "done": 0}
    if period:
        per = re.sub(r"\s+", "", text[period.start() : match.end()])
        word, times = _PER_YEAR[period[1]]
        target["note"] = f"原文“{per}”，按全年 {times} 个{word}推算为 {value} {unit}"
    return target


# A count per period (每季度召开1次) is its count per year, computed and noted.
_PER_PERIOD = re.compile(r"每(?:个|個)?(季度|季|月|半年|两个月|兩個月|双月|雙月)")
# The period's word as the note writes it, and how many of it a year holds.
_PER_YEAR = {
    "季度": ("季度", 4),
    "季": ("季度", 4),
    "月": ("月", 12),
    "半年": ("半年", 2),
    "两个月": ("两个月", 6),
    "双月": ("两个月", 6),
    "兩個月": ("兩個月", 6),
    "雙月": ("兩個月", 6),
}


def _is_ordinal_or_code(text: str, start: int, match: re.Match[str]) -> bool:
    """Ordinals, codes and Chinese numerals used as wording are not counts."""
    before = text[max(0, start - 1) : start]
    if before == "第":  # 第41届, 第十四次, 第1期
        return True
    if before and (before.isdigit() or before in ".·"):  # 5·30
        return True
    num = match["num"]
    if num[0].isdigit() or match["pre"] or match["post"] or match["mid"]:
        return False
    # A Chinese numeral counts only after a counting verb of its clause (举办两期, 送科技下乡
    # 二十场); elsewhere it is wording: 八项规定, 一岗双责, 两院院士, 一批.
    clause = _CLAUSE_BREAK.split(text[:start])[-1]
    if _PER_PERIOD.search(clause):
        return False  # 每季度召开一次: a count, whatever the numeral
    return num == "一" or not _VERB.search(clause)


def _clause_comparator(before: str) -> str:
    """至少 a few words before the figure still binds it: 至少承办1场."""
    clause = _CLAUSE_BREAK.split(before)[-1]
    return "at_least" if re.search(r"不少于|至少|不低于", clause) else "exact"


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text)
    value = read_chinese(text)
    return float(value) if value else None  # 零 counts nothing


def _name(text: str, match: re.Match[str]) -> str:
    """What is counted: the noun after the measure word (32家学会), else the clause before it."""
    after = _clean(_NOUN_END.sub("", text[match.end() :]))
    if len(after) >= 2:
        return after
    clauses = _CLAUSE_BREAK.split(text[: match.start()])
    for clause in reversed(clauses[-2:]):
        # “科学家精神宣讲”活动5场: a quoted name just before the figure is what is counted.
        quoted = re.search(
            r"[“《]([^”》]{2,})[”》][^“”《》]{0,3}$", _COMPARATOR_TAIL.sub("", clause)
        )
        if quoted:
            return quoted[1]
        name = _shorten(_clean(_COMPARATOR_TAIL.sub("", clause)))
        if len(name) >= 2:
            return name
    return match["unit"]


_CLAUSE = re.compile(r"[，,。；;！!？?]")
_QUOTE_TEXT = re.compile(r"[“《「\"]([^”》」\"]{2,})[”》」\"]")
_ORDINAL_PREFIX = re.compile(r"^.*第[\d一二三四五六七八九十]+[届期次]")
_TRAILING_VERBS = re.compile(rf"(?:各|每个|的|等|{_VERB.pattern}|新建|组织|参加)+$")
_QUALIFIER_MAX = 10


def _qualifier(text: str, match: re.Match[str], name: str) -> str:
    """A word of the figure's own clause other than its name: a quoted name in the clause
    (“太空种子种植活动”), else what the clause says before the name (大冶市、阳新县 → 大冶市等)."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, match.start())), default=0)
    end = next((m.start() for m in _CLAUSE.finditer(text, match.end())), len(text))
    for quoted in _QUOTE_TEXT.finditer(text, start, end):
        word = _ORDINAL_PREFIX.sub("", quoted[1])
        if word != name and len(word) >= 2:
            return word[-_QUALIFIER_MAX:]
    before = _COMPARATOR_TAIL.sub("", text[start : match.start()])
    if name in before:
        before = before[: before.rindex(name)]
    word = _clean(_TRAILING_VERBS.sub("", _clean(before)))
    if "、" in word:
        word = word.split("、")[0] + "等"
    word = word[-6:]
    return word if len(word) >= 2 and word != name else ""


def _clean(phrase: str) -> str:
    phrase = re.sub(r"^\d{4}年度?", "", phrase.strip(_STRIP_CHARS))
    phrase = _LEAD_WORDS.sub("", phrase)
    return _balanced(re.sub(r"[“”\"‘’「」《》]", "", phrase).strip(_STRIP_CHARS))


def _balanced(phrase: str) -> str:
    """Drop a bracket left open or closed by the cut: 县（市、区）科协 stays whole."""
    phrase = re.sub(r"^[)）]+|[(（]+$", "", phrase)
    if phrase.count("（") + phrase.count("(") != phrase.count("）") + phrase.count(")"):
        phrase = re.sub(r"[(（][^)）]*$|^[^(（]*[)）]", "", phrase)
    return phrase


def _shorten(phrase: str) -> str:
    """Keep the thing after the clause's last verb, then the last item of a list."""
    tail = re.split(rf"{_VERB.pattern}|每年|每个|至少|不少于", phrase)[-1]
    if len(tail) >= 2:
        phrase = tail
    if len(phrase) > _NAME_MAX:
        # The last item of a list (甲、乙及丙 → 丙), never splitting inside brackets.
        outside = re.sub(r"[(（][^)）]*[)）]", lambda m: "_" * len(m[0]), phrase)
        cuts = [m.end() for m in re.finditer(r"[、及和与暨]", outside)]
        last = phrase[cuts[-1] :] if cuts else phrase
        phrase = last if len(last) >= 2 else phrase
    if len(phrase) > _NAME_MAX:
        # Still long: drop what stands before a word's edge (瞄准“十四五”末|我市公民…), else
        # keep it whole: 社会消费品零售总额增长, never 会消费品零售总额增长.
        edges = [m.end() for m in _WORD_EDGE.finditer(phrase) if len(phrase) - m.end() >= 2]
        phrase = phrase[edges[-1] :] if edges else phrase
    return _balanced(phrase)


_WORD_EDGE = re.compile(r"的|末|瞄准|围绕|聚焦|促进|确保|力争|带动|推动")
