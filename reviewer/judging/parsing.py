"""Read a judge's raw text into a verdict, or say exactly why it cannot be read. Never guesses.

Three answer shapes, one per template kind:

- ``criterion`` (HealthBench): a JSON object ``{"explanation": ..., "criteria_met": true|false}``,
  bare, inside a fenced ```json block, or with prose around it; booleans may come as strings.
- ``score`` (LLMEval-Med): ``{"判断依据": "...", "得分": "[N]"}`` (the upstream judge reads the score
  with ``\\[(\\d+)\\]``); full-width punctuation is tolerated.
- ``rubric`` (Prometheus): feedback text then ``[RESULT] N``.

Anything ambiguous (two different answers, a missing field, a score outside 1-5, a fraction) is a
failure with a reason; the caller retries and finally stores the failure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

SCORE_MIN = 1
SCORE_MAX = 5

_FENCE_RE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)
_FULLWIDTH = str.maketrans({"：": ":", "，": ",", "｛": "{", "｝": "}", "［": "[", "］": "]"})
_TRUE_WORDS = {"true", "yes", "met", "是", "满足", "符合"}
_FALSE_WORDS = {"false", "no", "not met", "not_met", "否", "不满足", "不符合"}
_BRACKET_RE = re.compile(r"\[\s*(\d+)\s*\]")
_BRACKET_ANY_RE = re.compile(r"\[\s*(-?\d+(?:\.\d+)?)\s*\]")
_RESULT_RE = re.compile(r"\[RESULT\]\s*[:：]?\s*\(?\s*(-?\d+(?:\.\d+)?)", re.I)
_CRITERIA_MET_RE = re.compile(r'"?criteria_met"?\s*[:：]\s*"?(true|false)"?', re.I)


@dataclass(frozen=True)
class ParseResult:
    """``ok`` with ``met`` (criterion) or ``score`` (score/rubric) set, or a failure with ``reason``."""

    ok: bool
    met: bool | None = None
    score: float | None = None
    explanation: str = ""
    reason: str = ""

    @classmethod
    def failed(cls, reason: str) -> ParseResult:
        return cls(ok=False, reason=reason)


def _decode_objects(text: str) -> list[dict[str, Any]]:
    """Every JSON object that can be decoded starting at some ``{`` of *text* (outermost first)."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    pos = 0
    while True:
        start = text.find("{", pos)
        if start < 0:
            return found
        try:
            obj, end = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            pos = start + 1
            continue
        if isinstance(obj, dict):
            found.append(obj)
        pos = end


def json_objects(text: str) -> list[dict[str, Any]]:
    """JSON objects in *text*: fenced blocks first, then anywhere; full-width punctuation as a fallback."""
    for candidate in ([m.group(1) for m in _FENCE_RE.finditer(text)], [text]):
        objects = [obj for chunk in candidate for obj in _decode_objects(chunk)]
        if objects:
            return objects
    return _decode_objects(text.translate(_FULLWIDTH))


def _as_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().strip(".。!！").lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else json.dumps(value, ensure_ascii=False))


def parse_criterion(text: str) -> ParseResult:
    """A met / not met verdict from a HealthBench-style answer."""
    if not text or not text.strip():
        return ParseResult.failed("empty output")
    objects = [o for o in json_objects(text) if "criteria_met" in o]
    if objects:
        values = {_as_bool(o["criteria_met"]) for o in objects}
        if None in values:
            bad = next(o["criteria_met"] for o in objects if _as_bool(o["criteria_met"]) is None)
            return ParseResult.failed(f"criteria_met is neither true nor false: {bad!r}")
        if len(values) > 1:
            return ParseResult.failed("several JSON objects disagree on criteria_met")
        return ParseResult(ok=True, met=values.pop(), explanation=_text(objects[0].get("explanation", "")))
    hits = {m.group(1).lower() for m in _CRITERIA_MET_RE.finditer(text)}
    if len(hits) == 1:
        return ParseResult(ok=True, met=hits.pop() == "true", explanation="")
    if len(hits) > 1:
        return ParseResult.failed("criteria_met appears with both true and false")
    bare = _as_bool(text.strip().strip("`*\"' \n"))
    if bare is not None:
        return ParseResult(ok=True, met=bare)
    return ParseResult.failed("no criteria_met field in the output")


