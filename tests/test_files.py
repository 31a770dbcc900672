"""reviewer.files: outputs land whole or not at all, and spreadsheet text cannot run as a formula."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reviewer.files import atomic_path, atomic_write, spreadsheet_text, spreadsheet_text_undone


def test_formula_starts_get_an_apostrophe_and_numbers_pass_unchanged() -> None:
    for text in ("=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-5 mg", "@SUM(A1:A9)",
                 "\tx", "\rx"):
        assert spreadsheet_text(text) == "'" + text
        assert spreadsheet_text_undone(spreadsheet_text(text)) == text
    for plain in ("aspirin", "5 mg", "", "'quoted", "a=b"):
        assert spreadsheet_text(plain) == plain
        assert spreadsheet_text_undone(plain) == plain
    for number in (-5, -0.5, 3, None, True):
        assert spreadsheet_text(number) is number


def test_a_writer_that_fails_midway_leaves_no_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with pytest.raises(OSError, match="disk full"), atomic_write(target) as handle:
        handle.write("a,b\r\n" * 1000)
        raise OSError(28, "disk full")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rewrite_keeps_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old report")
    with pytest.raises(RuntimeError), atomic_path(target) as temp:
        assert temp.parent == tmp_path and temp.suffix == ".xlsx" and temp.exists()
        temp.write_bytes(b"half of a new")
        raise RuntimeError("writer crashed")
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"]


def test_a_finished_write_replaces_the_target_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "export.jsonl"
    target.write_text("old\n", "utf-8")
    with atomic_write(target) as handle:
        handle.write("new\n")
        assert target.read_text("utf-8") == "old\n"  # nothing visible until the block ends
    assert target.read_text("utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.jsonl"]
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_missing_folder_names_the_file_asked_for(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as caught, atomic_write(tmp_path / "gone" / "x.csv"):
        pass
    assert caught.value.filename == str(tmp_path / "gone" / "x.csv")


def test_a_read_only_folder_is_an_error_before_anything_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        with pytest.raises(PermissionError) as caught, atomic_write(folder / "x.csv") as handle:
            handle.write("never")
        assert caught.value.filename == str(folder / "x.csv")  # the file asked for, not the temporary one
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
