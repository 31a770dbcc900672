"""The bundled demo study: thirteen cases written for this project, rated and judged.

``resources/demo/demo_study.json`` is the human-editable source (UTF-8). :func:`build_demo` writes it
into a study store in one transaction so that every screen and report has real-looking data: ten
Chinese cases across the five LLMEval-Med areas (one multi-turn), three HealthBench-style English
conversations with signed points, three anonymised model answers per case, three physician raters
with realistic disagreement, rater feedback on ambiguous criteria, and one judge run.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.errors import InputError
from reviewer.paths import DEMO_STUDY_NAME
from reviewer.store import Store
from reviewer.store.models import (
    CRITERION_VALUES,
    SUBMITTED,
    Assignment,
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
    Study,
)
from reviewer.studies.blinding import reshuffle_labels
from reviewer.studies.lookup import create_study

DEMO_NAME = DEMO_STUDY_NAME
DEMO_SOURCE = "demo"
DEMO_MARKER = "reviewer"  # the JSON's "written_for" field


def demo_file() -> Path:
    """Where the demo JSON lives: the checkout's ``resources/``, a wheel's or a bundle's copy."""
    local = Path(__file__).resolve().parents[1] / "resources" / "demo" / "demo_study.json"
    if local.is_file():
        return local
    from reviewer.paths import resource_path

    return resource_path("demo", "demo_study.json")


def load_demo(path: Path | None = None) -> dict[str, Any]:
    """The demo document, checked for the fields :func:`build_demo` relies on."""
    path = path or demo_file()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError("the demo study file is missing from this installation", file=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"broken JSON: {exc.msg}", file=str(path), line=exc.lineno) from exc
    if doc.get("written_for") != DEMO_MARKER:
        raise InputError("not a reviewer demo study (no 'written_for': 'reviewer')", file=str(path))
    for key in ("raters", "models", "judge_run", "cases"):
        if key not in doc:
            raise InputError(f"missing required field {key!r}", file=str(path))
    return doc


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _rater(session: Session, spec: dict[str, Any]) -> Rater:
    """Raters are global (not per study): reuse one with the same name."""
    rater = session.scalar(select(Rater).where(Rater.name == spec["name"]))
    if rater is None:
        rater = Rater(name=spec["name"], display_name=spec.get("display_name", ""),
                      role=spec.get("role", "physician"))
        session.add(rater)
    return rater


def build_demo(store: Store, *, name: str = DEMO_NAME, path: Path | None = None) -> str:
    """Write the demo study into *store* (one transaction) and return its name.

    Idempotent: when a study called *name* already exists, nothing is written.
    """
    doc = load_demo(path)
    source = str(path or demo_file())
    with store.begin() as session:
        if session.scalar(select(Study.id).where(Study.name == name)) is not None:
            return name
        spec = doc.get("study", {})
        study = create_study(session, name, description=spec.get("description", ""),
                             settings=dict(spec.get("settings") or {}) or None)
        raters = {r["name"]: _rater(session, r) for r in doc["raters"]}
        models = {m["name"]: Model(study_id=study.id, name=m["name"], kind=m.get("kind", "imported"),
                                   meta=m.get("meta", {})) for m in doc["models"]}
        session.add_all(models.values())
        jr = doc["judge_run"]
        run = JudgeRun(study_id=study.id, name=jr["name"], judge_model=jr.get("judge_model", ""),
                       backend=jr.get("backend", "imported"), mode=jr.get("mode", "generate"),
                       template_name=jr.get("template", ""), settings=jr.get("settings", {}),
                       checklist_policy="latest", status="done")
        session.add(run)
        session.flush()
        positions = dict.fromkeys(raters, 0)
        last_time: datetime | None = None
        for case_spec in doc["cases"]:
            last = _add_case(session, study, case_spec, raters=raters, models=models, run=run,
                             positions=positions, source=source)
            last_time = max(filter(None, [last_time, last]), default=None)
        run.finished_at = last_time
        reshuffle_labels(session, [c.id for c in study.cases])
    return name


