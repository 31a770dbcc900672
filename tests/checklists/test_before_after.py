"""Before / after a checklist edit (issue 18): physicians' agreement on the old wording counts the
ratings made on version 1 (superseded by the re-rating or not), on the new wording those made on
version 2; carried criteria are not "edited"; the figures equal the krippendorff package and a
plain count, the judges' agreement a plain count and scikit-learn's kappa."""

from __future__ import annotations

import json
from itertools import combinations

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from sqlalchemy import select

from reviewer.checklists.before_after import (
    NEEDS_RATINGS,
    TOO_FEW,
    before_after,
    edited_criteria,
    version_label,
)
from reviewer.checklists.rerate import request_rerating
from reviewer.checklists.triage import submitted_values
from reviewer.checklists.versions import ChangeCriterion, edit_checklist
from reviewer.rating import service
from reviewer.store.models import MET, NOT_MET, ChecklistVersion, Criterion
from tests.support.before_after import CASE, J1, J2, NEW_TEXT, OLD_TEXT, V1, V2, build_rated_study

N_BOOT = 200


def _alpha(columns: list[tuple[str, ...]]) -> float:
    """The krippendorff package on a raters x units matrix (not applicable = missing)."""
    code = {MET: 1.0, NOT_MET: 0.0}
    data = np.array([[code.get(v, np.nan) for v in by_rater] for by_rater in zip(*columns, strict=True)])
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def _percent(columns: list[tuple[str, ...]]) -> tuple[float, int]:
    """Mean share of agreeing pairs over the answers with >= 2 met / not-met answers, and their number."""
    shares = []
    for unit in columns:
        votes = [v for v in unit if v in (MET, NOT_MET)]
        if len(votes) >= 2:
            pairs = list(combinations(votes, 2))
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
    return sum(shares) / len(shares), len(shares)


def _majority(unit: tuple[str, ...]) -> str | None:
    votes = [v for v in unit if v in (MET, NOT_MET)]
    met = votes.count(MET)
    return MET if 2 * met > len(votes) else NOT_MET if 2 * met < len(votes) else None


def _judge_figures(judge: list[bool], columns: list[tuple[str, ...]]) -> tuple[float, float, int]:
    pairs = [(MET if j else NOT_MET, m) for j, unit in zip(judge, columns, strict=True)
             if (m := _majority(unit)) is not None]
    share = sum(a == b for a, b in pairs) / len(pairs)
    return share, float(cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs])), len(pairs)


def test_old_side_counts_the_version_1_ratings_and_new_side_the_version_2_ones(store) -> None:  # noqa: ANN001
    ids = build_rated_study(store)
    with store.Session() as s:
        result = before_after(s, ids["study"], n_boot=N_BOOT)
        current_v1 = {r[4] for r in submitted_values(s, ids["study"], version=1, current_only=True)}
    assert current_v1 == {ids["raters"]["c"]}  # a's and b's v1 ratings were superseded, yet they count below
    assert [(r.case, r.key) for r in result.rows] == [(CASE, "k-edit")]  # k-keep (spaces), k-points: not edited
    old, new = result.rows[0].old, result.rows[0].new
    assert (old.label, old.versions, old.text) == ("v1", (1,), OLD_TEXT)
    assert (new.label, new.versions, new.text) == ("v2", (2,), NEW_TEXT)
    # three physicians on v1 (one n.a.), two on v2 (one n.a., so that answer has one rating)
    assert (old.n_ratings, old.n_not_applicable, old.n_raters, old.n_answers) == (35, 1, 3, 12)
    assert (new.n_ratings, new.n_not_applicable, new.n_raters, new.n_answers) == (23, 1, 2, 11)
    assert old.alpha == pytest.approx(_alpha(V1)) and new.alpha == pytest.approx(_alpha(V2))
    assert (old.percent_agreement, old.n_answers) == (pytest.approx(_percent(V1)[0]), _percent(V1)[1])
    assert (new.percent_agreement, new.n_answers) == (pytest.approx(_percent(V2)[0]), _percent(V2)[1])
    assert old.alpha != pytest.approx(new.alpha)
    for side in (old, new):
        assert side.alpha_ci[0] <= side.alpha <= side.alpha_ci[1]
        assert side.percent_agreement_ci[0] <= side.percent_agreement <= side.percent_agreement_ci[1]
        assert side.note == ""
    with store.Session() as s:  # seeded: the same figures again
        assert before_after(s, ids["study"], n_boot=N_BOOT) == result


def test_judges_agree_with_the_physicians_majority_on_the_same_wording(store) -> None:  # noqa: ANN001
    ids = build_rated_study(store)
    with store.Session() as s:
        row = before_after(s, ids["study"], n_boot=N_BOOT).rows[0]
        both = before_after(s, ids["study"], n_boot=N_BOOT, judge_runs=["j1", "j2"]).rows[0]
    # by default each side shows the runs that graded its wording: j1 graded v1, j2 graded v2
    assert [j.judge_run for j in row.old.judges] == ["j1"] and [j.judge_run for j in row.new.judges] == ["j2"]
    for judge, side, columns in ((J1, row.old.judges[0], V1), (J2, row.new.judges[0], V2)):
        share, kappa, n = _judge_figures(judge, columns)
        assert (side.agreement, side.kappa, side.n) == (pytest.approx(share), pytest.approx(kappa), n)
        assert side.agreement_ci is not None and side.agreement_ci[0] <= side.agreement <= side.agreement_ci[1]
    assert row.new.judges[0].n == 10  # two ties between a and b have no majority
    # named runs are shown on both sides; a run without verdicts on a wording has n = 0 there
    assert [(j.judge_run, j.n) for j in both.old.judges] == [("j1", 12), ("j2", 0)]
    assert [(j.judge_run, j.n) for j in both.new.judges] == [("j1", 0), ("j2", 10)]


