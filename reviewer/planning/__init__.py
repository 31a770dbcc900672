"""Adaptive review: physician time where it narrows the judge-physician interval most.

- :mod:`.data`: the plan's population of judged answers, their priority scores, and the
  judge-physician pair counts of the rated ones (read from the store);
- :mod:`.rounds`: ``plan_round`` (report the interval round by round, store the next round of
  assignments) and ``plan_report`` (the same, read only: the data function for reports).

The sampling design and the weighted estimators are pure and live in :mod:`reviewer.stats.sampling`
and :mod:`reviewer.stats.weighted`.
"""
