"""The layers import one way (docs/architecture.md), and no module outgrows a reading."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_cli"

# What each layer may import of kexie (besides itself).
ALLOWED = {
    "core": {"core"},
    "plans": {"core", "plans"},
    "output": {"core", "plans", "output"},  # plans: `-o FILE` is written atomically
    "importers": {"core", "importers"},
    "options": {"core"},
    "record_options": {"core", "options"},
    "channels": {"core", "output", "channels"},  # where reminders go; only commands use it
}


def _imports(path: Path) -> set[str]:
    """The kexie layers a module imports, at its top or inside its functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "kexie_cli" and len(parts) > 1:
                found.add(parts[1])
    return found


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_run_one_way(path):
    layer = _layer(path)
    if layer not in ALLOWED:
        return  # cli.py and commands/ sit on top: they may use every layer
    wrong = _imports(path) - ALLOWED[layer]
    assert not wrong, f"{layer} imports {sorted(wrong)}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_outgrows_a_reading(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420


def test_the_layers_are_the_folders_the_architecture_page_names():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("core", "plans", "output", "importers", "commands", "channels"):
        assert (PACKAGE / folder).is_dir()
        assert f"`kexie_cli/{folder}/`" in page
