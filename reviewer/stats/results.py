"""The result of one agreement statistic: value, n, confidence interval and how it was made."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


def _clean(x: float | None) -> float | None:
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


@dataclass(frozen=True)
class Estimate:
    """One statistic on one set of ratings.

    ``statistic``: e.g. "krippendorff_alpha"; ``value``: NaN when undefined (e.g. no variation);
    ``n_units``: units that entered the computation; ``n_raters``: raters that did;
    ``ci``: (low, high) percentile bootstrap interval or None; ``n_boot``: resamples (0 = no CI);
    ``level``: measurement level / weights / ICC form; ``details``: extra figures (e.g. the
    limits of agreement, or the observed and expected agreement).
    """

    statistic: str
    value: float
    n_units: int
    n_raters: int = 0
    ci: tuple[float, float] | None = None
    n_boot: int = 0
    confidence: float = 0.95
    level: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ci_low(self) -> float | None:
        return self.ci[0] if self.ci else None

    @property
    def ci_high(self) -> float | None:
        return self.ci[1] if self.ci else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: NaN becomes null; ``ci`` is ``[lo, hi]`` or null."""
        return {
            "statistic": self.statistic,
            "value": _clean(self.value),
            "n_units": int(self.n_units),
            "n_raters": int(self.n_raters),
            "ci": [_clean(self.ci[0]), _clean(self.ci[1])] if self.ci else None,
            "n_boot": int(self.n_boot),
            "confidence": self.confidence,
            "level": self.level,
            "details": {k: (_clean(v) if isinstance(v, float) else v) for k, v in self.details.items()},
        }

    def row(self, **labels: Any) -> dict[str, Any]:
        """A flat table row (for DataFrames / CSV): labels first, then value, n, ci_low, ci_high."""
        out = dict(labels)
        out.update(statistic=self.statistic, level=self.level, value=_clean(self.value),
                   n_units=int(self.n_units), n_raters=int(self.n_raters),
                   ci_low=_clean(self.ci_low), ci_high=_clean(self.ci_high), n_boot=int(self.n_boot))
        return out
