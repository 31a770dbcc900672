"""Rubric scoring, the same formulas for judge verdicts and physician ratings (pure: numpy only).

HealthBench (openai/simple-evals ``healthbench_eval.py``):

- an answer's score is the sum of the points of the criteria it meets divided by the sum of the
  positive points; it can be negative (met negative criteria) and is undefined (None) when no
  criterion has positive points;
- the overall score is the mean over answers, clipped to [0, 1], with the standard deviation of
  1000 bootstrap resamples of that clipped mean (``np.std``, ddof 0, as simple-evals does);
- a criterion tag (``axis:...``, ``cluster:...``) score recomputes the same ratio over the tagged
  criteria of each answer (answers without a positive tagged criterion have none), then the same
  clipped mean; an example tag (``theme:...`` on the case) gets the answer's overall score.

LLMEval-Med: the mean of the 1-5 whole-answer scores and the share of answers scoring 4 or more.

A criterion's ``met`` may be a fraction in [0, 1] (a physician tie under the majority policy
counts half): the points earned are ``points * met``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

N_BOOTSTRAP = 1000
GOOD_SCORE = 4  # LLMEval-Med: "core requirements met" and above


@dataclass(frozen=True)
class GradedCriterion:
    points: float
    met: float  # 1.0 met, 0.0 not met (bool accepted); a fraction for split physician votes
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class GradedAnswer:
    criteria: tuple[GradedCriterion, ...]
    example_tags: tuple[str, ...] = ()  # case-level tags such as "theme:emergency_referrals"


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its bootstrap standard deviation and percentile interval."""

    value: float | None
    std: float | None
    ci_low: float | None
    ci_high: float | None
    n: int

    def as_dict(self) -> dict[str, float | int | None]:
        return {"value": self.value, "std": self.std, "ci_low": self.ci_low, "ci_high": self.ci_high, "n": self.n}


@dataclass(frozen=True)
class LeaderboardRow:
    model: str
    metric: str  # "healthbench" | "llmeval"
    score: Estimate
    share_good: Estimate | None = None  # llmeval: share of answers scoring >= 4
    n_excluded: int = 0  # answers left out because a verdict failed or nothing was rated
    extra: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"model": self.model, "metric": self.metric, **self.score.as_dict(),
                                  "n_excluded": self.n_excluded}
        if self.share_good is not None:
            out["share_ge4"] = self.share_good.value
            out["share_ge4_ci"] = [self.share_good.ci_low, self.share_good.ci_high]
        out.update(self.extra)
        return out


def answer_score(criteria: Sequence[GradedCriterion]) -> float | None:
    """HealthBench answer score: earned points over positive points (None without positive points)."""
    possible = sum(c.points for c in criteria if c.points > 0)
    if possible <= 0:
        return None
    return float(sum(c.points * float(c.met) for c in criteria) / possible)


def criterion_tag_scores(criteria: Sequence[GradedCriterion]) -> dict[str, float]:
    """The answer score restricted to each criterion tag (tags without positive points are left out)."""
    by_tag: dict[str, list[GradedCriterion]] = defaultdict(list)
    for c in criteria:
        for tag in dict.fromkeys(c.tags):
            by_tag[tag].append(c)
    scores = {tag: answer_score(items) for tag, items in by_tag.items()}
    return {tag: s for tag, s in scores.items() if s is not None}


def clipped_mean(values: Sequence[float] | np.ndarray) -> float:
    return float(np.clip(np.mean(values), 0.0, 1.0))


