"""Bootstrap 95% CI of Krippendorff's alpha: vectorised engine vs one ``krippendorff.alpha`` per resample.

Data: 100,000 units x 5 raters on a 1-5 scale (10 % of ratings missing), interval level (the
``krippendorff`` package default), 1,000 resamples of units, seed 0. Measured in the same run:

* ``reviewer.stats`` as the app runs it (``method="auto"``: resamples counts per distinct unit
  row, see ``reviewer.stats.bootstrap.multinomial_sums``),
* the same engine drawing every unit index (``method="indices"``, the draws a naive loop would use),
* the naive loop: ``krippendorff.alpha`` on each resampled matrix -- timed on the first
  ``--naive`` resamples (default 20) and extrapolated linearly to 1,000 (printed as such).

Usage: python benchmarks/agreement_speed.py [--units 100000] [--raters 5] [--boot 1000] [--naive 20]
Exit status 1 if the engine takes more than 5 s or is less than 20x faster than the naive loop.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import krippendorff
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewer.stats.alpha import alpha_stat  # noqa: E402
from reviewer.stats.bootstrap import bootstrap_values, percentile_ci, resample_indices  # noqa: E402


def make_data(units: int, raters: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, size=(units, 1))
    x = np.clip(truth + rng.integers(-1, 2, size=(units, raters)), 1, 5).astype(float)
    x[rng.random(x.shape) < 0.10] = np.nan
    return x


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=100_000)
    ap.add_argument("--raters", type=int, default=5)
    ap.add_argument("--boot", type=int, default=1000)
    ap.add_argument("--naive", type=int, default=20, help="resamples timed for the naive loop")
    ap.add_argument("--level", default="interval")
    args = ap.parse_args()

    x = make_data(args.units, args.raters)
    print(f"data: {args.units} units x {args.raters} raters, level {args.level}, {args.boot} resamples, "
          f"seed 0; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    t0 = time.perf_counter()
    stat = alpha_stat(x, args.level)
    point = krippendorff.alpha(reliability_data=x.T, level_of_measurement=args.level)
    values = bootstrap_values(stat, None, args.boot, 0)
    ci = percentile_ci(values)
    fast = time.perf_counter() - t0
    print(f"engine (auto / multinomial counts): alpha = {point:.4f}, 95% CI [{ci[0]:.4f}, {ci[1]:.4f}], "
          f"{fast:.2f} s (point estimate included)")

    t0 = time.perf_counter()
    vals_idx = bootstrap_values(stat, None, args.boot, 0, method="indices")
    ci_idx = percentile_ci(vals_idx)
    t_idx = time.perf_counter() - t0
    print(f"engine (indices, same draws as a naive loop): 95% CI [{ci_idx[0]:.4f}, {ci_idx[1]:.4f}], {t_idx:.2f} s")

    idx_iter = resample_indices(args.units, args.boot, 0)
    draws = next(idx_iter)[: args.naive]
    t0 = time.perf_counter()
    naive_vals = [krippendorff.alpha(reliability_data=x[i].T, level_of_measurement=args.level) for i in draws]
    t_naive_part = time.perf_counter() - t0
    per_call = t_naive_part / len(draws)
    naive_total = per_call * args.boot
    assert np.allclose(naive_vals, vals_idx[: len(draws)], atol=1e-9), "naive and vectorised values differ"
    print(f"naive loop: {len(draws)} calls of krippendorff.alpha took {t_naive_part:.2f} s "
          f"({per_call:.3f} s each) -> extrapolated to {args.boot} resamples: {naive_total:.1f} s "
          f"(values equal the engine's 'indices' draws)")
    speedup = naive_total / fast
    print(f"speed-up: {speedup:.0f}x (auto), {naive_total / t_idx:.0f}x (indices)")
    ok = fast <= 5.0 and speedup >= 20
    print("PASS: <= 5 s and >= 20x" if ok else "FAIL: needs <= 5 s and >= 20x")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
