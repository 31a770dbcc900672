"""Render the adjudication view (Coordinator › Adjudicate…) on the bundled demo study.

    QT_QPA_PLATFORM=offscreen python docs/make_adjudication_screenshots.py [--language zh_CN] [--out PNG]

Builds the demo study in a temporary database, fills gold labels by majority (quorum 2), decides
one item by hand with the keyboard (2 = not met, a reason, Enter) and grabs the coordinator window with
the next open item selected. Default output: docs/screenshots/adjudication.png, or
adjudication_<language>.png. Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install
fonts-noto-cjk``).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def wait(app, predicate, timeout: float = 60.0) -> None:  # noqa: ANN001
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get ready in time")
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--language", default="en")
    ap.add_argument("--out")
    args = ap.parse_args()
    name = "adjudication.png" if args.language == "en" else f"adjudication_{args.language}.png"
    out = Path(args.out or ROOT / "docs" / "screenshots" / name)
    tmp = tempfile.TemporaryDirectory()
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp.name) / "config")  # leave the user's settings alone
    db = Path(tmp.name) / "demo.db"

    from reviewer.store import open_store
    from reviewer.studies.demo import build_demo

    store = open_store(db)
    build_demo(store)
    store.close()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from reviewer.gui.app import build_window, make_app

    app = make_app(args.language)
    w = build_window(str(db), rater="dr-chen", coordinator=True, interactive=False)
    w.persist_settings = False
    view = w.coordinator_ui.open_adjudication()
    wait(app, lambda: view.job.state != "running")
    job = view.run_majority(2)
    wait(app, lambda: job.state != "running")
    wait(app, lambda: view.job.state != "running" and view.items)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_2)
    QTest.keyClicks(view.reason, "Advises before asking anything; the missing context (mood, risk) is never sought.")
    QTest.keyClick(view.reason, Qt.Key.Key_Return)
    row = next(r for r, i in enumerate(view.items) if i.gold and i.gold["method"] == "manual")
    view.table.selectRow(row)  # back to the decision just made: it shows who decided and how
    second = w.coordinator_ui.second
    second.resize(1500, 920)
    second.show()
    for _ in range(10):
        app.processEvents()
    if not second.grab().save(str(out)):
        raise RuntimeError(f"could not write {out}")
    print(out)
    os._exit(0)  # skip Qt teardown in this one-shot script


if __name__ == "__main__":
    raise SystemExit(main())
