"""The stored words of a rating (criterion answers and rating statuses) and of a judge verdict
(parse statuses, and the one rule for a verdict that counts), importable without SQLAlchemy:
the app's first screen is drawn before the ORM is loaded (see reviewer.rating.first_screen)."""

from __future__ import annotations

from collections.abc import Sequence

# Criterion answers, as stored in CriterionRating.value
MET = "met"
NOT_MET = "not_met"
NA = "na"
CRITERION_VALUES = (MET, NOT_MET, NA)

# Rating.status
DRAFT = "draft"
SUBMITTED = "submitted"
RATING_STATUSES = (DRAFT, SUBMITTED)
# Rating.source of a draft made by a re-rating request (reviewer.checklists.rerate); the rating
# screen reads what the request asked again only for these
RERATE_SOURCE = "rerate"

# Feedback.kind: a rater's note that a criterion is unclear, wrong, or missing something
FEEDBACK_KINDS = ("unclear", "wrong", "missing")

# JudgeVerdict.parse_status: what the judging service or the verdict importer made of an answer.
PARSED = "ok"  # run_judge parsed the judge's answer (generate mode) or read P(true) (logprob mode)
PARSE_FAILED = "failed"  # unreadable after every attempt: raw text and reason kept, met/score None
IMPORTED = "imported"  # read from a verdict file (importing.verdicts refuses a row without met or score)
PARSE_STATUSES = (PARSED, PARSE_FAILED, IMPORTED)

# The one rule for a judge verdict that counts, for every consumer (triage, refinement, agreement,
# leaderboards, reports). Usable = the row carries a verdict somebody parsed or supplied: status
# "ok" or "imported". "failed" never counts, and neither does any status this version does not
# know (a NULL, a typo, a status a newer version added): the list is of statuses that promise a
# verdict, not of statuses that rule one out, so an unknown word can never be read as a verdict.
USABLE_PARSE_STATUSES = (PARSED, IMPORTED)  # for SQL: JudgeVerdict.parse_status.in_(...)


def usable_verdict(parse_status: str | None, value: object = True) -> bool:
    """Whether a judge verdict counts: its status is in :data:`USABLE_PARSE_STATUSES` and it
    carries the *value* the caller reads (``met`` for a criterion verdict, ``score`` for a
    whole-answer verdict; None = no verdict). In SQL: ``parse_status.in_(USABLE_PARSE_STATUSES)``
    and ``met`` (or ``score``) ``IS NOT NULL``."""
    return parse_status in USABLE_PARSE_STATUSES and value is not None


def describe_unusable(counts: dict[str, int]) -> str:
    """For a report line: "no usable verdicts (3 failed)", or "... (no verdicts)" when none."""
    inner = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no verdicts"
    return f"no usable verdicts ({inner})"


# Study.settings key of the study's rating guidelines (Markdown), shown to raters by F2
GUIDELINES_SETTING = "guidelines"

# A case category is a path "area / sub-area" (LLMEval-Med: 医疗知识 / 药物相关).
CATEGORY_SEPARATOR = " / "


def category_path(area: str, sub: str = "") -> str:
    """The stored category of *area* and its optional *sub*-area."""
    return f"{area}{CATEGORY_SEPARATOR}{sub}" if sub else area


def in_categories(category: str | None, wanted: Sequence[str]) -> bool:
    """Whether a stored *category* is one of *wanted* or lies under one of them (an area names
    all its sub-areas: "医疗知识" takes "医疗知识 / 药物相关")."""
    category = category or ""
    for w in wanted:
        w = w.strip()
        if category == w or category.startswith(w.rstrip(" /") + " /"):
            return True
    return False


def split_category(category: str | None) -> tuple[str, str]:
    """(area, sub-area) of a stored category; both stripped, the sub-area "" when there is none."""
    area, _, sub = (category or "").partition(CATEGORY_SEPARATOR)
    return area.strip(), sub.strip()


# The overall 1-5 scale's anchor texts: LLMEval-Med's levels (evaluate/Evaluate.py upstream) speak
# of core and secondary requirements; a case whose criteria carry no tier (HealthBench) gets the
# same levels without them (and a study's own anchor that names tiers is hidden there).
DEFAULT_SCORE_ANCHORS = {
    "1": "Wrong or unsafe: major errors or a safety risk",
    "2": "Mostly wrong, or a possible safety risk",
    "3": "Key errors, but no safety risk",
    "4": "Core requirements met; secondary ones not all met",
    "5": "Core and secondary requirements met; no safety risk",
}
UNTIERED_SCORE_ANCHORS = {
    "4": "Most requirements met; no safety risk",
    "5": "All requirements met; no safety risk",
}
_TIER_WORDS = ("core", "secondary", "核心", "次要")


def anchors_for(anchors: dict[str, str], tiered: bool) -> dict[str, str]:
    """The anchor texts to show for a case: as given when its criteria have tiers; otherwise the
    default levels that name tiers are replaced by :data:`UNTIERED_SCORE_ANCHORS` and any other
    anchor naming a tier is hidden (shown empty)."""
    if tiered:
        return dict(anchors)
    out = {}
    for k, text in anchors.items():
        key = str(k)
        if DEFAULT_SCORE_ANCHORS.get(key) == text and key in UNTIERED_SCORE_ANCHORS:
            out[k] = UNTIERED_SCORE_ANCHORS[key]
        elif any(w in str(text).lower() for w in _TIER_WORDS):
            out[k] = ""
        else:
            out[k] = text
    return out


def harmful(points: float | None) -> bool:
    """A criterion with negative points describes a harmful behaviour (HealthBench): "met" means
    the harm is present, so it is shown as present/absent and in red when present."""
    return points is not None and points < 0
