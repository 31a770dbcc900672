"""Assignment design: calibration first for everyone, overlap share, balance, cap, seed, priorities."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.cli.main import main
from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.store import open_store
from reviewer.store.models import Assignment, AssignmentDesign, Case, JudgeVerdict, Rater, Response
from reviewer.studies.assignment import design_assignments
from reviewer.studies.lookup import get_study
from tests.support.reviewfiles import build_study

RATERS = ["r1", "r2", "r3"]


@pytest.fixture
def study_store(fresh_db: Path):
    store = open_store(fresh_db)
    build_study(store, n_cases=12, judge=True)  # 24 responses, 3 categories, 2 models
    yield store
    store.close()


def _design(store, **kw):
    with store.begin() as s:
        return design_assignments(s, get_study(s, None), kw.pop("raters", RATERS), **kw)


def _rows(store) -> list[tuple[str, int, int, bool, int, str]]:
    """(rater, response id, position, is_calibration, model id, category) of every assignment."""
    with store.Session() as s:
        return list(s.execute(
            select(Rater.name, Assignment.response_id, Assignment.position, Assignment.is_calibration,
                   Response.model_id, Case.category)
            .join(Rater, Assignment.rater_id == Rater.id).join(Response, Assignment.response_id == Response.id)
            .join(Case, Response.case_id == Case.id)).all())


def test_calibration_overlap_and_balance(study_store) -> None:
    report = _design(study_store, per_response=2, calibration=2, overlap=0.5, seed=1)
    rows = _rows(study_store)
    per_rater: dict[str, list] = defaultdict(list)
    for row in rows:
        per_rater[row[0]].append(row)
    calib_sets = []
    for name in RATERS:
        queue = sorted(per_rater[name], key=lambda r: r[2])
        assert [r[2] for r in queue] == list(range(len(queue)))  # positions 0..n-1
        assert [r[3] for r in queue[:2]] == [True, True] and not any(r[3] for r in queue[2:])  # calibration first
        calib_sets.append({r[1] for r in queue[:2]})
        models = Counter(r[4] for r in queue)
        assert max(models.values()) - min(models.values()) <= 2  # models balanced within each queue
        assert len({r[5] for r in queue}) == 3  # every category in every queue
    assert calib_sets[0] == calib_sets[1] == calib_sets[2]  # the same calibration set for all
    raters_per_unit = Counter(r[1] for r in rows)
    assert len(raters_per_unit) == 24  # every response covered
    assert sum(1 for n in raters_per_unit.values() if n >= 2) == report.units_with_2plus == 2 + 11
    assert sorted(raters_per_unit.values()) == [1] * 11 + [2] * 11 + [3] * 2
    loads = Counter(r[0] for r in rows)
    assert max(loads.values()) - min(loads.values()) <= 1  # balanced across raters
    assert report.items_per_rater == dict(loads)
    assert report.calibration_size == 2 and report.created_raters == RATERS
    with study_store.Session() as s:
        design = s.scalar(select(AssignmentDesign))
        assert design.settings["overlap"] == 0.5 and design.settings["seed"] == 1
        assert design.report["units_with_2plus"] == 13
        assert all(a.design_id == design.id for a in s.scalars(select(Assignment)))


def test_seed_reproduces_and_changes_the_design(study_store) -> None:
    def run(seed: int) -> list[tuple]:
        _design(study_store, per_response=2, calibration=1, overlap=0.5, seed=seed, replace=True)
        with study_store.Session() as s:
            return sorted(s.execute(select(Rater.name, Response.external_id, Assignment.position)
                                    .join(Rater, Assignment.rater_id == Rater.id)
                                    .join(Response, Assignment.response_id == Response.id)).all())

    first = run(7)
    assert run(7) == first
    assert run(8) != first


def test_max_per_rater_caps_and_reports_unassigned(study_store) -> None:
    report = _design(study_store, per_response=2, calibration=1, overlap=0.5, max_per_rater=5, seed=3)
    loads = Counter(r[0] for r in _rows(study_store))
    assert max(loads.values()) == 5
    assert report.units_unassigned > 0
    assert report.units_assigned + report.units_unassigned == report.units_total == 24


def _judge_priority(store, kind: str) -> dict[int, float]:
    """Independent priorities from the verdict rows."""
    with store.Session() as s:
        rows = s.execute(select(JudgeVerdict.judge_run_id, JudgeVerdict.response_id, JudgeVerdict.criterion_id,
                                JudgeVerdict.met, JudgeVerdict.probability)).all()
    if kind == "uncertain":
        best: dict[int, float] = {}
        for _run, resp, _c, _m, p in rows:
            if p is not None:
                best[resp] = min(best.get(resp, 1.0), abs(p - 0.5))
        return {r: -d for r, d in best.items()}
    votes: dict[tuple, set] = defaultdict(set)
    for _run, resp, crit, met, _p in rows:
        votes[(resp, crit)].add(met)
    split: dict[int, list[int]] = defaultdict(list)
    for (resp, _c), v in votes.items():
        split[resp].append(len(v) > 1)
    return {r: sum(v) / len(v) for r, v in split.items()}


@pytest.mark.parametrize("kind", ["uncertain", "disagreement"])
def test_prioritised_items_come_first(study_store, kind: str) -> None:
    judge_run = "run-a" if kind == "uncertain" else None
    _design(study_store, per_response=1, calibration=0, overlap=0.0, seed=2, prioritize=kind, judge_run=judge_run)
    prio = _judge_priority(study_store, kind)
    assert len(set(prio.values())) > 1  # the priorities really differ
    rows = _rows(study_store)
    top = max(prio.values())
    for name in RATERS:
        queue = [r[1] for r in sorted((r for r in rows if r[0] == name), key=lambda r: r[2])]
        values = [prio[r] for r in queue]
        assert values == sorted(values, reverse=True)  # most in need of a human first
        assert values[0] == pytest.approx(top)


def test_refusals(study_store) -> None:
    with pytest.raises(InputError, match="only 3 raters"):
        _design(study_store, per_response=4)
    with pytest.raises(InputError, match="no responses to assign"), study_store.begin() as s:
        from reviewer.studies.lookup import create_study

        design_assignments(s, create_study(s, "empty"), RATERS)
    with pytest.raises(InputError, match="between 0 and 1"):
        _design(study_store, overlap=1.5)
    with pytest.raises(NotFoundError, match="no judge run named 'nope'"):
        _design(study_store, prioritize="uncertain", judge_run="nope")
    with pytest.raises(InputError, match="two or more judge runs"):
        _design(study_store, prioritize="disagreement", judge_run="run-a")
    _design(study_store, per_response=1, overlap=0.0)
    with pytest.raises(ConflictError, match="already have"):
        _design(study_store, per_response=1)
    report = _design(study_store, per_response=3, overlap=1.0, replace=True)
    assert report.units_with_2plus == 24 and not report.created_raters
    assert len(_rows(study_store)) == 72


def test_assign_command_prints_the_report(fresh_db: Path, capsys) -> None:
    db = fresh_db
    store = open_store(db)
    build_study(store, n_cases=6, judge=True)
    store.close()
    assert main(["--db", str(db), "assign", "--raters", "a,b,c", "--per-response", "2", "--calibration", "2",
                 "--overlap", "0.5", "--max-per-rater", "6", "--seed", "1", "--prioritize", "uncertain",
                 "--judge-run", "run-a", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["calibration_size"] == 2 and max(report["items_per_rater"].values()) <= 6
    assert main(["--db", str(db), "assign", "--raters", "d", "--per-response", "1"]) == 0
    out = capsys.readouterr().out
    assert "items per rater" in out and "units with >= 2 raters (for agreement): 0" in out
    assert main(["--db", str(db), "assign", "--raters", "a", "--per-response", "1"]) == 2
    assert "already have" in capsys.readouterr().err
