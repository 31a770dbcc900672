"""UI latency of the review app on a generated study of 50,000 responses x 12 criteria.

    python benchmarks/ui_latency.py [--responses 50000] [--criteria 12] [--db PATH] [--keep]

Generates the study with SQLAlchemy Core bulk inserts (once; an existing --db is reused), then starts
the app in a fresh process (offscreen) and measures, against the issue's targets:

- window shown: from launching the process to the main window shown and painted with the first
  response open (interpreter start and imports included), target <= 1.5 s. The app paints its first
  screen before SQLAlchemy is imported (reviewer.rating.first_screen); "ready" is printed too: the moment
  the store is attached and a key press is handled (keys pressed before wait in Qt's queue);
- next response: Shift+N until the next response is shown and painted, p95 <= 50 ms (each step
  after the previous response has been on screen for READ_MS, as a rater reads it; the app uses
  that idle time to prefetch the next response);
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
READ_MS = 100  # a rater looks at a response at least this long before moving on
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
    from reviewer.studies.lookup import create_study

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

    from reviewer.cli.main import build_parser

    build_parser()  # what `reviewer gui` does first: the command modules are imported to parse argv
    from reviewer.gui.app import make_app, start_window

    app = make_app("en")
    marks: dict[str, float] = {}

    def painted(window) -> None:  # noqa: ANN001
        marks["shown"], marks["shown_cpu"] = time.time() - launched, time.process_time()
        marks["sqlalchemy_at_paint"] = float("sqlalchemy" in sys.modules)
        marks["first_id"] = float(window.current_id or 0)

    w = start_window(db, rater="bench", interactive=False, on_painted=painted)
    w.persist_settings = False
    ready = time.time() - launched
    shown, shown_cpu = marks["shown"], marks["shown_cpu"]
    assert marks["first_id"] == w.model.ids()[0], "the first screen showed another response"
    w.resize(1600, 960)
    w.activateWindow()
    app.processEvents()
    for _ in range(20):
        if w.isActiveWindow():
            break
        app.processEvents()
        time.sleep(0.01)

    cpu: dict[str, list[float]] = {"nexts": [], "saves": []}

    def timed(kind: str, action) -> float:  # noqa: ANN001
        t, c = time.perf_counter(), time.process_time()
        action()
        if kind == "nexts":
            app.processEvents()  # layout and paint of the new response
        cpu[kind].append((time.process_time() - c) * 1000)
        return (time.perf_counter() - t) * 1000

    def idle(ms: int) -> None:
        """The rater reads: the event loop runs (timers such as the next-item prefetch fire)."""
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)

    nexts = []
    for _ in range(samples):
        idle(READ_MS)
        nexts.append(timed("nexts", lambda: QTest.keyClick(w.active.checklist, Qt.Key.Key_N,
                                                           Qt.KeyboardModifier.ShiftModifier)))
    saves: list[float] = []
    keys = {"met": Qt.Key.Key_1, "not_met": Qt.Key.Key_2, "na": Qt.Key.Key_3}
    order = ("met", "not_met", "na")
    writes: list[object] = []
    w.columns[0].saved.connect(writes.append)
    for i in range(samples):
        if i and i % 12 == 0:
            QTest.keyClick(w.active.checklist, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
        app.processEvents()
        checklist = w.active.checklist
        current = checklist.rows[checklist.current].value
        key = keys[next(v for v in order[i % 3:] + order if v != current)]  # always a real change
        # the key press returns after the rating's transaction has committed (synchronous write)
        saves.append(timed("saves", lambda k=key, c=checklist: QTest.keyClick(c, k)))
    assert len(writes) >= samples, f"{len(writes)} writes for {samples} key presses"
    rss_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS"))
    print(json.dumps({"shown": shown, "shown_cpu": shown_cpu, "ready": ready,
                      "sqlalchemy_at_paint": bool(marks["sqlalchemy_at_paint"]), "nexts": nexts, "saves": saves,
                      "nexts_cpu": cpu["nexts"], "saves_cpu": cpu["saves"], "rss_mb": rss_kb / 1024,
                      "queue": len(w.model.ids())}), flush=True)
    os._exit(0)  # skip Qt's teardown: only the figures matter here


def fsync_ms(folder: Path, n: int = 40) -> list[float]:
    """How long this disk takes to sync a small write: the floor under any durable save."""
    path = folder / "fsync-probe.bin"
    out = []
    with open(path, "wb") as f:
        for _ in range(n):
            f.write(b"x" * 4096)
            f.flush()
            t = time.perf_counter()
            os.fsync(f.fileno())
            out.append((time.perf_counter() - t) * 1000)
    path.unlink()
    return out


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
    load = os.getloadavg()[0]
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
    print(f"queue: {data['queue']:,} responses; load average before the run: {load:.1f} "
          f"on {os.cpu_count()} CPUs (wall-clock figures include waiting for a CPU and for fsync)")
    print(f"window shown after start    {figures['window_shown_s']:8.2f} s   (target <= 1.5 s; first response "
          f"painted{', SQLAlchemy not yet imported' if not data['sqlalchemy_at_paint'] else ''})")
    print(f"ready for input after start {data['ready']:8.2f} s   (store attached, queue and menus loaded)")
    print(f"next response      p50/p95  {pct(data['nexts'], 50):8.1f} / {figures['next_response_p95_ms']:.1f} ms"
          "   (target p95 <= 50 ms)")
    print(f"criterion saved    p50/p95  {pct(data['saves'], 50):8.1f} / {figures['criterion_saved_p95_ms']:.1f} ms"
          "   (target p95 <= 10 ms)")
    print(f"memory (RSS)                {figures['rss_mb']:8.0f} MB  (target <= 400 MB)")
    print(f"CPU time of the same steps: start {data['shown_cpu']:.2f} s; next response p50/p95 "
          f"{pct(data['nexts_cpu'], 50):.1f} / {pct(data['nexts_cpu'], 95):.1f} ms; criterion saved p50/p95 "
          f"{pct(data['saves_cpu'], 50):.1f} / {pct(data['saves_cpu'], 95):.1f} ms")
    sync = fsync_ms(db.parent)
    print(f"this disk's fsync p50/p95     {pct(sync, 50):.1f} / {pct(sync, 95):.1f} ms  (every saved change waits for "
          "one: SQLite WAL, synchronous=FULL)")
    ok = all(figures[k] <= TARGETS[k] for k in TARGETS)
    print("all targets met" if ok else "targets missed: " + ", ".join(k for k in TARGETS if figures[k] > TARGETS[k]))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
