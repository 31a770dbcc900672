"""Adaptive review against uniform random sampling: physician ratings needed for a ±0.05 interval.

Simulation with known truth, HealthBench-sized: 5,000 answers (HealthBench has 5,000
conversations) with 1 + Poisson(10) rubric criteria each (HealthBench averages about 11), every
criterion graded by the judge and, in truth, by a physician. Each answer has a hardness
``h ~ Beta(0.2, 0.8)`` (most answers easy, a tail of hard ones). With probability ``h`` the judge
misreads the answer, and then its verdicts disagree with the physician's on 70% of the criteria;
otherwise on 4%. What the planner sees is the judge's probability on each criterion, off from
certainty by ``min(p, 1 - p) = 0.5 h U`` (``U ~ Beta(4, 1)``): a judge whose errors concentrate
where it is unsure. The truth is the judge-physician agreement rate over every criterion of every
answer (what rating all 5,000 answers would give); it is about 0.83.

Per repetition (a new population each time), both designs rate batches of ``--batch`` answers
until the 95% interval of the agreement rate is at most ``--width`` wide (±0.05):

* **uniform**: simple random sampling, the ratio estimator and the same bootstrap and guard with
  one stratum;
* **adaptive**: ``reviewer plan``'s design -- 5 strata by the judge's uncertainty (the largest
  ``0.5 - |p - 0.5|`` of an answer, as ``assign --prioritize uncertain``), Neyman allocation
  with a proportional floor, re-estimated each round, ``N_h / n_h`` weights, the Rao-Wu bootstrap
  and the prior guard (:mod:`reviewer.stats.sampling`, :mod:`reviewer.stats.weighted`), through
  the same functions (:func:`~reviewer.stats.sampling.next_batch`,
  :func:`~reviewer.stats.sampling.plan_estimate`) that ``reviewer plan`` calls.

Printed: mean and median ratings needed by each design, the coverage of the final 95% intervals
of both (share containing the truth), the adaptive estimate's mean error, seconds taken. The last
line is ``adaptive/uniform ratings ratio R, coverage C`` (R: mean adaptive ratings over mean
uniform ratings; C: the adaptive intervals' coverage). Exit status 1 when R > 0.6 or C < 0.93.

``--uninformative`` shuffles the judge's probabilities across answers (a judge whose uncertainty
says nothing about where it errs): the robustness check behind the plan's warning (see
``reviewer.planning.rounds``); it prints the same figures and tests nothing.

Usage: python benchmarks/adaptive_review.py [--reps 200] [--items 5000] [--batch 10] [--width 0.10]
       [--uninformative]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.stats.sampling import Design, next_batch, plan_estimate  # noqa: E402


def population(n_items: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(pair counts per answer (n x 4), priority score per answer, mean error per answer, truth)."""
    c = 1 + rng.poisson(10, size=n_items)
    hard = rng.beta(0.2, 0.8, size=n_items)
    misread = rng.random(n_items) < hard
    item = np.repeat(np.arange(n_items), c)
    q = 0.5 * hard[item] * rng.beta(4.0, 1.0, size=item.size)
    wrong = np.where(misread[item], 0.7, 0.04)
    judge_met = rng.random(item.size) < 0.6
    phys_met = np.where(rng.random(item.size) < wrong, ~judge_met, judge_met)
    cell = np.where(judge_met, np.where(phys_met, 0, 1), np.where(phys_met, 2, 3))
    feats = np.zeros((n_items, 4))
    np.add.at(feats, (item, cell), 1.0)
    score = np.maximum.reduceat(q, np.r_[0, np.cumsum(c)[:-1]])
    mean_q = np.add.reduceat(q, np.r_[0, np.cumsum(c)[:-1]]) / c
    truth = float((feats[:, 0] + feats[:, 3]).sum() / feats.sum())
    return feats, score, mean_q, truth


def run_design(feats: np.ndarray, design: Design, rng: np.random.Generator, width: float, batch: int,
               n_boot: int) -> tuple[int, float, tuple[float, float] | None]:
    """Rate batch after batch until the interval is at most *width* wide; (ratings, estimate, ci)."""
    chosen = np.zeros(feats.shape[0], dtype=bool)
    while True:
        picked = next_batch(design, chosen, batch, rng, rated_features=feats[chosen])
        if picked.size == 0:
            break
        chosen[picked] = True
        idx = np.flatnonzero(chosen)
        est = plan_estimate(design, idx, feats[idx], "agreement_rate", n_boot=n_boot, seed=rng)
        if est.ci is not None and est.ci[1] - est.ci[0] <= width and est.details["uncovered_items"] == 0:
            return int(idx.size), est.value, est.ci
    idx = np.flatnonzero(chosen)
    est = plan_estimate(design, idx, feats[idx], "agreement_rate", n_boot=n_boot, seed=rng)
    return int(idx.size), est.value, est.ci


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--width", type=float, default=0.10)
    ap.add_argument("--strata", type=int, default=5)
    ap.add_argument("--boot", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--uninformative", action="store_true",
                    help="shuffle the judge's probabilities across answers: a judge whose uncertainty says "
                         "nothing about where it errs (robustness check; no acceptance test)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    needed = {"adaptive": [], "uniform": []}
    covered = {"adaptive": 0, "uniform": 0}
    errors = []
    for _ in range(args.reps):
        feats, score, mean_q, truth = population(args.items, rng)
        if args.uninformative:
            perm = rng.permutation(args.items)
            score, mean_q = score[perm], mean_q[perm]
        designs = {"adaptive": Design.by_score(score, args.strata, mean_q),
                   "uniform": Design.uniform(args.items, mean_q)}
        for name, design in designs.items():
            n, value, ci = run_design(feats, design, rng, args.width, args.batch, args.boot)
            needed[name].append(n)
            covered[name] += bool(ci is not None and ci[0] <= truth <= ci[1])
            if name == "adaptive":
                errors.append(value - truth)
    mean = {k: float(np.mean(v)) for k, v in needed.items()}
    ratio = mean["adaptive"] / mean["uniform"]
    coverage = covered["adaptive"] / args.reps
    print(f"population: {args.items} answers, target interval width {args.width} (95%), batches of {args.batch}, "
          f"{args.reps} repetitions, {args.boot} bootstrap resamples, {args.strata} strata")
    for name in ("uniform", "adaptive"):
        print(f"{name:<9} ratings needed: mean {mean[name]:.1f}, median {np.median(needed[name]):.0f}, "
              f"coverage {covered[name] / args.reps:.3f}")
    err = np.asarray(errors)
    print(f"adaptive estimate minus truth: mean {err.mean():+.4f} (Monte Carlo s.e. {err.std(ddof=1) / np.sqrt(err.size):.4f})")
    print(f"seconds: {time.perf_counter() - t0:.1f}")
    if args.uninformative:
        print("judge probabilities shuffled across answers (--uninformative): no acceptance test")
    print(f"adaptive/uniform ratings ratio {ratio:.3f}, coverage {coverage:.3f}")
    return 0 if args.uninformative or (ratio <= 0.6 and coverage >= 0.93) else 1


if __name__ == "__main__":
    raise SystemExit(main())
