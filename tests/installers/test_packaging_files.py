"""Installer pieces that can be checked without building a bundle: the desktop entry and MIME type,
the icon, the PyInstaller spec, the frozen entry script and the screenshot checker.

(The bundle itself is built and smoke-tested by packaging/build_linux.sh; the wheel by
tests/installers/test_wheel_install.py.)
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import zlib
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _load(name: str) -> ModuleType:
    # packaging/ is not a Python package (its name would shadow the PyPI "packaging"): load by path
    spec = importlib.util.spec_from_file_location(f"_pack_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "reviewer.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _mime_type() -> ElementTree.Element:
    root = ElementTree.parse(PACKAGING / "reviewer-mime.xml").getroot()
    return root.find(f"{MIME_NS}mime-type")


def test_desktop_entry_opens_review_files() -> None:
    entry = _desktop()
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Exec"].split()[0] == "reviewer" and "%f" in entry["Exec"].split()
    assert entry["Icon"] == "reviewer"
    assert entry["Categories"].endswith(";") and entry["MimeType"].endswith(";")
    assert _mime_type().get("type") in entry["MimeType"].rstrip(";").split(";")


def test_mime_type_claims_rvw() -> None:
    mime = _mime_type()
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == ["*.rvw"]
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/zip"


def test_mime_database_accepts_definition(tmp_path: Path) -> None:
    tool = shutil.which("update-mime-database")
    if tool is None:
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    (tmp_path / "packages").mkdir()
    shutil.copy(PACKAGING / "reviewer-mime.xml", tmp_path / "packages" / "reviewer.xml")
    subprocess.run([tool, str(tmp_path)], check=True, capture_output=True)
    assert "application/x-reviewer-review:*.rvw" in (tmp_path / "globs2").read_text()


def test_icon_svg_and_png() -> None:
    svg = ElementTree.parse(ROOT / "resources" / "icons" / "reviewer.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"
    check = _load("check_png")
    width, height, rows, bpp = check.read_png(ROOT / "resources" / "icons" / "reviewer.png")
    assert (width, height) == (256, 256) and bpp == 4
    assert check.distinct_colours(rows, bpp, step=3) > 20


def _flat_png(path: Path, width: int, height: int) -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_check_png_rejects_flat_and_tiny(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    check = _load("check_png")
    flat = tmp_path / "flat.png"
    _flat_png(flat, 120, 90)
    assert check.main([str(flat), "--min-bytes", "0", "--min-width", "100", "--min-height", "80"]) == 1
    assert "flat colour" in capsys.readouterr().err
    assert check.main([str(tmp_path / "missing.png")]) == 1
    assert check.main([str(ROOT / "resources" / "icons" / "reviewer.png"), "--min-width", "64",
                       "--min-height", "64", "--min-bytes", "1000"]) == 0


def test_spec_excludes_heavy_and_foreign_packages() -> None:
    text = (PACKAGING / "reviewer-rater.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    excludes = next(ast.literal_eval(node.value) for node in ast.walk(tree)
                    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "EXCLUDES")
    for name in ("torch", "transformers", "vllm", "PyQt5", "PyQt6", "PySide2"):
        assert name in excludes
    assert "PySide6" not in excludes and "sqlalchemy" not in excludes
    assert '(str(ROOT / "db"), "db")' in text and '(str(ROOT / "resources"), "resources")' in text
    assert "rater_entry.py" in text


def test_frozen_entry_maps_double_click_and_opened_files() -> None:
    entry = _load("rater_entry")
    assert entry.frozen_argv([]) == ["gui"]
    assert entry.frozen_argv(["/home/dr/Share A.rvw"]) == ["gui", "/home/dr/Share A.rvw"]
    assert entry.frozen_argv(["--version"]) == ["--version"]
    assert entry.frozen_argv(["status", "--json"]) == ["status", "--json"]
