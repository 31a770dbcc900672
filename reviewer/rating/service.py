"""The rating service: a rater's work queue, one item's view, and every write a rater makes.

No Qt here. Functions take a :class:`~sqlalchemy.orm.Session`; the caller owns the transaction
(one user action = one short ``with store.begin() as session:``). What leaves this module is a
frozen dataclass, never a live ORM object, so widgets cannot lazy-load from a closed session.

A rating is created as a draft on the first change and remembers the checklist version the rater
saw (the one a re-rating request named, else the latest one of the case at that moment). A rater
has one *current* rating per response (:mod:`reviewer.store.current`): every read and write here
is of that one; ratings on older checklist versions stay as they were. Editing a submitted rating is allowed and leaves
an ``AuditEvent`` (action ``rating.edit_submitted``) with the value before and after; submitting
leaves one too (``rating.submit``).

Every rater write takes ``expected_version`` (the ``rating_version`` the screen shows): an edit
from an out-of-date screen is refused with ``ConflictError`` (see :mod:`reviewer.rating.guard`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from reviewer.errors import IncompleteRatingError, InputError, NotFoundError
from reviewer.rating.drafts import set_criterion_draft
from reviewer.rating.guard import guarded_rating, stored_version  # noqa: F401  (stored_version: API)
from reviewer.rating.queue import (  # noqa: F401  (re-exported: the rating service API)
    other_responses,
    progress,
    queue_ids,
    queue_rows,
    queue_statuses,
    response_categories,
    study_categories,
    study_name,
    work_queue,
)
from reviewer.rating.views import (  # noqa: F401  (re-exported: the rating service API)
    NEW,
    CriterionView,
    HeadRow,
    ItemView,
    QueueItem,
    RatingRow,
    RatingState,
    ScaleView,
    SchemeRow,
    Turn,
    assemble_item,
    missing_answers,
)
from reviewer.store.current import newest_first
from reviewer.store.models import (
    CRITERION_VALUES,
    DRAFT,
    SUBMITTED,
    Assignment,
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Evidence,
    Feedback,
    Rater,
    Rating,
    RatingScheme,
    Response,
    Study,
    utcnow,
)
from reviewer.store.vocabulary import FEEDBACK_KINDS, GUIDELINES_SETTING

# ----------------------------------------------------------------------------- raters


def get_rater(session: Session, name: str, *, create: bool = True, role: str = "physician") -> Rater:
    """The rater called *name* (created when *create* is true)."""
    rater = session.scalar(select(Rater).where(Rater.name == name))
    if rater is None:
        if not create:
            raise NotFoundError(f"no rater named {name!r} in this database")
        rater = Rater(name=name, display_name=name, role=role)
        session.add(rater)
        session.flush()
    return rater


def rater_names(session: Session) -> list[str]:
    return list(session.scalars(select(Rater.name).order_by(Rater.name)))


# ----------------------------------------------------------------------------- reading one item


def _latest_checklist_id(session: Session, case_id: int) -> int | None:
    return session.scalar(select(ChecklistVersion.id).where(ChecklistVersion.case_id == case_id)
                          .order_by(ChecklistVersion.version.desc()).limit(1))


def _scheme(session: Session, study_id: int) -> RatingScheme | None:
    return session.scalar(select(RatingScheme).where(RatingScheme.study_id == study_id)
                          .order_by(RatingScheme.id).limit(1))


def _rating(session: Session, rater_id: int, response_id: int) -> Rating | None:
    """The rater's current rating of the response (:mod:`reviewer.store.current`)."""
    return session.scalar(newest_first(select(Rating).where(Rating.rater_id == rater_id,
                                                            Rating.response_id == response_id)))


def _checklist_to_rate(session: Session, rater_id: int, response_id: int, case_id: int) -> int | None:
    """The checklist version a new rating is made on: the one the rater's assignment names (a
    re-rating request), else the case's newest."""
    named = session.scalar(select(Assignment.checklist_version_id).where(
        Assignment.rater_id == rater_id, Assignment.response_id == response_id,
        Assignment.checklist_version_id.is_not(None)).limit(1))
    return named or _latest_checklist_id(session, case_id)


