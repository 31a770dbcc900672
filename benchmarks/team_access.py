"""What row-level security costs a physician's own login (prints the figures).

On a PostgreSQL server (``--url``, default ``$REVIEWER_TEST_PG_URL``; ``.ci/pg_server.sh start``
gives one) it builds a study in a fresh database: CASES cases x 3 answers x 10 criteria, RATERS
physicians with RATERS/2 raters per answer (``reviewer assign``), judge verdicts on every answer.
Then, once through the coordinator's login and once through a physician's own team login
(``reviewer team grant``), it times the rating operations the desktop app makes for that physician:
open the queue, load an item, answer a criterion (the fast draft path), and submit.

Usage: python benchmarks/team_access.py [--cases N] [--raters R] [--writes W]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.engine import make_url  # noqa: E402

from reviewer.rating.operations import RatingOperations  # noqa: E402
from reviewer.store import open_store  # noqa: E402
from reviewer.studies.assignment import design_assignments  # noqa: E402
from reviewer.studies.lookup import get_study  # noqa: E402
from reviewer.team import grant_rater, revoke_rater  # noqa: E402

PASSWORD = "benchmark-only"


def build(store, cases: int, raters: list[str]) -> None:  # noqa: ANN001
    from reviewer.store.models import (
        Case,
        ChecklistVersion,
        Criterion,
        JudgeRun,
        JudgeVerdict,
        Model,
        Response,
    )
    from reviewer.studies.lookup import create_study

    with store.begin() as s:
        study = create_study(s, "bench")
        models = [Model(study_id=study.id, name=f"model-{i}") for i in range(3)]
        s.add_all(models)
        run = JudgeRun(study_id=study.id, name="judge")
        s.add(run)
        s.flush()
        for c in range(cases):
            case = Case(study_id=study.id, external_id=f"c{c}", title=f"Case {c}", category=f"area {c % 5}",
                        turns=[{"role": "user", "content": f"Question {c}"}])
            s.add(case)
            s.flush()
            cl = ChecklistVersion(case_id=case.id, version=1)
            s.add(cl)
            s.flush()
            crits = [Criterion(checklist_version_id=cl.id, key=f"k{j}", position=j, text=f"Criterion {j}",
                               points=1.0) for j in range(10)]
            s.add_all(crits)
            s.flush()
            for i, m in enumerate(models):
                r = Response(case_id=case.id, model_id=m.id, text=f"Answer {c}-{i}", blind_label="ABC"[i])
                s.add(r)
                s.flush()
                s.add_all([JudgeVerdict(judge_run_id=run.id, response_id=r.id, criterion_id=k.id, met=True)
                           for k in crits])
        design_assignments(s, get_study(s, "bench"), raters, per_response=max(2, len(raters) // 2), seed=1)


def timed(fn, n: int = 1) -> float:  # noqa: ANN001
    """Median milliseconds of *n* calls."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(url: str, rater: str, writes: int) -> dict[str, float]:
    store = open_store(url)
    ops = RatingOperations(store)
    try:
        study = ops.find_study(name="bench").study_id
        me = ops.get_rater(rater, create=False).id
        out = {"queue (ms)": timed(lambda: ops.queue(study, me), 20)}
        ids = ops.queue(study, me).ids
        out["queue length"] = len(ids)
        out["load item (ms)"] = timed(lambda: ops.load_item(me, ids[0]), 20)
        per_write = []
        for rid in ids[:writes]:
            item, _ = ops.load_item(me, rid)
            version = item.rating_version
            for c in item.criteria:
                t = time.perf_counter()
                version = ops.set_criterion(me, rid, c.id, "met", expected_version=version).rating_version
                per_write.append((time.perf_counter() - t) * 1000)
            version = ops.set_overall_score(me, rid, 4, expected_version=version).rating_version
            t = time.perf_counter()
            ops.submit(me, rid, actor=rater, expected_version=version)
            out.setdefault("_submit", []).append((time.perf_counter() - t) * 1000)
        out["answer a criterion (ms)"] = statistics.median(per_write)
        out["submit (ms)"] = statistics.median(out.pop("_submit"))
        return out
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default=os.environ.get("REVIEWER_TEST_PG_URL", ""))
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--raters", type=int, default=6)
    ap.add_argument("--writes", type=int, default=20, help="answers rated per login")
    args = ap.parse_args()
    if not args.url:
        ap.error("give --url or set REVIEWER_TEST_PG_URL (eval \"$(.ci/pg_server.sh start)\")")
    import psycopg

    base = make_url(args.url)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"reviewer_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    suffix = uuid.uuid4().hex[:6]
    raters = [f"phys{i}-{suffix}" for i in range(args.raters)]
    try:
        owner = open_store(url)
        t = time.perf_counter()
        build(owner, args.cases, raters)
        print(f"built {args.cases} cases x 3 answers x 10 criteria, {args.raters} raters "
              f"in {time.perf_counter() - t:.1f} s")
        role = grant_rater(owner, raters[1], PASSWORD).role
        as_physician = base.set(database=name, username=role, password=PASSWORD).render_as_string(
            hide_password=False)
        coordinator = measure(url, raters[0], args.writes)  # the same work for two raters of equal load
        physician = measure(as_physician, raters[1], args.writes)
        print(f"{'':28}{'coordinator login':>20}{'physician login':>18}{'ratio':>8}")
        for key in coordinator:
            a, b = coordinator[key], physician[key]
            ratio = f"{b / a:.2f}" if "ms" in key and a else ""
            print(f"{key:28}{a:>20.2f}{b:>18.2f}{ratio:>8}")
        revoke_rater(owner, raters[1])
        owner.close()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
