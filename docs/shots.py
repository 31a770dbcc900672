"""What the screenshot scripts docs/make_*.py share: the command line and a scratch folder
(``workspace``), showing a widget at a size and saving it (``show``, ``grab``), waiting for a
background job (``wait``, ``analyse``), pressing keys on the rater's checklist (``keys``) and leaving
without Qt's teardown (``finish``).

The scripts import it as ``from shots import ...``: run as ``python docs/make_X.py``, docs/ is the
first entry of ``sys.path``. Qt is imported only inside ``keys``, so a script may call ``workspace``
before it imports the app.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"

_held: list[tempfile.TemporaryDirectory] = []  # alive while the script runs


class Workspace(NamedTuple):
    out: Path  # the folder the pictures go to, or the one file (``default_name`` given)
    tmp: Path  # a scratch folder for the demo database, models, review files
    db: Path  # tmp / "demo.db" (not created)
    args: argparse.Namespace


def workspace(description: str | None, default_name: str | Callable[[argparse.Namespace], str] | None = None,
              *, options: Callable[[argparse.ArgumentParser], None] | None = None,
              keep: bool = False, prefix: str | None = None) -> Workspace:
    """Parse the command line (``--out`` and what ``options`` adds) and make a scratch folder.

    Without ``default_name`` ``--out`` is a folder (default docs/screenshots/, created); with it
    ``--out`` is one file, by default docs/screenshots/<default_name> (a callable gets the parsed
    arguments). The scratch folder is a ``TemporaryDirectory`` held until the script ends, or with
    ``keep`` a ``mkdtemp`` folder left behind. ``XDG_CONFIG_HOME`` points into it, so the app's
    settings of the user running the script are left alone."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    if default_name is None:
        ap.add_argument("--out", default=str(SCREENSHOTS), help="folder for the pictures")
    else:
        ap.add_argument("--out", help="the picture to write")
    if options is not None:
        options(ap)
    args = ap.parse_args()
    if default_name is None:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
    else:
        name = default_name(args) if callable(default_name) else default_name
        out = Path(args.out or SCREENSHOTS / name)
        out.parent.mkdir(parents=True, exist_ok=True)
    if keep:
        tmp = Path(tempfile.mkdtemp(prefix=prefix))
    else:
        held = tempfile.TemporaryDirectory(prefix=prefix)
        _held.append(held)
        tmp = Path(held.name)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # leave the user's settings alone
    return Workspace(out, tmp, tmp / "demo.db", args)


def show(app: Any, widget: Any, width: int | None = None, height: int | None = None, *, rounds: int = 8) -> None:
    """Resize ``widget`` (``height`` None: its size hint's height; ``width`` None: its own size),
    show it and let Qt lay it out and paint it."""
    if width is not None:
        widget.resize(width, height or widget.sizeHint().height())
    widget.show()
    for _ in range(rounds):
        app.processEvents()


def grab(app: Any, widget: Any, path: Path, width: int | None = None, height: int | None = None, *,
         rounds: int = 8) -> Path:
    """``show`` the widget, save its picture to ``path`` and return ``path``; raise if not written."""
    show(app, widget, width, height, rounds=rounds)
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    return path


def wait(app: Any, predicate: Callable[[], Any], timeout: float = 120.0) -> None:
    """Process Qt events until ``predicate()`` is true; ``TimeoutError`` after ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents()
        time.sleep(0.02)


def analyse(app: Any, view: Any, n_boot: int) -> None:
    """Run the Agreement view's analysis with ``n_boot`` bootstrap draws and wait for it; raise
    unless it finished."""
    view.n_boot.setValue(n_boot)
    job = view.analyse()
    wait(app, lambda: job.state != "running")
    if job.state != "done":
        raise RuntimeError(f"analysis {job.state}: {job.error}")


def keys(app: Any, window: Any, *seq: Any) -> None:
    """Press keys on the rater window's checklist, each a key or a ``(key, modifiers)`` pair."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for k in seq:
        mod = Qt.KeyboardModifier.NoModifier
        if isinstance(k, tuple):
            k, mod = k
        QTest.keyClick(window.active.checklist, k, mod)
    app.processEvents()


def finish(written: Iterable[Path] = ()) -> None:
    """Print the paths written and end the process, skipping Qt's teardown (a one-shot script)."""
    for path in written:
        print(path)
    sys.stdout.flush()
    os._exit(0)