def _check_score(raw: str, where: str) -> ParseResult | float:
    try:
        value = float(raw)
    except ValueError:
        return ParseResult.failed(f"{where} is not a number: {raw!r}")
    if not value.is_integer():
        return ParseResult.failed(f"{where} is not a whole number: {raw}")
    if not SCORE_MIN <= value <= SCORE_MAX:
        return ParseResult.failed(f"{where} {int(value)} is outside {SCORE_MIN}-{SCORE_MAX}")
    return value


def _single(values: list[str], what: str) -> ParseResult | str:
    distinct = sorted(set(values), key=values.index)
    if len(distinct) > 1:
        return ParseResult.failed(f"several different {what}: {', '.join(distinct)}")
    return distinct[0]


def _one_score(values: list[str], what: str, where: str) -> ParseResult | float:
    """The one score among *values* (several different ones fail), checked as :func:`_check_score`."""
    chosen = _single(values, what)
    return chosen if isinstance(chosen, ParseResult) else _check_score(chosen, where)


def parse_bracket_score(text: str) -> ParseResult:
    """A 1-5 score from an LLMEval-Med answer: the ``得分`` field, else the ``[N]`` in the text."""
    if not text or not text.strip():
        return ParseResult.failed("empty output")
    objects = [o for o in json_objects(text) if "得分" in o or "score" in o]
    if objects:
        raws = []
        for obj in objects:
            field = obj.get("得分", obj.get("score"))
            if isinstance(field, bool) or field is None:
                return ParseResult.failed(f"得分 is not a score: {field!r}")
            if isinstance(field, int | float):
                raws.append(str(field))
                continue
            inside = _BRACKET_ANY_RE.findall(str(field))
            if inside:
                raws.extend(inside)
            elif str(field).strip().lstrip("-").replace(".", "", 1).isdigit():
                raws.append(str(field).strip())
            else:
                return ParseResult.failed(f"得分 holds no [N] score: {field!r}")
        value = _one_score(raws, "scores", "score")
        if isinstance(value, ParseResult):
            return value
        reasons = objects[0].get("判断依据", objects[0].get("explanation", ""))
        return ParseResult(ok=True, score=value, explanation=_text(reasons))
    found = _BRACKET_ANY_RE.findall(text.translate(_FULLWIDTH))
    if not found:
        return ParseResult.failed("no [N] score in the output")
    value = _one_score(found, "bracket scores", "score")
    if isinstance(value, ParseResult):
        return value
    return ParseResult(ok=True, score=value, explanation=text.strip())


def parse_result_score(text: str) -> ParseResult:
    """A 1-5 score from a Prometheus-style answer: feedback, then ``[RESULT] N``."""
    if not text or not text.strip():
        return ParseResult.failed("empty output")
    found = _RESULT_RE.findall(text)
    if not found:
        return ParseResult.failed("no '[RESULT] N' in the output")
    value = _one_score(found, "[RESULT] scores", "[RESULT] score")
    if isinstance(value, ParseResult):
        return value
    feedback = text[: _RESULT_RE.search(text).start()].strip()
    feedback = re.sub(r"^\s*(###)?\s*Feedback\s*:\s*", "", feedback, flags=re.I)
    return ParseResult(ok=True, score=value, explanation=feedback)


PARSERS = {"criterion": parse_criterion, "score": parse_bracket_score, "rubric": parse_result_score}


def parse_output(kind: str, text: str) -> ParseResult:
    """Dispatch on the template kind (criterion | score | rubric)."""
    try:
        parser = PARSERS[kind]
    except KeyError as exc:
        raise ValueError(f"unknown template kind {kind!r}") from exc
    return parser(text)
