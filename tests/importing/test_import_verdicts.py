"""Model answers and judge verdicts from elsewhere; the HealthBench score recomputed from them."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from reviewer.cli.main import main

CHEST = "7f66b4c4-029b-590c-b5eb-46cb9f543a77"     # points 10, 5, -10, 3, 5
CHILD = "c168574d-d116-5744-9289-e4a9aa796370"     # points 8, 6, -8, 4, 5
NOTE = "d53a1c4b-d6e9-548b-870c-dceebee30f37"      # points 5, 5, 4, -6, 3
PREGNANCY = "398ee4d0-916f-5671-b743-5019d20ec44b"  # points 10, 5, 5, -10


def _rubrics(healthbench_dir: Path) -> dict[str, list[dict]]:
    lines = (healthbench_dir / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    return {e["prompt_id"]: e["rubrics"] for e in map(json.loads, lines)}


def healthbench_scores(session, run_name: str) -> dict[str, float]:  # noqa: ANN001
    """Per response external id: sum of points of met criteria / sum of positive points, from the DB."""
    from reviewer.store.models import ChecklistVersion, Criterion, JudgeRun, JudgeVerdict, Response

    out = {}
    for resp in session.scalars(select(Response)):
        version = session.scalar(select(ChecklistVersion.id).where(ChecklistVersion.case_id == resp.case_id)
                                 .order_by(ChecklistVersion.version.desc()))
        points = dict(session.execute(select(Criterion.id, Criterion.points)
                                      .where(Criterion.checklist_version_id == version)).all())
        met = session.scalars(select(JudgeVerdict.criterion_id).join(JudgeRun)
                              .where(JudgeRun.name == run_name, JudgeVerdict.response_id == resp.id,
                                     JudgeVerdict.met.is_(True))).all()
        if met or session.scalar(select(JudgeVerdict.id).join(JudgeRun).where(
                JudgeRun.name == run_name, JudgeVerdict.response_id == resp.id).limit(1)):
            out[resp.external_id] = sum(points[c] for c in met) / sum(p for p in points.values() if p > 0)
    return out


@pytest.fixture
def answered(tmp_path: Path, fresh_db: Path, healthbench_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A study with the four sample cases and five answers imported from a CSV file."""
    db = fresh_db
    assert main(["--db", str(db), "import", "healthbench", str(healthbench_dir / "sample.jsonl")]) == 0
    answers = tmp_path / "answers.csv"
    with answers.open("w", newline="", encoding="utf-8") as handle:
        w = csv.writer(handle)
        w.writerow(["prompt_id", "model", "response_id", "answer"])
        w.writerow([CHEST, "model-x", "r1", "Call emergency services now; chew aspirin."])
        w.writerow([CHEST, "model-y", "r2", "Wait and see whether the antacid helps."])
        w.writerow([CHILD, "model-x", "r3", "Give 500 mg three times a day,\nbut check with the doctor."])
        w.writerow([NOTE, "model-x", "r4", "- CAP\n- ceftriaxone + azithromycin\n- new fact"])
        w.writerow([PREGNANCY, "model-y", "r5", "Avoid ibuprofen; paracetamol is usual."])
    assert main(["--db", str(db), "import", "responses", str(answers)]) == 0
    capsys.readouterr()
    return db


