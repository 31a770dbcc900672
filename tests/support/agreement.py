"""Independent reimplementations used by the agreement tests (plain Python, no numpy tricks)."""

from __future__ import annotations


def plain_pairwise_macro_f1(self_labels: list[bool], other_labels: list[list[bool]]) -> float | None:
    """HealthBench meta-eval (simple-evals ``compute_metrics_for_rater_by_class``), written out:
    precision is recorded per own label, recall per the other rater's label; F1 per class; mean."""
    lists: dict[str, list[bool]] = {"p_pos": [], "p_neg": [], "r_pos": [], "r_neg": []}
    for me, others in zip(self_labels, other_labels, strict=True):
        for other in others:
            lists["p_pos" if me else "p_neg"].append(me == other)
            lists["r_pos" if other else "r_neg"].append(me == other)

    def mean(xs: list[bool]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    f1s = []
    for cls in ("pos", "neg"):
        p, r = mean(lists[f"p_{cls}"]), mean(lists[f"r_{cls}"])
        if p is None or r is None:
            return None
        f1s.append(0.0 if p == 0 and r == 0 else 2 * p * r / (p + r))
    return sum(f1s) / 2


def plain_physician_baseline(rows: list[tuple[list[bool], list[str]]]) -> dict[str, float | None]:
    """Each physician vs the other physicians' labels on the same rows (HealthBench meta-eval)."""
    own: dict[str, list[bool]] = {}
    rest: dict[str, list[list[bool]]] = {}
    for labels, ids in rows:
        for i, pid in enumerate(ids):
            own.setdefault(pid, []).append(labels[i])
            rest.setdefault(pid, []).append(labels[:i] + labels[i + 1:])
    return {pid: plain_pairwise_macro_f1(own[pid], rest[pid]) for pid in own}


def percentile_midrank(scores: list[float], value: float) -> float:
    """simple-evals ``healthbench_analysis.ipynb`` ``plot_model_physician_agreement``:
    (scores below + 1/2 x scores equal) / scores x 100."""
    return 100.0 * (sum(s < value for s in scores) + 0.5 * sum(s == value for s in scores)) / len(scores)
