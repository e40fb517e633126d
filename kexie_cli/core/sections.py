"""A section (类型) of a breakdown list as a summary heads it: the plan's `sections:`, beside
`tasks:`, keyed by the 类型 as the tasks write it. Its own module: models.py is at its length."""

from __future__ import annotations

from dataclasses import dataclass

from kexie_cli.core.fields import STRICT, Name, Text


@dataclass(frozen=True)
class SectionInfo:
    """`title`: the clean heading where the document prints the 类型 garbled; `note`: where
    that title comes from (an inference is said to be one)."""

    __pydantic_config__ = STRICT

    title: Name
    note: Text | None = None