def load_item(session: Session, rater_id: int, response_id: int) -> ItemView:
    """The review view of one response for one rater (criteria of the version the rater saw)."""
    row = session.execute(
        select(Response.uid, Response.text, Response.blind_label, Case.id, Case.uid, Case.title,
               Case.category, Case.turns, Case.reference_answer, Case.study_id, Study.settings)
        .join(Case, Response.case_id == Case.id).join(Study, Case.study_id == Study.id)
        .where(Response.id == response_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"no response with id {response_id}")
    (resp_uid, resp_text, label, case_id, case_uid, title, category, turns, reference, study_id,
     settings) = row
    head = HeadRow(response_id, resp_uid, resp_text, label, case_id, case_uid, title, category, turns,
                   reference, settings)
    rating = _rating(session, rater_id, response_id)
    cl_id = rating.checklist_version_id if rating and rating.checklist_version_id else None
    cl_id = cl_id or _latest_checklist_id(session, case_id)
    criteria: list = []
    if cl_id is not None:
        criteria = list(session.execute(
            select(Criterion.id, Criterion.key, Criterion.text, Criterion.points, Criterion.tier,
                   Criterion.tags, Criterion.guidance)
            .where(Criterion.checklist_version_id == cl_id).order_by(Criterion.position, Criterion.id)))
    scheme = _scheme(session, study_id)
    values: dict[int, str] = {}
    carried: set[int] = set()
    edited = False
    if rating is not None:
        for cid, v, was_carried in session.execute(
                select(CriterionRating.criterion_id, CriterionRating.value, CriterionRating.carried)
                .where(CriterionRating.rating_id == rating.id)):
            values[cid] = v
            if was_carried:
                carried.add(cid)
        edited = rating.status == SUBMITTED and session.scalar(select(AuditEvent.id).where(
            AuditEvent.entity_uid == rating.uid, AuditEvent.action == "rating.edit_submitted").limit(1)
        ) is not None
    feedback = session.execute(select(Feedback.criterion_id, Feedback.kind).where(
        Feedback.rater_id == rater_id, Feedback.response_id == response_id).order_by(Feedback.id))
    evidence = [] if rating is None else list(session.execute(
        select(Evidence.id, Evidence.criterion_id, Evidence.start, Evidence.end, Evidence.quote)
        .where(Evidence.rating_id == rating.id).order_by(Evidence.id)))
    return assemble_item(
        head, cl_id, criteria,
        SchemeRow(scheme.score_min, scheme.score_max, scheme.score_anchors, scheme.require_overall,
                  scheme.extra_scales) if scheme is not None else None,
        RatingRow(rating.status, rating.version, rating.overall_score, rating.extra_scores, rating.comment,
                  rating.safety_flag, rating.time_spent_s, rating.skipped) if rating is not None else None,
        values, feedback, edited, evidence, carried)


# ----------------------------------------------------------------------------- writes


def _rater_name(session: Session, rater_id: int) -> str:
    name = session.scalar(select(Rater.name).where(Rater.id == rater_id))
    if name is None:
        raise NotFoundError(f"no rater with id {rater_id}")
    return name


def _rating_for_write(session: Session, rater_id: int, response_id: int, expected: int | None = None, *,
                      field: str = "", criterion_id: int | None = None) -> Rating:
    rating = guarded_rating(session, rater_id, response_id, expected, field=field, criterion_id=criterion_id)
    if rating is not None:
        return rating
    case_id = session.scalar(select(Response.case_id).where(Response.id == response_id))
    if case_id is None:
        raise NotFoundError(f"no response with id {response_id}")
    rating = Rating(response_id=response_id, rater_id=rater_id, status=DRAFT,
                    checklist_version_id=_checklist_to_rate(session, rater_id, response_id, case_id), source="app")
    session.add(rating)
    session.flush()
    return rating


def _audit_edit(session: Session, rating: Rating, actor: str | None, what: str,
                before: Any, after: Any) -> None:
    """Record a change to a submitted rating (nothing changes without a trace)."""
    if rating.status != SUBMITTED or before == after:
        return
    study_id = session.scalar(select(Case.study_id).join(Response, Response.case_id == Case.id)
                              .where(Response.id == rating.response_id))
    session.add(AuditEvent(study_id=study_id, actor=actor or _rater_name(session, rating.rater_id),
                           action="rating.edit_submitted", entity_type="rating", entity_uid=rating.uid,
                           before={what: before}, after={what: after}))


def _state(session: Session, rating: Rating) -> RatingState:
    rating.updated_at = utcnow()
    session.flush()  # bumps rating.version (version_id_col)
    return RatingState(rating.response_id, rating.status, rating.version, float(rating.time_spent_s))


def _check_criterion(session: Session, rating: Rating, criterion_id: int) -> str:
    """The criterion's key, after checking it belongs to the checklist version the rating uses."""
    row = session.execute(select(Criterion.checklist_version_id, Criterion.key)
                          .where(Criterion.id == criterion_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"no criterion with id {criterion_id}")
    if rating.checklist_version_id is not None and row[0] != rating.checklist_version_id:
        raise InputError("criterion is not in the checklist version this rating uses",
                         item=f"criterion {criterion_id}")
    return row[1]


def set_criterion(session: Session, rater_id: int, response_id: int, criterion_id: int,
                  value: str | None, *, actor: str | None = None,
                  expected_version: int | None = None) -> RatingState:
    """Answer one criterion (met / not_met / na) or clear it (``None``)."""
    if value is not None and value not in CRITERION_VALUES:
        raise InputError(f"criterion value must be one of {', '.join(CRITERION_VALUES)}, not {value!r}")
    fast = set_criterion_draft(session, rater_id, response_id, criterion_id, value,
                               expected_version=expected_version)
    if fast is not None:  # an existing draft: the lean Core path (see reviewer.rating.drafts)
        return RatingState(response_id, *fast)
    rating = _rating_for_write(session, rater_id, response_id, expected_version, criterion_id=criterion_id)
    key = _check_criterion(session, rating, criterion_id)
    row = session.scalar(select(CriterionRating).where(CriterionRating.rating_id == rating.id,
                                                       CriterionRating.criterion_id == criterion_id))
    before = row.value if row else None
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(CriterionRating(rating_id=rating.id, criterion_id=criterion_id, value=value))
    else:
        row.value = value
        row.carried = False  # the rater's own answer now
    _audit_edit(session, rating, actor, f"criterion:{key}", before, value)
    return _state(session, rating)


def set_overall_score(session: Session, rater_id: int, response_id: int, score: float | None,
                      *, actor: str | None = None, expected_version: int | None = None) -> RatingState:
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="the overall score")
    if score is not None:
        study_id = session.scalar(select(Case.study_id).join(Response, Response.case_id == Case.id)
                                  .where(Response.id == response_id))
        scheme = _scheme(session, study_id)
        if scheme is not None and not scheme.score_min <= score <= scheme.score_max:
            raise InputError(f"overall score must be between {scheme.score_min} and {scheme.score_max}")
    _audit_edit(session, rating, actor, "overall_score", rating.overall_score, score)
    rating.overall_score = score
    return _state(session, rating)


def set_extra_score(session: Session, rater_id: int, response_id: int, name: str, score: float | None,
                    *, actor: str | None = None, expected_version: int | None = None) -> RatingState:
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field=f"the {name} score")
    scores = dict(rating.extra_scores or {})
    before = scores.get(name)
    if score is None:
        scores.pop(name, None)
    else:
        scores[name] = score
    _audit_edit(session, rating, actor, f"extra:{name}", before, score)
    rating.extra_scores = scores  # a new dict so the JSON column is seen as changed
    return _state(session, rating)


