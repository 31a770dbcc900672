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
    """Every cell as the text written in the file: no "NA"/"null"/"None" read as missing, no
    spaces stripped (a unit or rater id is compared exactly as written)."""
    import pandas as pd

    if not path.is_file():
        raise InputError("file not found", file=str(path))
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"not a readable CSV file ({exc})", file=str(path)) from None


def _values(df: pd.DataFrame, unit_col: str, value_col: str) -> tuple[pd.Series, bool]:
    """The value column ready for :func:`reviewer.stats.from_long` and whether it is numeric.

    An empty cell (or one of spaces) is a missing rating. Numbers become floats when every present
    value is one (so 1..5 sort as numbers); otherwise the values stay text labels (spaces around
    them removed). "inf", "nan" and the like are refused, naming the unit: they are not ratings.
    """
    import math

    import pandas as pd

    text = df[value_col].map(lambda v: v.strip() if isinstance(v, str) else v)
    text = text.where(text != "", None)
    present = text.notna()
    for idx, raw in text[present].items():
        try:
            number = float(raw)
        except ValueError:
            continue
        if not math.isfinite(number):
            raise InputError(f"value {raw!r} (unit {df.loc[idx, unit_col]!r}) is not a rating; "
                             "leave the cell empty for a missing rating")
    numbers = pd.to_numeric(text[present], errors="coerce")
    if numbers.notna().all():
        out = pd.Series(float("nan"), index=df.index, dtype=float)
        out[present] = numbers.astype(float)
        return out, True
    return text, False


def _check_labels(args: argparse.Namespace, df: pd.DataFrame, categories: list[str] | None) -> None:
    """Text labels have no order of their own: at the ordinal / interval / ratio level, or with
    kappa weights, refuse them unless ``--categories`` gives the order (sorting them by their text
    would make "high" < "low" < "medium")."""
    ordered = (args.statistic == "krippendorff_alpha" and args.level in ("ordinal", "interval", "ratio")) \
        or (args.statistic != "krippendorff_alpha" and args.weights not in (None, "none"))
    if not ordered or categories is not None:
        return
    present = df[df[args.value_col].notna()]
    first = present.iloc[0]
    what = f"level {args.level}" if args.statistic == "krippendorff_alpha" else f"{args.weights} weights"
    raise InputError(f"the values are text labels (e.g. {first[args.value_col]!r}, unit "
                     f"{first[args.unit_col]!r}) and {what} needs their order: give it with "
                     "--categories, e.g. --categories low,medium,high")


def _labels_as_positions(df: pd.DataFrame, value_col: str, unit_col: str,
                         categories: list[str]) -> pd.Series:
    """Interval level on text labels: each label becomes its position (1..C) in *categories*,
    i.e. equally spaced categories."""
    import pandas as pd

    position = {c: float(i + 1) for i, c in enumerate(categories)}
    out = pd.Series(float("nan"), index=df.index, dtype=float)
    for idx, v in df[value_col].items():
        if v is None or (isinstance(v, float) and v != v):
            continue
        if v not in position:
            raise InputError(f"value {v!r} (unit {df.loc[idx, unit_col]!r}) is not one of the "
                             f"categories {', '.join(categories)}")
        out[idx] = position[v]
    return out


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
        df[args.value_col], is_numeric = _values(df, args.unit_col, args.value_col)
        if not is_numeric:
            _check_labels(args, df, categories)
            if args.statistic == "krippendorff_alpha" and args.level == "ratio":
                raise InputError("the ratio level needs numeric ratings; these are text labels")
            if args.statistic == "krippendorff_alpha" and args.level == "interval":
                df[args.value_col] = _labels_as_positions(df, args.value_col, args.unit_col,
                                                          categories or [])
                categories = None
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
        "(one row per rating). Values may be numbers or labels; an empty value is a missing rating. "
        "Unit and rater ids are compared exactly as written (NA, null, spaces included).")
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
                   help="ordered category list, comma-separated (overrides the values used); needed "
                   "for text labels at the ordinal or interval level or with kappa weights")
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
