"""The screens' study, generation and judging operations on the demo study in a real SQLite file.

Each operation opens its own transaction and returns plain values (str, int, frozen DTOs); the
expected values are read here straight from the tables.
"""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from reviewer.errors import InputError
from reviewer.store.models import Case, GenerationRun, JudgeRun, JudgeVerdict, Model, PromptTemplate, Response
from reviewer.store.vocabulary import PARSED
from tests.support.coordinator import demo_ids


# ------------------------------------------------------------------------------------- studies
def test_study_reads_return_the_names_the_tables_hold(demo_store) -> None:
    from reviewer.studies import operations as ops

    store = demo_store
    ids = demo_ids(store)
    sid = ids["study"]
    with store.Session() as s:
        cats = sorted({c for c in s.scalars(select(Case.category).where(Case.study_id == sid)) if c})
        models = sorted(set(s.scalars(select(Model.name).where(Model.study_id == sid))))
        runs = list(s.scalars(select(JudgeRun.name).where(JudgeRun.study_id == sid).order_by(JudgeRun.id)))
    assert ops.study_name(store, sid) == ids["study_name"]
    assert ops.study_categories(store, sid) == cats and "医疗知识 / 药物相关" in cats
    assert ops.model_names(store, sid) == models and len(models) == 3
    assert ops.judge_run_names(store, sid) == runs == ["demo-judge"]
    assert ops.judge_run_names(store, sid, newest_first=True) == runs[::-1]
    choices = ops.study_choices(store, sid)
    assert choices == ops.StudyChoices(ids["study_name"], tuple(cats), tuple(models), tuple(runs))
    with pytest.raises(dataclasses.FrozenInstanceError):
        choices.name = "other"  # type: ignore[misc]


def test_study_reads_of_an_unknown_study_are_empty(store) -> None:
    from reviewer.studies import operations as ops

    assert ops.study_name(store, 999) == ""
    assert ops.study_categories(store, 999) == [] and ops.model_names(store, 999) == []
    assert ops.study_choices(store, 999) == ops.StudyChoices("", (), (), ())


def test_judge_runs_come_in_the_order_they_were_made(demo_store) -> None:
    from reviewer.studies import operations as ops

    store = demo_store
    sid = demo_ids(store)["study"]
    with store.begin() as s:
        run = JudgeRun(study_id=sid, name="a-later-run", judge_model="m", backend="imported", mode="generate")
        s.add(run)
        s.flush()
        first = s.scalars(select(JudgeVerdict).where(JudgeVerdict.parse_status == PARSED)).first()
        s.add(JudgeVerdict(judge_run_id=run.id, response_id=first.response_id, criterion_id=first.criterion_id,
                           met=True, parse_status=PARSED))
        s.add(JudgeRun(study_id=sid, name="failed-run", judge_model="m", backend="vllm", mode="generate"))
    assert ops.judge_run_names(store, sid) == ["demo-judge", "a-later-run"]
    assert ops.judge_run_names(store, sid, newest_first=True) == ["a-later-run", "demo-judge"]
    assert ops.study_choices(store, sid).judge_runs == ("demo-judge", "a-later-run")
    # a run without a usable verdict is offered only on request
    assert ops.judge_run_names(store, sid, usable_only=False) == ["demo-judge", "a-later-run", "failed-run"]


# ---------------------------------------------------------------------------------- generation
def test_generation_progress_reads_count_only_generated_answers_after_the_mark(demo_store) -> None:
    from reviewer.generation.operations import completion_tokens_since, last_response_id

    store = demo_store
    sid = demo_ids(store)["study"]
    with store.Session() as s:
        top = s.scalar(select(func.max(Response.id)))
    mark = last_response_id(store)
    assert mark == top > 0
    assert completion_tokens_since(store, 0) == 0  # the demo's answers are imported, not generated
    with store.begin() as s:
        first = s.scalar(select(Response).where(Response.id == top))
        run = GenerationRun(study_id=sid, model_id=first.model_id, name="gen", backend="transformers")
        s.add(run)
        s.flush()
        for sample, tokens in enumerate((7, 5)):
            s.add(Response(case_id=first.case_id, model_id=first.model_id, text="answer", blind_label="Z",
                           generation_run_id=run.id, sample_index=sample, completion_tokens=tokens))
            s.flush()  # ids in this order
        s.add(Response(case_id=first.case_id, model_id=first.model_id, text="imported", blind_label="Y",
                       completion_tokens=100))
    assert last_response_id(store) == mark + 3
    assert completion_tokens_since(store, mark) == 12
    assert completion_tokens_since(store, mark + 1) == 5
    assert completion_tokens_since(store, mark + 3) == 0


