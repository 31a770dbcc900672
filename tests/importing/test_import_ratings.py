"""``reviewer import ratings``: an export comes back unchanged; minimal files; errors leave the store as it was."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from reviewer.cli.main import main
from reviewer.errors import InputError
from reviewer.store.engine import Store

STAMPS = ("created_at", "updated_at")  # when the database row was written: new on import by design


def _counts(store: Store) -> dict[str, int]:
    from reviewer.store.models import AuditEvent, CriterionRating, Rater, Rating

    with store.Session() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0
                for m in (Rater, Rating, CriterionRating, AuditEvent)}


def _drop_ratings(store: Store) -> None:
    """The demo study's cases, responses and checklists, without a single rating."""
    from reviewer.store.models import CriterionRating, Rating

    with store.begin() as s:
        s.execute(delete(CriterionRating))
        s.execute(delete(Rating))


def _read(path: Path) -> list[dict]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


@pytest.mark.parametrize("ext", [".csv", ".jsonl", ".parquet"])
def test_export_import_export_round_trip(demo_store: Store, tmp_path: Path, ext: str) -> None:
    from reviewer.importing import IMPORTERS
    from reviewer.studies.exports import export

    first, second = tmp_path / f"first{ext}", tmp_path / f"second{ext}"
    n = export(demo_store, "ratings", first)
    _drop_ratings(demo_store)
    assert _counts(demo_store)["criterion_rating"] == 0
    report = IMPORTERS["ratings"](demo_store, first)
    assert report.created["criterion_ratings"] == n == 504
    assert report.created["ratings"] == len({row["rating_uid"] for row in _read(first)})
    assert export(demo_store, "ratings", second) == n
    before, after = _read(first), _read(second)
    assert [{k: v for k, v in row.items() if k not in STAMPS} for row in after] == \
        [{k: v for k, v in row.items() if k not in STAMPS} for row in before]
    assert list(after[0]) == list(before[0])


def test_importing_twice_adds_nothing(demo_store: Store, tmp_path: Path) -> None:
    from reviewer.importing import import_ratings
    from reviewer.studies.exports import export

    path = tmp_path / "r.csv"
    export(demo_store, "ratings", path)
    before = _counts(demo_store)
    report = import_ratings(demo_store, path)  # every rating is already there
    assert report.total_created == 0
    assert report.skipped["criterion_ratings"] == 504
    assert _counts(demo_store) == before


MINIMAL = """rater,case_external_id,response_external_id,criterion_key,value,overall_score
dr-new,demo-en-01,demo-en-01-beta,demo-en-01.c1,met,
dr-new,demo-en-01,demo-en-01-beta,demo-en-01.c2,not_met,4
dr-new,demo-en-01,demo-en-01-alpha,,,2
dr-other,demo-en-01,demo-en-01-alpha,demo-en-01.c4,na,
"""


