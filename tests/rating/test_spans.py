"""Locating a selection of the rendered answer in its Markdown text (reviewer.rating.spans)."""

from __future__ import annotations

from reviewer.rating.spans import locate


def test_plain_selection_is_found_exactly():
    text = "Take aspirin daily. Stop aspirin before surgery."
    assert locate(text, "aspirin before") == (25, 39)
    assert text[25:39] == "aspirin before"


def test_markup_and_line_breaks_between_words_are_allowed():
    text = "1. Take *aspirin*\n2. Rest **well**"
    start, end = locate(text, "Take aspirin\u2029Rest well")
    assert text[start:end] == "Take *aspirin*\n2. Rest **well"


def test_the_occurrence_nearest_the_selection_wins():
    text = "dose dose dose dose"
    assert locate(text, "dose", hint=0.0) == (0, 4)
    assert locate(text, "dose", hint=1.0) == (15, 19)
    assert locate(text, "dose", hint=0.55) == (10, 14)


def test_chinese_and_nothing_found():
    text = "建议低盐饮食，规律复诊。"
    assert locate(text, "低盐饮食") == (2, 6)
    assert locate(text, "高血压") is None
    assert locate(text, "   ") is None
