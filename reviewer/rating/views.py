"""What the review screen shows, as frozen dataclasses, and how one item's view is put together
from the rows read for it. No SQLAlchemy and no Qt here: the rating service (ORM queries) and the
first screen of the app (stdlib ``sqlite3``, read before SQLAlchemy is imported) both build their
``ItemView`` with :func:`assemble_item`, so the two reads cannot drift apart in what they show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reviewer.store.vocabulary import anchors_for

NEW = "new"  # queue status of a response the rater has not touched (no Rating row)
SKIPPED = "skipped"  # queue status of a draft the rater set aside ("come back later": Rating.skipped)


@dataclass(frozen=True)
class Turn:
    role: str
    content: str


@dataclass(frozen=True)
class CriterionView:
    id: int
    key: str
    number: int  # 1-based, as shown to the rater
    text: str
    points: float | None
    tier: str | None
    tags: tuple[str, ...]
    guidance: str | None = None  # how to judge it (Markdown), shown on the focused criterion


@dataclass(frozen=True)
class EvidenceView:
    """A span of the answer attached to a criterion: ``response_text[start:end] == quote``."""

    id: int
    criterion_id: int
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class ScaleView:
    """A score scale: the overall one (name ``overall``) or an extra one from the rating scheme."""

    name: str
    minimum: int
    maximum: int
    anchors: tuple[tuple[int, str], ...]
    required: bool


@dataclass(frozen=True)
class ItemView:
    """Everything the review view shows for one response, and the rater's current answers."""

    response_id: int
    response_uid: str
    case_id: int
    case_uid: str
    case_title: str
    category: str
    turns: tuple[Turn, ...]
    reference_answer: str | None
    response_text: str
    blind_label: str
    criteria: tuple[CriterionView, ...]
    checklist_version_id: int | None
    values: dict[int, str] = field(default_factory=dict)  # criterion id -> met | not_met | na
    overall_score: float | None = None
    overall_scale: ScaleView | None = None
    extra_scales: tuple[ScaleView, ...] = ()
    extra_scores: dict[str, Any] = field(default_factory=dict)
    comment: str = ""
    safety_flag: bool = False
    status: str = NEW
    rating_version: int = 0
    time_spent_s: float = 0.0
    feedback: dict[int, tuple[str, ...]] = field(default_factory=dict)  # criterion id -> kinds
    edited_after_submit: bool = False
    show_reference: bool = True
    show_points: bool = True
    show_tier: bool = True
    skipped: bool = False  # set aside: "come back later"
    evidence: dict[int, tuple[EvidenceView, ...]] = field(default_factory=dict)  # criterion id -> spans
    # criterion ids whose answer was carried over from the rater's rating of an older checklist
    # version with the same wording (a re-rating asks only the others)
    carried: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RatingState:
    """What a write changed, for the queue row and the status bar."""

    response_id: int
    status: str
    rating_version: int
    time_spent_s: float


@dataclass(frozen=True)
class QueueItem:
    """One row of a rater's work queue."""

    response_id: int
    response_uid: str
    position: int  # 1-based place in this rater's queue
    blind_label: str
    case_id: int
    case_title: str
    category: str
    status: str  # new | draft | submitted
    time_spent_s: float


@dataclass(frozen=True)
class QueueView:
    """A rater's work queue as the queue panel first needs it (rows come later, a page at a time)."""

    ids: list[int]  # response ids, in order
    statuses: dict[int, str]  # response id -> draft | submitted (absent: new)
    categories: list[str]  # the study's case categories, sorted, without blanks


@dataclass(frozen=True)
class StudyLookup:
    """Which study to open: the one a review file or ``--study`` names, else every study by name."""

    study_id: int | None  # the study with the uid (else the name) asked for; None when absent
    studies: tuple[tuple[int, str], ...] = ()  # (id, name) of every study, read only when none was asked for


@dataclass(frozen=True)
class KnownRaters:
    """The raters of a database, and the name of the one a review file names by uid."""

    names: tuple[str, ...]  # sorted
    named_by_uid: str | None = None


@dataclass(frozen=True)
class RaterView:
    id: int
    name: str


@dataclass(frozen=True)
class OtherRating:
    rater: str
    status: str
    values: dict[int, str] = field(default_factory=dict)  # criterion id -> met | not_met | na
    overall_score: float | None = None


@dataclass(frozen=True)
class JudgeColumn:
    run: str
    judge_model: str
    verdicts: dict[int, bool | None] = field(default_factory=dict)  # criterion id -> met?
    score: float | None = None


@dataclass(frozen=True)
class Overview:
    """What the coordinator sees beside a rater's own rating (see :mod:`reviewer.rating.overview`)."""

    model_name: str
    others: tuple[OtherRating, ...]
    judges: tuple[JudgeColumn, ...]


# ----------------------------------------------------------------------------- assembling one item


@dataclass(frozen=True)
class HeadRow:
    """The response, its case and the study settings (one joined row)."""

    response_id: int
    response_uid: str
    response_text: str
    blind_label: str
    case_id: int
    case_uid: str
    title: str | None
    category: str | None
    turns: Any
    reference_answer: str | None
    settings: Any


@dataclass(frozen=True)
class SchemeRow:
    score_min: Any
    score_max: Any
    score_anchors: Any
    require_overall: Any
    extra_scales: Any


