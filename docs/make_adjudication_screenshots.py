"""Render the adjudication view (Coordinator › Adjudicate…) on the bundled demo study.

    QT_QPA_PLATFORM=offscreen python docs/make_adjudication_screenshots.py [--language zh_CN] [--out PNG]

Builds the demo study in a temporary database, fills gold labels by majority (quorum 2), decides
one item by hand with the keyboard (2 = not met, a reason, Enter) and grabs the coordinator window with
the next open item selected. Default output: docs/screenshots/adjudication.png, or
adjudication_<language>.png. Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install
fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import finish, grab, wait, workspace  # noqa: E402


def main() -> int:
    out, _tmp, db, args = workspace(
        __doc__, lambda a: "adjudication.png" if a.language == "en" else f"adjudication_{a.language}.png",
        options=lambda ap: ap.add_argument("--language", default="en"))

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
    wait(app, lambda: view.job.state != "running", 60)
    job = view.run_majority(2)
    wait(app, lambda: job.state != "running", 60)
    wait(app, lambda: view.job.state != "running" and view.items, 60)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_2)
    QTest.keyClicks(view.reason, "Advises before asking anything; the missing context (mood, risk) is never sought.")
    QTest.keyClick(view.reason, Qt.Key.Key_Return)
    row = next(r for r, i in enumerate(view.items) if i.gold and i.gold["method"] == "manual")
    view.table.selectRow(row)  # back to the decision just made: it shows who decided and how
    print(grab(app, w.coordinator_ui.second, out, 1500, 920, rounds=10))
    finish()


if __name__ == "__main__":
    raise SystemExit(main())
