"""The layers of DESIGN.md hold: Qt widgets only in reviewer/gui, no torch at start-up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "reviewer"
WIDGETS = re.compile(r"from PySide6(\.QtWidgets| import .*QtWidgets)|import PySide6\.QtWidgets")


def test_qt_widgets_only_in_gui() -> None:
    leaks = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "gui" not in path.relative_to(PACKAGE).parts[:1] and WIDGETS.search(path.read_text("utf-8"))
    ]
    assert leaks == []


def test_pure_helpers_import_no_qt_or_database() -> None:
    for folder in ("stats",):
        paths = sorted((PACKAGE / folder).rglob("*.py"))
        assert paths, f"no reviewer/{folder} package to check"  # a renamed folder must not pass unchecked
        for path in paths:
            source = path.read_text("utf-8")
            assert "PySide6" not in source, path
            assert "sqlalchemy" not in source.lower(), path


def test_cli_start_up_imports_no_torch_no_qt_no_sqlalchemy() -> None:
    """Parsing argv stays light: `reviewer gui` paints its first screen before SQLAlchemy is loaded."""
    code = (
        "import sys\n"
        "from reviewer.cli.main import build_parser\n"
        "build_parser()\n"
        "heavy = sorted(m for m in ('torch', 'transformers', 'PySide6.QtWidgets', 'vllm', 'pandas', 'matplotlib',"
        " 'sqlalchemy') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(lint), "--no-cache"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=120)


def test_import_contracts_catch_a_forbidden_import(tmp_path: Path) -> None:
    """The contracts in pyproject.toml (run by .ci/run) hold here, and a temporary copy of the
    package with one forbidden import (an ORM model in a GUI module) fails them, naming that import."""
    shutil.copytree(PACKAGE, tmp_path / "reviewer", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE.parent / "pyproject.toml", tmp_path / "pyproject.toml")
    clean = _lint_imports(tmp_path)
    assert clean.returncode == 0, clean.stdout[-3000:] + clean.stderr[-2000:]
    dialogs = tmp_path / "reviewer" / "gui" / "dialogs.py"
    dialogs.write_text(dialogs.read_text("utf-8") + "\nfrom reviewer.store.models import Case  # noqa: E402,F401\n",
                       "utf-8")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "reviewer.gui.dialogs -> reviewer.store.models" in broken.stdout, broken.stdout[-3000:]
    assert "BROKEN" in broken.stdout
