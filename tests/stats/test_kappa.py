"""Kappa family against scikit-learn, Fleiss (1971) and the irrCAC published example."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from reviewer.errors import InputError
from reviewer.stats import compute, compute_long, from_wide
from reviewer.stats.kappa import weight_matrix

N = np.nan
# Krippendorff 2011 data = irrCAC's cac.raw4raters (units x raters); irrCAC README published values.
RAW4 = np.array([
    [1, 1, N, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
    [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [N, 5, 5, 5], [N, N, 1, 1], [N, N, 3, N],
])

# Fleiss (1971) psychiatric diagnoses: 30 subjects, 6 diagnoses each, 5 categories (as in R irr).
FLEISS_1971 = np.array([
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
], dtype=float)


def test_fleiss_1971() -> None:
    est = compute(from_wide(FLEISS_1971), "fleiss_kappa")
    assert round(est.value, 3) == 0.430
    assert est.n_units == 30


@pytest.mark.parametrize(("statistic", "published"), [
    ("percent_agreement", 0.8181818), ("gwet_ac1", 0.77544), ("fleiss_kappa", 0.76117),
    ("brennan_prediger", 0.77273),
])
def test_irrcac_published_example(statistic: str, published: float) -> None:
    est = compute(from_wide(RAW4), statistic)
    assert est.value == pytest.approx(published, abs=5e-6)


def _ac_by_hand(x: np.ndarray, w: np.ndarray) -> float:
    """Gwet's AC1/AC2 straight from the formula, unit by unit (independent of the vectorised code)."""
    cats = sorted({v for v in x.ravel() if not np.isnan(v)})
    q = len(cats)
    pa_terms, pis = [], []
    for row in x:
        vals = [cats.index(v) for v in row if not np.isnan(v)]
        if not vals:
            continue
        r = np.array([vals.count(k) for k in range(q)], float)
        pis.append(r / len(vals))
        if len(vals) >= 2:
            rstar = np.array([sum(w[k, m] * r[m] for m in range(q)) for k in range(q)])
            pa_terms.append(sum(r[k] * (rstar[k] - 1) for k in range(q)) / (len(vals) * (len(vals) - 1)))
    pa = sum(pa_terms) / len(pa_terms)
    pi = np.mean(pis, axis=0)
    pe = w.sum() / (q * (q - 1)) * sum(p * (1 - p) for p in pi)
    return (pa - pe) / (1 - pe)


@pytest.mark.parametrize("weights", ["none", "linear", "quadratic"])
def test_gwet_against_formula(weights: str) -> None:
    rng = np.random.default_rng(3)
    x = rng.integers(1, 5, size=(25, 4)).astype(float)
    x[rng.random(x.shape) < 0.2] = np.nan
    est = compute(from_wide(x), "gwet_ac1", weights=weights)
    assert est.value == pytest.approx(_ac_by_hand(x, weight_matrix(4, weights)), abs=1e-12)
    assert est.statistic == ("gwet_ac1" if weights == "none" else "gwet_ac2")


@pytest.mark.parametrize("weights", ["none", "linear", "quadratic"])
def test_cohen_against_sklearn(weights: str) -> None:
    rng = np.random.default_rng(11)
    a = rng.choice([1, 2, 4, 7], size=60)  # uneven spacing: weights follow ranks, as sklearn's
    b = np.where(rng.random(60) < 0.6, a, rng.choice([1, 2, 4, 7], size=60))
    est = compute(from_wide(np.column_stack([a, b]).astype(float)), "cohen_kappa", weights=weights)
    ref = cohen_kappa_score(a, b, weights=None if weights == "none" else weights)
    assert est.value == pytest.approx(ref, abs=1e-12)
    assert est.n_units == 60


def test_cohen_explicit_categories_change_weights() -> None:
    a = np.array([1, 2, 2, 5, 5, 1], float)  # values used: 1, 2, 5 (ranks 0, 1, 2)
    b = np.array([1, 5, 2, 5, 2, 2], float)
    t = from_wide(np.column_stack([a, b]))
    default = compute(t, "cohen_kappa", weights="linear")
    wider = compute(t, "cohen_kappa", weights="linear", categories=[1, 2, 3, 4, 5])
    ref = cohen_kappa_score(a, b, weights="linear", labels=[1, 2, 3, 4, 5])
    assert wider.value == pytest.approx(ref)
    assert wider.value != pytest.approx(default.value)


def test_scott_pi_by_hand() -> None:
    a = np.array([0, 0, 1, 1, 1, 0, 1, 1], float)
    b = np.array([0, 1, 1, 1, 0, 0, 1, 1], float)
    po = np.mean(a == b)
    pi1 = (a.mean() + b.mean()) / 2
    pe = pi1**2 + (1 - pi1) ** 2
    est = compute(from_wide(np.column_stack([a, b])), "scott_pi")
    assert est.value == pytest.approx((po - pe) / (1 - pe))


def test_cohen_needs_two_raters() -> None:
    df = pd.DataFrame({"unit": [1, 1, 1], "rater": ["a", "b", "c"], "value": [1, 1, 2]})
    with pytest.raises(InputError, match="exactly 2 raters"):
        compute_long(df, "cohen_kappa")


def test_missing_ratings_and_duplicates() -> None:
    df = pd.DataFrame({"unit": [1, 1, 2, 2, 3], "rater": ["a", "b", "a", "b", "a"],
                       "value": ["met", "met", "not_met", "met", "met"]})
    est = compute_long(df, "cohen_kappa")
    assert est.n_units == 2
    dup = pd.concat([df, df.iloc[[0]]])
    with pytest.raises(InputError, match="more than once"):
        compute_long(dup, "percent_agreement", source="x.csv")
