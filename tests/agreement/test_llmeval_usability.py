"""LLMEval-Med usability agreement on a real SQLite study built with the ORM, against plain
recomputation from the constructed truth and scikit-learn's cohen_kappa_score."""

from __future__ import annotations

import json
import math
import statistics
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from reviewer.agreement import analyze_study
from reviewer.cli.main import main
from reviewer.errors import InputError
from reviewer.reports.agreement_report import build_agreement_report
from reviewer.store.models import (
    DRAFT,
    MET,
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

CATEGORIES = ["医疗知识 / 临床知识", "医疗知识 / 药物知识", "医疗推理 / 诊断推理", "医疗推理 / 诊断推理"]
MODELS = ["m-a", "m-b"]
RATERS = ["dr-1", "dr-2", "dr-3"]
# (case, model) -> physicians' submitted overall scores (None: not rated), judge samples (score, status)
SPEC: dict[tuple[int, str], tuple[list[float | None], list[tuple[float | None, str]]]] = {
    (0, "m-a"): ([5, 4, 4], [(5, "ok"), (4, "ok")]),
    (0, "m-b"): ([3, 4, 5], [(3, "ok"), (5, "ok")]),  # both exactly at the threshold (median 4, mean 4)
    (1, "m-a"): ([3, 4, None], [(4, "ok")]),  # median 3.5; a draft 5 would make it 4
    (1, "m-b"): ([2, 2, 3], [(2, "imported")]),
    (2, "m-a"): ([4, 4, 2], [(3, "ok"), (4, "ok"), (4, "ok")]),
    (2, "m-b"): ([1, 2, 2], [(None, "failed"), (5, "failed")]),  # no usable judge score
    (3, "m-a"): ([5, 5, 5], [(5, "ok")]),
    (3, "m-b"): ([3, 3, 4], [(3, "ok"), (4, "ok")]),
}


def build(store) -> dict:  # noqa: ANN001
    """The study above; returns response id -> (category, model, physician scores, judge scores, times)."""
    truth: dict = {}
    with store.begin() as s:
        study = Study(name="llmeval-usability")
        s.add(study)
        s.flush()
        models = {n: Model(study_id=study.id, name=n) for n in MODELS}
        raters = [Rater(name=n) for n in [*RATERS, "dr-draft"]]
        s.add_all([*models.values(), *raters])
        run = JudgeRun(study_id=study.id, name="scores", judge_model="judge", status="done")
        s.add(run)
        s.flush()
        t = 0
        for ci, cat in enumerate(CATEGORIES):
            case = Case(study_id=study.id, source="test", external_id=f"c{ci}", title=f"case {ci}", category=cat)
            s.add(case)
            s.flush()
            cl = ChecklistVersion(case_id=case.id, version=1)
            s.add(cl)
            s.flush()
            crit = Criterion(checklist_version_id=cl.id, key="k0", position=0, text="core requirement")
            s.add(crit)
            s.flush()
            for m in MODELS:
                phys, samples = SPEC[(ci, m)]
                resp = Response(case_id=case.id, model_id=models[m].id, external_id=f"r{ci}{m}", text="answer")
                s.add(resp)
                s.flush()
                rec = {"category": cat, "model": m, "phys": [], "judge": [], "times": [], "crit": {}}
                for rater, score in zip(raters, [*phys, 5.0], strict=True):
                    if score is None:
                        continue
                    draft = rater.name == "dr-draft"
                    if draft and (ci, m) != (1, "m-a"):
                        continue
                    t += 7
                    rating = Rating(response_id=resp.id, rater_id=rater.id, checklist_version_id=cl.id,
                                    status=DRAFT if draft else SUBMITTED, overall_score=float(score),
                                    time_spent_s=float(t))
                    s.add(rating)
                    s.flush()
                    value = MET if score >= 4 else NOT_MET
                    s.add(CriterionRating(rating_id=rating.id, criterion_id=crit.id, value=value))
                    if not draft:
                        rec["phys"].append(float(score))
                        rec["times"].append(float(t))
                        rec["crit"][rater.name] = value == MET
                for score, status in samples:
                    s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=None,
                                       score=score, parse_status=status))
                    if status != "failed":
                        rec["judge"].append(float(score))
                if rec["judge"]:  # a criterion verdict where the judge scored
                    met = statistics.mean(rec["judge"]) >= 4.5
                    s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=crit.id, met=met))
                    rec["judge_met"] = met
                truth[resp.id] = rec
    return truth


def expected(truth: dict, threshold: float) -> list[dict]:
    """One row per response with both classes, by plain Python."""
    rows = []
    for rid, r in sorted(truth.items()):
        if not r["judge"] or not r["phys"]:
            continue
        rows.append({"id": rid, "area": r["category"].split(" / ")[0], "category": r["category"], "model": r["model"],
                     "h": statistics.median(r["phys"]) >= threshold, "j": statistics.mean(r["judge"]) >= threshold})
    return rows


def _kappa(rows: list[dict]) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score([r["h"] for r in rows], [r["j"] for r in rows]))


def _same(a: float | None, b: float) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return math.isnan(b)
    return a == pytest.approx(b, abs=1e-12)


