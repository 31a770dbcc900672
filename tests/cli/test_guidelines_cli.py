"""``reviewer guidelines``: the study's rating guidelines and criterion guidance set from files,
read back through the rating service the app uses; bad input changes nothing."""

from __future__ import annotations

import json

from sqlalchemy import select

from reviewer.cli.main import main
from reviewer.rating.operations import RatingOperations
from reviewer.store import open_store
from reviewer.store.models import AuditEvent
from tests.support.rating import make_study


def test_guidelines_and_guidance_from_files(fresh_db, tmp_path, capsys) -> None:
    store = open_store(fresh_db)
    ids = make_study(store, cases=2, criteria=2)
    store.close()
    db = str(fresh_db)
    guide = tmp_path / "guide.md"
    guide.write_text("# 评分指南\n\nRead the whole answer first.", encoding="utf-8")
    guidance = tmp_path / "guidance.json"
    guidance.write_text(json.dumps({"k0_1": "Only a dose in **mg** counts.", "k1_0": None}), encoding="utf-8")
    assert main(["--db", db, "guidelines", str(guide), "--guidance", str(guidance), "--actor", "coord"]) == 0
    out = capsys.readouterr().out
    assert "guidelines set" in out and "guidance on 2 criterion rows (2 keys)" in out
    store = open_store(fresh_db)
    ops = RatingOperations(store)
    assert ops.study_guidelines(ids["study"]).startswith("# 评分指南")
    first_case = ops.load_item(ids["alice"], ids["responses"][0])[0]
    assert [c.guidance for c in first_case.criteria] == [None, "Only a dose in **mg** counts."]
    with store.Session() as s:
        assert s.scalar(select(AuditEvent.actor).where(AuditEvent.action == "study.guidelines")) == "coord"
    store.close()
    assert main(["--db", db, "guidelines"]) == 0
    assert "Read the whole answer first." in capsys.readouterr().out


def test_an_unknown_key_changes_nothing(fresh_db, tmp_path, capsys) -> None:
    store = open_store(fresh_db)
    ids = make_study(store, cases=1, criteria=1)
    store.close()
    guide = tmp_path / "guide.md"
    guide.write_text("New guide", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"k0_0": "fine", "k9_9": "no such criterion"}), encoding="utf-8")
    assert main(["--db", str(fresh_db), "guidelines", str(guide), "--guidance", str(bad)]) != 0
    err = capsys.readouterr().err
    assert "bad.json" in err and "'k9_9'" in err
    not_text = tmp_path / "num.json"
    not_text.write_text('{"k0_0": 3}', encoding="utf-8")
    assert main(["--db", str(fresh_db), "guidelines", "--guidance", str(not_text)]) != 0
    assert "num.json" in capsys.readouterr().err
    store = open_store(fresh_db)
    ops = RatingOperations(store)
    assert ops.study_guidelines(ids["study"]) == ""
    assert ops.load_item(ids["alice"], ids["responses"][0])[0].criteria[0].guidance is None
    store.close()
    assert main(["--db", str(fresh_db), "guidelines", "--clear"]) == 0
