"""Each rater and pair is counted on the units it actually rated, and ICC says why it is missing:
the demo study with one physician left holding a single rated response."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import select

from reviewer.agreement.service import analyze_study
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.store.engine import Store
from reviewer.store.models import Criterion, CriterionRating, Rater, Rating

LONE = "dr-patel"


@pytest.fixture
def one_response_store(demo_store: Store) -> tuple[Store, int]:
    """The demo study where dr-patel keeps only the rating of one response; returns the store and
    the number of criterion units that rating shares with another physician (counted in SQL here,
    independently of the agreement code)."""
    with demo_store.Session() as session:
        ratings = session.scalars(select(Rating).join(Rater).where(Rater.name == LONE)
                                  .order_by(Rating.response_id)).all()
        keep = ratings[0]
        for r in ratings[1:]:
            session.delete(r)
        session.commit()
        mine = session.execute(
            select(Criterion.key, CriterionRating.value)
            .join(CriterionRating, CriterionRating.criterion_id == Criterion.id)
            .where(CriterionRating.rating_id == keep.id)).all()
        others = session.execute(
            select(Criterion.key, CriterionRating.value)
            .join(CriterionRating, CriterionRating.criterion_id == Criterion.id)
            .join(Rating, Rating.id == CriterionRating.rating_id)
            .join(Rater, Rater.id == Rating.rater_id)
            .where(Rating.response_id == keep.response_id, Rater.name != LONE)).all()
    shared = {k for k, v in others if v != "na"}
    n = sum(1 for k, v in mine if v != "na" and k in shared)
    assert 0 < n < 20
    return demo_store, n


def test_rater_who_rated_one_response_gets_the_n_of_that_response(one_response_store) -> None:
    store, n = one_response_store
    result = analyze_study(store, n_boot=20, seed=3)
    rows = result.raters[result.raters["rater"] == LONE].set_index("statistic")
    assert rows.loc["pairwise_agreement", "n_units"] == n
    assert rows.loc["pairwise_macro_f1", "n_units"] == n
    assert 0 < rows.loc["cohen_kappa_vs_majority", "n_units"] <= n  # ties of the others' majority left out
    pairs = result.rater_pairs
    with_lone = pairs[(pairs["rater_a"] == LONE) | (pairs["rater_b"] == LONE)]
    assert len(with_lone) and (with_lone["n_units"] == n).all()
    table = next(t for t in build_agreement_report(result).tables() if t.name == "raters").frame
    assert table.set_index("rater").loc[LONE, "n"] == n
    assert table.set_index("rater").loc["dr-chen", "n"] > 100  # the others keep their own units


def test_icc_missing_says_why(one_response_store) -> None:
    store, _n = one_response_store
    result = analyze_study(store, n_boot=20, seed=3)
    doc = build_agreement_report(result)
    scores = next(t for t in doc.tables() if t.name == "overall_score").frame
    icc = scores[scores["statistic"] == "icc"]
    assert len(icc) == 2 and icc["value"].isna().all()
    complete = int(icc["n_units"].iloc[0])
    assert complete <= 1
    expected = f"needs every rater on every response: {complete} complete unit{'s' if complete != 1 else ''}"
    assert (icc["why_undefined"] == expected).all()
    alpha = scores[scores["statistic"] == "krippendorff_alpha"]
    assert alpha["value"].notna().all() and alpha["why_undefined"].isna().all()
    summary = next(t for t in doc.tables() if t.name == "summary").frame
    assert (summary[summary["statistic"] == "icc"]["why_undefined"] == expected).all()
    assert isinstance(summary, pd.DataFrame)
