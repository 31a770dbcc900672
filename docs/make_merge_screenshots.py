"""Render the coordinator's merge report into docs/screenshots/: a return merged (with a conflict
and the backup), then an older return of the same pack merged after it (nothing changed, no backup).

    QT_QPA_PLATFORM=offscreen python docs/make_merge_screenshots.py [--out docs/screenshots]

Uses the bundled demo study in a temporary database and real pack / return / merge calls.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import finish, grab, workspace  # noqa: E402

RATER = "dr-chen"


def main() -> int:
    out, tmp, db, _args = workspace(__doc__, keep=True, prefix="merge-shots-")  # kept: the report names the backup in it

    from sqlalchemy import select

    from reviewer.reviewfiles import merge_return_files, open_review_file, pack_review_file, write_return_file
    from reviewer.store import open_store
    from reviewer.store.models import Rater, Rating
    from reviewer.studies.demo import build_demo

    store = open_store(db)
    build_demo(store)
    rvw = tmp / "chen.rvw"
    pack_review_file(store, RATER, rvw)
    work, _ = open_review_file(rvw)
    with work.begin() as s:
        rid = s.scalar(select(Rater.id).where(Rater.name == RATER))
        first, second = s.scalars(select(Rating).where(Rating.rater_id == rid).order_by(Rating.id).limit(2))
        first.comment = "early look"
    write_return_file(rvw, tmp / "chen-monday.rvr")
    with work.begin() as s:
        s.get(Rating, first.id).comment = "changed offline on Tuesday"
        s.get(Rating, second.id).comment = "changed offline on Tuesday"
    work.close()
    write_return_file(rvw, tmp / "chen-tuesday.rvr")
    with store.begin() as s:  # the coordinator changed one of them meanwhile: a conflict
        s.scalar(select(Rating).where(Rating.uid == second.uid)).comment = "coordinator's fix"
    merged = merge_return_files(store, [tmp / "chen-tuesday.rvr"], actor="coordinator")
    older = merge_return_files(store, [tmp / "chen-monday.rvr"], actor="coordinator")
    store.close()

    from reviewer.gui.app import make_app
    from reviewer.gui.coordinator.reviewfile_actions import MergeReportDialog

    app = make_app("en")
    for report, name in ((merged, "merge_report.png"), (older, "merge_report_older.png")):
        print(grab(app, MergeReportDialog(report), out / name, 900, 380))
    finish()


if __name__ == "__main__":
    raise SystemExit(main())
