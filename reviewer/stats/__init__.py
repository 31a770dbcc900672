"""Agreement statistics on long-format ratings (unit, rater, value): pure numpy / pandas / scipy.

No Qt, no database. Each statistic returns an :class:`~reviewer.stats.results.Estimate`
(value, n, bootstrap CI). Modules: ``data`` (long format -> matrices), ``alpha``, ``kappa``,
``icc``, ``scores`` (correlations, Bland-Altman), ``healthbench`` (pairwise macro-F1),
``bootstrap`` (vectorised cluster bootstrap), ``api`` (statistics by name).
"""

from reviewer.stats.api import STATISTICS, compute, compute_long
from reviewer.stats.data import RatingTable, from_long, from_wide
from reviewer.stats.results import Estimate

__all__ = ["STATISTICS", "Estimate", "RatingTable", "compute", "compute_long", "from_long", "from_wide"]
