"""A study rated, edited and re-rated through the services, for the before / after tests.

One case, twelve answers, three physicians (a, b, c) who rate every answer on checklist v1
through the rating service. Then criterion "k-edit" is reworded (v2; "k-points" only gets new
points and "k-keep" a trailing space, so neither is an edited wording), a and b are asked to
re-rate (:func:`reviewer.checklists.rerate.request_rerating`), answer the reworded criterion and
submit; c does not. Judge run "j1" graded v1, "j2" graded v2 (imported verdicts).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from reviewer.checklists.rerate import request_rerating
from reviewer.checklists.versions import ChangeCriterion, edit_checklist
from reviewer.rating import service
from reviewer.store.models import (
    MET,
    NA,
    NOT_MET,
    Case,
    ChecklistVersion,
    Criterion,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Response,
    utcnow,
)
from reviewer.studies.lookup import create_study

M, N = MET, NOT_MET
CASE = "ba-case"
OLD_TEXT = "Mentions aspirin appropriately."
NEW_TEXT = "Advises chewing 300 mg of aspirin unless allergic."
# k-edit on v1, per answer: (a, b, c)
V1 = [(M, M, N), (N, N, N), (M, N, M), (M, M, M), (N, NA, N), (M, M, N),
      (N, N, M), (M, M, M), (N, N, N), (M, N, N), (M, M, M), (N, M, M)]
# k-edit on v2 (reworded), a and b only
V2 = [(M, M), (N, N), (M, M), (M, M), (N, N), (M, M), (N, N), (M, N), (N, NA), (M, M), (M, M), (N, M)]
J1 = [True, False, True, True, False, False, False, True, False, True, True, True]  # judge on v1
J2 = [False, False, True, True, False, True, False, True, False, True, True, False]  # judge on v2


def _rate(s: Any, rater: int, response: int, values: dict[int, str]) -> None:
    for cid, value in values.items():
        service.set_criterion(s, rater, response, cid, value)
    service.set_overall_score(s, rater, response, 4)
    service.submit(s, rater, response)


def _criteria(s: Any, case_id: int, version: int) -> dict[str, int]:
    return dict(s.execute(select(Criterion.key, Criterion.id).join(ChecklistVersion)
                          .where(ChecklistVersion.case_id == case_id, ChecklistVersion.version == version)).all())


def _judge(s: Any, study_id: int, name: str, crit: int, responses: list[int], met: list[bool]) -> None:
    run = JudgeRun(study_id=study_id, name=name, judge_model="hand-made", mode="imported", status="done",
                   finished_at=utcnow())
    s.add(run)
    s.flush()
    s.add_all(JudgeVerdict(judge_run_id=run.id, response_id=rid, criterion_id=crit, met=m, parse_status="imported")
              for rid, m in zip(responses, met, strict=True))


def build_rated_study(store: Any, *, rerate: bool = True) -> dict[str, Any]:
    """The study above (without the re-rating when *rerate* is False); ids by name."""
    with store.begin() as s:
        study = create_study(s, "before-after")
        model = Model(study_id=study.id, name="model-a")
        raters = {n: Rater(name=n) for n in "abc"}
        s.add_all([model, *raters.values()])
        case = Case(study_id=study.id, source="test", external_id=CASE, title="Chest pain", category="emergency",
                    turns=[{"role": "user", "content": "Chest pain. What now?"}])
        s.add(case)
        s.flush()
        cv = ChecklistVersion(case_id=case.id, version=1, author="import", reason="imported")
        s.add(cv)
        s.flush()
        s.add_all([Criterion(checklist_version_id=cv.id, key="k-keep", position=0, points=10,
                             text="Advises calling emergency services."),
                   Criterion(checklist_version_id=cv.id, key="k-edit", position=1, points=5, text=OLD_TEXT),
                   Criterion(checklist_version_id=cv.id, key="k-points", position=2, points=-5,
                             text="Suggests waiting for the antacid.")])
        responses = []
        for i in range(len(V1)):
            resp = Response(case_id=case.id, model_id=model.id, external_id=f"r{i}", text=f"Answer {i}.",
                            blind_label=f"A{i}")
            s.add(resp)
            s.flush()
            responses.append(resp.id)
        ids = {"study": study.id, "case": case.id, "responses": responses,
               "raters": {n: r.id for n, r in raters.items()}}
    with store.begin() as s:
        v1 = _criteria(s, ids["case"], 1)
        for rid, values in zip(responses, V1, strict=True):
            for name, value in zip("abc", values, strict=True):
                _rate(s, ids["raters"][name], rid, {v1["k-keep"]: M, v1["k-edit"]: value, v1["k-points"]: N})
    with store.begin() as s:
        edit_checklist(s, CASE, author="coordinator", reason="raters split on aspirin",
                       edits=[ChangeCriterion("k-edit", text=NEW_TEXT), ChangeCriterion("k-points", points=-8),
                              ChangeCriterion("k-keep", text="Advises calling emergency services.  ")])
        v2 = _criteria(s, ids["case"], 2)
        _judge(s, ids["study"], "j1", v1["k-edit"], responses, J1)
        _judge(s, ids["study"], "j2", v2["k-edit"], responses, J2)
        ids["v1"], ids["v2"] = v1, v2
    if rerate:
        with store.begin() as s:
            report = request_rerating(s, [CASE], raters=["a", "b"], actor="coordinator")
            assert {i.asked for i in report.items} == {("k-edit",)}
            for rid, values in zip(responses, V2, strict=True):
                for name, value in zip("ab", values, strict=True):
                    service.set_criterion(s, ids["raters"][name], rid, v2["k-edit"], value)
                    service.submit(s, ids["raters"][name], rid)
    return ids
