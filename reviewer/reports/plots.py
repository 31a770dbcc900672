"""Report figures as PNG bytes (matplotlib, Agg backend; no Qt, no database).

Figures are plain ``matplotlib.figure.Figure`` objects, never pyplot's: the app draws them in worker
threads (agreement analysis, report jobs), and pyplot's global figure registry is not thread-safe.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

matplotlib.rcParams.update({
    "font.family": ["DejaVu Sans", "Noto Sans CJK SC", "sans-serif"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 110,
})
ACCENT = "#2f6fb3"
MUTED = "#9aa5b1"


def _subplots(*grid: int, figsize: tuple[float, float], **kwargs: object) -> tuple[Figure, Any]:
    """``pyplot.subplots`` without pyplot: a free-standing figure and its axes."""
    fig = Figure(figsize=figsize)
    return fig, fig.subplots(*grid, **kwargs)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=110)
    return buf.getvalue()


def confusion_matrix_png(matrix: np.ndarray, labels: Sequence[str], *, row_title: str,
                         col_title: str, title: str = "") -> bytes:
    """Counts of (row label, column label) pairs, annotated."""
    matrix = np.asarray(matrix, dtype=float)
    fig, ax = _subplots(figsize=(3.6, 3.2))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels)
    ax.set_yticks(range(len(labels)), labels)
    ax.set_xlabel(col_title)
    ax.set_ylabel(row_title)
    top = matrix.max() if matrix.size else 0
    for (i, j), value in np.ndenumerate(matrix):
        ax.text(j, i, f"{value:.0f}", ha="center", va="center",
                color="white" if top and value > top / 2 else "#1f2933")
    if title:
        ax.set_title(title, fontsize=10)
    return _png(fig)


def bland_altman_png(a: Sequence[float], b: Sequence[float], *, a_name: str, b_name: str) -> bytes:
    """Differences (a - b) against means, with the mean difference and 95% limits of agreement."""
    a_arr, b_arr = np.asarray(a, float), np.asarray(b, float)
    mean, diff = (a_arr + b_arr) / 2, a_arr - b_arr
    bias, sd = float(np.mean(diff)) if len(diff) else 0.0, float(np.std(diff, ddof=1)) if len(diff) > 1 else 0.0
    fig, ax = _subplots(figsize=(6, 3.4))
    jitter = np.random.default_rng(0).uniform(-0.06, 0.06, size=(2, len(mean)))
    ax.scatter(mean + jitter[0], diff + jitter[1], s=18, alpha=0.6, color=ACCENT)
    for y, style, label in ((bias, "-", f"mean difference {bias:+.2f}"),
                            (bias + 1.96 * sd, "--", f"+1.96 SD {bias + 1.96 * sd:+.2f}"),
                            (bias - 1.96 * sd, "--", f"-1.96 SD {bias - 1.96 * sd:+.2f}")):
        ax.axhline(y, linestyle=style, color="#c0392b" if style == "-" else MUTED, linewidth=1)
        ax.text(ax.get_xlim()[1] if len(mean) else 1, y, " " + label, va="center", fontsize=8)
    ax.set_xlabel(f"mean of {a_name} and {b_name}")
    ax.set_ylabel(f"{a_name} − {b_name}")
    return _png(fig)


def heatmap_png(frame: pd.DataFrame, *, title: str = "", vmin: float = -1.0, vmax: float = 1.0) -> bytes:
    """A labelled square heat map (e.g. rater × rater kappa), NaN cells left blank."""
    values = frame.to_numpy(dtype=float)
    size = max(3.2, 0.55 * len(frame.columns) + 1.8)
    fig, ax = _subplots(figsize=(size + 0.8, size))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="RdYlGn", vmin=vmin, vmax=vmax)
    ax.set_xticks(range(len(frame.columns)), [str(c) for c in frame.columns], rotation=45, ha="right")
    ax.set_yticks(range(len(frame.index)), [str(i) for i in frame.index])
    for (i, j), value in np.ndenumerate(values):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=ax, shrink=0.8)
    if title:
        ax.set_title(title, fontsize=10)
    return _png(fig)


def interval_png(labels: Sequence[str], values: Sequence[float], lows: Sequence[float],
                 highs: Sequence[float], *, xlabel: str, highlight: Sequence[bool] | None = None,
                 reference: float | None = None) -> bytes:
    """Point estimates with confidence intervals, one row per label (worst first as given)."""
    n = len(labels)
    fig, ax = _subplots(figsize=(6.4, max(1.6, 0.28 * n + 0.9)))
    y = np.arange(n)[::-1]
    vals, lo, hi = (np.asarray(v, float) for v in (values, lows, highs))
    colors = [("#c0392b" if h else ACCENT) for h in (highlight if highlight is not None else [False] * n)]
    ok = ~(np.isnan(lo) | np.isnan(hi))
    ax.hlines(y[ok], lo[ok], hi[ok], color=MUTED, linewidth=2)
    ax.scatter(vals, y, color=colors, zorder=3, s=22)
    ax.set_yticks(y, [str(s)[:48] for s in labels], fontsize=8)
    if reference is not None:
        ax.axvline(reference, color=MUTED, linestyle=":", linewidth=1)
    ax.set_xlabel(xlabel)
    return _png(fig)


def confusion_grid_png(matrices: dict[str, Sequence[Sequence[float]]], labels: Sequence[str], *,
                       row_title: str, col_title: str) -> bytes:
    """One annotated 2 x 2 (or q x q) count panel per named matrix, side by side (at most 4 a row)."""
    names = list(matrices)
    cols = max(1, min(4, len(names)))
    rows = max(1, -(-len(names) // cols))
    fig, axes = _subplots(rows, cols, figsize=(3.0 * cols, 2.9 * rows), squeeze=False)
    for ax in axes.flat[len(names):]:
        ax.axis("off")
    for ax, name in zip(axes.flat, names, strict=False):
        m = np.asarray(matrices[name], dtype=float)
        ax.imshow(m, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels)
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel(col_title)
        ax.set_ylabel(row_title)
        ax.set_title(str(name), fontsize=10)
        top = m.max() if m.size else 0
        for (i, j), value in np.ndenumerate(m):
            ax.text(j, i, f"{value:.0f}", ha="center", va="center",
                    color="white" if top and value > top / 2 else "#1f2933")
    return _png(fig)
