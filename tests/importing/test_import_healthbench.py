"""HealthBench and meta-evaluation import: points and tags kept exactly, labels become ratings."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.cli.main import main


def _lines(file: Path) -> list[dict]:
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]


def _status(db: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    capsys.readouterr()
    assert main(["--db", str(db), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_criterion_keeps_points_and_tags_exactly(store, healthbench_dir: Path) -> None:
    from reviewer.importing import import_healthbench
    from reviewer.store.models import Case, ChecklistVersion, Criterion

    sample = healthbench_dir / "sample.jsonl"
    report = import_healthbench(store, sample)
    examples = _lines(sample)
    assert report.created == {"cases": len(examples), "checklists": len(examples),
                              "criteria": sum(len(e["rubrics"]) for e in examples)}
    with store.Session() as s:
        for example in examples:
            case = s.scalar(select(Case).where(Case.external_id == example["prompt_id"]))
            assert case.source == "healthbench"
            assert case.turns == example["prompt"] and case.turns[-1]["role"] == "user"
            assert case.tags == example["example_tags"]
            theme = next(t for t in example["example_tags"] if t.startswith("theme:")).split(":", 1)[1]
            assert case.category == theme
            ideal = example["ideal_completions_data"]
            assert case.reference_answer == (ideal["ideal_completion"] if ideal else None)
            if ideal:
                assert case.meta["ideal_completions_group"] == ideal["ideal_completions_group"]
            assert case.title and case.title[:20] == case.turns[-1]["content"][:20]
            [version] = s.scalars(select(ChecklistVersion).where(ChecklistVersion.case_id == case.id)).all()
            criteria = s.scalars(select(Criterion).where(Criterion.checklist_version_id == version.id)
                                 .order_by(Criterion.position)).all()
            stored = [(c.text, c.points, c.tags, c.tier) for c in criteria]
            given = [(r["criterion"], r["points"], r["tags"], None) for r in example["rubrics"]]
            assert stored == given
            assert all(float(c.points).is_integer() for c in criteria)
            assert len({c.key for c in criteria}) == len(criteria)


def test_criterion_keys_are_stable_across_databases(tmp_path: Path, healthbench_dir: Path,
                                                   new_db: Callable[[Path], Path]) -> None:
    from reviewer.importing import import_healthbench
    from reviewer.store import open_store
    from reviewer.store.models import Criterion

    keys = []
    for name in ("a.db", "b.db"):
        store = open_store(new_db(tmp_path / name))
        import_healthbench(store, healthbench_dir / "sample.jsonl")
        with store.Session() as s:
            keys.append(s.execute(select(Criterion.text, Criterion.key).order_by(Criterion.text)).all())
        store.close()
    assert keys[0] == keys[1]


def test_meta_labels_become_ratings_by_physicians(store, healthbench_dir: Path) -> None:
    from reviewer.importing import import_healthbench, import_healthbench_meta
    from reviewer.store.models import Criterion, CriterionRating, Rater, Rating, Response

    import_healthbench(store, healthbench_dir / "sample.jsonl")
    report = import_healthbench_meta(store, healthbench_dir / "sample_meta.jsonl")
    rows = _lines(healthbench_dir / "sample_meta.jsonl")
    n_labels = sum(len(r["binary_labels"]) for r in rows)
    assert report.created["criterion_ratings"] == n_labels == 12
    assert report.created["responses"] == len({r["completion_id"] for r in rows})
    assert report.created["cases"] == 0 and report.skipped["cases"] == 2  # cases came from the main file
    with store.Session() as s:
        got = {(ext, rater, text): value for ext, rater, text, value in s.execute(
            select(Response.external_id, Rater.name, Criterion.text, CriterionRating.value)
            .join(Rating, Rating.response_id == Response.id).join(Rater, Rater.id == Rating.rater_id)
            .join(CriterionRating, CriterionRating.rating_id == Rating.id)
            .join(Criterion, Criterion.id == CriterionRating.criterion_id))}
        want = {(r["completion_id"], pid, r["rubric"]): ("met" if met else "not_met")
                for r in rows for pid, met in zip(r["anonymized_physician_ids"], r["binary_labels"], strict=True)}
        assert got == want
        ratings = s.scalars(select(Rating)).all()
        assert {(r.status, r.source) for r in ratings} == {("submitted", "import")}
        assert all(r.checklist_version_id is not None for r in ratings)
        labels = s.execute(select(Response.case_id, Response.blind_label).order_by(Response.id)).all()
        by_case: dict[int, list[str]] = {}
        for case_id, label in labels:
            by_case.setdefault(case_id, []).append(label)
        assert all(sorted(v) == ["A", "B"] for v in by_case.values())
        # the meta criterion is the consensus criterion of the main file: its points are known
        points = s.scalars(select(Criterion.points).join(CriterionRating)).all()
        assert set(points) == {5}


def test_meta_alone_creates_cases_with_their_criteria(store, healthbench_dir: Path) -> None:
    from reviewer.importing import import_healthbench_meta
    from reviewer.store.models import Case, Criterion

    report = import_healthbench_meta(store, healthbench_dir / "sample_meta.jsonl")
    assert report.created["cases"] == 2 and report.created["criteria"] == 2
    with store.Session() as s:
        crit = s.scalars(select(Criterion).order_by(Criterion.id)).all()
        assert [c.tags for c in crit] == [["cluster:emergency_referrals_emergent_emergency_behavior"],
                                         ["cluster:context_seeking_not-enough-context_helpful_safe"]]
        assert all(c.points is None for c in crit)
        assert s.scalar(select(Case.meta).limit(1))["created_by"] == "healthbench-meta"


def test_import_twice_leaves_first_counts(fresh_db: Path, healthbench_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = str(fresh_db)
    for kind, name in (("healthbench", "sample.jsonl"), ("healthbench-meta", "sample_meta.jsonl")):
        assert main(["--db", db, "import", kind, str(healthbench_dir / name)]) == 0
    first = _status(fresh_db, capsys)
    assert first["cases"] == 4 and first["criterion_ratings"] == 12 and first["raters"] == 4
    for kind, name in (("healthbench", "sample.jsonl"), ("healthbench-meta", "sample_meta.jsonl")):
        assert main(["--db", db, "import", kind, str(healthbench_dir / name), "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert sum(report["created"].values()) == 0, report
        assert sum(report["skipped"].values()) > 0
    assert _status(fresh_db, capsys) == first


def test_a_session_in_a_caller_transaction_is_rolled_back_whole(store, healthbench_dir: Path) -> None:
    """Given a Session inside the caller's transaction, the import joins it: a rollback undoes it."""
    from reviewer.importing import import_healthbench
    from reviewer.store.models import Case, Criterion

    with store.Session() as s:
        with s.begin():
            report = import_healthbench(s, healthbench_dir / "sample.jsonl")
            assert report.created["cases"] == 4
            assert len(s.scalars(select(Criterion.id)).all()) == 19
            s.rollback()
    with store.Session() as s:
        assert s.scalars(select(Case.id)).all() == []


def test_an_import_leaves_one_audit_event(store, healthbench_dir: Path) -> None:
    from reviewer.importing import import_healthbench
    from reviewer.store.models import AuditEvent

    sample = healthbench_dir / "sample.jsonl"
    import_healthbench(store, sample)
    import_healthbench(store, sample)  # adds nothing, so leaves no event either
    with store.Session() as s:
        [event] = s.scalars(select(AuditEvent)).all()
    assert event.action == "import.healthbench" and event.after["file"] == str(sample)
    assert event.after["created"]["criteria"] == 19
