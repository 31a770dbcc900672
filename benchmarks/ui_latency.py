"""UI latency of the review app on a generated study of 50,000 responses x 12 criteria.

    python benchmarks/ui_latency.py [--responses 50000] [--criteria 12] [--db PATH] [--keep]

Generates the study with SQLAlchemy Core bulk inserts (once; an existing --db is reused), then starts
the app in a fresh process (offscreen) and measures, against the issue's targets:

- window shown: from launching the process to the main window shown with the first response open
  (interpreter start and imports included), target <= 1.5 s;
- next response: Shift+N until the next response is shown and painted, p95 <= 50 ms;
- criterion change saved: a key press answering a criterion until its transaction has committed
  (SQLite WAL, synchronous=FULL), p95 <= 10 ms;
- memory: resident set size after the run, <= 400 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"window_shown_s": 1.5, "next_response_p95_ms": 50.0, "criterion_saved_p95_ms": 10.0,
           "rss_mb": 400.0}


def generate(db: Path, responses: int, criteria: int, per_case: int = 4) -> None:
    """A study with responses/per_case cases, *criteria* criteria each, *per_case* answers each."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import insert, select

    from reviewer.store import open_store
    from reviewer.store.models import (
        Case,
        ChecklistVersion,
        Criterion,
        Model,
        Rater,
        Response,
        new_uid,
        utcnow,
    )
    from reviewer.studies import create_study

    store = open_store(db)
    n_cases = responses // per_case
    now = utcnow()
    common = {"created_at": now, "updated_at": now}
    with store.begin() as s:
        study = create_study(s, "latency")
        models = [Model(study_id=study.id, name=f"model-{i}") for i in range(per_case)]
        s.add_all(models)
        s.add(Rater(name="bench", display_name="Bench"))
        s.flush()
        model_ids = [m.id for m in models]
        s.execute(insert(Case), [
            {"uid": new_uid(), "study_id": study.id, "source": "bench", "external_id": f"c{i}",
             "title": f"Case {i}: chest pain after exercise", "category": f"area {i % 7} / sub {i % 3}",
             "turns": [{"role": "user", "content": f"Question {i}: what should I do about **chest pain**?"}],
             "reference_answer": "See a doctor.", "tags": [], "meta": {}, "content_hash": "", **common}
            for i in range(n_cases)])
        case_ids = list(s.scalars(select(Case.id).where(Case.study_id == study.id).order_by(Case.id)))
        s.execute(insert(ChecklistVersion), [
            {"uid": new_uid(), "case_id": cid, "version": 1, "author": "", "reason": "", **common}
            for cid in case_ids])
        cl_ids = dict(s.execute(select(ChecklistVersion.case_id, ChecklistVersion.id)).all())
        s.execute(insert(Criterion), [
            {"uid": new_uid(), "checklist_version_id": cl_ids[cid], "key": f"k{j}", "position": j,
             "text": f"Mentions point {j} of the guideline for this presentation", "points": float(j % 5 + 1),
             "tier": "core" if j < 4 else "secondary", "tags": [], **common}
            for cid in case_ids for j in range(criteria)])
        s.execute(insert(Response), [
            {"uid": new_uid(), "case_id": cid, "model_id": model_ids[k], "external_id": f"r{cid}-{k}",
             "sample_index": 0, "text": f"Answer {k} to case {cid}. Rest, and call emergency services "
             "if the pain lasts more than a few minutes.\n\n- point one\n- point two",
             "blind_label": "ABCD"[k], "settings": {}, "content_hash": "", **common}
            for cid in case_ids for k in range(per_case)])
    store.close()


def child(db: str, launched: float, samples: int) -> None:
    """Runs in the measured process: start the app, then time navigation and saves."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from reviewer.gui.app import build_window, make_app

    app = make_app("en")
    w = build_window(db, rater="bench", interactive=False)
    w.persist_settings = False
    w.resize(1600, 960)
    w.show()
    w.activateWindow()
    app.processEvents()
    shown = time.time() - launched
    for _ in range(20):
        if w.isActiveWindow():
            break
        app.processEvents()
        time.sleep(0.01)

    def timed(action) -> float:  # noqa: ANN001
        t = time.perf_counter()
        action()
        app.processEvents()  # layout and paint of what changed
        return (time.perf_counter() - t) * 1000

    nexts = [timed(lambda: QTest.keyClick(w.active.checklist, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier))
             for _ in range(samples)]
    saves: list[float] = []
    keys = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
    for i in range(samples):
        if i and i % 12 == 0:
            QTest.keyClick(w.active.checklist, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
            app.processEvents()
        before = w.active.status
        t = time.perf_counter()
        QTest.keyClick(w.active.checklist, keys[i % 3])  # returns after the commit (synchronous write)
        saves.append((time.perf_counter() - t) * 1000)
        assert w.active.status in ("draft", "submitted"), before
    rss_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
    print(json.dumps({"shown": shown, "nexts": nexts, "saves": saves, "rss_mb": rss_kb / 1024,
                      "queue": len(w.model.ids())}), flush=True)
    os._exit(0)  # skip Qt's teardown: only the figures matter here


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--responses", type=int, default=50_000)
    ap.add_argument("--criteria", type=int, default=12)
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--db", default=None, help="database to create (or reuse when it exists)")
    ap.add_argument("--child", nargs=2, metavar=("DB", "LAUNCHED"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), args.samples)
        return 0
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "latency.db"
    if not db.exists():
        t = time.perf_counter()
        generate(db, args.responses, args.criteria)
        print(f"generated {args.responses:,} responses x {args.criteria} criteria in "
              f"{time.perf_counter() - t:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(Path(tmp.name) / "config"))
    launched = time.time()
    out = subprocess.run([sys.executable, __file__, "--samples", str(args.samples), "--child", str(db),
                          repr(launched)], env=env, capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout.strip():
        print(out.stderr[-3000:], file=sys.stderr)
        return 2
    data = json.loads(out.stdout.strip().splitlines()[-1])
    figures = {
        "window_shown_s": data["shown"],
        "next_response_p95_ms": pct(data["nexts"], 95),
        "criterion_saved_p95_ms": pct(data["saves"], 95),
        "rss_mb": data["rss_mb"],
    }
    print(f"queue: {data['queue']:,} responses")
    print(f"window shown after start    {figures['window_shown_s']:8.2f} s   (target <= 1.5 s)")
    print(f"next response      p50/p95  {pct(data['nexts'], 50):8.1f} / {figures['next_response_p95_ms']:.1f} ms"
          "   (target p95 <= 50 ms)")
    print(f"criterion saved    p50/p95  {pct(data['saves'], 50):8.1f} / {figures['criterion_saved_p95_ms']:.1f} ms"
          "   (target p95 <= 10 ms)")
    print(f"memory (RSS)                {figures['rss_mb']:8.0f} MB  (target <= 400 MB)")
    ok = all(figures[k] <= TARGETS[k] for k in TARGETS)
    print("all targets met" if ok else "targets missed: " + ", ".join(k for k in TARGETS if figures[k] > TARGETS[k]))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
