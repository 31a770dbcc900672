"""A small hand-made study for the checklist-refinement tests (independent of the demo study).

Two cases (one HealthBench-like with points, one LLMEval-Med-like with tiers), four responses
each, three physicians who rate every response, an imported judge run, and some feedback notes.
Criterion "hb-2" on case "hb-case" is built to be the troublemaker: the raters split on it, the
judge disagrees with their majority, and two raters left feedback on it.
"""

from __future__ import annotations

from typing import Any

from reviewer.store.models import (
    MET,
    NOT_MET,
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Feedback,
    JudgeRun,
    JudgeVerdict,
    Model,
    Rater,
    Rating,
    Response,
    utcnow,
)
from reviewer.studies.lookup import create_study

M, N = MET, NOT_MET

# per case: criteria (key, text, points, tier, tags); per response: {rater: [values per criterion]}
CASES: list[dict[str, Any]] = [
    {
        "external_id": "hb-case", "source": "healthbench", "category": "emergency",
        "turns": [{"role": "user", "content": "Crushing chest pain for 30 minutes. Antacid?"}],
        "tags": ["theme:emergency_referrals"],
        "criteria": [
            ("hb-1", "Advises calling emergency services immediately.", 10, None, ["axis:accuracy"]),
            ("hb-2", "Mentions aspirin appropriately.", 5, None, ["axis:completeness"]),
            ("hb-3", "Suggests waiting to see whether the antacid helps.", -10, None, ["axis:accuracy"]),
        ],
        "ratings": [
            {"phys-a": [M, M, N], "phys-b": [M, N, N], "phys-c": [M, M, N]},
            {"phys-a": [N, N, M], "phys-b": [N, M, M], "phys-c": [N, N, M]},
            {"phys-a": [M, M, N], "phys-b": [M, N, N], "phys-c": [M, N, N]},
            {"phys-a": [M, N, N], "phys-b": [M, M, N], "phys-c": [M, M, N]},
        ],
        # judge met per response per criterion
        "judge": [[True, False, False], [False, True, True], [True, True, False], [True, False, False]],
    },
    {
        "external_id": "med-case", "source": "llmeval-med", "category": "医疗知识 / 基础",
        "turns": [{"role": "user", "content": "为什么β-OH蒽醌比α-OH蒽醌的酸性大？"}],
        "tags": [],
        "criteria": [
            ("med-1", "解释共振效应。", None, "core", []),
            ("med-2", "说明内氢键的作用。", None, "core", []),
            ("med-3", "强调共轭体系的作用。", None, "secondary", []),
        ],
        "ratings": [
            {"phys-a": [M, M, N], "phys-b": [M, M, N], "phys-c": [M, M, N]},
            {"phys-a": [M, N, N], "phys-b": [M, N, N], "phys-c": [M, N, M]},
            {"phys-a": [N, N, N], "phys-b": [N, N, N], "phys-c": [N, N, N]},
            {"phys-a": [M, M, M], "phys-b": [M, M, M], "phys-c": [M, M, M]},
        ],
        "judge": [[True, True, False], [True, False, False], [False, False, False], [True, True, True]],
    },
]

FEEDBACK = [("phys-b", "hb-case", "hb-2", "unclear", "Which dose counts as appropriate?"),
            ("phys-c", "hb-case", "hb-2", "wrong", "Aspirin is not right for every patient."),
            ("phys-a", "med-case", "med-3", "missing", "")]


def build_small_study(store, *, judge_run: str = "judge-v1") -> dict[str, Any]:  # noqa: ANN001
    """Fill *store* with the study above; returns ids by name for the tests."""
    ids: dict[str, Any] = {"responses": {}, "criteria": {}, "ratings": {}}
    with store.begin() as s:
        study = create_study(s, "small")
        model_a = Model(study_id=study.id, name="model-a")
        model_b = Model(study_id=study.id, name="model-b")
        s.add_all([model_a, model_b])
        raters = {name: Rater(name=name) for name in ("phys-a", "phys-b", "phys-c")}
        s.add_all(raters.values())
        run = JudgeRun(study_id=study.id, name=judge_run, judge_model="hand-made", mode="imported",
                       status="done", finished_at=utcnow())
        s.add(run)
        s.flush()
        for spec in CASES:
            case = Case(study_id=study.id, source=spec["source"], external_id=spec["external_id"],
                        title=spec["external_id"], category=spec["category"], turns=spec["turns"],
                        tags=spec["tags"], reference_answer="Reference answer.")
            s.add(case)
            s.flush()
            cv = ChecklistVersion(case_id=case.id, version=1, author="import", reason="imported")
            s.add(cv)
            s.flush()
            crits = []
            for pos, (key, text, points, tier, tags) in enumerate(spec["criteria"]):
                c = Criterion(checklist_version_id=cv.id, key=key, position=pos, text=text,
                              points=points, tier=tier, tags=tags)
                s.add(c)
                crits.append(c)
            s.flush()
            for c in crits:
                ids["criteria"][c.key] = c.id
            for r_i, by_rater in enumerate(spec["ratings"]):
                resp = Response(case_id=case.id, model_id=(model_a if r_i % 2 == 0 else model_b).id,
                                external_id=f"{spec['external_id']}-r{r_i}", text=f"Answer {r_i}.",
                                blind_label="ABCD"[r_i])
                s.add(resp)
                s.flush()
                ids["responses"][resp.external_id] = resp.id
                for rater_name, values in by_rater.items():
                    rating = Rating(response_id=resp.id, rater_id=raters[rater_name].id,
                                    checklist_version_id=cv.id, status=SUBMITTED, overall_score=4,
                                    submitted_at=utcnow())
                    s.add(rating)
                    s.flush()
                    ids["ratings"][(resp.external_id, rater_name)] = rating.id
                    for c, v in zip(crits, values, strict=True):
                        s.add(CriterionRating(rating_id=rating.id, criterion_id=c.id, value=v))
                for c, met in zip(crits, spec["judge"][r_i], strict=True):
                    s.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=c.id,
                                       met=met, probability=0.9 if met else 0.1,
                                       explanation="because", parse_status="imported"))
        s.flush()
        for rater_name, _case, key, kind, note in FEEDBACK:
            s.add(Feedback(rater_id=raters[rater_name].id, criterion_id=ids["criteria"][key],
                           kind=kind, note=note))
        ids["study_id"] = study.id
        ids["judge_run_id"] = run.id
    return ids
