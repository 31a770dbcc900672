"""The judge command line end to end (real HTTP judge), and the physicians' leaderboard by hand."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from reviewer.cli.main import main
from reviewer.judging.leaderboard import build_leaderboard
from reviewer.store import open_store
from reviewer.store.models import (
    MET,
    NA,
    NOT_MET,
    SUBMITTED,
    Criterion,
    CriterionRating,
    Rater,
    Rating,
    Response,
)
from tests.support.judge import canned_judge_server, make_study


def test_judge_scores_and_templates_commands(fresh_db, capsys) -> None:
    store = open_store(fresh_db)
    make_study(store)
    store.close()
    db = str(fresh_db)
    with canned_judge_server() as (url, _):
        rc = main(["--db", db, "judge", "--model", "canned-judge", "--template", "healthbench", "--backend",
                   "openai", "--base-url", url, "--name", "cli-hb", "--quiet", "--max-new-tokens", "64"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "judge run 'cli-hb' (healthbench v1, generate): done" in out
    assert "verdicts 16 new, 0 already stored, 16 in all" in out
    assert "failed parses 2" in out
    assert main(["--db", db, "scores", "--judge-run", "cli-hb", "--json", "--bootstrap", "100"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["metric"] == "healthbench"
    assert [r["model"] for r in board["rows"]] == ["model-a", "model-b"]
    assert board["rows"][0]["value"] == pytest.approx(1.0) and board["rows"][0]["n_excluded"] == 1
    assert main(["--db", db, "scores", "--judge-run", "cli-hb"]) == 0
    assert "judge:cli-hb (healthbench)" in capsys.readouterr().out
    assert main(["--db", db, "templates", "list"]) == 0
    listing = capsys.readouterr().out
    for name in ("healthbench", "llmeval-med", "prometheus"):
        assert name in listing
    assert main(["--db", db, "templates", "show", "llmeval-med"]) == 0
    assert "得分" in capsys.readouterr().out
    assert main(["--db", db, "scores", "--judge-run", "nope"]) == 2
    assert "no judge run 'nope'" in capsys.readouterr().err


def _rate(session, rater: Rater, response: Response, values: dict[str, str], overall: float,
          status: str = SUBMITTED) -> None:
    rating = Rating(response_id=response.id, rater_id=rater.id, status=status, overall_score=overall)
    session.add(rating)
    session.flush()
    crits = session.scalars(select(Criterion).order_by(Criterion.position)).all()
    for c in crits:
        word = c.text.split()[1].lower()
        if word in values:
            session.add(CriterionRating(rating_id=rating.id, criterion_id=c.id, value=values[word]))


def test_rater_leaderboard_policies_by_hand(store) -> None:
    make_study(store, cases=("hb-1",))
    with store.begin() as s:
        a, b = s.scalars(select(Response).order_by(Response.external_id)).all()  # hb-1-model-a, hb-1-model-b
        r1, r2, r3 = (Rater(name=n) for n in ("r1", "r2", "r3"))
        s.add_all([r1, r2, r3])
        s.flush()
        # criteria: emergency +5, aspirin +3, waiting -4
        _rate(s, r1, a, {"emergency": MET, "aspirin": NOT_MET, "waiting": NOT_MET}, 4)  # 5/8
        _rate(s, r2, a, {"emergency": MET, "aspirin": MET, "waiting": MET}, 5)  # 4/8
        _rate(s, r3, a, {"emergency": NOT_MET, "aspirin": NOT_MET, "waiting": NA}, 2)  # 0/8
        _rate(s, r1, b, {"emergency": NOT_MET, "aspirin": NOT_MET, "waiting": MET}, 1)  # -4/8
        _rate(s, r2, b, {"emergency": MET, "aspirin": MET, "waiting": NOT_MET}, 5, status="draft")  # ignored
    mean = build_leaderboard(store, raters=True, policy="mean", n_boot=100)
    assert mean.answer_scores[a.id] == pytest.approx((5 / 8 + 4 / 8 + 0) / 3)
    assert mean.answer_scores[b.id] == pytest.approx(-0.5)
    # majority: emergency 2 of 3 -> met; aspirin 1 of 3 -> not; waiting 1 of 2 marked -> tie, half of -4
    majority = build_leaderboard(store, raters=True, policy="majority", n_boot=100)
    assert majority.answer_scores[a.id] == pytest.approx((5 - 2) / 8)
    rows = {r.model: r for r in majority.rows}
    assert rows["model-b"].score.value == 0.0  # -0.5 clipped
    overall = build_leaderboard(store, raters=True, metric="llmeval", n_boot=100)
    rows = {r.model: r for r in overall.rows}
    assert rows["model-a"].score.value == pytest.approx(11 / 3)
    assert rows["model-a"].share_good.value == 0.0  # the answer's mean 3.67 is below 4
    assert rows["model-b"].score.value == pytest.approx(1.0)
