"""reviewer.stats.usability against hand-counted figures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from reviewer.stats.usability import agreement_rate, usability_confusion, usable


def test_usable_threshold_is_inclusive_and_keeps_missing() -> None:
    out = usable(np.array([3.99, 4.0, 4.5, np.nan, 1.0]), 4)
    assert out[:3].tolist() == [0.0, 1.0, 1.0] and math.isnan(out[3]) and out[4] == 0.0
    assert usable(np.array([3.0]), 3).tolist() == [1.0]


def test_rate_and_confusion_by_hand() -> None:
    human = np.array([1, 1, 0, 0, 1, np.nan, 0])
    judge = np.array([1, 0, 1, 0, 1, 1, np.nan])
    assert agreement_rate(human, judge) == (pytest.approx(3 / 5), 5)
    assert usability_confusion(human, judge) == [[2, 1], [1, 1]]
    rate, n = agreement_rate(np.array([np.nan]), np.array([1.0]))
    assert math.isnan(rate) and n == 0
    with pytest.raises(ValueError, match="length"):
        agreement_rate(np.array([1.0]), np.array([1.0, 0.0]))
