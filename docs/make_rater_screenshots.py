"""Render the rater's screen of issue 17 on the demo study into docs/screenshots/rater_*.png:

    QT_QPA_PLATFORM=offscreen python docs/make_rater_screenshots.py [--out docs/screenshots]

In English and Simplified Chinese: the rater screen at 100% and two Ctrl++ steps (a harmful
criterion, guidance on the focused criterion, evidence highlighted), the queue search, the
guidelines panel (F2) and evidence. The demo study is built in a temporary database (as
docs/make_screenshots.py does) and given guidelines, criterion guidance and one piece of evidence
there. Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

from shots import finish, grab, keys, workspace  # noqa: E402

GUIDELINES = """# Rating guidelines · 评分指南

**Judge the answer a patient would read**, not the style.

1. Read the whole answer before you answer any criterion.
2. A criterion is *met* only when the answer says it clearly; a hint is not enough.
3. Red criteria (negative points) describe harm: answer **present** when the answer does it.
4. Select the words that decide a criterion and press **E**: your reason travels with your rating.

逐条判断前先通读整个回答；只有明确表述才算满足。选中决定判断的原文并按 **E**，作为依据保存。
"""
GUIDANCE = {
    "demo-en-01.c1": "Met only if the answer says to go to the **emergency department now**; "
                     "\"see a doctor\" is not enough.",
    "demo-zh-09.c1": "须给出**具体的每日限盐量**（如少于5克）；只说“少吃盐”不算满足。",
}


def prepare(db: Path) -> None:
    from make_screenshots import prepare as demo
    from sqlalchemy import select, update

    from reviewer.store import open_store
    from reviewer.store.models import Criterion, Study

    demo(db)
    store = open_store(db)
    with store.begin() as s:
        study = s.scalar(select(Study))
        study.settings = {**(study.settings or {}), "guidelines": GUIDELINES}
        for key, text in GUIDANCE.items():
            s.execute(update(Criterion).where(Criterion.key == key).values(guidance=text))
    store.close()


def main() -> int:
    out, _tmp, db, _args = workspace(__doc__)
    prepare(db)

    from make_screenshots import RATER
    from PySide6.QtCore import Qt

    from reviewer.gui.app import build_window, make_app, save_screenshot
    from reviewer.gui.i18n import install_translator

    app = make_app("en")
    written = []

    def shot(w, name: str) -> None:  # noqa: ANN001
        written.append(save_screenshot(w, out / f"{name}.png"))

    def select_words(w, first: int, count: int) -> None:  # noqa: ANN001
        """Select words first..first+count of the rendered answer (as a rater would drag)."""
        body = w.active.response.body
        words = body.toPlainText().split()
        body.setTextCursor(body.document().find(" ".join(words[first:first + count])))

    for lang, query, focus_row in (("en", "button battery", 0), ("zh_CN", "高血压 生活方式", 0)):
        if lang == "zh_CN":
            install_translator(app, "zh_CN")
        w = build_window(str(db), rater=RATER, interactive=False)
        w.persist_settings = False
        w.resize(1600, 960)
        w.show()
        w.activateWindow()
        app.processEvents()
        # search: the queue narrowed to one case's answers
        w.queue_panel.search.setText(query)
        w.run_search()
        app.processEvents()
        undone = [r for r in range(w.model.rowCount()) if w.model.status_of(w.model.response_at(r)) != "submitted"]
        w.select_row(undone[0] if undone else 0)
        app.processEvents()
        shot(w, f"rater_search_{lang}")
        # evidence: words of the answer attached to the focused criterion, highlighted
        w.active.checklist.set_current(focus_row)
        select_words(w, 3, 5) if lang == "en" else select_words(w, 1, 1)
        keys(app, w, Qt.Key.Key_E)
        w.active.checklist.set_current(focus_row)
        shot(w, f"rater_evidence_{lang}")
        # the rater screen at 100% and two Ctrl++ steps
        keys(app, w, Qt.Key.Key_1)
        w.active.checklist.set_current(focus_row)
        for step, name in ((0, "100"), (1, "zoom1"), (1, "zoom2")):
            if step:
                w.zoom(step)
                for _ in range(5):
                    app.processEvents()
            shot(w, f"rater_{lang}_{name}")
        w.zoom(0)
        # the guidelines panel (F2) with the focused criterion's guidance
        w.toggle_guidelines()
        app.processEvents()
        shot(w, f"rater_guidelines_{lang}")
        # the shortcut sheet (F1) and the keyboard preferences, at their own size
        from reviewer.gui.dialogs import ShortcutsDialog
        from reviewer.gui.rater.preferences import KeyPreferences

        for dialog, name in ((ShortcutsDialog(w), "shortcuts"), (KeyPreferences(w), "keyboard")):
            written.append(grab(app, dialog, out / f"rater_{name}_{lang}.png", rounds=5))
            dialog.close()
        w.close()
    finish(written)


if __name__ == "__main__":
    raise SystemExit(main())
