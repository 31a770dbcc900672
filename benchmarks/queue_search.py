"""Queue search, marks and jump on a generated study of 50,000 responses (issue 17, rater side).

    python benchmarks/queue_search.py [--responses 50000] [--db PATH] [--repeat 5]

Generates the study of benchmarks/ui_latency.py (once; an existing --db is reused), sets 2% of the
answers aside and flags 1%, then times, median of --repeat runs:

- search: ``RatingOperations.search_queue`` for a word in one answer only, and for a word in every
  answer (the whole queue back);
- marks: ``RatingOperations.queue_marks`` (what the flagged / commented / with-feedback filters read);
- queue: ``RatingOperations.queue`` with the skipped status computed in SQL;
- jump: ``MainWindow.jump_to`` on the ready window (offscreen), to item n/2.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(fn, repeat: int) -> float:  # noqa: ANN001
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(runs), 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--responses", type=int, default=50_000)
    ap.add_argument("--db")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "search.db"
    os.environ["XDG_CONFIG_HOME"] = str(Path(tmp.name) / "config")
    from sqlalchemy import select, update

    from reviewer.rating.operations import RatingOperations
    from reviewer.store import open_store
    from reviewer.store.models import Rater, Response, Study

    if not db.exists():
        from ui_latency import generate

        generate(db, args.responses, 12)
        store = open_store(db)
        with store.begin() as s:
            rid = s.scalar(select(Response.id).order_by(Response.id).offset(args.responses // 3).limit(1))
            s.execute(update(Response).where(Response.id == rid).values(text="Watch for bradycardia at night."))
        store.close()
    store = open_store(db)
    ops = RatingOperations(store)
    with store.Session() as s:
        study_id, rater_id = s.scalar(select(Study.id)), s.scalar(select(Rater.id))
    queue = ops.queue(study_id, rater_id).ids
    for i, rid in enumerate(queue[: len(queue) // 50]):  # 2% set aside, half of them flagged
        ops.set_skipped(rater_id, rid, True)
        if i % 2 == 0:
            ops.set_safety_flag(rater_id, rid, True)
    figures = {
        "responses": len(queue),
        "search_one_hit_ms": timed(lambda: ops.search_queue(study_id, rater_id, "bradycardia"), args.repeat),
        "search_all_hit_ms": timed(lambda: ops.search_queue(study_id, rater_id, "emergency"), args.repeat),
        "marks_ms": timed(lambda: ops.queue_marks(rater_id), args.repeat),
        "queue_ms": timed(lambda: ops.queue(study_id, rater_id), args.repeat),
    }
    assert len(ops.search_queue(study_id, rater_id, "bradycardia")) == 1
    assert ops.queue(study_id, rater_id).statuses[queue[0]] == "skipped"

    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow

    app = make_app("en")
    w = MainWindow(ops, study_id, rater_id, "bench")
    w.persist_settings = False
    w.show()
    app.processEvents()
    half = len(queue) // 2

    def jump() -> None:
        w.jump_to(half)
        w.jump_to(1)
        app.processEvents()

    figures["jump_there_and_back_ms"] = timed(jump, args.repeat)
    print(json.dumps(figures, indent=1))
    w.close()
    store.close()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
