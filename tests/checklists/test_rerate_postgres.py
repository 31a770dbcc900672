"""Re-rating on a team's PostgreSQL server: the same key (response, rater, checklist version), the
same current-rating rule (a correlated NOT EXISTS the dialect compiles), the same figures as SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reviewer import rating as R
from reviewer.agreement.extract import criterion_ratings
from reviewer.checklists.rerate import request_rerating
from reviewer.checklists.versions import ChangeCriterion, edit_checklist
from reviewer.store import open_store
from reviewer.store.current import is_current
from reviewer.store.models import Case, ChecklistVersion, Rater, Rating
from tests.checklists.test_rerate import _build, _ids, _rate_all

pytestmark = pytest.mark.postgres


def _scenario(store) -> tuple[list[tuple], set[tuple[str, int]]]:  # noqa: ANN001
    """Three raters on v1, k2 reworded, r1 and r2 asked again, r1 answers and submits: the
    criterion rows the analysis reads and the (rater, version) of each current rating."""
    _build(store)
    with store.begin() as s:
        edit_checklist(s, "c1", author="coord", reason="clearer",
                       edits=[ChangeCriterion(key="k2", text="Mentions aspirin unless allergic")])
        report = request_rerating(s, ["c1"], raters=["r1", "r2"], actor="coord")
    assert len(report.items) == 4
    with store.begin() as s:
        _rate_all(s, "r1", {"k2": "not_met"})
    with store.Session() as s:
        crit = criterion_ratings(s, s.scalar(select(Case.study_id)))
        rows = sorted((r.rater, r.response_id - min(crit.response_id), r.criterion_key, r.value)
                      for r in crit.itertuples())
        current = set(s.execute(select(Rater.name, ChecklistVersion.version)
                                .join(Rating, Rating.rater_id == Rater.id)
                                .join(ChecklistVersion, ChecklistVersion.id == Rating.checklist_version_id)
                                .where(is_current())).all())
    return rows, current


def test_rerating_on_postgres_gives_what_it_gives_on_sqlite(pg_study_db: str, tmp_path: Path) -> None:
    pg = open_store(pg_study_db)
    lite = open_store(tmp_path / "s.db")
    try:
        on_pg, current_pg = _scenario(pg)
        on_lite, current_lite = _scenario(lite)
        # r1 re-rated and submitted (version 2); r2's re-rating is a draft (out); r3 on version 1
        assert on_pg == on_lite and {r for r, *_ in on_pg} == {"r1", "r3"}
        assert current_pg == current_lite == {("r1", 2), ("r2", 2), ("r3", 1)}
        with pg.Session() as s:  # the key holds on the server too: one rating per version
            r1, (a, _b) = _ids(s, "r1")
            v2 = s.scalar(select(Rating.checklist_version_id).where(Rating.rater_id == r1, is_current()).limit(1))
        with pytest.raises(IntegrityError), pg.begin() as s:
            s.add(Rating(response_id=a, rater_id=r1, checklist_version_id=v2, status="draft"))
        with pg.Session() as s:
            assert R.load_item(s, r1, a).checklist_version_id == v2
    finally:
        pg.close()
        lite.close()
