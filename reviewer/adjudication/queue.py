"""The adjudication queue: the items (response x criterion) that need a person's decision.

An item is in the queue when the physicians' submitted answers to it differ (Triage's rule in
:func:`reviewer.checklists.triage.disagreements`: any two answers differ, not applicable
included) or when a physician flagged the answer for safety (which :func:`.decisions.auto_majority`
always leaves to a person). Items are ranked as Triage ranks criteria: by the criterion's trouble
score (:func:`reviewer.checklists.triage.triage`, the one ranking rule), worst first; then by
case, key and the answer's blind letter. Each item carries every physician's answer, overall score,
comment, safety flag, feedback notes and evidence quotes, and the answer only by its blind letter:
no model name is read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.adjudication.decisions import rated_items, safety_flagged
from reviewer.checklists.triage import triage
from reviewer.store.adjudication_models import GoldLabel
from reviewer.store.current import is_current
from reviewer.store.models import (
    SUBMITTED,
    Case,
    ChecklistVersion,
    Criterion,
    Evidence,
    Feedback,
    Rater,
    Rating,
    Response,
)
from reviewer.studies.lookup import get_study


@dataclass(frozen=True)
class RaterAnswer:
    rater: str
    value: str
    overall_score: float | None
    comment: str
    safety_flag: bool
    feedback: tuple[tuple[str, str], ...]  # (kind, note) on this criterion (for this answer or in general)
    evidence: tuple[str, ...]  # quotes of the answer attached to this criterion


@dataclass(frozen=True)
class QueueItem:
    case: str
    case_uid: str
    response_uid: str
    blind_label: str
    response_text: str
    criterion_key: str
    version: int
    criterion_text: str
    trouble: float
    why: tuple[str, ...]  # "raters disagree", "safety flag"
    answers: tuple[RaterAnswer, ...]
    gold: dict[str, Any] | None  # the current gold label (value, method, reason, author), if any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def adjudication_queue(session: Session, study: str | None = None, *, limit: int | None = None,
                       include_decided: bool = False) -> list[QueueItem]:
    """The items to adjudicate, worst first (see module doc); items with a gold label already are
    left out unless *include_decided*."""
    st = get_study(session, study)
    items = rated_items(session, st.id)
    flagged = safety_flagged(session, st.id)
    gold = {(g.criterion_id, g.response_id): g for g in session.scalars(
        select(GoldLabel).where(GoldLabel.study_id == st.id))}
    todo: dict[tuple[int, int], tuple[str, ...]] = {}
    for item, by_rater in items.items():
        why = (("raters disagree",) if len(set(by_rater.values())) > 1 else ()) + \
              (("safety flag",) if item[1] in flagged else ())
        if why and (include_decided or item not in gold):
            todo[item] = why
    if not todo:
        return []
    trouble = {r.criterion_id: r.trouble for r in triage(session, st.id, all_versions=True, n_boot=0)}
    crit_ids = {c for c, _ in todo}
    resp_ids = {r for _, r in todo}
    crits = {row.id: row for row in session.execute(
        select(Criterion.id, Criterion.key, Criterion.text, ChecklistVersion.version, Case.uid.label("case_uid"),
               Case.external_id)
        .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
        .join(Case, Case.id == ChecklistVersion.case_id).where(Criterion.id.in_(crit_ids)))}
    resps = {row.id: row for row in session.execute(
        select(Response.id, Response.uid, Response.blind_label, Response.text).where(Response.id.in_(resp_ids)))}
    names = dict(session.execute(select(Rater.id, Rater.name)).all())
    ratings = {(row.response_id, row.rater_id): row for row in session.execute(
        select(Rating.id, Rating.response_id, Rating.rater_id, Rating.overall_score, Rating.comment,
               Rating.safety_flag).where(Rating.response_id.in_(resp_ids), Rating.status == SUBMITTED,
                                         is_current()))}
    notes: dict[tuple[int, int, int | None], list[tuple[str, str]]] = defaultdict(list)
    for f in session.scalars(select(Feedback).where(Feedback.criterion_id.in_(crit_ids)).order_by(Feedback.id)):
        notes[(f.criterion_id, f.rater_id, f.response_id)].append((f.kind, f.note))
    quotes: dict[tuple[int, int], list[str]] = defaultdict(list)
    rating_ids = [r.id for r in ratings.values()]
    for e in session.scalars(select(Evidence).where(Evidence.rating_id.in_(rating_ids),
                                                    Evidence.criterion_id.in_(crit_ids)).order_by(Evidence.start)):
        quotes[(e.rating_id, e.criterion_id)].append(e.quote)
    out = []
    for (cid, rid), why in todo.items():
        c, r = crits[cid], resps[rid]
        answers = []
        for rater_id, value in sorted(items[(cid, rid)].items(), key=lambda kv: names.get(kv[0], "")):
            rt = ratings.get((rid, rater_id))
            answers.append(RaterAnswer(
                rater=names.get(rater_id, "?"), value=value,
                overall_score=rt.overall_score if rt else None, comment=rt.comment if rt else "",
                safety_flag=bool(rt.safety_flag) if rt else False,
                feedback=tuple(notes.get((cid, rater_id, rid), []) + notes.get((cid, rater_id, None), [])),
                evidence=tuple(quotes.get((rt.id, cid), [])) if rt else ()))
        g = gold.get((cid, rid))
        out.append(QueueItem(
            case=c.external_id or c.case_uid, case_uid=c.case_uid, response_uid=r.uid, blind_label=r.blind_label,
            response_text=r.text, criterion_key=c.key, version=c.version, criterion_text=c.text,
            trouble=trouble.get(cid, 0.0), why=why, answers=tuple(answers),
            gold=None if g is None else {"value": g.value, "method": g.method, "reason": g.reason,
                                         "author": g.author}))
    out.sort(key=lambda i: (-i.trouble, i.case, i.criterion_key, -i.version, i.blind_label, i.response_uid))
    return out[:limit] if limit else out
