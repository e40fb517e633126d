"""One task's 督办 record as two offices left it, merged: the entries both kept, and those each
added, in the order kexie's own update puts them (core/update.py `_place_in_file`): after every
entry that replays before them or with them — by date, then arrival (`recorded`), then sender
(`by`). Where the two sides added entries at the same place, each side's own run keeps its order
(a figure and the figure after it, one day's report after its figure), and the runs are ordered
by what they hold — never by which side is ours — so that merging A into B and B into A give
the same record. Pure: lists in, list out; and what the merged record leaves as the targets'
counts and the task's mark, replayed as core/history.py replays it.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from itertools import groupby
from typing import Any

from kexie_cli.core.numbers import whole

# An entry as the merge carries it: its data as the plan reader reads it (text as typed), and
# the node the round trip writes (kept with its quotes and comments).
Entry = tuple[Any, Any]


def merge_history(base: list[Entry], ours: list[Entry], theirs: list[Entry]) -> list[Entry]:
    """The entries of both sides: base entries neither removed (as ours writes them), then each
    added entry where kexie would have put it."""
    kept_o, added_o = _split(base, ours)
    kept_t, added_t = _split(base, theirs)
    merged = [kept_o[i] for i in range(len(base)) if i in kept_o and i in kept_t]
    added_t = _without(added_t, added_o)  # the same entry added by both sides: once
    runs = _runs(added_o) + _runs(added_t)
    runs.sort(key=lambda run: (place(run[0][0]), [canonical(e[0]) for e in run]))
    for run in runs:
        key = place(run[0][0])
        at = max((i + 1 for i, e in enumerate(merged) if place(e[0]) <= key), default=0)
        merged[at:at] = run
    return merged


def canonical(data: Any) -> str:
    """An entry's data as one text: equal entries, equal texts."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def place(data: Any) -> tuple[str, str, str]:
    """Where an entry falls in the replay and the file: its date, its arrival, its sender."""
    if not isinstance(data, dict):
        return ("", "", "")
    date = _text(data.get("date"))
    return date, _text(data.get("recorded")) or date, _text(data.get("by"))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _split(base: list[Entry], side: list[Entry]) -> tuple[dict[int, Entry], list[Entry]]:
    """Which base entries the side kept (base position → the side's entry), and those it added,
    in its file order. Equal entries are matched one to one, in order."""
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for i, (data, _) in enumerate(base):
        waiting[canonical(data)].append(i)
    kept: dict[int, Entry] = {}
    added: list[Entry] = []
    for entry in side:
        found = waiting.get(canonical(entry[0]))
        if found:
            kept[found.popleft()] = entry
        else:
            added.append(entry)
    return kept, added


def _without(entries: list[Entry], others: list[Entry]) -> list[Entry]:
    """`entries` less one of each entry `others` holds too."""
    left = defaultdict(int)
    for data, _ in others:
        left[canonical(data)] += 1
    kept = []
    for entry in entries:
        text = canonical(entry[0])
        if left[text]:
            left[text] -= 1
        else:
            kept.append(entry)
    return kept


def _runs(added: list[Entry]) -> list[list[Entry]]:
    """One side's added entries in replay order (its file order kept within a place), cut into
    runs of one place each."""
    ordered = sorted(added, key=lambda e: place(e[0]))
    return [list(run) for _, run in groupby(ordered, key=lambda e: place(e[0]))]


class Derived:
    """What a record leaves in its task: each target's (and place's) count — the last figure's
    `after` in replay order — and the mark of the last mark entry; None where it has none."""

    def __init__(self, history: list[Any]) -> None:
        self.counts: dict[tuple[str, str | None], Any] = {}
        self.status: str | None = None
        entries = [h for h in history if isinstance(h, dict)]
        for entry in sorted(entries, key=lambda h: place(h)[:2]):  # stable: file order kept
            if entry.get("target") is not None and entry.get("after") is not None:
                key = (str(entry["target"]).strip(), entry.get("unit"))
                self.counts[key] = _number(entry["after"])
            elif entry.get("status") is not None:
                self.status = str(entry["status"])

    def count(self, key: int, unit: str | None) -> Any:
        return self.counts.get((str(key), unit))


def _number(value: Any) -> Any:
    """A count as the file writes it: 12, not 12.0; left as it is if it is not a number (the
    merged plan's validation says so)."""
    try:
        return whole(float(value))
    except (TypeError, ValueError):
        return value
