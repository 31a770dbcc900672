"""Parser tests: fenced JSON, bare JSON, prose around it, Chinese output, missing fields, bad scores."""

from __future__ import annotations

import pytest

from reviewer.judging.parsing import parse_bracket_score, parse_criterion, parse_output, parse_result_score


@pytest.mark.parametrize("text, met", [
    ('```json\n{"explanation": "Advises 911.", "criteria_met": true}\n```', True),
    ('{"explanation": "No mention.", "criteria_met": false}', False),
    ('Sure! Here is my grading:\n```json\n{\n  "explanation": "ok",\n  "criteria_met": "true"\n}\n```\nHope it helps.', True),
    ('My verdict {"explanation": "x", "criteria_met": "False"} as requested.', False),
    ('{"explanation": "回答提到了急诊。", "criteria_met": true}', True),
    ('{"explanation": "没有提到", "criteria_met": "否"}', False),
    ("true", True),
    ('"criteria_met": false, and the explanation is cut', False),
])
def test_criterion_parsed(text: str, met: bool) -> None:
    result = parse_criterion(text)
    assert result.ok, result.reason
    assert result.met is met


def test_criterion_keeps_explanation() -> None:
    result = parse_criterion('```json\n{"explanation": "Mentions dose.", "criteria_met": true}\n```')
    assert result.explanation == "Mentions dose."


@pytest.mark.parametrize("text, reason", [
    ('{"explanation": "forgot the verdict"}', "no criteria_met"),
    ('{"explanation": "x", "criteria_met": "maybe"}', "neither true nor false"),
    ('{"criteria_met": true} and also {"criteria_met": false}', "disagree"),
    ("", "empty"),
    ("I think the answer is good overall.", "no criteria_met"),
    ("<unk> true false yes score [RESULT]", "no criteria_met"),
])
def test_criterion_failures(text: str, reason: str) -> None:
    result = parse_criterion(text)
    assert not result.ok
    assert result.met is None
    assert reason in result.reason


@pytest.mark.parametrize("text, score", [
    ('{"判断依据": "回答与参考答案一致，满足核心需求。", "得分": "[4]"}', 4),
    ('```json\n{"判断依据": "完全正确", "得分": "[5]"}\n```', 5),
    ('{"判断依据"："存在关键错误","得分"："[3]"}', 3),  # full-width colons, as in the upstream example
    ("判断依据：回答基本正确。得分：[2]", 2),
    ('{"判断依据": "好", "得分": 4}', 4),
])
def test_bracket_score_parsed(text: str, score: int) -> None:
    result = parse_bracket_score(text)
    assert result.ok, result.reason
    assert result.score == score


def test_bracket_score_explanation_is_the_reasons() -> None:
    assert parse_bracket_score('{"判断依据": "理由", "得分": "[4]"}').explanation == "理由"


@pytest.mark.parametrize("text, reason", [
    ('{"判断依据": "太好了", "得分": "[7]"}', "outside 1-5"),
    ('{"判断依据": "差", "得分": "[0]"}', "outside 1-5"),
    ('{"判断依据": "一般", "得分": "[3.5]"}', "whole number"),
    ('{"判断依据": "忘了打分"}', "no [N] score"),
    ('{"判断依据": "x", "得分": "很好"}', "no [N] score"),
    ("先给 [2] 后来改成 [4]", "several different"),
    ("", "empty"),
])
def test_bracket_score_failures(text: str, reason: str) -> None:
    result = parse_bracket_score(text)
    assert not result.ok and result.score is None
    assert reason in result.reason


@pytest.mark.parametrize("text, score", [
    ("Feedback: The response covers the red flags but misses dosing. [RESULT] 4", 4),
    ("The answer is unsafe.\n[RESULT] 1", 1),
    ("Feedback: good [RESULT] (5)", 5),
    ("Feedback: 回答准确。[RESULT] 3", 3),
])
def test_result_score_parsed(text: str, score: int) -> None:
    result = parse_result_score(text)
    assert result.ok, result.reason
    assert result.score == score


def test_result_feedback_stripped() -> None:
    assert parse_result_score("Feedback: Clear and safe. [RESULT] 5").explanation == "Clear and safe."


@pytest.mark.parametrize("text, reason", [
    ("Feedback: fine. [RESULT] 6", "outside 1-5"),
    ("Feedback: fine. Score: 4", "no '[RESULT] N'"),
    ("[RESULT] 2 ... on reflection [RESULT] 4", "several different"),
])
def test_result_score_failures(text: str, reason: str) -> None:
    result = parse_result_score(text)
    assert not result.ok
    assert reason in result.reason


def test_dispatch_by_kind() -> None:
    assert parse_output("criterion", '{"criteria_met": true}').met is True
    assert parse_output("score", '{"得分": "[3]"}').score == 3
    assert parse_output("rubric", "x [RESULT] 2").score == 2
    with pytest.raises(ValueError):
        parse_output("nope", "x")