def bootstrap(values: Sequence[float], statistic: Callable[[np.ndarray], np.ndarray], *,
              n_boot: int = N_BOOTSTRAP, seed: int = 0, level: float = 0.95) -> Estimate:
    """*statistic* (vectorised over rows) on the data and on *n_boot* resamples of it, with replacement.

    ``statistic`` takes a 2-D array (one resample per row) and returns one value per row.
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Estimate(None, None, None, None, 0)
    point = float(statistic(data[None, :])[0])
    rng = np.random.default_rng(seed)
    samples = data[rng.integers(0, data.size, size=(n_boot, data.size))]
    stats = statistic(samples)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(stats, [alpha, 1.0 - alpha])
    return Estimate(point, float(np.std(stats)), float(low), float(high), int(data.size))


def _clipped_mean_rows(rows: np.ndarray) -> np.ndarray:
    return np.clip(rows.mean(axis=1), 0.0, 1.0)


def _mean_rows(rows: np.ndarray) -> np.ndarray:
    return rows.mean(axis=1)


def _share_good_rows(rows: np.ndarray) -> np.ndarray:
    return (rows >= GOOD_SCORE).mean(axis=1)


def clipped_mean_estimate(values: Sequence[float], *, n_boot: int = N_BOOTSTRAP, seed: int = 0,
                          level: float = 0.95) -> Estimate:
    """HealthBench overall score: clipped mean with bootstrap std and percentile interval."""
    return bootstrap(values, _clipped_mean_rows, n_boot=n_boot, seed=seed, level=level)


def healthbench_summary(answers: Sequence[GradedAnswer], *, n_boot: int = N_BOOTSTRAP,
                        seed: int = 0) -> dict[str, object]:
    """Overall score and every tag score (criterion tags and example tags) over *answers*."""
    overall: list[float] = []
    per_tag: dict[str, list[float]] = defaultdict(list)
    for answer in answers:
        score = answer_score(answer.criteria)
        if score is None:
            continue
        overall.append(score)
        for tag in dict.fromkeys(answer.example_tags):
            per_tag[tag].append(score)
        for tag, value in criterion_tag_scores(answer.criteria).items():
            per_tag[tag].append(value)
    return {
        "overall": clipped_mean_estimate(overall, n_boot=n_boot, seed=seed),
        "tags": {tag: clipped_mean_estimate(values, n_boot=n_boot, seed=seed)
                 for tag, values in sorted(per_tag.items())},
    }


def llmeval_summary(scores: Sequence[float], *, n_boot: int = N_BOOTSTRAP, seed: int = 0) -> dict[str, Estimate]:
    """LLMEval-Med: mean 1-5 score and share of answers scoring >= 4, each with a bootstrap interval."""
    return {"mean": bootstrap(scores, _mean_rows, n_boot=n_boot, seed=seed),
            "share_ge4": bootstrap(scores, _share_good_rows, n_boot=n_boot, seed=seed)}


def leaderboard(answer_scores: Mapping[str, Sequence[float]], metric: str, *, n_boot: int = N_BOOTSTRAP,
                seed: int = 0, excluded: Mapping[str, int] | None = None) -> list[LeaderboardRow]:
    """One row per model from its answers' scores, best first.

    ``metric`` is ``"healthbench"`` (per-answer rubric scores, clipped mean) or ``"llmeval"``
    (1-5 whole-answer scores, plain mean plus the share scoring >= 4).
    """
    if metric not in ("healthbench", "llmeval"):
        raise ValueError(f"unknown metric {metric!r}")
    excluded = excluded or {}
    rows = []
    for model in sorted(set(answer_scores) | set(excluded)):
        values = list(answer_scores.get(model, ()))
        if metric == "healthbench":
            row = LeaderboardRow(model, metric, clipped_mean_estimate(values, n_boot=n_boot, seed=seed),
                                 n_excluded=excluded.get(model, 0))
        else:
            summary = llmeval_summary(values, n_boot=n_boot, seed=seed)
            row = LeaderboardRow(model, metric, summary["mean"], share_good=summary["share_ge4"],
                                 n_excluded=excluded.get(model, 0))
        rows.append(row)
    rows.sort(key=lambda r: (r.score.value is None, -(r.score.value or 0.0), r.model))
    return rows