def test_before_the_rerating_the_new_wording_needs_new_ratings(store) -> None:  # noqa: ANN001
    ids = build_rated_study(store, rerate=False)
    with store.Session() as s:
        row = before_after(s, ids["study"], cases=[CASE], n_boot=0).rows[0]
    assert (row.old.n_ratings, row.old.n_answers, row.old.alpha) == (35, 12, pytest.approx(_alpha(V1)))
    assert row.old.alpha_ci is None  # n_boot=0: no interval
    assert (row.new.n_ratings, row.new.n_answers, row.new.alpha, row.new.percent_agreement) == (0, 0, None, None)
    assert row.new.note == f"{TOO_FEW}; {NEEDS_RATINGS.format(case=CASE)}"
    assert "reviewer checklist rerate ba-case" in row.new.note and row.old.note == ""


def test_an_answer_carried_to_a_later_version_counts_once(store) -> None:  # noqa: ANN001
    """After a third version rewords k-keep, a's re-rating carries their k-edit answer from v2 to
    v3: the new side of k-edit spans v2-v3 with the same figures; k-keep is now edited too."""
    ids = build_rated_study(store)
    with store.Session() as s:
        before = before_after(s, ids["study"], n_boot=N_BOOT).rows[0]
    with store.begin() as s:
        edit_checklist(s, CASE, author="coordinator", reason="emergency number",
                       edits=[ChangeCriterion("k-keep", text="Advises calling 120 or 911 at once.")])
        report = request_rerating(s, [CASE], raters=["a"])
        assert {(i.asked, i.carried) for i in report.items} == {(("k-keep",), ("k-edit", "k-points"))}
        v3 = dict(s.execute(select(Criterion.key, Criterion.id).join(ChecklistVersion)
                            .where(ChecklistVersion.case_id == ids["case"], ChecklistVersion.version == 3)).all())
        for rid in ids["responses"]:
            service.set_criterion(s, ids["raters"]["a"], rid, v3["k-keep"], MET)
            service.submit(s, ids["raters"]["a"], rid)
    with store.Session() as s:
        rows = {r.key: r for r in before_after(s, ids["study"], n_boot=N_BOOT).rows}
    assert set(rows) == {"k-keep", "k-edit"}
    edit = rows["k-edit"]
    assert (edit.new.label, edit.new.versions) == ("v2-v3", (2, 3))
    assert (edit.old, edit.new.n_ratings, edit.new.alpha, edit.new.alpha_ci) == (
        before.old, before.new.n_ratings, before.new.alpha, before.new.alpha_ci)
    keep = rows["k-keep"]
    assert (keep.old.label, keep.old.n_ratings, keep.old.n_raters) == ("v1-v2", 36, 3)
    assert (keep.new.label, keep.new.n_ratings, keep.new.n_answers) == ("v3", 12, 0)
    assert keep.new.note.startswith(TOO_FEW)


def test_edited_criteria_and_version_labels() -> None:
    rows = [(1, "k", "A", 1, 7, "c", ""), (2, "k", "B", 2, 7, "c", ""), (3, "k", "A", 3, 7, "c", ""),
            (4, "same", "x", 1, 7, "c", ""), (5, "same", "x ", 2, 7, "c", "")]
    # texts arrive trimmed from load(); the newest change of k is v2 -> v3, back to the v1 wording
    rows = [(c, k, t.strip(), v, case, e, title) for c, k, t, v, case, e, title in rows]
    assert edited_criteria(rows) == [((7, "k"), {2: 2}, {1: 1, 3: 3})]
    assert [version_label(v) for v in ([1], [1, 2, 3], [1, 3])] == ["v1", "v1-v3", "v1, v3"]


def test_compare_before_after_on_the_command_line(store, db_path, capsys) -> None:  # noqa: ANN001
    from reviewer.cli.main import main

    ids = build_rated_study(store)
    with store.Session() as s:
        expected = before_after(s, ids["study"], n_boot=N_BOOT).to_dict()
    assert main(["--db", str(db_path), "compare", "--before-after", "--case", CASE, "--boot", str(N_BOOT),
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == json.loads(json.dumps(expected))
    crit = data["criteria"][0]
    assert (crit["key"], crit["old"]["versions"], crit["new"]["versions"]) == ("k-edit", [1], [2])
    assert (crit["old"]["n_ratings"], crit["new"]["n_ratings"]) == (35, 23)
    assert crit["old"]["judges"][0]["judge_run"] == "j1" and len(crit["old"]["alpha_ci"]) == 2

    assert main(["--db", str(db_path), "compare", CASE, "--boot", "50", "--judge-run", "j2"]) == 0  # no runs
    text = capsys.readouterr().out
    assert "case ba-case / k-edit: v1 -> v2" in text and NEW_TEXT in text and OLD_TEXT in text
    lines = text.splitlines()
    phys = [ln.split() for ln in lines if ln.startswith("  physicians ")]
    assert [p[1:5] for p in phys] == [["v1", "12", "35", "3"], ["v2", "11", "23", "2"]]
    judge = [ln.split() for ln in lines if ln.startswith("  judge ")]
    assert [j[:4] for j in judge] == [["judge", "j2", "v1", "0"], ["judge", "j2", "v2", "10"]]

    assert main(["--db", str(db_path), "compare", "--old-run", "j1"]) == 2  # one run alone is no comparison
    assert "--new-run" in capsys.readouterr().err
    assert main(["--db", str(db_path), "compare", "--before-after", "--judge-run", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
