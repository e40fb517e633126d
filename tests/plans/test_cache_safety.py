"""The cache never runs code and never hangs (issue 30): an entry is read only from a regular
file in a folder that are both this user's and writable by no one else, and then only as
kexie's own records; anything else is passed over and the plan read anew."""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kexie_cli.cli import app
from kexie_cli.plans import cache
from tests.sample_plans import sample_data

runner = CliRunner()


class _Payload:
    """A pickle that, when loaded, creates the marker file: code run by unpickling."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _forge(entry: Path, marker: Path) -> None:
    body = pickle.dumps((cache.FORMAT, _Payload(marker)), protocol=5)
    entry.write_bytes(zlib.adler32(body).to_bytes(4, "little") + body)


@pytest.fixture
def setup(tmp_path, monkeypatch):
    data = sample_data(tmp_path)
    folder = tmp_path / "shared-cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("KEXIE_CACHE", str(folder))
    monkeypatch.setattr(cache, "_read", {})
    entry = cache.entry_path(data / "2025_tasks.yaml")
    return data, folder, entry, tmp_path / "marker"


def _list(data: Path) -> None:
    result = runner.invoke(app, ["list", "--data", str(data), "--as-of", "2025-06-30"])
    assert result.exit_code == 0, result.output
    assert "组织党组会学习" in result.stdout  # the plan, read anew


def test_a_forged_entry_in_a_folder_others_can_write_runs_no_code(setup) -> None:
    data, folder, entry, marker = setup
    _forge(entry, marker)
    folder.chmod(0o770)  # a shared KEXIE_CACHE: the group may write
    _list(data)
    assert not marker.exists()
    assert entry.read_bytes()[4:5] == b"\x80"  # left as it was: nothing cached in such a folder


def test_a_forged_entry_others_can_write_runs_no_code(setup) -> None:
    data, _, entry, marker = setup
    _forge(entry, marker)
    entry.chmod(0o666)
    _list(data)
    assert not marker.exists()


def test_a_forged_entry_in_the_user_s_own_folder_runs_no_code_either(setup) -> None:
    """Even an entry the user's own account wrote is read as kexie's records only."""
    data, _, entry, marker = setup
    _forge(entry, marker)
    pickle.loads(entry.read_bytes()[4:])  # the payload is live: the standard unpickler runs it
    assert marker.exists()
    marker.unlink()
    _list(data)
    assert not marker.exists()


def test_an_entry_that_is_a_fifo_does_not_hang_a_command(setup) -> None:
    data, _, entry, _ = setup
    os.mkfifo(entry)
    _list(data)


def test_an_entry_that_links_to_dev_zero_does_not_fill_the_memory(setup) -> None:
    data, _, entry, _ = setup
    entry.symlink_to("/dev/zero")
    _list(data)
    assert not entry.is_symlink() and entry.is_file()  # rebuilt in its place, not through it
