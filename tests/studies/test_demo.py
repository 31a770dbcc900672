"""The bundled demo study: complete, idempotent, realistically (not perfectly) agreeing, our own text."""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.errors import InputError
from reviewer.store import Store
from reviewer.store.models import (
    Case,
    Criterion,
    CriterionRating,
    Feedback,
    JudgeRun,
    JudgeVerdict,
    Rater,
    Rating,
    Response,
    Study,
)
from reviewer.studies.demo import build_demo, demo_file, load_demo

AREAS = ("医疗知识", "医疗推理", "医疗语言理解", "医疗安全伦理", "医疗文本生成")


def _counts(store) -> dict[str, int]:  # noqa: ANN001
    with store.Session() as s:
        return {m.__name__: s.scalar(select(func.count()).select_from(m)) for m in
                (Study, Case, Criterion, Response, Rater, Rating, CriterionRating, JudgeRun, JudgeVerdict,
                 Feedback)}


@pytest.fixture(scope="module")
def built_demo(tmp_path_factory: pytest.TempPathFactory, new_db: Callable[[Path], Path]) -> Iterator[Store]:
    """Built once for the module (building takes a moment), in a new empty study database."""
    from reviewer.store import open_store

    store = open_store(new_db(tmp_path_factory.mktemp("demo") / "demo.db"))
    assert build_demo(store) == "Demo study"
    yield store
    store.close()


def test_counts_and_completeness(built_demo) -> None:  # noqa: ANN001
    c = _counts(built_demo)
    assert 12 <= c["Case"] <= 16
    assert c["Response"] == 3 * c["Case"]
    assert c["Rater"] == 3
    assert c["Rating"] == 3 * c["Response"]
    assert c["JudgeRun"] == 1
    assert c["Feedback"] >= 3
    with built_demo.Session() as s:
        # every rater rated every response, on every criterion of its case, and submitted
        n_crit = {}
        for resp in s.scalars(select(Response)):
            n_crit[resp.id] = len(resp.case.checklists[-1].criteria)
        assert all(r.status == "submitted" and 20 < r.time_spent_s < 1200 for r in s.scalars(select(Rating)))
        cr_by_rating = Counter(s.scalars(select(CriterionRating.rating_id)))
        for rating in s.scalars(select(Rating)):
            assert cr_by_rating[rating.id] == n_crit[rating.response_id]
        # one verdict per response x criterion, plus one whole-answer score per response
        crit_verdicts = s.scalar(select(func.count()).select_from(JudgeVerdict)
                                 .where(JudgeVerdict.criterion_id.is_not(None)))
        assert crit_verdicts == sum(n_crit.values())
        scores = s.scalars(select(JudgeVerdict.score).where(JudgeVerdict.criterion_id.is_(None))).all()
        assert len(scores) == c["Response"] and all(1 <= x <= 5 for x in scores)
        # blind labels A, B, C per case; models never named in what raters see
        for case in s.scalars(select(Case)):
            assert sorted(r.blind_label for r in case.responses) == ["A", "B", "C"]
        cats = [cat for cat in s.scalars(select(Case.category))]
        for area in AREAS:
            assert sum(cat.startswith(area + " / ") for cat in cats) >= 2, area
        turns = [len(t) for t in s.scalars(select(Case.turns))]
        assert max(turns) >= 3
        tiers = set(s.scalars(select(Criterion.tier)))
        assert {"core", "secondary"} <= tiers
        points = list(s.scalars(select(Criterion.points).where(Criterion.points.is_not(None))))
        assert any(p < 0 for p in points) and any(p > 0 for p in points)
        assert s.scalar(select(func.count()).select_from(Rating).where(Rating.safety_flag)) >= 5


def test_build_twice_changes_nothing(built_demo) -> None:  # noqa: ANN001
    before = _counts(built_demo)
    assert build_demo(built_demo) == "Demo study"
    assert _counts(built_demo) == before


def test_agreement_is_realistic(built_demo) -> None:  # noqa: ANN001
    """Raters mostly agree, a few criteria split them, one rater is harsher; the judge mostly agrees."""
    values: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    with built_demo.Session() as s:
        rows = s.execute(select(Rating.response_id, CriterionRating.criterion_id, Rater.name, CriterionRating.value)
                         .join(Rating, Rating.id == CriterionRating.rating_id)
                         .join(Rater, Rater.id == Rating.rater_id)).all()
        scores = s.execute(select(Rater.name, Rating.overall_score).join(Rater, Rater.id == Rating.rater_id)).all()
        verdicts = {(v.response_id, v.criterion_id): v.met for v in
                    s.scalars(select(JudgeVerdict).where(JudgeVerdict.criterion_id.is_not(None)))}
    for resp, crit, rater, value in rows:
        values[(resp, crit)][rater] = value
    pair = [sum(a == b for a, b in itertools.combinations(v.values(), 2)) / 3 for v in values.values()]
    agreement = sum(pair) / len(pair)
    assert 0.6 < agreement < 0.98
    # troublesome criteria: split on at least two of the three answers
    split = Counter(crit for (resp, crit), v in values.items() if len(set(v.values())) > 1)
    assert sum(1 for n in split.values() if n >= 2) >= 2
    # one rater is harsher on the overall score
    mean = {r: sum(x for n, x in scores if n == r) / sum(1 for n, _ in scores if n == r) for r, _ in scores}
    assert mean["dr-okafor"] < min(mean["dr-chen"], mean["dr-patel"])
    # judge vs majority: agrees most of the time, but not always
    agree = [verdicts[k] == (Counter(v.values()).most_common(1)[0][0] == "met") for k, v in values.items()]
    assert 0.8 < sum(agree) / len(agree) < 0.99


def test_json_is_our_own_content() -> None:
    doc = load_demo()
    assert doc["written_for"] == "reviewer"
    assert "reviewer" in doc["canary"]
    text = demo_file().read_text(encoding="utf-8")
    assert "sample-not-healthbench" not in text and "BENCHMARK DATA SHOULD NEVER" not in text
    assert {m["name"] for m in doc["models"]} == {"model-alpha", "model-beta", "model-gamma"}


def test_bad_demo_file_names_file_and_line(tmp_path, store) -> None:  # noqa: ANN001
    bad = tmp_path / "demo.json"
    bad.write_text('{"written_for": "reviewer",\n "cases": [,]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"demo\.json, line 2"):
        build_demo(store, path=bad)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"cases": []}), encoding="utf-8")
    with pytest.raises(InputError, match="written_for"):
        build_demo(store, path=other)
    assert _counts(store)["Study"] == 0