def set_comment(session: Session, rater_id: int, response_id: int, comment: str,
                *, actor: str | None = None, expected_version: int | None = None) -> RatingState:
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="the comment")
    _audit_edit(session, rating, actor, "comment", rating.comment, comment)
    rating.comment = comment
    return _state(session, rating)


def set_safety_flag(session: Session, rater_id: int, response_id: int, flag: bool,
                    *, actor: str | None = None, expected_version: int | None = None) -> RatingState:
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="the safety flag")
    _audit_edit(session, rating, actor, "safety_flag", bool(rating.safety_flag), bool(flag))
    rating.safety_flag = bool(flag)
    return _state(session, rating)


def set_skipped(session: Session, rater_id: int, response_id: int, skipped: bool, *,
                expected_version: int | None = None) -> RatingState:
    """"Come back later" (*skipped*) or take it up again. Setting an item aside makes a draft
    when there is none; a submitted rating is not set aside (it is done)."""
    rating = _rating_for_write(session, rater_id, response_id, expected_version, field="come back later")
    if rating.status == SUBMITTED and skipped:
        raise InputError("a submitted rating cannot be set aside", item=f"response {response_id}")
    rating.skipped = bool(skipped)
    return _state(session, rating)


def add_time(session: Session, rater_id: int, response_id: int, seconds: float) -> RatingState | None:
    """Add time on item to an existing rating; ``None`` when the rater has not rated it yet
    (viewing alone does not create a draft; the caller keeps the seconds until the first change).

    Time is not an answer: it is added in the database (two windows adding at once both count),
    never refused, and never bumps the version, so a screen's own time writes cannot make its next
    edit stale. The state carries the version as stored: a screen must not adopt it (it may hold a
    change made elsewhere that the screen has not shown).
    """
    head = session.execute(newest_first(select(Rating.id, Rating.status, Rating.version).where(
        Rating.rater_id == rater_id, Rating.response_id == response_id))).first()
    if head is None or seconds <= 0:
        return None
    session.execute(update(Rating).where(Rating.id == head.id).values(
        time_spent_s=func.coalesce(Rating.time_spent_s, 0.0) + float(seconds), updated_at=utcnow()))
    spent = session.scalar(select(Rating.time_spent_s).where(Rating.id == head.id))
    return RatingState(response_id, head.status, head.version, float(spent or 0.0))