def check(u: dict, truth: dict, threshold: float) -> None:
    rows = expected(truth, threshold)
    assert u["threshold"] == threshold
    assert u["n"] == len(rows) == 7
    assert u["agreement_rate"] == pytest.approx(sum(r["h"] == r["j"] for r in rows) / len(rows))
    assert _same(u["cohen_kappa"], _kappa(rows))
    for key, field in (("by_area", "area"), ("by_category", "category"), ("by_model", "model")):
        labels = sorted({r[field] for r in rows})
        assert sorted(u[key]) == labels
        for lab in labels:
            g = [r for r in rows if r[field] == lab]
            got = u[key][lab]
            assert got["n"] == len(g)
            assert got["agreement_rate"] == pytest.approx(sum(r["h"] == r["j"] for r in g) / len(g))
            assert _same(got["cohen_kappa"], _kappa(g)), (key, lab)
            if key == "by_model":
                conf = [[sum(r["h"] and r["j"] for r in g), sum(r["h"] and not r["j"] for r in g)],
                        [sum(not r["h"] and r["j"] for r in g), sum(not r["h"] and not r["j"] for r in g)]]
                assert got["confusion"] == conf


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, new_db: Callable[[Path], Path]):  # noqa: ANN201
    from reviewer.store import open_store

    path = new_db(tmp_path_factory.mktemp("usability") / "study.db")
    store = open_store(path)
    truth = build(store)
    yield store, truth, path
    store.close()


def test_usability_agreement_exact(built) -> None:  # noqa: ANN001
    store, truth, _ = built
    res = analyze_study(store, n_boot=200, seed=3)
    j = res.judge("scores")
    assert j is not None and j.usability is not None
    u = res.to_dict()["judge_rater"]["usability"]
    check(u, truth, 4.0)
    # hand figures for the default threshold: 5 of 7 agree; m-a [[2, 1], [1, 0]], m-b [[1, 0], [0, 2]]
    assert u["agreement_rate"] == pytest.approx(5 / 7)
    assert u["by_model"]["m-a"]["confusion"] == [[2, 1], [1, 0]]
    assert u["by_model"]["m-b"]["confusion"] == [[1, 0], [0, 2]]
    assert u["by_area"]["医疗知识"]["code"] == "MK" and u["by_area"]["医疗知识"]["paper_figure5"] == 94.0
    assert list(u["by_area"]) == ["医疗知识", "医疗推理"]  # the paper's order (MK before MR), not sorted text
    lo, hi = u["cohen_kappa_ci"]
    assert lo <= u["cohen_kappa"] <= hi and lo < hi  # case-level bootstrap interval with width

    # criteria against overall score, same responses
    cvo = {(r["comparison"], r["basis"].split(" (")[0]): r for r in u["criteria_vs_overall"]}
    units = [(r["judge_met"], statistics.mean(r["crit"].values()))
             for r in truth.values() if "judge_met" in r]
    keep = [(jm, m > 0.5) for jm, m in units if m != 0.5]
    row = cvo[("judge vs physicians", "criteria")]
    assert row["n_units"] == len(keep)
    assert row["agreement"] == pytest.approx(sum(a == b for a, b in keep) / len(keep))
    assert cvo[("judge vs physicians", "overall score")]["agreement"] == pytest.approx(5 / 7)
    assert ("physicians among themselves", "overall score") in cvo
    # median rating time over the submitted ratings of these responses (the draft left out)
    times = [x for r in truth.values() for x in r["times"]]
    rt = {r["item"].split(" ")[0]: r for r in u["rating_time"]}
    assert rt["rating"]["median_s"] == pytest.approx(statistics.median(times))
    assert rt["rating"]["n"] == len(times) == 23


def test_threshold_changes_classes_and_bad_threshold(built) -> None:  # noqa: ANN001
    store, truth, _ = built
    u = analyze_study(store, n_boot=0, usable_threshold=3).judges[0].usability.to_dict()
    check(u, truth, 3.0)
    assert u["agreement_rate"] == 1.0
    with pytest.raises(InputError, match="threshold"):
        analyze_study(store, n_boot=0, usable_threshold=float("nan"))


def test_cli_usable_threshold(built, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    _, truth, path = built
    assert main(["--db", str(path), "agreement", "--bootstrap", "0", "--json"]) == 0
    at4 = json.loads(capsys.readouterr().out)["judge_rater"]["usability"]
    assert main(["--db", str(path), "agreement", "--bootstrap", "0", "--json", "--usable-threshold", "3"]) == 0
    at3 = json.loads(capsys.readouterr().out)["judge_rater"]["usability"]
    check(at4, truth, 4.0)
    check(at3, truth, 3.0)
    assert at3["threshold"] == 3.0 and at4["threshold"] == 4.0
    assert at3["by_model"]["m-a"]["confusion"] != at4["by_model"]["m-a"]["confusion"]


def test_report_section(built) -> None:  # noqa: ANN001
    store, truth, _ = built
    doc = build_agreement_report(analyze_study(store, n_boot=0))
    tables = {t.name: t.frame for t in doc.tables()}
    areas = tables["judge[scores].usability"]
    mk = areas[areas["area"] == "医疗知识"].iloc[0]
    rows = [r for r in expected(truth, 4.0) if r["area"] == "医疗知识"]
    assert mk["agreement_%"] == pytest.approx(100 * sum(r["h"] == r["j"] for r in rows) / len(rows), abs=0.01)
    assert mk["paper_figure5_%"] == 94.0
    figs = [f for f in doc.figures() if f.name.startswith("judge[scores].usability")]
    assert figs and figs[0].png.startswith(b"\x89PNG")


def test_cli_bad_threshold_exits_2(built, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    _, _, path = built
    assert main(["--db", str(path), "agreement", "--bootstrap", "0", "--usable-threshold", "nan"]) == 2
    assert "threshold" in capsys.readouterr().err
    assert main(["--db", str(path), "agreement", "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    assert "Usability (LLMEval-Med, usable = score >= 4)" in out and "paper Figure 5: 94.0%" in out
