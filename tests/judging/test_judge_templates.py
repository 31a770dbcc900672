"""Judge prompt templates: built-in headers, hashes, registration, edited versions, rendering."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from reviewer.errors import InputError, NotFoundError
from reviewer.judging.templates import (
    BUILTIN_NAMES,
    builtin_content,
    builtin_templates,
    get_template,
    list_templates,
    parse_header,
    render,
    save_template_version,
)
from reviewer.store.models import PromptTemplate


def test_builtins_have_headers_and_kinds() -> None:
    infos = {t.name: t for t in builtin_templates()}
    assert set(BUILTIN_NAMES) <= set(infos)
    assert (infos["healthbench"].kind, infos["llmeval-med"].kind, infos["prometheus"].kind) == \
        ("criterion", "score", "rubric")
    assert infos["llmeval-med"].language == "zh"
    content = builtin_content("healthbench")
    assert infos["healthbench"].content_hash == hashlib.sha256(content.encode()).hexdigest()


def test_registering_is_idempotent(store) -> None:
    with store.begin() as s:
        first = get_template(s, "prometheus")
        again = get_template(s, "prometheus")
        assert first.id == again.id and first.version == 1 and first.author == "built-in"
        assert s.scalar(select(func.count()).select_from(PromptTemplate)) == 1
        assert any(t.name == "healthbench" and not t.registered for t in list_templates(s))
        with pytest.raises(NotFoundError, match="no judge template 'nope'"):
            get_template(s, "nope")
        with pytest.raises(NotFoundError):
            get_template(s, "prometheus", 9)


def test_new_template_without_header_and_syntax_errors(store) -> None:
    with store.begin() as s:
        row = save_template_version(s, "my-judge", "Grade {{ response }} on {{ criterion.text }}.",
                                    author="coord", reason="first draft")
        assert row.version == 1 and row.kind == "criterion" and row.parent_id is None
        assert parse_header(row.content)["name"] == "my-judge"
        with pytest.raises(InputError, match="Jinja2 syntax error"):
            save_template_version(s, "my-judge", "Grade {{ response ", author="coord", reason="broken")
        with pytest.raises(InputError, match="author"):
            save_template_version(s, "my-judge", "x", author=" ", reason="")


def test_header_errors_name_the_problem() -> None:
    with pytest.raises(InputError, match="no '\\{#- reviewer-template"):
        parse_header("Hello")
    with pytest.raises(InputError, match="kind must be one of"):
        parse_header("{#- reviewer-template\nname: x\nkind: essay\n-#}\nbody")


def test_rendering_shows_points_and_the_logprob_question() -> None:
    ctx = {"turns": [{"role": "user", "content": "Chest pain?"}], "response": "Call 911.",
           "criterion": {"text": "Fails to mention urgency", "points_label": "-5"}, "mode": "generate"}
    text = render(builtin_content("healthbench"), ctx)
    assert "[-5] Fails to mention urgency" in text and "user: Chest pain?" in text
    assert "assistant: Call 911." in text and '"criteria_met"' in text and "reviewer-template" not in text
    text = render(builtin_content("healthbench"), {**ctx, "mode": "logprob"})
    assert text.rstrip().endswith("true or false.") and "```json" not in text


def test_llmeval_template_picks_the_area_block() -> None:
    base = {"question": "问题", "response": "回答", "reference_answer": "参考", "history": [],
            "core_criteria": [{"text": "核心一"}], "secondary_criteria": [{"text": "次要一"}]}
    reasoning = render(builtin_content("llmeval-med"), {**base, "area": "医疗推理"})
    knowledge = render(builtin_content("llmeval-med"), {**base, "area": "医疗知识"})
    assert "推理过程清晰" in reasoning and "推理过程清晰" not in knowledge
    assert "【核心需求】\n1. 核心一" in knowledge and "【次要需求】\n1. 次要一" in knowledge
    assert '"得分": "[4]"' in knowledge
