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
