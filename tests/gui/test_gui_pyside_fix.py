"""PySide6 6.12 on Python 3.11 drops a reference to None on each void Qt call; the app protects itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CALLS = ("from PySide6.QtCore import QObject\nobj = QObject()\n"
         "for _ in range(30000):\n    obj.setObjectName('x')\nprint('alive', flush=True)\n")


def _run(prefix: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", prefix + CALLS], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


def test_void_qt_calls_survive_with_the_app_protection():
    proc = _run("import reviewer.gui\n")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "alive" in proc.stdout


def test_the_leak_is_real_here_without_protection():
    from reviewer.gui.pyside_fix import leaks_none

    if sys.version_info >= (3, 12) or not leaks_none():
        pytest.skip("this PySide6/Python pair does not leak references to None")
    proc = _run("")
    assert proc.returncode != 0 and "deallocating None" in proc.stderr


def test_protection_applies_only_where_the_leak_is():
    """A PySide6 without the bug (the pinned one) is left alone: no reference count is touched."""
    code = ("import sys\nimport reviewer.gui  # applies the protection where it is needed\n"
            "from reviewer.gui import pyside_fix\n"
            "print(pyside_fix.leaks_none(), pyside_fix._done, sys.getrefcount(None) > 2**39)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    leaks, did, raised = proc.stdout.split()
    assert did == leaks == raised, proc.stdout
