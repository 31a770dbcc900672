"""analyze_study on a real SQLite study built with the ORM, checked against independent figures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import krippendorff
import numpy as np
import pytest
from scipy import stats
from sklearn.metrics import cohen_kappa_score

from reviewer.agreement import analyze_study
from reviewer.cli.main import main
from reviewer.store.models import (
    DRAFT,
    MET,
    NA,
    NOT_MET,
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
    Study,
)
from tests.support.agreement import (
    percentile_midrank,
    plain_pairwise_macro_f1,
    plain_physician_baseline,
)

RATERS = ["dr-a", "dr-b", "dr-c", "dr-d"]
CATEGORIES = ["cardio / chest pain", "cardio / hypertension", "peds / fever", "peds / dosing"]


def build_study(store, seed: int = 0) -> dict:  # noqa: ANN001
    """4 cases x 3 criteria x 2 models; 4 raters (some missing, some n/a); a judge run.

    Returns the ground truth the test recomputes from: labels[(response, key)][rater] and
    judge[(response, key)], scores[response][rater], judge_scores[response].
    """
    rng = np.random.default_rng(seed)
    truth: dict = {"labels": {}, "judge": {}, "scores": {}, "judge_scores": {}, "case_of": {}, "model_of": {},
                   "category_of": {}}
    with store.begin() as s:
        study = Study(name="agreement-test")
        s.add(study)
        s.flush()
        models = [Model(study_id=study.id, name=n) for n in ("m-one", "m-two")]
        raters = [Rater(name=n) for n in RATERS]
        s.add_all(models + raters)
        s.flush()
        run = JudgeRun(study_id=study.id, name="judge-1", judge_model="tiny-judge", status="done")
        s.add(run)
        s.flush()
        for ci, cat in enumerate(CATEGORIES):
            case = Case(study_id=study.id, source="test", external_id=f"c{ci}", title=f"case {ci}", category=cat)
            s.add(case)
            s.flush()
            cl = ChecklistVersion(case_id=case.id, version=1)
            s.add(cl)
            s.flush()
            crits = [Criterion(checklist_version_id=cl.id, key=f"k{k}", position=k, text=f"criterion {ci}.{k}",
                               points=[5.0, 3.0, -2.0][k]) for k in range(3)]
            s.add_all(crits)
            s.flush()
            for mi, model in enumerate(models):
                resp = Response(case_id=case.id, model_id=model.id, external_id=f"r{ci}{mi}", text="answer")
                s.add(resp)
                s.flush()
                truth["case_of"][resp.id] = case.id
                truth["model_of"][resp.id] = model.name
                truth["category_of"][resp.id] = cat
                latent = rng.random(3) < 0.5
                for ri, rater in enumerate(raters):
                    if ri == 3 and mi == 1:
                        continue  # dr-d did not rate model two
                    status = DRAFT if (ri == 2 and ci == 3 and mi == 0) else SUBMITTED
                    score = float(np.clip(3 + rng.integers(-1, 2) + (1 if latent.sum() > 1 else 0), 1, 5))
                    rating = Rating(response_id=resp.id, rater_id=rater.id, checklist_version_id=cl.id,
                                    status=status, overall_score=score)
                    s.add(rating)
                    s.flush()
                    if status == SUBMITTED:
                        truth["scores"].setdefault(resp.id, {})[rater.name] = score
                    for k, crit in enumerate(crits):
                        flip = rng.random() < 0.2
                        value = MET if latent[k] != flip else NOT_MET
                        if rng.random() < 0.08:
                            value = NA
                        s.add(CriterionRating(rating_id=rating.id, criterion_id=crit.id, value=value))
                        if status == SUBMITTED and value != NA:
                            truth["labels"].setdefault((resp.id, f"k{k}"), {})[rater.name] = value == MET
                for k, crit in enumerate(crits):
                    met = bool(latent[k] != (rng.random() < 0.15))
                    s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=crit.id, met=met))
                    truth["judge"][(resp.id, f"k{k}")] = met
                jscore = float(np.clip(3 + (1 if latent.sum() > 1 else 0) + rng.integers(0, 2), 1, 5))
                s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=None, score=jscore))
                truth["judge_scores"][resp.id] = jscore
    return truth


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, new_db: Callable[[Path], Path]):  # noqa: ANN201
    """One study file for the module (read-only tests share it and one analysis)."""
    from reviewer.store import open_store

    path = new_db(tmp_path_factory.mktemp("agreement") / "study.db")
    store = open_store(path)
    truth = build_study(store)
    result = analyze_study(store, judge_run="judge-1", n_boot=100, seed=1)
    yield store, truth, result, path
    store.close()


def _matrix(labels: dict, units: list) -> np.ndarray:
    return np.array([[float(labels[u][r]) if r in labels[u] else np.nan for u in units] for r in RATERS])


def _value(df, **where) -> float:  # noqa: ANN001
    sel = df
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, where
    return float(sel["value"].iloc[0])


def test_rater_rater_against_krippendorff_package(built) -> None:  # noqa: ANN001
    store, truth, res, _ = built
    units = sorted(truth["labels"])
    x = _matrix(truth["labels"], units)
    ref = krippendorff.alpha(reliability_data=x, level_of_measurement="nominal")
    assert _value(res.overall, statistic="krippendorff_alpha") == pytest.approx(ref, abs=1e-12)
    row = res.overall[res.overall["statistic"] == "krippendorff_alpha"].iloc[0]
    assert row["n_units"] == int(((~np.isnan(x)).sum(axis=0) >= 2).sum())
    assert row["ci_low"] <= row["value"] <= row["ci_high"] and row["resampled"] == "cases"
    assert res.counts["raters"] == 4 and res.counts["cases"] == 4
    # the draft rating is not counted
    assert res.counts["ratings"] == 4 * 2 * 3 + 4 * 1 - 1

    # per category: the same alpha on that category's units only
    cat = CATEGORIES[0]
    cunits = [u for u in units if truth["category_of"][u[0]] == cat]
    ref_cat = krippendorff.alpha(reliability_data=_matrix(truth["labels"], cunits), level_of_measurement="nominal")
    assert _value(res.by_category, category=cat, statistic="krippendorff_alpha") == pytest.approx(ref_cat)

    # overall scores: interval alpha against the package (units = responses)
    resp = sorted(truth["scores"])
    sx = np.array([[truth["scores"][r].get(name, np.nan) for r in resp] for name in RATERS])
    ref_s = krippendorff.alpha(reliability_data=sx, level_of_measurement="interval")
    assert _value(res.overall_score, statistic="krippendorff_alpha", level="interval") == pytest.approx(ref_s)

    # each rater against the rest: pairwise macro-F1 = HealthBench physician baseline
    rows = [([truth["labels"][u][r] for r in RATERS if r in truth["labels"][u]],
             [r for r in RATERS if r in truth["labels"][u]]) for u in units]
    base = plain_physician_baseline(rows)
    for r in RATERS:
        assert _value(res.raters, rater=r, statistic="pairwise_macro_f1") == pytest.approx(base[r])
    # pair kappa against scikit-learn
    both = [u for u in units if "dr-a" in truth["labels"][u] and "dr-b" in truth["labels"][u]]
    ka = cohen_kappa_score([truth["labels"][u]["dr-a"] for u in both], [truth["labels"][u]["dr-b"] for u in both])
    assert _value(res.rater_pairs, rater_a="dr-a", rater_b="dr-b", statistic="cohen_kappa") == pytest.approx(ka)
    # criteria table: one row per criterion and statistic
    assert len(res.by_criterion) == 4 * 3 * 4


def test_judge_rater(built) -> None:  # noqa: ANN001
    store, truth, res, _ = built
    j = res.judge("judge-1")
    assert j is not None and j.n_items == len(truth["judge"])
    units = sorted(truth["labels"])
    judge = [truth["judge"][u] for u in units]
    others = [[truth["labels"][u][r] for r in RATERS if r in truth["labels"][u]] for u in units]
    assert j.healthbench.judge.value == pytest.approx(plain_pairwise_macro_f1(judge, others))
    rows = [(others[i], [r for r in RATERS if r in truth["labels"][u]]) for i, u in enumerate(units)]
    base = plain_physician_baseline(rows)
    assert {k: e.value for k, e in j.healthbench.physicians.items()} == pytest.approx(base)
    # the reference's percentile (ties count one half; every physician here has n > 50)
    assert j.healthbench.percentile == pytest.approx(percentile_midrank(list(base.values()),
                                                                        j.healthbench.judge.value))

    # kappa against the majority (ties left out) = scikit-learn on the same pairs
    maj = {u: sum(v) * 2 - len(v) for u, v in zip(units, others, strict=True)}
    keep = [u for u in units if maj[u] != 0]
    k_ref = cohen_kappa_score([truth["judge"][u] for u in keep], [maj[u] > 0 for u in keep])
    assert _value(j.vs_majority, statistic="cohen_kappa") == pytest.approx(k_ref)
    assert int(j.confusion.to_numpy().sum()) == len(keep)

    # judge swapped in for dr-b on the units dr-b rated
    x = _matrix(truth["labels"], units)
    b = RATERS.index("dr-b")
    rated = ~np.isnan(x[b])
    x[b, rated] = np.array(judge, float)[rated]
    ref = krippendorff.alpha(reliability_data=x, level_of_measurement="nominal")
    assert _value(j.swapped, physician="dr-b") == pytest.approx(ref)

    # whole-answer score: judge vs physicians' mean, Pearson against scipy
    resp = sorted(truth["judge_scores"])
    js = [truth["judge_scores"][r] for r in resp]
    ps = [np.mean(list(truth["scores"][r].values())) for r in resp]
    assert _value(j.scores, basis="overall_score", statistic="pearson") == pytest.approx(stats.pearsonr(js, ps)[0])
    assert _value(j.scores, basis="overall_score", statistic="mean_difference") == pytest.approx(
        np.mean(np.array(js) - np.array(ps)))
    assert "rubric_score" in set(j.scores["basis"])


def test_filters_and_unknown_run(built) -> None:  # noqa: ANN001
    store, truth, _, _ = built
    res = analyze_study(store, categories=["peds"], models=["m-one"], n_boot=50)
    assert set(res.by_category["category"]) == {"peds / fever", "peds / dosing"}
    assert set(res.by_model["model"]) == {"m-one"}
    from reviewer.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no judge run named 'nope'"):
        analyze_study(store, judge_run="nope", n_boot=10)


def test_agreement_cli_json(built, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    store, truth, res, db_path = built
    rc = main(["--db", str(db_path), "agreement", "--judge-run", "judge-1", "--bootstrap", "20", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out)
    jr = data["judge_rater"]
    assert set(jr["physician_pairwise_macro_f1"]) == set(RATERS)
    assert jr["percentile"] == pytest.approx(res.judge().healthbench.percentile)
    assert jr["pairwise_macro_f1"] == pytest.approx(res.judge().healthbench.judge.value)
    assert data["overall"][0]["ci_low"] is not None
    rc = main(["--db", str(db_path), "agreement", "--bootstrap", "10", "--category", "peds"])
    text = capsys.readouterr().out
    assert rc == 0 and "HealthBench pairwise macro-F1" in text and "krippendorff_alpha" in text


def test_healthbench_sample_meta_pairwise_macro_f1(store, healthbench_dir: Path) -> None:  # noqa: ANN001
    """The HealthBench sample meta file plus a verdict set: the same pairwise macro-F1 as a plain
    reimplementation of the published method on the raw JSONL."""
    from sqlalchemy import select

    from reviewer.importing.healthbench_meta import import_healthbench_meta

    path = healthbench_dir / "sample_meta.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    import_healthbench_meta(store, path, study="hb")
    judge_labels = [True, True, False, False]  # one verdict per meta row
    with store.begin() as s:
        study = s.scalar(select(Study).where(Study.name == "hb"))
        run = JudgeRun(study_id=study.id, name="grader", judge_model="sample-grader", status="done")
        s.add(run)
        s.flush()
        for row, met in zip(rows, judge_labels, strict=True):
            resp = s.scalar(select(Response).where(Response.external_id == row["completion_id"]))
            crit = s.scalar(select(Criterion).join(ChecklistVersion)
                            .where(ChecklistVersion.case_id == resp.case_id, Criterion.text == row["rubric"]))
            s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=crit.id, met=met))
    res = analyze_study(store, "hb", "grader", n_boot=100)
    j = res.judge("grader")
    expected = plain_pairwise_macro_f1(judge_labels, [r["binary_labels"] for r in rows])
    assert j.healthbench.judge.value == pytest.approx(expected)
    base = plain_physician_baseline([(r["binary_labels"], r["anonymized_physician_ids"]) for r in rows])
    got = {k: e.value for k, e in j.healthbench.physicians.items()}
    assert set(got) == set(base)
    for pid, value in base.items():
        if value is None:
            assert np.isnan(got[pid])
        else:
            assert got[pid] == pytest.approx(value)
    # the reference keeps only physicians with n > 50 for the percentile: none in 4 rows
    assert j.healthbench.percentile is None
    assert j.healthbench.meta is not None and j.healthbench.meta.overall.n_physicians_kept == 0
    res0 = analyze_study(store, "hb", "grader", n_boot=0, min_physician_labels=0)
    defined = [v for v in base.values() if v is not None]
    assert res0.judge("grader").healthbench.percentile == pytest.approx(percentile_midrank(defined, expected))
    d = res.to_dict()["judge_rater"]
    assert d["pairwise_macro_f1"] == pytest.approx(expected)
    assert set(d["physician_pairwise_macro_f1"]) == {"phys-a", "phys-b", "phys-c", "phys-d"}


def test_empty_selections_do_not_crash(built) -> None:  # noqa: ANN001
    store, _, _, _ = built
    with store.begin() as s:
        from sqlalchemy import select

        st = s.scalar(select(Study).where(Study.name == "agreement-test"))
        s.add(JudgeRun(study_id=st.id, name="no-verdicts"))
    res = analyze_study(store, judge_run="no-verdicts", categories=["peds / fever"], n_boot=5)
    assert res.judge().n_items == 0 and res.judge().to_dict()["pairwise_macro_f1"] is None
    none = analyze_study(store, categories=["no such category"], n_boot=5)
    assert none.counts["criterion_ratings"] == 0
    assert json.loads(json.dumps(none.to_dict(), default=str))["judge_rater"] is not None


def test_progress_and_cancel(built) -> None:  # noqa: ANN001
    from reviewer.agreement import AnalysisCancelled

    store, _, _, _ = built
    steps: list[tuple[str, float]] = []
    analyze_study(store, judge_run="judge-1", categories=["cardio"], n_boot=5,
                  progress=lambda s, f: steps.append((s, f)))
    assert steps[0][1] == 0.0 and steps[-1] == ("done", 1.0)
    calls = {"n": 0}

    def cancel_after_two() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(AnalysisCancelled):
        analyze_study(store, n_boot=5, is_cancelled=cancel_after_two)
