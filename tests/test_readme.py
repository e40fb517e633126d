"""The README's quick-start lines run as written, on a copy of the shipped data."""

import re
import shlex
import shutil

from typer.testing import CliRunner

from kexie_cli.cli import app
from tests.conftest import DATA, REPO


def quick_start() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    block = next(b for b in blocks if b.startswith("kexie "))
    return [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.strip()]


def test_install_lines_come_first():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    assert "pip install -e ." in lines[3] and "kexie report --due 2025.6" in lines[3]
    assert "pip install -e '.[test]'" in lines[4] and "pytest -q" in lines[4]


def test_quick_start_commands_run_as_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    commands = quick_start()
    assert [c[0] for c in commands] == ["check", "list", "report", "progress"]
    for args in commands:
        result = CliRunner().invoke(app, [*args, "--data", str(data)])
        assert result.exit_code == 0, (args, result.output)
        assert result.stderr == ""