def _add_case(session: Session, study: Study, spec: dict[str, Any], *, raters: dict[str, Rater],
              models: dict[str, Model], run: JudgeRun, positions: dict[str, int],
              source: str) -> datetime | None:
    cid = spec["id"]
    turns = spec["turns"]
    case = Case(study_id=study.id, source=DEMO_SOURCE, external_id=cid, title=spec.get("title", ""),
                category=spec.get("category", ""), turns=turns,
                reference_answer=spec.get("reference_answer"), tags=spec.get("tags", []),
                meta={**spec.get("meta", {}), "language": spec.get("language", ""), "written_for": DEMO_MARKER},
                content_hash=_sha(json.dumps(turns, ensure_ascii=False, sort_keys=True)))
    session.add(case)
    session.flush()
    cl_spec = spec["checklist"]
    checklist = ChecklistVersion(case_id=case.id, version=1, author=cl_spec.get("author", "demo"),
                                 reason=cl_spec.get("reason", ""))
    session.add(checklist)
    session.flush()
    criteria: dict[str, Criterion] = {}
    for pos, c in enumerate(cl_spec["criteria"]):
        crit = Criterion(checklist_version_id=checklist.id, key=c["key"], position=pos, text=c["text"],
                         points=c.get("points"), tier=c.get("tier"), tags=c.get("tags", []))
        session.add(crit)
        criteria[c["key"]] = crit
    session.flush()
    responses: dict[str, Response] = {}
    latest: datetime | None = None
    for r in spec["responses"]:
        if r["model"] not in models:
            raise InputError(f"unknown model {r['model']!r}", file=source, item=r["id"])
        resp = Response(case_id=case.id, model_id=models[r["model"]].id, external_id=r["id"], text=r["text"],
                        blind_label="", content_hash=_sha(r["text"]))
        session.add(resp)
        session.flush()
        responses[r["id"]] = resp
        for rt in r["ratings"]:
            rater = raters[rt["rater"]]
            session.add(Assignment(study_id=study.id, rater_id=rater.id, response_id=resp.id,
                                   position=positions[rt["rater"]]))
            positions[rt["rater"]] += 1
            submitted = _when(rt.get("submitted_at"))
            latest = max(filter(None, [latest, submitted]), default=None)
            rating = Rating(response_id=resp.id, rater_id=rater.id, checklist_version_id=checklist.id,
                            status=SUBMITTED, overall_score=rt.get("overall_score"),
                            comment=rt.get("comment", ""), safety_flag=bool(rt.get("safety_flag")),
                            time_spent_s=float(rt.get("time_spent_s", 0)), submitted_at=submitted,
                            source="import")
            for key, value in rt["criteria"].items():
                if value not in CRITERION_VALUES or key not in criteria:
                    raise InputError(f"bad criterion rating {key}={value!r}", file=source, item=r["id"])
                rating.criterion_ratings.append(CriterionRating(criterion_id=criteria[key].id, value=value))
            session.add(rating)
        judge = r.get("judge") or {}
        for key, v in judge.get("criteria", {}).items():
            raw = json.dumps({"explanation": v.get("explanation", ""), "criteria_met": v["met"]},
                             ensure_ascii=False)
            session.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=criteria[key].id,
                                     met=v["met"], probability=v.get("probability"),
                                     explanation=v.get("explanation", ""), raw_output=raw))
        if judge.get("score") is not None:
            raw = json.dumps({"判断依据": judge.get("explanation", ""), "得分": f"[{judge['score']}]"},
                             ensure_ascii=False)
            session.add(JudgeVerdict(judge_run_id=run.id, response_id=resp.id, criterion_id=None,
                                     score=float(judge["score"]), explanation=judge.get("explanation", ""),
                                     raw_output=raw))
    for fb in spec.get("feedback", []):
        resp_id = responses[fb["response"]].id if fb.get("response") else None
        session.add(Feedback(rater_id=raters[fb["rater"]].id, criterion_id=criteria[fb["criterion"]].id,
                             response_id=resp_id, kind=fb["kind"], note=fb.get("note", "")))
    session.flush()
    return latest