def test_responses_csv_and_jsonl(answered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Case, Model, Response

    more = tmp_path / "more.jsonl"
    more.write_text("\n".join(json.dumps(r) for r in [
        {"case_id": CHEST, "model": "model-z", "completion": [{"role": "assistant", "content": "Call 911."}],
         "latency_ms": 12.5},
        {"case_id": CHEST, "model": "model-z", "text": "Call 911."},  # same model, same text: a duplicate
    ]) + "\n", encoding="utf-8")
    assert main(["--db", str(answered), "import", "responses", str(more), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["created"]["responses"] == 1 and report["skipped"]["responses"] == 1
    store = open_store(answered)
    with store.Session() as s:
        rows = s.execute(select(Response.external_id, Response.blind_label, Model.name, Response.text,
                                Response.latency_ms).join(Model).join(Case)
                         .where(Case.external_id == CHEST).order_by(Response.id)).all()
        assert [(r[0], r[2], r[3], r[4]) for r in rows] == [
            ("r1", "model-x", "Call emergency services now; chew aspirin.", None),
            ("r2", "model-y", "Wait and see whether the antacid helps.", None),
            (None, "model-z", "Call 911.", 12.5)]
        # letters are a permutation drawn from the uids (reviewer.studies.blinding.reshuffle_labels)
        assert sorted(r[1] for r in rows) == ["A", "B", "C"]
        multi = s.scalar(select(Response.text).where(Response.external_id == "r3"))
        assert multi == "Give 500 mg three times a day,\nbut check with the doctor."
    store.close()


def test_healthbench_score_recomputed_from_stored_verdicts(answered: Path, tmp_path: Path,
                                                           healthbench_dir: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Criterion, JudgeRun, JudgeVerdict

    rubrics = _rubrics(healthbench_dir)
    met = {  # response -> (case, met flags in rubric order)
        "r1": (CHEST, [True, True, False, True, True]),       # (10+5+3+5)/23 = 1
        "r2": (CHEST, [False, False, True, False, False]),    # -10/23
        "r3": (CHILD, [True, False, True, True, False]),      # (8-8+4)/23 = 4/23
        "r4": (NOTE, [True, True, False, True, False]),       # (5+5-6)/17 = 4/17
        "r5": (PREGNANCY, [True, True, True, False]),         # (10+5+5)/20 = 1
    }
    store = open_store(answered)
    with store.Session() as s:  # refer to one case's criteria by key, the others by text
        keys = dict(s.execute(select(Criterion.text, Criterion.key)).all())
    store.close()
    verdict_file = tmp_path / "verdicts.jsonl"
    with verdict_file.open("w", encoding="utf-8") as out:
        for resp, (case, flags) in met.items():
            for item, flag in zip(rubrics[case], flags, strict=True):
                ref = keys[item["criterion"]] if case == PREGNANCY else item["criterion"]
                out.write(json.dumps({"case_id": case, "response_id": resp, "criterion": ref, "met": flag,
                                      "explanation": "because"}) + "\n")
        out.write(json.dumps({"case_id": CHEST, "response_id": "r1", "score": 5}) + "\n")  # whole answer
    args = ["--db", str(answered), "import", "verdicts", str(verdict_file), "--judge", "grader-a"]
    assert main(args) == 0
    assert main(args) == 0  # again: nothing new
    assert "already present" in capsys.readouterr().out

    hand = {"r1": 1.0, "r2": -10 / 23, "r3": 4 / 23, "r4": 4 / 17, "r5": 1.0}
    store = open_store(answered)
    with store.Session() as s:
        run = s.scalar(select(JudgeRun).where(JudgeRun.name == "grader-a"))
        assert (run.backend, run.mode) == ("imported", "imported")
        verdicts = s.scalars(select(JudgeVerdict)).all()
        assert len(verdicts) == 24 + 1
        assert {v.parse_status for v in verdicts} == {"imported"}
        whole = [v for v in verdicts if v.criterion_id is None]
        assert len(whole) == 1 and whole[0].score == 5.0 and whole[0].met is None
        scores = healthbench_scores(s, "grader-a")
    store.close()
    assert scores == pytest.approx(hand, abs=1e-12)
    overall = float(np.clip(np.mean(list(scores.values())), 0, 1))
    assert overall == pytest.approx((2 - 10 / 23 + 4 / 23 + 4 / 17) / 5, abs=1e-12)
    assert float(np.clip(scores["r2"], 0, 1)) == 0.0  # a negative score clips to 0 overall


def test_simple_evals_allresults(answered: Path, tmp_path: Path, healthbench_dir: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.store import open_store
    from reviewer.store.models import Case, JudgeVerdict, Model, Response

    rubrics = _rubrics(healthbench_dir)
    text = "Please call an ambulance now."
    new_case_items = [{"criterion": "Tells the user to rest.", "points": 4, "tags": ["axis:completeness"]},
                      {"criterion": "Prescribes antibiotics.", "points": -5, "tags": ["axis:accuracy"]}]
    examples = [
        {"score": 18 / 23, "prompt_id": CHEST, "prompt": [{"role": "user", "content": "chest pain"}],
         "completion": [{"role": "assistant", "content": text}],
         "rubric_items": [dict(item, criteria_met=flag, explanation="x") for item, flag in
                          zip(rubrics[CHEST], [True, False, False, True, True], strict=True)]},
        {"score": -5 / 4, "prompt_id": "new-prompt", "completion_id": "cmp-2",
         "prompt": [{"role": "user", "content": "I have a cold."}],
         "completion": [{"role": "assistant", "content": "Take antibiotics."}],
         "rubric_items": [dict(new_case_items[0], criteria_met=False, explanation="no"),
                          dict(new_case_items[1], criteria_met=True, explanation="yes")]},
    ]
    file = tmp_path / "healthbench_model-q_20250101_allresults.json"
    file.write_text(json.dumps({"score": 0.0, "metrics": {}, "htmls": [], "convos": [],
                                "metadata": {"example_level_metadata": examples}}), encoding="utf-8")
    assert main(["--db", str(answered), "import", "verdicts", str(file), "--judge", "gpt-4.1-grader"]) == 0
    store = open_store(answered)
    with store.Session() as s:
        expected_id = hashlib.sha256((CHEST + text).encode()).hexdigest()
        resp = s.scalar(select(Response).where(Response.external_id == expected_id))
        assert resp is not None and resp.text == text
        letters = s.scalars(select(Response.blind_label).where(Response.case_id == resp.case_id)).all()
        assert sorted(letters) == ["A", "B", "C"]  # the third answer of that case, lettered by uid
        assert s.scalar(select(Model.name).where(Model.id == resp.model_id)) == "healthbench_model-q_20250101"
        assert s.scalar(select(Case.title).where(Case.external_id == "new-prompt")) == "I have a cold."
        assert len(s.scalars(select(JudgeVerdict)).all()) == 7
        scores = healthbench_scores(s, "gpt-4.1-grader")
    store.close()
    assert scores[expected_id] == pytest.approx(examples[0]["score"])
    assert scores["cmp-2"] == pytest.approx(examples[1]["score"])
