"""Driver for the start-up test: opens the app the way ``reviewer gui`` does (``start_window``) in a
fresh process, and at the first paint records what was shown and whether SQLAlchemy was loaded,
then queues a key press (as a rater typing while the store opens). Prints one JSON line at the end.

Usage: python tests/gui_start_driver.py DB SETTINGS_DIR RATER
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(db: str, settings_dir: str, rater: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from reviewer.gui.app import make_app, start_window
    from tests.support.gui import isolate_settings, visible_texts

    isolate_settings(Path(settings_dir))
    app = make_app("en")
    seen: dict = {}

    def painted(w) -> None:  # noqa: ANN001
        seen["sqlalchemy_loaded"] = "sqlalchemy" in sys.modules
        seen["store_open"] = w.store is not None
        seen["current"] = w.current_id
        seen["texts"] = visible_texts(w)
        seen["rows"] = w.model.rowCount()
        seen["status"] = w.statusBar().currentMessage()
        attach = w.attach

        def spy(store) -> None:  # noqa: ANN001
            seen["busy_cursor"] = QApplication.overrideCursor() is not None
            attach(store)

        w.attach = spy
        # a key pressed while the store opens: queued, handled once the window is ready
        QApplication.postEvent(w.active.checklist, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_1,
                                                              Qt.KeyboardModifier.NoModifier, "1"))

    w = start_window(db, rater=rater, interactive=False, on_painted=painted)
    seen["store_open_after"] = w.store is not None
    seen["status_after"] = w.statusBar().currentMessage()
    seen["busy_cursor_after"] = QApplication.overrideCursor() is not None
    for _ in range(5):
        app.processEvents()
    w.close()
    seen["values_after"] = {str(k): v for k, v in w.columns[0].values.items()}
    print(json.dumps(seen, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
