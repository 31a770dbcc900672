"""``reviewer judge-runs list / delete`` on a real SQLite copy of the demo study, and a run with no
usable verdict left out of the agreement report and of Triage's default run."""

from __future__ import annotations

import json
import sys

import pytest
from sqlalchemy import func, select

from reviewer.cli.main import main
from reviewer.store.models import AuditEvent, JudgeRun, JudgeVerdict
from tests.support.coordinator import demo_ids
from tests.support.judge_runs import add_failed_run


def _verdicts_by_run(store) -> dict[str, int]:
    with store.Session() as s:
        rows = s.execute(select(JudgeRun.name, func.count(JudgeVerdict.id))
                         .outerjoin(JudgeVerdict, JudgeVerdict.judge_run_id == JudgeRun.id).group_by(JudgeRun.name))
        return dict(rows.all())


def test_list_shows_counts_by_parse_status(demo_store, db_path, capsys) -> None:
    sid = demo_ids(demo_store)["study"]
    add_failed_run(demo_store, sid, n_failed=3)
    before = _verdicts_by_run(demo_store)
    assert main(["--db", str(db_path), "judge-runs", "list", "--json"]) == 0
    runs = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(runs) == {"demo-judge", "failed-run"}
    assert runs["failed-run"]["counts"] == {"failed": 3} and runs["failed-run"]["usable"] == 0
    assert runs["failed-run"]["template"] == "healthbench" and runs["failed-run"]["model"] == "broken-model"
    assert runs["demo-judge"]["total"] == before["demo-judge"] > 0
    assert 0 < runs["demo-judge"]["usable"] <= runs["demo-judge"]["total"]
    assert main(["--db", str(db_path), "judge-runs", "list"]) == 0
    assert "failed 3; usable 0" in capsys.readouterr().out


def test_delete_removes_exactly_that_run(demo_store, db_path, capsys, monkeypatch) -> None:
    sid = demo_ids(demo_store)["study"]
    add_failed_run(demo_store, sid, n_failed=3)
    before = _verdicts_by_run(demo_store)
    with demo_store.Session() as s:
        run_uid = s.scalar(select(JudgeRun.uid).where(JudgeRun.name == "failed-run"))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    # not a terminal and no --yes: refused, nothing changed
    assert main(["--db", str(db_path), "judge-runs", "delete", "failed-run"]) == 2
    assert "--yes" in capsys.readouterr().err
    assert _verdicts_by_run(demo_store) == before
    assert main(["--db", str(db_path), "judge-runs", "delete", "failed-run", "--yes", "--author", "ana"]) == 0
    assert "3 verdicts" in capsys.readouterr().out
    assert _verdicts_by_run(demo_store) == {"demo-judge": before["demo-judge"]}
    with demo_store.Session() as s:
        orphans = s.scalar(select(func.count()).select_from(JudgeVerdict)
                           .where(JudgeVerdict.judge_run_id.not_in(select(JudgeRun.id))))
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "judge_run.delete")).all()
    assert orphans == 0
    assert len(events) == 1
    ev = events[0]
    assert (ev.actor, ev.entity_type, ev.entity_uid, ev.study_id) == ("ana", "judge_run", run_uid, sid)
    assert ev.before["name"] == "failed-run" and ev.before["verdicts"] == {"failed": 3}


def test_delete_unknown_run_exits_2(demo_store, db_path, capsys) -> None:
    before = _verdicts_by_run(demo_store)
    assert main(["--db", str(db_path), "judge-runs", "delete", "no-such-run", "--yes"]) == 2
    err = capsys.readouterr().err
    assert "no judge run named 'no-such-run'" in err and "demo-judge" in err
    assert _verdicts_by_run(demo_store) == before


def test_run_without_usable_verdict_is_left_out(demo_store) -> None:
    from reviewer.agreement.service import analyze_study
    from reviewer.checklists.triage import pick_judge_run
    from reviewer.reports.agreement_report import build_agreement_report

    sid = demo_ids(demo_store)["study"]
    add_failed_run(demo_store, sid, n_failed=2)
    with demo_store.Session() as s:
        assert pick_judge_run(s, sid, None).name == "demo-judge"  # not the newer, failed run
        assert pick_judge_run(s, sid, "failed-run").name == "failed-run"  # still there when named
    result = analyze_study(demo_store, n_boot=0)
    assert [j.judge_run for j in result.judges] == ["demo-judge"]
    assert result.skipped_judge_runs == {"failed-run": {"failed": 2}}
    assert result.counts["judge_runs"] == 1
    doc = build_agreement_report(result)
    titles = [sec.title for sec in doc.sections]
    assert not any("failed-run" in t for t in titles) and any("demo-judge" in t for t in titles)
    assert not any("failed-run" in t.name for t in doc.tables())
    summary = doc.sections[0]
    assert summary.text.count("failed-run") == 1
    assert "judge run failed-run: no usable verdicts (2 failed)" in summary.text
    assert not any("failed-run" in name for name in result.tables())


@pytest.mark.parametrize("statuses", [{}, {"failed": 4}])
def test_describe_unusable(statuses: dict[str, int]) -> None:
    from reviewer.store.vocabulary import describe_unusable

    text = describe_unusable(statuses)
    assert text == ("no usable verdicts (no verdicts)" if not statuses else "no usable verdicts (4 failed)")


def test_agreement_command_names_the_left_out_run(demo_store, db_path, capsys) -> None:
    add_failed_run(demo_store, demo_ids(demo_store)["study"], n_failed=2)
    assert main(["--db", str(db_path), "agreement", "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    assert out.count("failed-run") == 1
    assert "judge run failed-run: no usable verdicts (2 failed); left out" in out
    assert "Judge run 'demo-judge'" in out