def add_feedback(session: Session, rater_id: int, response_id: int | None, criterion_id: int,
                 kind: str, note: str = "", *, expected_version: int | None = None) -> int:
    """A rater's note on a criterion: ``unclear``, ``wrong`` or ``missing`` (something). Returns its id.

    Feedback changes no answer and does not bump the version, but feedback from an out-of-date
    screen (*expected_version*) is refused like an edit."""
    if kind not in FEEDBACK_KINDS:
        raise InputError(f"feedback kind must be one of {', '.join(FEEDBACK_KINDS)}, not {kind!r}")
    if response_id is not None:
        guarded_rating(session, rater_id, response_id, expected_version, criterion_id=criterion_id)
    if session.get(Criterion, criterion_id) is None:
        raise NotFoundError(f"no criterion with id {criterion_id}")
    fb = Feedback(rater_id=rater_id, criterion_id=criterion_id, response_id=response_id, kind=kind,
                  note=note)
    session.add(fb)
    session.flush()
    return fb.id


def submit(session: Session, rater_id: int, response_id: int, *, actor: str | None = None,
           expected_version: int | None = None) -> RatingState:
    """Mark the rating submitted once every criterion and the overall score are answered (a stale
    screen is refused first: what it shows as complete may no longer be)."""
    guarded_rating(session, rater_id, response_id, expected_version, field="submitting")
    item = load_item(session, rater_id, response_id)
    missing = missing_answers(item)
    if missing:
        raise IncompleteRatingError(missing)
    rating = _rating_for_write(session, rater_id, response_id)
    before = rating.status
    rating.status = SUBMITTED
    rating.skipped = False  # taken up again and finished
    rating.submitted_at = utcnow()
    study_id = session.scalar(select(Case.study_id).where(Case.id == item.case_id))
    session.add(AuditEvent(study_id=study_id, actor=actor or _rater_name(session, rater_id),
                           action="rating.submit", entity_type="rating", entity_uid=rating.uid,
                           before={"status": before}, after={"status": SUBMITTED}))
    return _state(session, rating)


def study_guidelines(session: Session, study_id: int) -> str:
    """The study's rating guidelines: Markdown kept in its settings under ``guidelines``."""
    settings = session.scalar(select(Study.settings).where(Study.id == study_id))
    text = settings.get(GUIDELINES_SETTING) if isinstance(settings, dict) else None
    return text if isinstance(text, str) else ""


def study_list(session: Session) -> list[tuple[int, str]]:
    return [(sid, name) for sid, name in session.execute(select(Study.id, Study.name).order_by(Study.name))]


def count_responses(session: Session, study_id: int) -> int:
    return session.scalar(select(func.count(Response.id)).join(Case, Response.case_id == Case.id)
                          .where(Case.study_id == study_id)) or 0


def find_study(session: Session, *, uid: str | None = None, name: str | None = None) -> int | None:
    """The id of the study with this uid (a review file's) or this name; ``None`` when absent."""
    if uid:
        return session.scalar(select(Study.id).where(Study.uid == uid))
    return session.scalar(select(Study.id).where(Study.name == name)) if name else None


def rater_name_by_uid(session: Session, uid: str) -> str | None:
    return session.scalar(select(Rater.name).where(Rater.uid == uid))
