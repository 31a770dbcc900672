"""HealthBench pairwise macro-F1 against a plain reimplementation of the published method."""

from __future__ import annotations

import numpy as np
import pytest

from reviewer.stats.healthbench import judge_vs_physicians, pairwise_macro_f1
from tests.support.agreement import plain_pairwise_macro_f1


def test_matches_plain_reimplementation_random() -> None:
    rng = np.random.default_rng(0)
    items, physicians = 60, 5
    truth = rng.random(items) < 0.5
    phys = np.where(rng.random((items, physicians)) < 0.8, truth[:, None], ~truth[:, None]).astype(float)
    phys[rng.random(phys.shape) < 0.4] = np.nan
    judge = np.where(rng.random(items) < 0.85, truth, ~truth).astype(float)
    res = judge_vs_physicians(judge, phys, [f"p{j}" for j in range(physicians)], n_boot=200, seed=1)
    others = [[bool(v) for v in row if not np.isnan(v)] for row in phys]
    assert res.judge.value == pytest.approx(plain_pairwise_macro_f1([bool(v) for v in judge], others))
    for j in range(physicians):
        rows = [i for i in range(items) if not np.isnan(phys[i, j])]
        mine = [bool(phys[i, j]) for i in rows]
        rest = [[bool(v) for k, v in enumerate(phys[i]) if k != j and not np.isnan(v)] for i in rows]
        assert res.physicians[f"p{j}"].value == pytest.approx(plain_pairwise_macro_f1(mine, rest))
    scores = [e.value for e in res.physicians.values()]
    # simple-evals healthbench_analysis.ipynb, plot_model_physician_agreement: ties count one half
    below = np.mean([s < res.judge.value for s in scores])
    assert res.percentile == pytest.approx(100 * (below + 0.5 * np.mean([s == res.judge.value for s in scores])))
    assert res.judge.ci is not None and res.judge.ci[0] <= res.judge.value <= res.judge.ci[1]
    d = res.to_dict()
    assert set(d["physician_pairwise_macro_f1"]) == {f"p{j}" for j in range(physicians)}


def test_undefined_when_a_class_never_occurs() -> None:
    judge = np.array([1.0, 1.0])
    phys = np.array([[1.0, 1.0], [1.0, 1.0]])
    est = pairwise_macro_f1(judge, phys)
    assert np.isnan(est.value)
    assert plain_pairwise_macro_f1([True, True], [[True, True], [True, True]]) is None
    assert est.to_dict()["value"] is None


def test_leave_one_out_counts_equal_pairs_with_the_other_columns() -> None:
    from reviewer.stats.healthbench import leave_one_out_counts, pair_counts

    rng = np.random.default_rng(5)
    x = (rng.random((300, 9)) < 0.5).astype(float)
    x[rng.random(x.shape) < 0.6] = np.nan
    for j in range(x.shape[1]):
        np.testing.assert_array_equal(leave_one_out_counts(x, j), pair_counts(x[:, j], np.delete(x, j, axis=1)))


def test_meta_evaluation_small_hand_example() -> None:
    """Two categories of one theme, three physicians; figures worked by hand from simple-evals'
    compute_f1_metric / compute_balanced_metric and the notebook's agg_n_and_val_list."""
    from reviewer.stats.healthbench import meta_evaluation

    # rows: grader, physicians a, b, c ; category
    grader = np.array([1.0, 0.0, 1.0, 0.0])
    phys = np.array([[1, 1, np.nan], [0, 1, np.nan], [1, np.nan, 0], [0, np.nan, 0]], dtype=float)
    cats = ["cluster:x_one", "cluster:x_one", "cluster:x_two", "cluster:x_two"]
    m = meta_evaluation(grader, phys, ["a", "b", "c"], cats, min_physician_labels=0)
    # category x_one, grader pairs: (1,1)(1,1)(0,0)(0,1): TP 2, FP 0, FN 1, TN 1
    # F1+ = 2*(1*2/3)/(1+2/3) = 0.8 (n 3); F1- = 2*(0.5*1)/(1.5) = 2/3 (n 2) -> 11/15, n 5
    assert m.by_category["cluster:x_one"].grader_macro_f1 == pytest.approx(11 / 15)
    # category x_two: (1,1)(1,0)(0,0)(0,0): TP 1, FP 1, FN 0, TN 2 -> F1+ 2/3 (n 2), F1- 0.8 (n 3)
    assert m.by_category["cluster:x_two"].grader_macro_f1 == pytest.approx(11 / 15)
    # physician a, x_one: pairs (a=1,b=1),(a=0,b=1): TP1 FP0 FN1 TN0 -> F1- has precision n 1 but
    # recall n 0 (no other 'not met'): undefined, so a has no x_one value; b likewise
    assert "a" not in m.by_category["cluster:x_one"].physicians
    # x_two: a vs c (1,0),(0,0): TP0 FP1 FN0 TN1 -> F1+ recall n 0: undefined for a; c vs a:
    # (0,1),(0,0): TN1 FN1 -> F1+ precision n 0: undefined
    assert m.by_theme["x"].n_physicians == 0 and m.by_theme["x"].percentile is None
    assert m.by_theme["x"].grader_macro_f1 == pytest.approx(11 / 15)
