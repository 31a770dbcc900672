"""``reviewer stats FILE``: one agreement statistic on a CSV of (unit, rater, value), no study needed."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from reviewer.cli.common import print_json
from reviewer.errors import InputError


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    if not path.is_file():
        raise InputError("file not found", file=str(path))
    try:
        return pd.read_csv(path, dtype=object, keep_default_na=True, skipinitialspace=True)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"not a readable CSV file ({exc})", file=str(path)) from None


def _numbers_if_possible(series: pd.Series) -> pd.Series:
    """Values as numbers when every present value is one (so 1..5 sort as numbers), else text."""
    import pandas as pd

    converted = pd.to_numeric(series, errors="coerce")
    if (converted.isna() == series.isna()).all():
        return converted.astype(float)
    return series.map(lambda v: v.strip() if isinstance(v, str) else v)


def cmd_stats(args: argparse.Namespace) -> int:

    from reviewer.stats import STATISTICS, compute, from_long

    path = Path(args.file)
    if args.statistic not in STATISTICS:
        raise InputError(f"unknown statistic {args.statistic!r}: use one of {', '.join(STATISTICS)}",
                         file=str(path))
    df = _read_csv(path)
    categories = [c.strip() for c in args.categories.split(",")] if args.categories else None
    try:
        for col in (args.unit_col, args.rater_col, args.value_col):
            if col not in df.columns:
                raise InputError(f"no column {col!r} (columns are: {', '.join(map(str, df.columns))})")
        df[args.value_col] = _numbers_if_possible(df[args.value_col])
        table = from_long(df, args.unit_col, args.rater_col, args.value_col)
        clusters = None
        if args.cluster_col:
            if args.cluster_col not in df.columns:
                raise InputError(f"no column {args.cluster_col!r}")
            first = df.drop_duplicates(args.unit_col).set_index(args.unit_col)[args.cluster_col]
            clusters = first.reindex(table.units).to_numpy()
        est = compute(table, args.statistic, level=args.level, weights=args.weights,
                      categories=categories, form=args.form, clusters=clusters,
                      n_boot=args.bootstrap, seed=args.seed)
    except InputError as exc:
        if exc.file is None:
            raise InputError(exc.problem, file=str(path), line=exc.line, item=exc.item) from None
        raise
    if args.json:
        d = est.to_dict()
        print_json({"statistic": d["statistic"], "value": d["value"], "n_units": d["n_units"],
                    "ci": d["ci"], "n_raters": d["n_raters"], "level": d["level"],
                    "n_boot": d["n_boot"], "details": d["details"]})
        return 0
    label = f"{est.statistic} ({est.level})" if est.level else est.statistic
    value = "undefined" if est.to_dict()["value"] is None else f"{est.value:.4f}"
    print(f"{label} = {value}")
    print(f"  units: {est.n_units}   raters: {est.n_raters}")
    if est.ci:
        print(f"  {est.confidence:.0%} CI: [{est.ci[0]:.4f}, {est.ci[1]:.4f}]  "
              f"(percentile bootstrap over {'clusters' if args.cluster_col else 'units'}, "
              f"{est.n_boot} resamples, seed {args.seed})")
    else:
        print("  CI: none")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats", help="one agreement statistic on a CSV of unit,rater,value (no study needed)",
        description="Compute an inter-rater agreement statistic on a long-format CSV file "
        "(one row per rating). Values may be numbers or labels; a missing value is a missing rating.")
    p.add_argument("file", help="CSV file with one row per rating")
    p.add_argument("--statistic", required=True,
                   help="krippendorff_alpha, cohen_kappa, scott_pi, fleiss_kappa, gwet_ac1, "
                   "brennan_prediger, percent_agreement or icc")
    p.add_argument("--level", default=None, choices=["nominal", "ordinal", "interval", "ratio"],
                   help="Krippendorff's alpha level (default nominal)")
    p.add_argument("--weights", default="none", choices=["none", "linear", "quadratic"],
                   help="weights for the kappa family (gwet_ac1 with weights is AC2); by default "
                   "spaced by the rank of the values used")
    p.add_argument("--categories", default=None,
                   help="ordered category list, comma-separated (overrides the values used)")
    p.add_argument("--form", default=None, choices=["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"],
                   help="ICC form (Shrout & Fleiss 1979; default ICC2)")
    p.add_argument("--unit-col", default="unit", help="column naming the unit (default unit)")
    p.add_argument("--rater-col", default="rater", help="column naming the rater (default rater)")
    p.add_argument("--value-col", default="value", help="column holding the rating (default value)")
    p.add_argument("--cluster-col", default=None,
                   help="column naming each unit's cluster (e.g. case); the bootstrap resamples clusters")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="bootstrap resamples for the 95%% CI (default 1000; 0 for none)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument("--json", action="store_true",
                   help='print {"statistic", "value", "n_units", "ci": [lo, hi] or null, ...}')
    p.set_defaults(func=cmd_stats)
