"""Builders for the assignment / review-file / merge tests: a small study written through the ORM."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text

from reviewer.store.models import (
    Base,
    Case,
    ChecklistVersion,
    Criterion,
    JudgeRun,
    JudgeVerdict,
    Model,
    Response,
)
from reviewer.studies.lookup import create_study

MODEL_NAMES = ("SecretModel-Alpha-7B", "HiddenModel-Beta-13B")
CATEGORIES = ("cardiology / arrhythmia", "paediatrics / fever", "oncology / staging")


def build_study(store, name: str = "trial", *, n_cases: int = 6, n_criteria: int = 3,
                models: tuple[str, ...] = MODEL_NAMES, judge: bool = False) -> dict[str, Any]:
    """A study with *n_cases* cases over three categories, each answered by every model.

    Checklists have two versions (the latest has *n_criteria* criteria). Returns the study name.
    With *judge*, two judge runs with probabilities are added (run-a, run-b).
    """
    with store.begin() as s:
        study = create_study(s, name)
        model_rows = [Model(study_id=study.id, name=m, kind="local", path=f"/models/{m}",
                            revision="rev-" + m, meta={"family": m}) for m in models]
        s.add_all(model_rows)
        s.flush()
        for i in range(n_cases):
            case = Case(study_id=study.id, source="test", external_id=f"c{i}", title=f"Case {i}",
                        category=CATEGORIES[i % len(CATEGORIES)],
                        turns=[{"role": "user", "content": f"Question {i}: what should we do?"}])
            s.add(case)
            s.flush()
            old = ChecklistVersion(case_id=case.id, version=1, author="coord")
            s.add(old)
            s.flush()
            s.add(Criterion(checklist_version_id=old.id, key="k0", position=0, text="old criterion", points=1))
            new = ChecklistVersion(case_id=case.id, version=2, parent_id=old.id, author="coord")
            s.add(new)
            s.flush()
            for j in range(n_criteria):
                s.add(Criterion(checklist_version_id=new.id, key=f"k{j}", position=j,
                                text=f"Criterion {j} of case {i}", points=float(j + 1)))
            for mi, m in enumerate(model_rows):
                s.add(Response(case_id=case.id, model_id=m.id, external_id=f"{m.name}-c{i}",
                               text=f"Answer {i} by model #{mi}", blind_label="AB"[mi % 2],
                               settings={"model": m.name, "temperature": 0.7}, device="cuda:0",
                               seed=7, latency_ms=12.0))
        s.flush()
        if judge:
            _add_judges(s, study)
    return {"study": name}


def _add_judges(s, study) -> None:  # noqa: ANN001
    runs = [JudgeRun(study_id=study.id, name=n, judge_model="judge-" + n, mode="logprob") for n in ("run-a", "run-b")]
    s.add_all(runs)
    s.flush()
    responses = s.scalars(select(Response).join(Case).where(Case.study_id == study.id).order_by(Response.id)).all()
    for idx, resp in enumerate(responses):
        latest = max(resp.case.checklists, key=lambda c: c.version)
        for crit in latest.criteria:
            # response idx: run-a probability walks away from 0.5; run-b agrees except on odd idx
            p = 0.5 + 0.45 * ((idx % 5) / 4.0)
            s.add(JudgeVerdict(judge_run_id=runs[0].id, response_id=resp.id, criterion_id=crit.id,
                               met=p >= 0.5, probability=p))
            s.add(JudgeVerdict(judge_run_id=runs[1].id, response_id=resp.id, criterion_id=crit.id,
                               met=(p >= 0.5) if idx % 2 == 0 else (p < 0.5), probability=None))


def dump_tables(store) -> dict[str, list[tuple]]:
    """Every row of every table (sorted), for 'exactly as before' comparisons.

    Uses the ORM metadata (every table of the schema) plus Alembic's version table; the
    schema itself is checked against the models by the store tests.
    """
    out: dict[str, list[tuple]] = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(table.select()).all()
            out[table.name] = sorted(tuple(str(v) for v in r) for r in rows)
        out["alembic_version"] = sorted(tuple(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")))
    return out


def review_secret(rvw) -> str:  # noqa: ANN001
    """The return secret a review file carries (what its rater holds)."""
    import json
    import zipfile

    with zipfile.ZipFile(rvw) as zf:
        return json.loads(zf.read("manifest.json"))["return_secret"]


def resign_return(src, out, secret: str, *, manifest_edit=None, payload_edit=None, pretty: bool = False):  # noqa: ANN001, ANN201
    """Rewrite the return *src* as *out* the way a rater holding *secret* could: edit the manifest
    and payload (callables that change the dicts in place), recompute the payload hash and the
    HMAC with *secret*. *pretty* writes the payload re-serialised (indented, keys unsorted)."""
    import json
    import zipfile

    from reviewer.reviewfiles.auth import return_mac
    from reviewer.reviewfiles.common import canonical_json, sha256_bytes

    with zipfile.ZipFile(src) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        payload = json.loads(zf.read("payload.json"))
    if payload_edit is not None:
        payload_edit(payload)
    if manifest_edit is not None:
        manifest_edit(manifest)
    manifest["payload_sha256"] = sha256_bytes(canonical_json(payload))
    manifest["mac"] = return_mac(secret, manifest, payload)
    body = json.dumps(payload, indent=1, ensure_ascii=True).encode() if pretty else canonical_json(payload)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("payload.json", body)
    return out


ODD_VALUES = [None, True, 0, -1, 10**30, 1.5e308, "", "x" * 40, "EVIL", [], {}, [1, [2, [3]]], {"a": {"b": None}},
              "2020-01-01T00:00:00", "\u4e2d\u6587", "00000000-0000-4000-8000-000000000000"]


def _value_paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside *node* (dict keys and list indexes)."""
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _value_paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _value_paths(v, (*prefix, i))
    return out


def mutate_payload(payload: dict, rng) -> None:  # noqa: ANN001
    """One to three structure-level changes: a value replaced by an odd one, a key dropped, an item doubled."""
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([p for p in _value_paths(payload) if p])
        parent = payload
        for step in path[:-1]:
            parent = parent[step]
        kind = rng.random()
        if kind < 0.15 and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif kind < 0.25 and isinstance(parent, list) and parent:
            parent.append(parent[0])
        else:
            parent[path[-1]] = rng.choice(ODD_VALUES)
