"""Pack, return and merge timings for a study of realistic size (prints figures, asserts nothing).

    python benchmarks/bench_reviewfiles.py [--cases 500] [--criteria 8] [--raters 3]

Builds a SQLite study (cases x 2 models, criteria per case), assigns every response to two of the
raters, packs one rater's review file, rates every item in it through the rating service, writes
the return file and merges it (then merges it again: already merged, no backup; then a return
written half-way through, after the newer one: every rating older, nothing changed, no backup).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from sqlalchemy import select  # noqa: E402

from reviewer import rating as R  # noqa: E402
from reviewer.reviewfiles import (  # noqa: E402
    merge_return_files,
    open_review_file,
    pack_review_file,
    write_return_file,
)
from reviewer.store import open_store  # noqa: E402
from reviewer.store.models import Rater, Study  # noqa: E402
from reviewer.studies.assignment import design_assignments  # noqa: E402
from reviewer.studies.lookup import get_study  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--criteria", type=int, default=8)
    ap.add_argument("--raters", type=int, default=3)
    args = ap.parse_args()
    from tests.support.reviewfiles import build_study

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = open_store(folder / "study.db")
        t = time.perf_counter()
        build_study(store, n_cases=args.cases, n_criteria=args.criteria)
        print(f"build study: {args.cases} cases, {2 * args.cases} responses: {time.perf_counter() - t:.2f} s")
        raters = [f"rater{i}" for i in range(args.raters)]
        t = time.perf_counter()
        with store.begin() as s:
            report = design_assignments(s, get_study(s, None), raters, per_response=2, calibration=10, seed=1)
        print(f"assign: {time.perf_counter() - t:.2f} s; items per rater {report.items_per_rater}")
        t = time.perf_counter()
        result = pack_review_file(store, raters[0], folder / "r.rvw")
        size = (folder / "r.rvw").stat().st_size
        print(f"pack: {result.manifest['item_count']} items, {size / 1e6:.2f} MB: {time.perf_counter() - t:.2f} s")
        work, _ = open_review_file(folder / "r.rvw")
        t = time.perf_counter()
        with work.Session() as s:
            rid = s.scalar(select(Rater.id))
            sid = s.scalar(select(Study.id))
            queue = R.work_queue(s, sid, rid)
        for n, item in enumerate(queue):  # one short transaction per item, as the app saves
            if n == len(queue) // 2:  # an early return, to merge after the newer one
                work.close()
                write_return_file(folder / "r.rvw", folder / "early.rvr")
            with work.begin() as s:
                view = R.load_item(s, rid, item.response_id)
                for c in view.criteria:
                    R.set_criterion(s, rid, item.response_id, c.id, "met")
                R.set_overall_score(s, rid, item.response_id, 4)
                R.submit(s, rid, item.response_id)
        print(f"rate {len(queue)} items through the rating service: {time.perf_counter() - t:.2f} s")
        work.close()
        t = time.perf_counter()
        write_return_file(folder / "r.rvw", folder / "r.rvr")
        print(f"return file: {(folder / 'r.rvr').stat().st_size / 1e3:.0f} kB: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        rep = merge_return_files(store, [folder / "r.rvr"], actor="bench")
        print(f"merge: {len(rep.files[0].inserted)} ratings (incl. backup): {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        again = merge_return_files(store, [folder / "r.rvr"], actor="bench")
        print(f"merge again (already merged, backup: {again.backup}): {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        early = merge_return_files(store, [folder / "early.rvr"], actor="bench")
        print(f"merge the early return after it ({len(early.files[0].unchanged)} ratings the same, "
              f"{len(early.files[0].older)} older, changed: "
              f"{early.changed}, backup: {early.backup}): {time.perf_counter() - t:.2f} s")
        store.close()


if __name__ == "__main__":
    main()
