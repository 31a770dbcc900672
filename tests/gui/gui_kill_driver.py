"""Driver for the SIGKILL test: opens the app offscreen on DB, makes changes through the widgets,
prints "saved <state>" after each change the app reports saved, then waits to be killed.

Usage: python tests/gui_kill_driver.py DB SETTINGS_DIR
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.support.gui import isolate_settings  # noqa: E402


def main(db: str, settings_dir: str) -> None:
    isolate_settings(Path(settings_dir))
    from reviewer.gui.app import make_app, start_window

    app = make_app("en")
    w = start_window(db, rater="alice", interactive=False)  # as `reviewer gui` opens it
    w.show()
    w.activateWindow()
    for _ in range(20):
        app.processEvents()
        if w.isActiveWindow():
            break
        time.sleep(0.02)
    col = w.active

    def report(_state) -> None:  # noqa: ANN001
        print("saved " + json.dumps({"response": col.item.response_id,
                                     "values": {str(k): v for k, v in col.values.items()},
                                     "overall": col.overall, "safety": col.safety_flag,
                                     "comment": col.form.comment.toPlainText()}), flush=True)

    col.saved.connect(report)
    target = col.checklist
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        QTest.keyClick(target, key)
    QTest.keyClick(target, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(target, Qt.Key.Key_S)
    QTest.keyClick(target, Qt.Key.Key_C)
    QTest.keyClicks(col.form.comment, "kill me")
    QTest.keyClick(col.form.comment, Qt.Key.Key_Escape)
    print("done", flush=True)
    while True:  # wait to be killed
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
