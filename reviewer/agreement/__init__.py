"""Agreement statistics on long-format ratings (unit, rater, value): pure numpy / pandas / scipy.

No Qt, no database. Each statistic returns an :class:`~reviewer.agreement.results.Estimate`
(value, n, bootstrap CI). Modules: ``data`` (long format -> matrices), ``alpha``, ``kappa``,
``icc``, ``scores`` (correlations, Bland-Altman), ``healthbench`` (pairwise macro-F1),
``bootstrap`` (vectorised cluster bootstrap), ``api`` (statistics by name).
"""

from reviewer.agreement.api import STATISTICS, compute, compute_long
from reviewer.agreement.data import RatingTable, from_long, from_wide
from reviewer.agreement.results import Estimate

__all__ = ["STATISTICS", "Estimate", "RatingTable", "compute", "compute_long", "from_long", "from_wide"]
