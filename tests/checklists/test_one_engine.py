"""One statistics engine: Triage and the agreement report give the same figure, value and interval.

``reviewer.stats.grouped`` computes a statistic for every group at once; it must give what one
``reviewer.stats.compute`` call per group gives (same clusters, draws and percentile interval),
and Triage and the agreement report's per-criterion table both compute through it.
"""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from sqlalchemy import select, update

import reviewer.checklists.triage as triage_module
from reviewer.agreement import judges, raters
from reviewer.agreement.service import analyze_study
from reviewer.checklists.triage import triage
from reviewer.stats import compute, from_wide
from reviewer.stats.bootstrap import MIN_INTERVAL_UNITS
from reviewer.stats.grouped import GROUPED_STATISTICS, Grouping, agreement_by_group
from reviewer.store.models import Criterion, CriterionRating, Rater, Rating
from reviewer.store.vocabulary import NA
from reviewer.studies.demo import build_demo
from tests.support.refinement import build_small_study

N_BOOT, SEED = 300, 11


def _same(a: float, b: float) -> bool:
    return (np.isnan(a) and np.isnan(b)) or a == pytest.approx(b, abs=1e-12, rel=0)


def _same_ci(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and _same(a[0], b[0]) and _same(a[1], b[1]))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")  # the package, on one-value groups
def test_grouped_equals_one_call_per_group() -> None:
    """Small and large groups (> 64 clusters: indices or multinomial draws, decided per group as a
    single call decides), clusters coarser than units, units as clusters, missing ratings, groups
    where every answer agrees (alpha undefined) -- every statistic, value and interval."""
    rng = np.random.default_rng(5)
    sizes = [1, 2, 3, 4, 6, 9, 70, 150, 2, 5] * 6
    blocks, group, labels = [], [], []
    for g, n in enumerate(sizes):
        x = rng.integers(0, 2, (n, 4)).astype(float)
        x[rng.random((n, 4)) < 0.3] = np.nan
        if g % 7 == 0:
            x = np.where(np.isnan(x), np.nan, 1.0)
        blocks.append(x)
        group += [g] * n
        labels += list(rng.integers(0, max(1, n // 3), n) if g % 2 else rng.integers(0, 10**6, n))
    codes, group, labels = np.vstack(blocks), np.array(group), np.array(labels)
    for clusters in (labels, None):
        got = agreement_by_group(codes, 2, Grouping.of(group, clusters), n_boot=N_BOOT, seed=SEED)
        for g in range(len(sizes)):
            rows = np.flatnonzero(group == g)
            for name in GROUPED_STATISTICS:
                kw = {"level": "nominal"} if name == "krippendorff_alpha" else {}
                one = compute(from_wide(codes[rows]), name, categories=[0.0, 1.0], n_boot=N_BOOT, seed=SEED,
                              clusters=None if clusters is None else clusters[rows], **kw)
                est = got[name][g]
                assert _same(est.value, one.value) and _same_ci(est.ci, one.ci), (g, name, est, one)
                assert (est.n_units, est.n_raters, est.n_boot, est.level) == (
                    one.n_units, one.n_raters, one.n_boot, one.level)
                if name == "krippendorff_alpha" and np.isfinite(est.value):  # and the package
                    ref = krippendorff.alpha(reliability_data=codes[rows].T, level_of_measurement="nominal")
                    assert est.value == pytest.approx(ref, abs=1e-12)


def _report_row(table, case_uid: str, key: str, statistic: str):  # noqa: ANN001, ANN202
    t = table
    row = t[(t["case_uid"] == case_uid) & (t["criterion_key"] == key) & (t["statistic"] == statistic)]
    assert len(row) <= 1
    return row.iloc[0] if len(row) else None


def _ci(row) -> tuple[float, float] | None:  # noqa: ANN001
    return None if row["ci_low"] is None or np.isnan(row["ci_low"]) else (row["ci_low"], row["ci_high"])


def _check_same(store, study: str) -> int:  # noqa: ANN001
    """Every triage row against the report's per-criterion tables (raters, and the judge against
    their majority); returns how many figures carried an interval."""
    res = analyze_study(store, study, n_boot=N_BOOT, seed=SEED)
    with store.Session() as s:
        rows = triage(s, study, n_boot=N_BOOT, seed=SEED)
    judge = next(j for j in res.judges if j.judge_run == rows[0].judge_run).by_criterion
    with_ci = 0
    for r in rows:
        for statistic, value, ci, n in (("krippendorff_alpha", r.alpha, r.alpha_ci, r.n_rr),
                                        ("percent_agreement", r.percent_agreement, r.percent_agreement_ci, r.n_rr)):
            rep = _report_row(res.by_criterion, r.case_uid, r.key, statistic)
            assert _same(np.nan if value is None else value, rep["value"]), (r.key, statistic)
            assert _same_ci(ci, _ci(rep)), (r.key, statistic, ci, _ci(rep))
            assert n == rep["n_units"] and rep["resampled"] in ("responses", "units")
            with_ci += ci is not None
        # triage shows the judge's disagreement with the majority: one minus the report's agreement
        rep = _report_row(judge, r.case_uid, r.key, "percent_agreement_vs_majority")
        if rep is None:
            assert r.n_jr == 0 and r.judge_disagreement is None
            continue
        assert r.n_jr == rep["n_units"] and _same(np.nan if r.judge_disagreement is None else r.judge_disagreement,
                                                  1.0 - rep["value"])
        flipped = None if _ci(rep) is None else (1.0 - _ci(rep)[1], 1.0 - _ci(rep)[0])
        assert _same_ci(r.judge_disagreement_ci, flipped), (r.key, r.judge_disagreement_ci, flipped)
        with_ci += flipped is not None
    return with_ci


def test_triage_and_report_agree_on_the_demo_study(store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    name = build_demo(store)
    # the demo's criteria are rated on 2-3 answers: below MIN_INTERVAL_UNITS, neither shows an interval
    assert MIN_INTERVAL_UNITS == 10 and _check_same(store, name) == 0
    # with the cut lowered (in every module that applies it), the intervals exist and agree
    _intervals_from_one_unit(monkeypatch)
    assert _check_same(store, name) > 20


def _intervals_from_one_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (raters, judges, triage_module):
        monkeypatch.setattr(module, "MIN_INTERVAL_UNITS", 1)


def test_triage_and_report_agree_with_not_applicable_answers(store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """Not applicable is a missing rating in both (it used to be a third category in triage)."""
    _intervals_from_one_unit(monkeypatch)
    build_small_study(store)
    with store.begin() as s:
        crit = s.scalar(select(Criterion.id).where(Criterion.key == "hb-2"))
        rater = s.scalar(select(Rater.id).where(Rater.name == "phys-b"))
        ratings = select(Rating.id).where(Rating.rater_id == rater)
        s.execute(update(CriterionRating).where(CriterionRating.criterion_id == crit,
                                                CriterionRating.rating_id.in_(ratings)).values(value=NA))
    assert _check_same(store, "small") > 0
    with store.Session() as s:
        row = next(r for r in triage(s, "small", n_boot=0) if r.key == "hb-2")
    # phys-a and phys-c on hb-2: met/met, not/not, met/not, not/met
    ref = krippendorff.alpha(reliability_data=[[1, 0, 1, 0], [1, 0, 0, 1]], level_of_measurement="nominal")
    assert row.n_rr == 4 and row.alpha == pytest.approx(ref)
