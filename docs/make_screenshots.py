"""Render the review app on the bundled demo study into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py [--out docs/screenshots]

Builds the demo study in a temporary database, then, so the pictures show a rater halfway through,
turns the last third of one rater's submitted ratings back into drafts or removes them (only in that
temporary copy). Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import finish, keys, workspace  # noqa: E402

RATER = "dr-chen"


def prepare(db: Path) -> None:
    from sqlalchemy import delete, select

    from reviewer import rating as svc
    from reviewer.store import open_store
    from reviewer.store.models import CriterionRating, Rater, Rating, Study
    from reviewer.studies.demo import build_demo

    store = open_store(db)
    build_demo(store)
    with store.begin() as s:
        study_id = s.scalar(select(Study.id))
        rater_id = s.scalar(select(Rater.id).where(Rater.name == RATER))
        queue = svc.queue_ids(s, study_id, rater_id)
        for i, rid in enumerate(queue[len(queue) * 2 // 3:]):
            rating = s.scalar(select(Rating).where(Rating.rater_id == rater_id, Rating.response_id == rid))
            if rating is None:
                continue
            if i % 3 == 0:
                rating.status = "draft"
                rating.submitted_at = None
            else:
                s.execute(delete(CriterionRating).where(CriterionRating.rating_id == rating.id))
                s.delete(rating)
    store.close()


def main() -> int:
    out, _tmp, db, _args = workspace(__doc__)
    prepare(db)

    from PySide6.QtCore import Qt

    from reviewer.gui.app import build_window, make_app, save_screenshot
    from reviewer.gui.i18n import install_translator

    app = make_app("en")

    def window(coordinator: bool = False):  # noqa: ANN202
        w = build_window(str(db), rater=RATER, coordinator=coordinator, interactive=False)
        w.persist_settings = False
        w.resize(1600, 960)
        w.show()
        w.activateWindow()
        app.processEvents()
        return w

    # 1. the work queue: a rater two thirds through, statuses coloured
    w = window()
    w.select_row(len(w.model.ids()) * 2 // 3 - 2)
    save_screenshot(w, out / "queue.png")
    # 2. the review view: next unrated, a few criteria answered, reference answer open
    keys(app, w, Qt.Key.Key_U, Qt.Key.Key_1, Qt.Key.Key_1, Qt.Key.Key_2)
    w.case_pane.ref_toggle.setChecked(True)
    save_screenshot(w, out / "review.png")
    # 3. side by side: two answers to the same case, each with its checklist
    keys(app, w, Qt.Key.Key_B)
    save_screenshot(w, out / "side_by_side.png")
    w.close()
    # 4. coordinator mode: other raters and the judge beside the rater's own answers
    c = window(coordinator=True)
    c.select_row(1)
    save_screenshot(c, out / "coordinator.png")
    c.close()
    # 5. another program holds the database locked past the busy timeout: the answer is not kept, and says so
    import sqlite3

    os.environ["REVIEWER_BUSY_TIMEOUT_MS"] = "200"
    k = window()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    keys(app, k, Qt.Key.Key_U, Qt.Key.Key_3)
    save_screenshot(k, out / "review_database_locked.png")
    holder.execute("ROLLBACK")
    holder.close()
    k.close()
    os.environ.pop("REVIEWER_BUSY_TIMEOUT_MS")
    # 6. the same review view in Simplified Chinese
    install_translator(app, "zh_CN")
    z = window()
    keys(app, z, Qt.Key.Key_U, Qt.Key.Key_1, Qt.Key.Key_3)
    save_screenshot(z, out / "review_zh_CN.png")
    finish(out / f"{name}.png" for name in ("queue", "review", "side_by_side", "coordinator",
                                            "review_database_locked", "review_zh_CN"))


if __name__ == "__main__":
    raise SystemExit(main())
