"""``StudyAgreement.to_dict`` / ``reviewer agreement --json``: the per-criterion tables hold the
worst criteria (as the report lists them), ``--all-criteria`` every one, and plot data stay out."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from reviewer.agreement import analyze_study
from reviewer.agreement.results import worst_criteria
from reviewer.cli.main import main
from reviewer.store.engine import Store


def _table() -> pd.DataFrame:
    alphas = {"k1": 0.9, "k2": float("nan"), "k3": 0.1, "k4": 0.5}
    rows = []
    for key, alpha in alphas.items():
        for stat, value in (("krippendorff_alpha", alpha), ("percent_agreement", 0.8)):
            rows.append({"case_uid": "c", "case_title": "t", "category": None, "criterion_key": key,
                         "criterion_text": f"text {key}", "statistic": stat, "value": value})
    return pd.DataFrame(rows)


def test_worst_criteria_keeps_lowest_undefined_first() -> None:
    df = _table()
    got = worst_criteria(df, "krippendorff_alpha", 2)
    # k2 (alpha undefined) first, then the lowest alpha k3; both statistics of each kept
    assert list(got["criterion_key"]) == ["k2", "k2", "k3", "k3"]
    assert list(got["statistic"]) == ["krippendorff_alpha", "percent_agreement"] * 2
    assert worst_criteria(df, "krippendorff_alpha", None) is df
    assert len(worst_criteria(df, "krippendorff_alpha", 10)) == len(df)


def test_agreement_json_caps_criteria(demo_store: Store, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)

    res = analyze_study(demo_store, n_boot=20)
    n_crit = res.by_criterion[["case_uid", "criterion_key"]].drop_duplicates().shape[0]
    small = res.to_dict(criteria=3)
    assert small["by_criterion_total"] == n_crit > 3
    kept = {(r["case_uid"], r["criterion_key"]) for r in small["by_criterion"]}
    assert len(kept) == 3
    alpha = res.by_criterion[res.by_criterion["statistic"] == "krippendorff_alpha"]
    worst = alpha.sort_values("value", na_position="first", kind="stable").head(3)
    assert kept == set(zip(worst["case_uid"], worst["criterion_key"], strict=True))
    full = res.to_dict(criteria=None)
    assert len(full["by_criterion"]) == len(res.by_criterion)
    judge = full["judge_rater"]
    assert judge is not None and len(judge["by_criterion"]) == len(res.judges[-1].by_criterion)
    assert "score_data" not in judge and "score_matrix" not in full
    for rec in small["by_criterion"]:
        assert rec["value"] is None or not math.isnan(rec["value"])
    rc = main(["--db", db, "agreement", "--bootstrap", "10", "--json"])
    capped = json.loads(capsys.readouterr().out)
    rc2 = main(["--db", db, "agreement", "--bootstrap", "10", "--json", "--all-criteria"])
    every = json.loads(capsys.readouterr().out)
    assert rc == rc2 == 0
    assert capped["by_criterion_total"] == every["by_criterion_total"] == n_crit
    assert len(every["by_criterion"]) == len(res.by_criterion)
    assert len({(r["case_uid"], r["criterion_key"]) for r in capped["by_criterion"]}) == min(50, n_crit)
