"""Small rating-study fixtures for the rating service and GUI tests (real SQLite, no mocks)."""

from __future__ import annotations

from reviewer.store import Store
from reviewer.store.models import (
    Case,
    ChecklistVersion,
    Criterion,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Response,
)
from reviewer.studies.lookup import create_study

MODEL_NAMES = ("gpt-secret-model", "llama-hidden-7b")


def make_study(store: Store, *, name: str = "s1", cases: int = 2, criteria: int = 3,
               extra_scales: list[dict] | None = None, with_judge: bool = False,
               points: list[float] | None = None, tiers: bool = True) -> dict:
    """A study with *cases* cases, two responses each (models in MODEL_NAMES), *criteria* criteria
    per case, and raters "alice" and "bob" (*points*: each criterion's points instead of 1, 2, 3 ...;
    *tiers* False: no core/secondary tiers, as in HealthBench). Returns ids: study, responses,
    criteria per case."""
    with store.begin() as s:
        study = create_study(s, name)
        if extra_scales:
            study.schemes[0].extra_scales = extra_scales
        models = [Model(study_id=study.id, name=n) for n in MODEL_NAMES]
        s.add_all(models)
        s.add_all([Rater(name="alice", display_name="Alice"), Rater(name="bob", display_name="Bob")])
        s.flush()
        out: dict = {"study": study.id, "responses": [], "criteria": {}, "cases": []}
        for ci in range(cases):
            case = Case(study_id=study.id, source="t", external_id=f"c{ci}", title=f"Case {ci + 1}",
                        category="cardiology" if ci % 2 == 0 else "oncology",
                        turns=[{"role": "user", "content": f"Question **{ci + 1}**: what now?"}],
                        reference_answer="Reference text")
            s.add(case)
            s.flush()
            cl = ChecklistVersion(case_id=case.id, version=1)
            s.add(cl)
            s.flush()
            crits = [Criterion(checklist_version_id=cl.id, key=f"k{ci}_{j}", position=j,
                               text=f"Criterion text {ci}-{j}",
                               points=float(points[j] if points else j + 1),
                               tier=("core" if j == 0 else "secondary") if tiers else None)
                     for j in range(criteria)]
            s.add_all(crits)
            s.flush()
            out["criteria"][case.id] = [c.id for c in crits]
            out["cases"].append(case.id)
            for mi, m in enumerate(models):
                r = Response(case_id=case.id, model_id=m.id, external_id=f"r{ci}{mi}",
                             text=f"Answer {ci}-{mi}: take *aspirin*.", blind_label="AB"[mi])
                s.add(r)
                s.flush()
                out["responses"].append(r.id)
        if with_judge:
            run = JudgeRun(study_id=study.id, name="judge1", judge_model="judge-secret-model")
            s.add(run)
            s.flush()
            for rid in out["responses"]:
                case_id = s.get(Response, rid).case_id
                for cid in out["criteria"][case_id]:
                    s.add(JudgeVerdict(judge_run_id=run.id, response_id=rid, criterion_id=cid, met=True))
        out["alice"] = s.query(Rater).filter_by(name="alice").one().id
        out["bob"] = s.query(Rater).filter_by(name="bob").one().id
    return out
