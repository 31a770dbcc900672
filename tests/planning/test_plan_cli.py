"""``reviewer plan`` on a real database: the JSON report, --status assigns nothing, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from reviewer.cli.main import main
from reviewer.store import open_store
from reviewer.store.models import Assignment, AssignmentDesign
from tests.support.reviewfiles import build_study


def test_plan_command_proposes_then_reports(fresh_db: Path, capsys) -> None:
    store = open_store(fresh_db)
    build_study(store, n_cases=10, judge=True)
    store.close()
    db = str(fresh_db)
    assert main(["--db", db, "plan", "--judge-run", "run-a", "--target-width", "0.1", "--batch", "8",
                 "--raters", "dr-ana,dr-ben", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "proposed" and out["new_round"] == 1 and len(out["new_items"]) == 8
    assert {i["rater"] for i in out["new_items"]} == {"dr-ana", "dr-ben"}
    assert all(0 < i["inclusion_probability"] <= 1 for i in out["new_items"])
    assert "Neyman" in out["method"]

    assert main(["--db", db, "plan", "--judge-run", "run-a", "--target-width", "0.1", "--status"]) == 0
    text = capsys.readouterr().out
    assert "round  1: chosen     8, rated     0" in text and "status: open" in text
    store = open_store(fresh_db)
    with store.Session() as s:  # --status assigned nothing more
        assert len(s.scalars(select(Assignment)).all()) == 8
        assert len(s.scalars(select(AssignmentDesign)).all()) == 1
    store.close()

    assert main(["--db", db, "plan", "--judge-run", "run-a", "--target-width", "0", "--json"]) == 2
    assert "--target-width: the target width must be above 0" in capsys.readouterr().err
