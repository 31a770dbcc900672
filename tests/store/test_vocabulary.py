"""The category path convention ("area / sub-area"), written once in store.vocabulary."""

from __future__ import annotations

from reviewer.store.vocabulary import category_path, split_category


def test_category_path_round_trips_and_splits_at_the_first_separator() -> None:
    assert category_path("医疗知识", "药物相关") == "医疗知识 / 药物相关"
    assert category_path("hedging") == "hedging"
    assert split_category(category_path("医疗知识", "药物相关")) == ("医疗知识", "药物相关")
    assert split_category("a / b / c") == ("a", "b / c")
    assert split_category("hedging") == ("hedging", "")
    assert split_category(None) == ("", "")
