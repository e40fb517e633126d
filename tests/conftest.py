"""Shared fixtures: the repository's shipped data and small plans written to tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SEEDS = REPO.parent / "shared" / "seeds"


def write_plan(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def write(tmp_path: Path):
    """write(name, yaml_text) -> Path of a plan file in tmp_path."""

    def _write(name: str, text: str) -> Path:
        return write_plan(tmp_path, name, text)

    return _write


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test gets its own plan cache, never the user's."""
    monkeypatch.setenv("KEXIE_CACHE", str(tmp_path_factory.mktemp("cache")))
