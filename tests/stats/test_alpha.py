"""Krippendorff's alpha against Krippendorff (2011) and the ``krippendorff`` package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest

from reviewer.errors import InputError
from reviewer.stats import compute, compute_long, from_wide
from reviewer.stats.alpha import alpha_stat, krippendorff_alpha

N = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", sec. E: 4 observers x 12 units
KRIPP_2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
])
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_krippendorff_2011_published_values(level: str) -> None:
    est = krippendorff_alpha(from_wide(KRIPP_2011.T), level)
    assert round(est.value, 3) == PUBLISHED[level]
    assert est.n_units == 11  # unit 12 has one value: not pairable
    assert est.n_raters == 4


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_sum_form_equals_package(level: str) -> None:
    rng = np.random.default_rng(7)
    x = rng.integers(1, 6, size=(40, 5)).astype(float)
    x[rng.random(x.shape) < 0.25] = np.nan
    ours = alpha_stat(x, level).value()
    ref = krippendorff.alpha(reliability_data=x.T, level_of_measurement=level)
    assert ours == pytest.approx(ref, abs=1e-12)


def test_long_format_with_labels_and_orientation() -> None:
    rows = [(u, r, v) for r, row in enumerate(KRIPP_2011) for u, v in enumerate(row) if not np.isnan(v)]
    labels = {1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}
    df = pd.DataFrame([(f"u{u}", f"coder{r}", labels[int(v)]) for u, r, v in rows],
                      columns=["unit", "rater", "value"])
    est = compute_long(df, "krippendorff_alpha", level="nominal")
    assert round(est.value, 3) == 0.743
    # the transposed matrix (the classic mistake) gives a different number
    wrong = krippendorff.alpha(reliability_data=KRIPP_2011, level_of_measurement="nominal")
    transposed = krippendorff.alpha(reliability_data=KRIPP_2011.T, level_of_measurement="nominal")
    assert round(wrong, 3) == 0.743 and round(transposed, 3) != 0.743


def test_ordinal_with_explicit_categories_and_bad_value() -> None:
    df = pd.DataFrame({"unit": [1, 1, 2, 2, 3, 3], "rater": ["a", "b"] * 3,
                       "value": ["low", "mid", "high", "high", "low", "low"]})
    est = compute_long(df, "krippendorff_alpha", level="ordinal", categories=["low", "mid", "high"])
    ref = krippendorff.alpha(reliability_data=np.array([[0, 2, 0], [1, 2, 0]], float),
                             level_of_measurement="ordinal")
    assert est.value == pytest.approx(ref)
    with pytest.raises(InputError, match="not one of the categories"):
        compute_long(df, "krippendorff_alpha", level="ordinal", categories=["low", "high"])


def test_ci_contains_point_and_is_seeded() -> None:
    t = from_wide(KRIPP_2011.T)
    a = compute(t, "krippendorff_alpha", level="interval", n_boot=300, seed=1)
    b = compute(t, "krippendorff_alpha", level="interval", n_boot=300, seed=1)
    assert a.ci == b.ci and a.ci is not None
    assert a.ci[0] < a.value < a.ci[1]
    assert a.to_dict()["ci"] == [a.ci[0], a.ci[1]]
