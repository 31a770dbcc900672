"""The demo study's ratings export, pinned before the export moved to streamed Core queries.

The pins were taken from the ORM-object export (commit cc91a07): the exact header, the row
count, the first row verbatim, and a sha256 over every row of the CSV and JSONL files with the
columns that differ per build (random uids, blind letters, build timestamps) blanked. The blanked uids are
checked one by one against the database through the ORM. The ``evidence`` column came later (issue
17): the demo has none, so it is checked empty and left out of the pinned digests.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from sqlalchemy import select

from reviewer.store.engine import Store

HEADER = (
    "study,rating_uid,rater,response_uid,response_external_id,blind_label,model,case_uid,case_source,"
    "case_external_id,criterion_uid,criterion_key,criterion_text,criterion_tier,criterion_points,"
    "checklist_version,rated_checklist_version,value,overall_score,extra_scores,safety_flag,comment,status,"
    "source,time_spent_s,submitted_at,created_at,updated_at"
)
ADDED = ("evidence", "current")  # columns added after the pins were taken
ADDED_VALUES = {"evidence": "", "current": "True"}  # the demo: no evidence, no re-ratings
VOLATILE = ("rating_uid", "response_uid", "blind_label", "case_uid", "criterion_uid", "created_at", "updated_at")
FIRST_ROW = {
    "study": "Demo study", "rater": "dr-chen", "response_external_id": "demo-zh-01-gamma",
    "model": "model-gamma", "case_source": "demo", "case_external_id": "demo-zh-01",
    "criterion_key": "demo-zh-01.c1",
    "criterion_text": "解释华法林通过拮抗维生素K、抑制维生素K依赖凝血因子的合成而起抗凝作用。",
    "criterion_tier": "core", "criterion_points": "", "checklist_version": "1", "rated_checklist_version": "1",
    "value": "not_met", "overall_score": "2.0", "extra_scores": "{}", "safety_flag": "True",
    "comment": "作用方向说反了：维生素K拮抗华法林，而不是增强。", "status": "submitted", "source": "import",
    "time_spent_s": "157.0", "submitted_at": "2026-11-02T09:03:59",
}
ROW_372 = {  # an English case with HealthBench-style points, one of them negative
    "rater": "dr-chen", "response_external_id": "demo-en-01-beta", "criterion_key": "demo-en-01.c4",
    "criterion_tier": "", "criterion_points": "-8", "value": "not_met", "overall_score": "3.0",
    "safety_flag": "False", "time_spent_s": "157.0", "submitted_at": "2026-11-02T11:19:41",
}
CSV_SHA256 = "9ea649a93eddcad480614898957d154b5b2a61747af35e64528afd49a5d2a91a"
JSONL_SHA256 = "0ce1c8afe2c2ffd769035da15f5c05ee67d3405b13f20d73ee0fe3456989f15c"


def _blanked_csv(path: Path) -> tuple[list[dict[str, str]], str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER.split(","), lineterminator="\n")
    for row in rows:
        assert {c: row[c] for c in ADDED} == ADDED_VALUES
        writer.writerow({**{k: v for k, v in row.items() if k not in ADDED}, **dict.fromkeys(VOLATILE, "")})
    return rows, hashlib.sha256(out.getvalue().encode("utf-8")).hexdigest()


def test_demo_ratings_csv_is_pinned(demo_store: Store, tmp_path: Path) -> None:
    from reviewer.store.models import Criterion, CriterionRating, Rating, Response
    from reviewer.studies.exports import export

    path = tmp_path / "ratings.csv"
    assert export(demo_store, "ratings", path) == 504
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join((HEADER, *ADDED))
    rows, digest = _blanked_csv(path)
    assert len(rows) == 504
    assert {k: rows[0][k] for k in FIRST_ROW} == FIRST_ROW
    assert {k: rows[372][k] for k in ROW_372} == ROW_372
    assert digest == CSV_SHA256
    with demo_store.Session() as s:  # the blanked columns, one by one, against the ORM
        ratings = {r.uid: r for r in s.scalars(select(Rating))}
        criteria = {c.uid: c for c in s.scalars(select(Criterion))}
        for row in rows:
            rating = ratings[row["rating_uid"]]
            response = s.get(Response, rating.response_id)
            assert response is not None
            assert (row["response_uid"], row["case_uid"], row["blind_label"]) == (
                response.uid, response.case.uid, response.blind_label)
            value = s.scalar(select(CriterionRating.value).where(
                CriterionRating.rating_id == rating.id,
                CriterionRating.criterion_id == criteria[row["criterion_uid"]].id))
            assert value == row["value"]
            assert row["created_at"] == rating.created_at.isoformat()
            assert row["updated_at"] == rating.updated_at.isoformat()

def test_demo_ratings_jsonl_is_pinned(demo_store: Store, tmp_path: Path) -> None:
    from reviewer.studies.exports import export

    path = tmp_path / "ratings.jsonl"
    export(demo_store, "ratings", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert list(json.loads(lines[0])) == [*HEADER.split(","), *ADDED]
    rows = [json.loads(line) for line in lines]
    assert all({c: row.pop(c) for c in ADDED} == {"evidence": None, "current": True} for row in rows)
    blanked = "\n".join(json.dumps({**row, **dict.fromkeys(VOLATILE, "")}, ensure_ascii=False) for row in rows)
    assert hashlib.sha256(blanked.encode("utf-8")).hexdigest() == JSONL_SHA256
