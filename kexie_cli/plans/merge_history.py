"""One task's 督办 record as two offices left it, merged: the entries both kept, and those each
added where that side's kexie put them (core/update.py `_place_in_file`: after every entry that
replays before them or with them, and after the same target's figures of their two dates,
which they count on from). Each side's added entries stay where they stand among the entries
both kept, in that side's order; where both sides added after the same entry, their entries
are interleaved by date, then arrival (`recorded`), then sender (`by`), then what they hold —
never by which side is ours — so that merging A into B and B into A give the same record. Pure:
lists in, list out; and what the merged record leaves as the targets' counts and the task's
mark, replayed as core/history.py replays it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict, deque
from typing import Any

from kexie_cli.core.numbers import whole

# An entry as the merge carries it: its data as the plan reader reads it (text as typed), and
# the node the round trip writes (kept with its quotes and comments).
Entry = tuple[Any, Any]


def merge_history(base: list[Entry], ours: list[Entry], theirs: list[Entry]) -> list[Entry]:
    """The entries of both sides: base entries neither removed (as ours writes them), each
    side's added entries after the kept entry they follow in it."""
    match_o, match_t = _match(base, ours), _match(base, theirs)
    both = {i for i in match_o if i is not None} & {i for i in match_t if i is not None}
    kept = {i: entry for i, entry in zip(match_o, ours, strict=True) if i in both}
    after_o, after_t = _after(ours, match_o, both), _after(theirs, match_t, both)
    merged: list[Entry] = []
    for anchor in (-1, *sorted(both)):
        if anchor >= 0:
            merged.append(kept[anchor])
        merged += _interleave(after_o.get(anchor, []), after_t.get(anchor, []))
    return _once_each(merged, ours, theirs)


def _once_each(merged: list[Entry], ours: list[Entry], theirs: list[Entry]) -> list[Entry]:
    """Each entry as many times as the side holding it most often holds it, the first kept:
    both sides may add one entry alike after different entries (one side's kexie put it before
    an entry of the same day, the other's after one of its own), and it is still one entry."""
    most = Counter(canonical(d) for d, _ in ours) | Counter(canonical(d) for d, _ in theirs)
    written: Counter[str] = Counter()
    kept = []
    for entry in merged:
        text = canonical(entry[0])
        if written[text] < most[text]:
            written[text] += 1
            kept.append(entry)
    return kept


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


def _match(base: list[Entry], side: list[Entry]) -> list[int | None]:
    """For each of the side's entries, the base entry it is (equal entries matched one to one,
    in order), or None for one it added."""
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for i, (data, _) in enumerate(base):
        waiting[canonical(data)].append(i)
    found = []
    for data, _ in side:
        left = waiting.get(canonical(data))
        found.append(left.popleft() if left else None)
    return found


def _after(side: list[Entry], match: list[int | None], kept: set[int]) -> dict[int, list[Entry]]:
    """The side's added entries, in its order, by the kept base entry they follow (-1: none)."""
    runs: dict[int, list[Entry]] = defaultdict(list)
    anchor = -1
    for entry, i in zip(side, match, strict=True):
        if i is None:
            runs[anchor].append(entry)
        elif i in kept:
            anchor = i
    return runs


def _interleave(one: list[Entry], other: list[Entry]) -> list[Entry]:
    """Two sides' entries after one entry, each side's order kept, the earlier in the replay
    first (then by sender and content). An entry both added alike — the same form imported on
    both sides — is written once; one a side still holds further on waits for it. Each step
    looks only at the two heads, never at which side is which: either way round, one result."""
    a, b = [canonical(e[0]) for e in one], [canonical(e[0]) for e in other]
    needed = {text: max(a.count(text), b.count(text)) for text in {*a, *b}}
    written: dict[str, int] = defaultdict(int)
    out: list[Entry] = []

    def write(entry: Entry, text: str) -> None:
        if written[text] < needed[text]:
            written[text] += 1
            out.append(entry)

    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:  # the same entry at both heads: once
            write(one[i], a[i])
            i, j = i + 1, j + 1
            continue
        # A head found further on the other side waits for the entries before it there.
        a_waits, b_waits = a[i] in b[j + 1 :], b[j] in a[i + 1 :]
        take_other = a_waits if a_waits != b_waits else _rank(other[j]) < _rank(one[i])
        if take_other:
            write(other[j], b[j])
            j += 1
        else:
            write(one[i], a[i])
            i += 1
    for entry, text in [*zip(one[i:], a[i:], strict=True), *zip(other[j:], b[j:], strict=True)]:
        write(entry, text)
    return out


def _rank(entry: Entry) -> tuple[tuple[str, str, str], str]:
    return place(entry[0]), canonical(entry[0])


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
