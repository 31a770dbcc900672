"""Versioned checklists: edit makes a new immutable version, diff by key, ratings keep their wording."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from reviewer.checklists.versions import (
    AddCriterion,
    ChangeCriterion,
    RemoveCriterion,
    ReorderCriteria,
    criteria_as_rated,
    diff_versions,
    edit_checklist,
    find_case,
    latest_checklist,
    list_versions,
    show_checklist,
)
from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.store.models import AuditEvent, Criterion
from tests.support.refinement import build_small_study


@pytest.fixture
def small(store):
    return store, build_small_study(store)


def test_edit_makes_new_version_keeping_keys(small):
    store, ids = small
    with store.begin() as s:
        v1 = latest_checklist(s, "hb-case")
        v1_ids = [c.id for c in v1.criteria]
        new = edit_checklist(s, "hb-case", author="coord", reason="clarify aspirin",
                             edits=[ChangeCriterion("hb-2", text="Advises chewing 300 mg aspirin "
                                                    "unless allergic.", points=6)])
        assert new.version == 2 and new.parent_id == v1.id
        assert new.author == "coord" and new.reason == "clarify aspirin"
        assert [c.key for c in new.criteria] == ["hb-1", "hb-2", "hb-3"]
        assert not set(v1_ids) & {c.id for c in new.criteria}  # new rows
    with store.begin() as s:
        view = show_checklist(s, "hb-case")
        assert view.version == 2 and view.parent_version == 1
        assert view.criteria[1].text.startswith("Advises chewing") and view.criteria[1].points == 6
        old = show_checklist(s, "hb-case", version=1)
        assert old.criteria[1].text == "Mentions aspirin appropriately." and old.criteria[1].points == 5
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "checklist.edit")).all()
        assert len(events) == 1
        assert events[0].before["criteria"][1]["text"] == "Mentions aspirin appropriately."
        assert events[0].after["criteria"][1]["points"] == 6
        assert events[0].actor == "coord" and events[0].entity_uid == view.uid


def test_add_remove_reorder_and_diff(small):
    store, _ = small
    with store.begin() as s:
        edit_checklist(s, "med-case", author="coord", reason="restructure",
                       edits=[AddCriterion("提及空间位阻。", tier="secondary"),
                              RemoveCriterion("med-2"),
                              ChangeCriterion("med-3", tier="core")])
        v2 = show_checklist(s, "med-case")
        new_key = v2.criteria[-1].key
        assert new_key not in {"med-1", "med-2", "med-3"}
        edit_checklist(s, "med-case", author="coord", reason="order",
                       edits=[ReorderCriteria([new_key, "med-1", "med-3"])])
    with store.begin() as s:
        d12 = {c.key: c for c in diff_versions(s, "med-case", 1, 2)}
        assert d12["med-2"].kind == "removed" and d12["med-2"].old_text == "说明内氢键的作用。"
        assert d12[new_key].kind == "added" and d12[new_key].new_text == "提及空间位阻。"
        assert d12["med-3"].kind == "changed" and d12["med-3"].fields == {"tier": ("secondary", "core")}
        assert "med-1" not in d12  # unchanged
        d23 = {c.key: c for c in diff_versions(s, "med-case", 2, 3)}
        assert d23[new_key].kind == "moved" and d23[new_key].fields["position"] == (2, 0)
        assert set(d23) == {new_key}  # only the moved criterion, not the ones it passed
        assert [v.version for v in list_versions(s, "med-case")] == [1, 2, 3]
        # a removed key is never reused by a later addition
        edit_checklist(s, "med-case", author="c", reason="add", edits=[AddCriterion("x")])
        keys = [c.key for c in show_checklist(s, "med-case").criteria]
        assert len(set(keys)) == len(keys) and "med-2" not in keys


def test_versions_are_immutable_and_edits_checked(small):
    store, _ = small
    with store.begin() as s:
        with pytest.raises(InputError, match="changes nothing"):
            edit_checklist(s, "hb-case", author="c", reason="r",
                           edits=[ChangeCriterion("hb-1", text="Advises calling emergency services "
                                                  "immediately.")])
        with pytest.raises(InputError, match="reason"):
            edit_checklist(s, "hb-case", author="c", reason=" ", edits=[ChangeCriterion("hb-1", points=3)])
        with pytest.raises(NotFoundError, match="no criterion with key 'nope'"):
            edit_checklist(s, "hb-case", author="c", reason="r", edits=[ChangeCriterion("nope", points=3)])
        with pytest.raises(InputError, match="tier"):
            edit_checklist(s, "hb-case", author="c", reason="r", edits=[ChangeCriterion("hb-1", tier="x")])
        edit_checklist(s, "hb-case", author="c", reason="r", edits=[ChangeCriterion("hb-1", points=8)])
        with pytest.raises(ConflictError, match="version 2, not 1"):
            edit_checklist(s, "hb-case", author="c", reason="r", base_version=1,
                           edits=[ChangeCriterion("hb-1", points=9)])
        with pytest.raises(NotFoundError):
            find_case(s, "no-such-case")
        case = find_case(s, "hb-case")
        assert find_case(s, case.uid).id == case.id
    with store.begin() as s:
        v1_points = [c.points for c in s.scalars(select(Criterion).where(Criterion.key == "hb-1")
                                                  .order_by(Criterion.id))]
        assert v1_points == [10, 8]


def test_old_ratings_show_the_wording_the_rater_saw(small):
    store, ids = small
    rating_id = ids["ratings"][("hb-case-r0", "phys-b")]
    with store.begin() as s:
        edit_checklist(s, "hb-case", author="coord", reason="reword",
                       edits=[ChangeCriterion("hb-2", text="Advises chewing aspirin unless allergic.")])
    with store.begin() as s:
        rated = criteria_as_rated(s, rating_id)
        assert [(r.key, r.version, r.value) for r in rated] == [
            ("hb-1", 1, "met"), ("hb-2", 1, "not_met"), ("hb-3", 1, "not_met")]
        assert rated[1].text == "Mentions aspirin appropriately."
        assert show_checklist(s, "hb-case").criteria[1].text == "Advises chewing aspirin unless allergic."


# ------------------------------------------------------------------------------- export round trip
def _criteria_by_case(store, study_name):
    from reviewer.checklists.export import latest_criteria
    from reviewer.studies.lookup import get_study

    with store.begin() as s:
        study = get_study(s, study_name)
        return {case.external_id: [(c.text, c.points, c.tier, list(c.tags)) for c in crits]
                for case, version, crits in latest_criteria(s, study.id) if version is not None}


def test_healthbench_export_reimports_to_same_criteria(store, healthbench_dir, tmp_path):
    import json

    from reviewer.checklists.export import export_checklists
    from reviewer.importing.healthbench import import_healthbench
    from reviewer.studies.lookup import get_study

    import_healthbench(store, healthbench_dir / "sample.jsonl", study="orig")
    first = json.loads((healthbench_dir / "sample.jsonl").read_text().splitlines()[0])
    with store.begin() as s:
        v1 = latest_checklist(s, first["prompt_id"])
        key = v1.criteria[1].key
        edit_checklist(s, first["prompt_id"], author="coord", reason="be precise",
                       edits=[ChangeCriterion(key, text="Advises chewing 300 mg aspirin unless allergic.",
                                              points=6, tags=["level:example", "axis:accuracy"]),
                              AddCriterion("Tells the patient not to drive.", points=4,
                                           tags=["level:example", "axis:completeness"]),
                              RemoveCriterion(v1.criteria[3].key)])
    out = tmp_path / "refined.jsonl"
    with store.begin() as s:
        assert export_checklists(s, get_study(s, "orig").id, out, "healthbench") == 4
    # the same fields as the source for unedited cases
    source = [json.loads(line) for line in (healthbench_dir / "sample.jsonl").read_text().splitlines()]
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert exported[1:] == source[1:]
    assert exported[0]["rubrics"][1] == {"criterion": "Advises chewing 300 mg aspirin unless allergic.",
                                         "points": 6, "tags": ["level:example", "axis:accuracy"]}
    import_healthbench(store, out, study="copy")
    orig, copy = _criteria_by_case(store, "orig"), _criteria_by_case(store, "copy")
    assert copy == orig and len(orig[first["prompt_id"]]) == 5


def test_llmeval_med_export_reimports_to_same_criteria(store, llmeval_med_file, tmp_path):
    from reviewer.checklists.export import export_checklists
    from reviewer.importing.llmeval_med import import_llmeval_med
    from reviewer.studies.lookup import get_study

    import_llmeval_med(store, llmeval_med_file, study="orig")
    with store.begin() as s:
        edit_checklist(s, "医疗知识/0", author="coord", reason="split",
                       edits=[ChangeCriterion("core-1", text="解释β-OH蒽醌酸性较强的原因（共振效应）。"),
                              AddCriterion("提及空间位阻。", tier="secondary", tags=["requirement:内容要求"]),
                              ChangeCriterion("secondary-1", tier="core")])
        assert show_checklist(s, "医疗知识/0").version == 2
    out = tmp_path / "refined.json"
    with store.begin() as s:
        assert export_checklists(s, get_study(s, "orig").id, out, "llmeval-med") == 667
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    text = data["医疗知识"][0]["checklist"]
    assert text.startswith("核心需求：\n1. 内容要求：解释β-OH蒽醌酸性较强的原因（共振效应）。\n2. ")
    assert "\n\n次要需求：\n1. 内容要求：提及空间位阻。" in text
    import_llmeval_med(store, out, study="copy")
    orig, copy = _criteria_by_case(store, "orig"), _criteria_by_case(store, "copy")
    assert len(orig) == 205 and copy == orig
    assert orig["医疗知识/0"][2] == ("强调β-OH与羰基共轭体系的作用，如何通过吸电子效应降低羟基氧的电子云密度，从而增强酸性。",
                                  None, "core", [])


# ------------------------------------------------------------------------------------------ CLI
def test_checklist_commands(small, db_path, tmp_path, capsys):
    import json

    from reviewer.cli.main import main

    store, _ = small
    db = ["--db", str(db_path)]
    assert main([*db, "checklist", "show", "hb-case"]) == 0
    out = capsys.readouterr().out
    assert "checklist v1" in out and "hb-2" in out and "[5] Mentions aspirin appropriately." in out
    assert main([*db, "checklist", "edit", "hb-case", "--criterion", "hb-2", "--text", "Advises aspirin.",
                 "--points", "6", "--reason", "clearer", "--author", "coord"]) == 0
    assert main([*db, "checklist", "edit", "hb-case", "--criterion", "hb-3", "--position", "1",
                 "--reason", "negatives first"]) == 0
    assert main([*db, "checklist", "edit", "hb-case", "--add", "Says not to drive.", "--points", "3",
                 "--tags", "axis:completeness", "--reason", "missing"]) == 0
    assert main([*db, "checklist", "edit", "hb-case", "--criterion", "hb-2", "--reason", "r"]) == 2
    assert "nothing to change" in capsys.readouterr().err
    assert main([*db, "checklist", "edit", "hb-case", "--criterion", "hb-1", "--points", "9", "--reason", "r",
                 "--base-version", "1"]) == 2
    assert "version 4, not 1" in capsys.readouterr().err
    assert main([*db, "checklist", "show", "hb-case", "--json"]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["version"] == 4 and [c["key"] for c in view["criteria"]][:3] == ["hb-3", "hb-1", "hb-2"]
    assert view["criteria"][3]["text"] == "Says not to drive." and view["criteria"][3]["tags"] == ["axis:completeness"]
    assert main([*db, "checklist", "show", "hb-case", "--version", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["author"] == "coord"
    assert main([*db, "checklist", "diff", "hb-case", "1", "4"]) == 0
    out = capsys.readouterr().out
    assert "~ hb-2 (changed)" in out and "'Mentions aspirin appropriately.' -> 'Advises aspirin.'" in out
    assert "~ hb-3 (moved)" in out and "+ c4: Says not to drive." in out and "hb-1" not in out
    assert main([*db, "checklist", "diff", "hb-case", "1", "4", "--json"]) == 0
    assert {c["key"] for c in json.loads(capsys.readouterr().out)} == {"hb-2", "hb-3", "c4"}
    out_file = tmp_path / "x.jsonl"
    assert main([*db, "checklist", "export", "-o", str(out_file), "--format", "healthbench"]) == 0
    rows = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert rows[0]["prompt_id"] == "hb-case" and rows[0]["rubrics"][2] == {
        "criterion": "Advises aspirin.", "points": 6, "tags": ["axis:completeness"]}
    assert rows[1]["rubrics"][0]["tags"] == ["tier:core"] and rows[1]["rubrics"][0]["points"] == 5
    assert main([*db, "checklist", "export", "-o", str(tmp_path / "x.json"), "--format", "llmeval-med"]) == 0
    data = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert data["医疗知识"][0]["checklist"] == ("核心需求：\n1. 解释共振效应。\n2. 说明内氢键的作用。\n\n"
                                            "次要需求：\n1. 强调共轭体系的作用。")
    assert main([*db, "checklist", "show", "nope"]) == 2


def test_first_edit_gives_a_case_without_checklist_its_version_1(small):
    from reviewer.store.models import Case

    store, ids = small
    with store.begin() as s:
        s.add(Case(study_id=ids["study_id"], source="llmeval-med", external_id="bare", turns=[]))
    with store.begin() as s:
        with pytest.raises(NotFoundError, match="has no checklist"):
            show_checklist(s, "bare")
        cv = edit_checklist(s, "bare", author="c", reason="write one", base_version=0,
                            edits=[AddCriterion("给出诊断。", tier="core"), AddCriterion("语言通俗。", tier="secondary")])
        assert cv.version == 1 and cv.parent_id is None
        assert [(c.key, c.tier) for c in show_checklist(s, "bare").criteria] == [("c1", "core"), ("c2", "secondary")]