@dataclass(frozen=True)
class RatingRow:
    status: str
    version: int
    overall_score: float | None
    extra_scores: Any
    comment: str | None
    safety_flag: Any
    time_spent_s: float | None
    skipped: Any = False


def scale_view(name: str, lo: Any, hi: Any, anchors: dict[str, Any] | None, required: bool) -> ScaleView:
    items = []
    for k, v in (anchors or {}).items():
        try:
            items.append((int(k), str(v)))
        except (TypeError, ValueError):
            continue
    return ScaleView(name, int(lo), int(hi), tuple(sorted(items)), required)


def assemble_item(head: HeadRow, checklist_version_id: int | None,
                  criteria: Sequence[tuple[int, str, str, float | None, str | None, Any]],
                  scheme: SchemeRow | None, rating: RatingRow | None, values: dict[int, str],
                  feedback: Iterable[tuple[int, str]], edited_after_submit: bool,
                  evidence: Iterable[tuple[int, int, int, int, str]] = (),
                  carried: Iterable[int] = ()) -> ItemView:
    """The view of one item from its rows. *criteria*: (id, key, text, points, tier, tags,
    guidance) in checklist order; *feedback*: (criterion id, kind) in the order given; *evidence*:
    (id, criterion id, start, end, quote) in the order given; *carried*: criterion ids whose answer
    was carried over from an older version."""
    settings = head.settings if isinstance(head.settings, dict) else {}
    overall = None
    extra: tuple[ScaleView, ...] = ()
    if scheme is not None:
        tiered = any(row[4] for row in criteria)
        anchors = anchors_for(scheme.score_anchors, tiered) if isinstance(scheme.score_anchors, dict) else None
        overall = scale_view("overall", scheme.score_min, scheme.score_max, anchors,
                             bool(scheme.require_overall))
        extra = tuple(scale_view(str(s.get("name", f"scale{i + 1}")), s.get("min", 1), s.get("max", 5),
                                 s.get("anchors"), bool(s.get("required", False)))
                      for i, s in enumerate(scheme.extra_scales or []) if isinstance(s, dict))
    spans: dict[int, list[EvidenceView]] = {}
    for eid, cid, start, end, quote in evidence:
        spans.setdefault(cid, []).append(EvidenceView(eid, cid, int(start), int(end), quote or ""))
    kinds: dict[int, list[str]] = {}
    for cid, kind in feedback:
        kinds.setdefault(cid, []).append(kind)
    return ItemView(
        response_id=head.response_id, response_uid=head.response_uid, case_id=head.case_id,
        case_uid=head.case_uid, case_title=head.title or "", category=head.category or "",
        turns=tuple(Turn(str(t.get("role", "user")), str(t.get("content", "")))
                    for t in (head.turns or []) if isinstance(t, dict)),
        reference_answer=head.reference_answer, response_text=head.response_text,
        blind_label=head.blind_label,
        criteria=tuple(CriterionView(row[0], row[1], i + 1, row[2], row[3], row[4],
                                     tuple(str(x) for x in (row[5] or [])), row[6] if len(row) > 6 else None)
                       for i, row in enumerate(criteria)),
        checklist_version_id=checklist_version_id, values=dict(values),
        overall_score=rating.overall_score if rating else None, overall_scale=overall,
        extra_scales=extra, extra_scores=dict(rating.extra_scores or {}) if rating else {},
        comment=(rating.comment or "") if rating else "",
        safety_flag=bool(rating.safety_flag) if rating else False,
        status=rating.status if rating else NEW, rating_version=rating.version if rating else 0,
        time_spent_s=float(rating.time_spent_s or 0.0) if rating else 0.0,
        feedback={k: tuple(v) for k, v in kinds.items()}, edited_after_submit=edited_after_submit,
        show_reference=bool(settings.get("show_reference", True)),
        show_points=bool(settings.get("show_points", True)),
        show_tier=bool(settings.get("show_tier", True)),
        skipped=bool(rating.skipped) if rating else False,
        evidence={k: tuple(v) for k, v in spans.items()},
        carried=frozenset(cid for cid in carried if cid in values),
    )


@dataclass(frozen=True)
class MissingAnswer:
    """One answer still needed before a rating can be submitted: a criterion (by number and
    text), the overall score, or an extra scale (by name). ``str()`` gives the English words; the
    app words it in the rater's language from the fields."""

    kind: str  # criterion | overall | extra
    number: int = 0
    text: str = ""

    def __str__(self) -> str:
        if self.kind == "criterion":
            return f"criterion {self.number} ({self.text})"
        if self.kind == "overall":
            return "the overall score"
        return f"the {self.text} score"


def missing_answers(item: ItemView) -> list[MissingAnswer]:
    """What still needs an answer before *item* can be submitted (the app asks it of the answers
    on screen with ``dataclasses.replace(item, values=..., ...)``)."""
    missing = [MissingAnswer("criterion", c.number, _short(c.text)) for c in item.criteria
               if c.id not in item.values]
    if item.overall_scale is not None and item.overall_scale.required and item.overall_score is None:
        missing.append(MissingAnswer("overall"))
    missing += [MissingAnswer("extra", 0, s.name) for s in item.extra_scales
                if s.required and item.extra_scores.get(s.name) is None]
    return missing


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
