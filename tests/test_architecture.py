"""The layers import one way (docs/architecture.md), and no module outgrows a reading."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kexie_cli"

# What each layer may import of kexie (besides itself).
ALLOWED = {
    "core": {"core"},
    "formats": {"core", "formats"},  # each file format's contract, both directions
    "plans": {"core", "plans"},
    "output": {"core", "formats", "plans", "output"},  # plans: `-o FILE` is written atomically
    "importers": {"core", "formats", "importers"},
    "options": {"core"},
    "record_options": {"core", "options"},
    "channels": {"core", "output", "channels"},  # where reminders go; only commands use it
}


def _modules(path: Path) -> set[str]:
    """Every module a module imports (dotted names), at its top or inside its functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _imports(path: Path) -> set[str]:
    """The kexie layers a module imports, at its top or inside its functions."""
    parts = [name.split(".") for name in _modules(path)]
    return {p[1] for p in parts if p[0] == "kexie_cli" and len(p) > 1}


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


CORE = sorted((PACKAGE / "core").rglob("*.py"))


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_core_knows_no_file_format(path):
    """A workbook or a document is the formats layer's, and what draws or reads it: the core
    imports neither openpyxl nor python-docx, nor any format."""
    tops = {name.split(".")[0] for name in _modules(path)}
    assert not tops & {"openpyxl", "docx"}, f"core imports {sorted(tops & {'openpyxl', 'docx'})}"
    assert "formats" not in _imports(path)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_outgrows_a_reading(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 420


def test_the_layers_are_the_folders_the_architecture_page_names():
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for folder in ("core", "formats", "plans", "output", "importers", "commands", "channels"):
        assert (PACKAGE / folder).is_dir()
        assert f"`kexie_cli/{folder}/`" in page
