"""The one rule of which options each import kind takes, shared by ``reviewer import`` and the
Import… dialog: a verdicts file needs a judge run name, other kinds refuse --judge/--model, and
the message names the file; a refused import leaves the store as it was."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from reviewer.errors import InputError
from reviewer.importing.operations import import_options, run_import
from reviewer.store.models import Response
from tests.support.rating import make_study


def test_options_per_kind() -> None:
    assert import_options("responses", "a.jsonl", study="s", model="m") == {"study": "s", "model": "m"}
    assert import_options("verdicts", "v.jsonl", judge="j") == {"study": None, "judge": "j", "judge_model": "",
                                                                 "model": None}
    with pytest.raises(InputError, match="v.jsonl: import verdicts needs --judge"):
        import_options("verdicts", "v.jsonl")
    with pytest.raises(InputError, match="do not apply to import healthbench"):
        import_options("healthbench", "h.jsonl", model="m")
    with pytest.raises(InputError, match="unknown import kind"):
        import_options("nonsense", "x")


def test_run_import_lands_whole_or_not_at_all(store, tmp_path) -> None:
    make_study(store)
    with store.Session() as s:
        before = s.scalar(select(func.count()).select_from(Response))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"case_id": "c0", "model": "x", "response": "fine"}) + "\n{oops\n", "utf-8")
    with pytest.raises(InputError, match="line 2"):
        run_import(store, "responses", bad, study="s1")
    with pytest.raises(InputError, match="no such file"):
        run_import(store, "responses", tmp_path / "missing.jsonl", study="s1")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"case_id": "c0", "model": "x", "response": "fine"}) + "\n", "utf-8")
    report = run_import(store, "responses", good, study="s1")
    with store.Session() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == before + 1
    assert report.summary_lines()
