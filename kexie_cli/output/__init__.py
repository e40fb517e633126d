"""One dispatch from an output format to its renderer.

Each renderer writes a `View` to a text stream. Renderers are imported only when used, so
`--format json` never loads Rich. A new format is one entry here (module, function).
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import TextIO

from kexie_cli.output.views import View

RENDERERS: dict[str, tuple[str, str]] = {
    "table": ("kexie_cli.output.table", "write_table"),
    "json": ("kexie_cli.output.text", "write_json"),
    "csv": ("kexie_cli.output.text", "write_csv"),
    "tsv": ("kexie_cli.output.text", "write_tsv"),
    "md": ("kexie_cli.output.text", "write_markdown"),
}


def render(view: View, fmt: str = "table", out: TextIO | None = None) -> None:
    """Write the view in that format (default: a Rich table) to `out` (default: stdout)."""
    module, function = RENDERERS[fmt]
    getattr(import_module(module), function)(view, out or sys.stdout)
