"""How triage ranks criteria: the physicians' majority and the combined trouble score.

This is triage's policy, not statistics: the figures it combines (alpha, percent agreement,
judge–majority disagreement, with their intervals) come from :mod:`reviewer.stats.grouped`, the
engine the agreement report uses too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from reviewer.store.vocabulary import MET, NOT_MET

SHRINK = 2.0
FEEDBACK_HALF = 2.0


def majority(values: Sequence[Hashable]) -> Hashable | None:
    """The strict majority (more than half) of the met / not-met answers, or None (a tie, or no
    answer). Not applicable is no vote, as in the agreement service, where it is a missing rating
    (:func:`reviewer.agreement.tables.majority`)."""
    votes = [v for v in values if v in (MET, NOT_MET)]
    if not votes:
        return None
    value, count = Counter(votes).most_common(1)[0]
    return value if count * 2 > len(votes) else None


def evidence(n: int) -> float:
    """Weight of n units of evidence: n / (n + 2), so 1 unit counts a third, 10 units 83%."""
    return n / (n + SHRINK) if n > 0 else 0.0


def trouble_score(alpha: float | None, pct: float | None, n_rr: int, judge_disagreement: float | None,
                  n_jr: int, feedback: int) -> float:
    """Combined trouble in [0, 1]; higher is worse. The mean of three parts:

    - rater–rater: ``1 - max(alpha, 0)``, or ``1 - percent agreement`` where alpha is undefined
      (all values equal: then it is 0), times ``evidence(n_rr)``;
    - judge–rater: the share of answers where the judge differs from the physician majority,
      times ``evidence(n_jr)``;
    - feedback: ``f / (f + 2)`` for *f* feedback notes (one note 0.33, two 0.5, six 0.75).

    A missing part counts as 0, so a criterion rises only on evidence of trouble; the evidence
    weights keep a criterion seen on one or two answers from outranking one with the same figures
    on twenty. The CIs in the triage rows show the remaining small-n noise.
    """
    if alpha is not None:
        rr = 1.0 - max(alpha, 0.0)
    elif pct is not None:
        rr = 1.0 - pct
    else:
        rr = 0.0
    jr = judge_disagreement or 0.0
    fb = feedback / (feedback + FEEDBACK_HALF) if feedback > 0 else 0.0
    return (rr * evidence(n_rr) + jr * evidence(n_jr) + fb) / 3.0