def test_minimal_csv(demo_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.store.models import Criterion, CriterionRating, Rater, Rating, Response

    path = tmp_path / "minimal.csv"
    path.write_text(MINIMAL, encoding="utf-8")
    before = _counts(demo_store)
    db = str(demo_store.engine.url.database)
    assert main(["--db", db, "import", "ratings", str(path), "--study", "Demo study"]) == 0
    assert "imported ratings" in capsys.readouterr().out
    after = _counts(demo_store)
    assert after["rater"] == before["rater"] + 2
    assert after["rating"] == before["rating"] + 3
    assert after["criterion_rating"] == before["criterion_rating"] + 3
    with demo_store.Session() as s:
        got = {(rater, ext): (status, source, score, version_id) for rater, ext, status, source, score, version_id in
               s.execute(select(Rater.name, Response.external_id, Rating.status, Rating.source,
                                Rating.overall_score, Rating.checklist_version_id)
                         .join(Rater, Rater.id == Rating.rater_id).join(Response, Response.id == Rating.response_id)
                         .where(Rater.name.in_(["dr-new", "dr-other"])))}
        values = {(rater, key): value for rater, key, value in s.execute(
            select(Rater.name, Criterion.key, CriterionRating.value)
            .join(Rating, Rating.id == CriterionRating.rating_id).join(Rater, Rater.id == Rating.rater_id)
            .join(Criterion, Criterion.id == CriterionRating.criterion_id)
            .where(Rater.name.in_(["dr-new", "dr-other"])))}
        version_of_c1 = s.scalar(select(Criterion.checklist_version_id).where(Criterion.key == "demo-en-01.c1"))
    assert got == {("dr-new", "demo-en-01-beta"): ("submitted", "import", 4.0, version_of_c1),
                   ("dr-new", "demo-en-01-alpha"): ("submitted", "import", 2.0, version_of_c1),
                   ("dr-other", "demo-en-01-alpha"): ("submitted", "import", None, version_of_c1)}
    assert values == {("dr-new", "demo-en-01.c1"): "met", ("dr-new", "demo-en-01.c2"): "not_met",
                      ("dr-other", "demo-en-01.c4"): "na"}


def _bad(demo_store: Store, tmp_path: Path, row: str, *needles: str) -> None:
    from reviewer.importing import import_ratings

    path = tmp_path / "bad.csv"
    lines = MINIMAL.splitlines()
    path.write_text("\n".join([*lines[:3], row, *lines[3:]]) + "\n", encoding="utf-8")  # the bad row is line 4
    before = _counts(demo_store)
    with pytest.raises(InputError) as err:
        import_ratings(demo_store, path, study="Demo study")
    assert (err.value.file, err.value.line) == (str(path), 4)
    for needle in needles:
        assert needle in str(err.value)
    assert _counts(demo_store) == before


def test_bad_value_names_the_line(demo_store: Store, tmp_path: Path) -> None:
    _bad(demo_store, tmp_path, "dr-new,demo-en-01,demo-en-01-gamma,demo-en-01.c1,maybe,", "'value'", "maybe")


def test_unknown_response_names_the_line(demo_store: Store, tmp_path: Path) -> None:
    _bad(demo_store, tmp_path, "dr-new,demo-en-01,no-such-answer,demo-en-01.c1,met,", "no-such-answer")


def test_unknown_criterion_names_the_line(demo_store: Store, tmp_path: Path) -> None:
    _bad(demo_store, tmp_path, "dr-new,demo-en-01,demo-en-01-gamma,demo-en-01.c99,met,", "demo-en-01.c99")


def test_score_out_of_range_names_the_line(demo_store: Store, tmp_path: Path) -> None:
    _bad(demo_store, tmp_path, "dr-new,demo-en-01,demo-en-01-gamma,,,7", "'overall_score'", "1-5")


def test_two_scores_for_one_rating_name_both_lines(demo_store: Store, tmp_path: Path) -> None:
    _bad(demo_store, tmp_path, "dr-new,demo-en-01,demo-en-01-beta,,,5", "'overall_score'", "line 3")


def test_cli_exits_2_and_names_the_file(demo_store: Store, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    path.write_text("rater,response_uid,criterion_key,value\ndr-x,not-a-uid,k,met\n", encoding="utf-8")
    db = str(demo_store.engine.url.database)
    assert main(["--db", db, "import", "ratings", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "line 2" in err and "not-a-uid" in err


def test_cli_knows_every_importer() -> None:
    from reviewer.cli.commands.import_export import IMPORT_KINDS
    from reviewer.importing import IMPORTERS

    assert set(IMPORT_KINDS) == set(IMPORTERS)
    assert "ratings" in IMPORTERS


def test_parquet_without_pyarrow_says_what_to_install(demo_store: Store, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from reviewer.importing import import_ratings

    path = tmp_path / "r.parquet"
    path.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # what a rater's install without the extra sees
    with pytest.raises(InputError, match=r"pyarrow.*reviewer\[parquet\]"):
        import_ratings(demo_store, path)


def test_overall_only_rating_exports_as_one_row_that_csv_and_json_would_write(demo_store: Store,
                                                                              tmp_path: Path) -> None:
    """The exports join pre-rendered parts; each line must be what csv.writer / json.dumps write for
    the whole row, including a rating without criterion ratings (its criterion fields empty)."""
    from reviewer.importing import import_ratings
    from reviewer.studies.exports import export

    minimal = tmp_path / "minimal.csv"
    minimal.write_text(MINIMAL, encoding="utf-8")
    import_ratings(demo_store, minimal, study="Demo study")
    out_csv, out_jsonl = tmp_path / "r.csv", tmp_path / "r.jsonl"
    assert export(demo_store, "ratings", out_csv) == export(demo_store, "ratings", out_jsonl) == 504 + 4
    rows = _read(out_csv)
    alone = [r for r in rows if r["rater"] == "dr-new" and r["response_external_id"] == "demo-en-01-alpha"]
    assert len(alone) == 1
    assert {k: alone[0][k] for k in ("criterion_uid", "criterion_key", "value", "overall_score", "status")} == \
        {"criterion_uid": "", "criterion_key": "", "value": "", "overall_score": "2.0", "status": "submitted"}
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert again.read_bytes() == out_csv.read_bytes()
    lines = out_jsonl.read_text(encoding="utf-8").splitlines()
    assert [json.dumps(json.loads(line), ensure_ascii=False) for line in lines] == lines
    assert json.loads(lines[-1])["extra_scores"] == {}
