"""A real full disk (a small tmpfs mounted for the test; skipped where mounting is not allowed):
exports, reports and checklist exports end with one line naming the file and "disk is full",
exit 2, and leave no partial file and no temporary file behind (issue 15)."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from reviewer.cli.main import main
from tests.support.db import copy_database


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 512 KiB tmpfs whose every byte is taken by one filler file."""
    folder = tmp_path / "full"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root): no full disk to try")
    try:
        with (folder / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.mark.parametrize("argv", [
    ["export", "cases", "-o", "{dir}/cases.csv"],
    ["export", "ratings", "-o", "{dir}/ratings.jsonl"],
    ["report", "-o", "{dir}/report.xlsx", "--bootstrap", "5", "--quiet"],
    ["report", "-o", "{dir}/report.csv", "--bootstrap", "5", "--quiet"],
    ["checklist", "export", "-o", "{dir}/checklists.jsonl", "--format", "healthbench"],
])
def test_an_output_on_a_full_disk_is_one_line_and_no_file(argv: list[str], full_folder: Path, demo_template: Path,
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = copy_database(demo_template, tmp_path / "study.db")
    args = [a.replace("{dir}", str(full_folder)) for a in argv]
    capsys.readouterr()
    assert main(["--db", str(db), *args]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [lines[-1]] and lines[0].startswith("reviewer: error: "), err
    assert "disk is full" in lines[0] and str(full_folder) in lines[0]
    assert sorted(p.name for p in full_folder.iterdir()) == ["filler"]
