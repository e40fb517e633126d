"""The rules a target's numbers must keep (read by Pydantic when a file is validated): a
range written `1-2`, places filled in from `each:` and summed, milestones in order."""

from __future__ import annotations

import dataclasses
import re
from itertools import pairwise
from typing import Any

from kexie_cli.core.models import Comparator, Place, Target
from kexie_cli.core.numbers import whole

# Compiled on first use (re keeps it): a command reading a cached plan never needs it.
_RANGE = r"^\s*(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*$"


def split_range(data: Any) -> Any:
    if isinstance(data, dict) and isinstance(data.get("target"), str):
        match = re.match(_RANGE, data["target"])
        if match:
            data = {**data, "target": match[1], "target_max": match[2]}
    if isinstance(data, dict) and (data.get("units") or data.get("each")) and "done" in data:
        raise ValueError("分解到地方的指标，完成数写在 units 下各地方的 done 中，不写 done")
    return data


def check_target(target: Target) -> Target:
    target = _places(_check_range(target))
    if target.milestones:
        _check_milestones(target)
    return target


def _places(target: Target) -> Target:
    """The target with every place filled in and its totals summed, if broken down."""
    if target.units is None and target.each is None:
        return target
    if target.comparator is Comparator.RANGE:
        raise ValueError("分解到地方的指标不能写成区间")
    each = target.each or []
    if len(set(each)) < len(each):
        raise ValueError("each 中有重复的地方")
    given = target.units or {}
    places: dict[str, Place] = {}
    for name in each:
        own = given.get(name, Place())
        places[name] = Place(own.target or target.target, own.done)
    for name, own in given.items():
        if name in places:
            continue
        if own.target is None:
            raise ValueError(f"units.{name} 缺少 target（不在 each 中的地方要写自己的数）")
        places[name] = own
    if not places:
        raise ValueError("units/each 中没有地方")
    total = sum(p.target or 0 for p in places.values())
    done = sum(p.done for p in places.values())
    return dataclasses.replace(target, target=total, done=done, units=places)


def _check_milestones(target: Target) -> None:
    months = list(target.milestones or {})
    values = list((target.milestones or {}).values())
    if any(a >= b for a, b in pairwise(months)):
        raise ValueError("milestones 的月份应从早到晚排列")
    if any(a > b for a, b in pairwise(values)):
        raise ValueError("milestones 的数值应逐月不减")
    top = target.target_max or target.target
    if values and values[-1] > top:
        raise ValueError(f"milestones 的数值 {whole(values[-1])} 超过目标 {whole(top)}")


def _check_range(target: Target) -> Target:
    is_range = target.comparator is Comparator.RANGE
    if is_range and target.target_max is None:
        raise ValueError("comparator 为 range 时 target 应写成区间，如 1-2")
    if not is_range and target.target_max is not None:
        raise ValueError("target 写成区间时 comparator 应为 range")
    if target.target_max is not None and target.target_max < target.target:
        raise ValueError("区间上限小于下限")
    return target