def test_last_response_id_of_an_empty_store_is_zero(store) -> None:
    from reviewer.generation.operations import completion_tokens_since, last_response_id

    assert last_response_id(store) == 0 and completion_tokens_since(store, 0) == 0


# ------------------------------------------------------------------------------------ judging
def test_templates_list_read_and_save_a_new_version(demo_store) -> None:
    from reviewer.judging import operations as ops
    from reviewer.judging import templates as tpl

    store = demo_store
    infos = ops.list_templates(store)
    assert {"healthbench", "llmeval-med", "prometheus"} <= {i.name for i in infos}
    assert all(isinstance(i, tpl.TemplateInfo) for i in infos)
    hb = [i for i in infos if i.name == "healthbench"][-1]
    text = ops.template_text(store, hb)
    assert "rubric item" in text
    saved = ops.save_template(store, "healthbench", text + "\nBe strict about doses.\n", "dr-coord", "stricter")
    assert saved[0] == "healthbench" and saved[1] >= 2
    with store.Session() as s:
        row = s.scalar(select(PromptTemplate).where(PromptTemplate.name == "healthbench",
                                                    PromptTemplate.version == saved[1]))
        assert (row.author, row.reason) == ("dr-coord", "stricter")
    new = next(i for i in ops.list_templates(store) if (i.name, i.version) == saved)
    assert new.registered and "Be strict about doses." in ops.template_text(store, new)
    with store.Session() as s:
        before = s.scalar(select(func.count(PromptTemplate.id)))
    with pytest.raises(InputError, match="same"):  # unchanged text: refused, nothing stored
        ops.save_template(store, "healthbench", ops.template_text(store, new), "dr-coord", "again")
    with store.Session() as s:
        assert s.scalar(select(func.count(PromptTemplate.id))) == before


def test_an_unstored_builtin_is_read_from_its_file(store) -> None:
    from reviewer.judging import operations as ops
    from reviewer.judging import templates as tpl

    builtin = next(i for i in ops.list_templates(store) if i.name == "prometheus")
    assert not builtin.registered
    assert ops.template_text(store, builtin) == tpl.builtin_content("prometheus")
    gone = dataclasses.replace(builtin, registered=True, version=99)
    assert ops.template_text(store, gone) == ""


def test_answers_of_a_case_selection_and_the_template_of_a_run(demo_store) -> None:
    from reviewer.judging import operations as ops

    store = demo_store
    ids = demo_ids(store)
    with store.Session() as s:
        rows = s.execute(select(Response.id, Case.category).join(Case, Case.id == Response.case_id)
                         .where(Case.study_id == ids["study"]).order_by(Response.id)).all()
    assert ops.response_ids_for_cases(store, ids["study_name"], "all") == [r for r, _c in rows]
    drugs = ops.response_ids_for_cases(store, ids["study_name"], "category:医疗知识 / 药物相关")
    assert drugs == [r for r, c in rows if c.startswith("医疗知识 / 药物相关")] and len(drugs) == 3
    with pytest.raises(InputError, match="no case has a category"):
        ops.response_ids_for_cases(store, ids["study_name"], "category:nothing-like-this")
    assert ops.judge_run_template(store, ids["study"], "demo-judge") == "healthbench"
    assert ops.judge_run_template(store, ids["study"], "no-such-run") is None


def test_judge_settings_are_the_defaults_with_the_chosen_length() -> None:
    from reviewer.judging.operations import judge_settings
    from reviewer.judging.service import DEFAULT_SETTINGS

    assert judge_settings(64) == dataclasses.replace(DEFAULT_SETTINGS, max_new_tokens=64)
    assert judge_settings() == DEFAULT_SETTINGS
