"""Gold labels and consensus overall scores: a person's decision, or a majority with a quorum.

Rules (issue 18):

* A manual decision (:func:`record_gold`, :func:`record_consensus`) needs a reason and an author;
  it is stored with ``method = "manual"`` and written to the audit log (``gold.set`` /
  ``gold.score``) with the value before and after, like every other edit.
* :func:`auto_majority` fills a gold label where at least *quorum* physicians agree and they are
  a strict majority of the met / not-met answers (not applicable is no vote: the one rule,
  :func:`reviewer.checklists.trouble.majority`); the label records ``"majority k of n"``. It leaves
  to a person: ties, answers below the quorum, items with no met / not-met answer, and every item of
  an answer a physician flagged for safety. It never overwrites a manual decision; a majority label
  whose majority no longer holds (ratings changed since) is withdrawn. One audit event
  (``gold.auto_majority``) records the run and its counts. Overall scores: the same rule over the
  physicians' overall scores (at least *quorum* gave the same score, a strict majority of those
  who scored).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists.triage import submitted_values
from reviewer.checklists.trouble import majority
from reviewer.checklists.versions import find_case
from reviewer.errors import InputError, NotFoundError
from reviewer.store.adjudication_models import MAJORITY, MANUAL, ConsensusScore, GoldLabel, majority_method
from reviewer.store.current import is_current
from reviewer.store.models import (
    CRITERION_VALUES,
    MET,
    NOT_MET,
    SUBMITTED,
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    Rating,
    RatingScheme,
    Response,
    Study,
)
from reviewer.studies.lookup import get_study

# why auto_majority left an item to a person
TIE = "tie"
BELOW_QUORUM = "below quorum"
NO_VOTE = "no met / not-met answer"
SAFETY = "safety flag"


@dataclass(frozen=True)
class GoldDecision:
    """One gold label (or consensus score) as stored."""

    case: str
    response_uid: str
    criterion_key: str | None
    version: int | None
    value: str | float
    method: str
    reason: str
    author: str
    before: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class AutoReport:
    """What :func:`auto_majority` did: labels filled (new or changed), unchanged, withdrawn, manual
    decisions kept, and the items left to a person by reason; the same for overall scores."""

    quorum: int
    filled: int = 0
    unchanged: int = 0
    withdrawn: int = 0
    manual_kept: int = 0
    left: dict[str, int] = field(default_factory=dict)
    withdrawn_uids: list[str] = field(default_factory=list)  # the withdrawn labels' uids (audit trail)
    scores_filled: int = 0
    scores_unchanged: int = 0
    scores_manual_kept: int = 0
    scores_left: dict[str, int] = field(default_factory=dict)

    @property
    def n_left(self) -> int:
        return sum(self.left.values())

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "n_left": self.n_left}


def _label_dict(g: GoldLabel | ConsensusScore | None) -> dict[str, Any] | None:
    if g is None:
        return None
    value = g.value if isinstance(g, GoldLabel) else g.score
    return {"value": value, "method": g.method, "reason": g.reason, "author": g.author}


def _need(reason: str, author: str) -> tuple[str, str]:
    reason, author = (reason or "").strip(), (author or "").strip()
    if not reason:
        raise InputError("a gold decision needs a reason (--reason)")
    if not author:
        raise InputError("a gold decision needs an author")
    return reason, author


def _response(session: Session, study: Study, case_ref: str, response_uid: str) -> tuple[Case, Response]:
    case = find_case(session, case_ref, study=study)
    if case.study_id != study.id:
        raise NotFoundError(f"case {case_ref!r} is not in study {study.name!r}")
    resp = session.scalar(select(Response).where(Response.case_id == case.id, Response.uid == response_uid))
    if resp is None:
        raise NotFoundError(f"case {case.external_id or case.uid!r} has no response {response_uid!r}")
    return case, resp


def _criterion(session: Session, case: Case, response: Response, key: str, version: int | None) -> tuple[Criterion, int]:
    """The criterion *key* of *case* as worded in *version*; default: the newest version of the key
    that this response's submitted ratings answered, else the newest version of the key."""
    crits = session.execute(select(Criterion, ChecklistVersion.version)
                            .join(ChecklistVersion, ChecklistVersion.id == Criterion.checklist_version_id)
                            .where(ChecklistVersion.case_id == case.id, Criterion.key == key)
                            .order_by(ChecklistVersion.version.desc())).all()
    if not crits:
        raise NotFoundError(f"case {case.external_id or case.uid!r} has no criterion {key!r}")
    if version is not None:
        match = [(c, v) for c, v in crits if v == version]
        if not match:
            raise NotFoundError(f"criterion {key!r} is not in checklist version {version}")
        return match[0]
    rated = set(session.scalars(select(ChecklistVersion.version).join(
        Rating, Rating.checklist_version_id == ChecklistVersion.id).where(
        Rating.response_id == response.id, Rating.status == SUBMITTED, is_current())))
    for c, v in crits:
        if v in rated:
            return c, v
    return crits[0]


def record_gold(session: Session, case: str, response_uid: str, criterion_key: str, value: str, *,
                reason: str, author: str, study: str | None = None, version: int | None = None) -> GoldDecision:
    """A person's gold answer (met / not_met / na) to one criterion for one response, with a reason;
    replaces any earlier label of that item (majority or manual) and is audited (``gold.set``)."""
    if value not in CRITERION_VALUES:
        raise InputError(f"gold value {value!r}: use one of {', '.join(CRITERION_VALUES)}")
    reason, author = _need(reason, author)
    st = get_study(session, study)
    case_row, resp = _response(session, st, case, response_uid)
    crit, ver = _criterion(session, case_row, resp, criterion_key, version)
    gold = session.scalar(select(GoldLabel).where(GoldLabel.response_id == resp.id,
                                                  GoldLabel.criterion_id == crit.id))
    before = _label_dict(gold)
    if gold is None:
        gold = GoldLabel(study_id=st.id, response_id=resp.id, criterion_id=crit.id, value=value)
        session.add(gold)
    gold.value, gold.reason, gold.author, gold.method = value, reason, author, MANUAL
    session.flush()
    session.add(AuditEvent(study_id=st.id, actor=author, action="gold.set", entity_type="gold_label",
                           entity_uid=gold.uid, before=before,
                           after={**_label_dict(gold), "response_uid": resp.uid, "criterion_key": crit.key,
                                  "version": ver}))
    return GoldDecision(case=case_row.external_id or case_row.uid, response_uid=resp.uid, criterion_key=crit.key,
                        version=ver, value=value, method=MANUAL, reason=reason, author=author, before=before)


def record_consensus(session: Session, case: str, response_uid: str, score: float, *, reason: str, author: str,
                     study: str | None = None) -> GoldDecision:
    """A person's consensus overall score for one response (within the study's rating scale), with
    a reason; audited (``gold.score``)."""
    reason, author = _need(reason, author)
    st = get_study(session, study)
    case_row, resp = _response(session, st, case, response_uid)
    scheme = session.scalar(select(RatingScheme).where(RatingScheme.study_id == st.id).order_by(RatingScheme.id))
    lo, hi = (scheme.score_min, scheme.score_max) if scheme is not None else (None, None)
    if lo is not None and not (lo <= score <= hi):
        raise InputError(f"score {score:g} is outside the study's scale {lo}-{hi}")
    row = session.scalar(select(ConsensusScore).where(ConsensusScore.response_id == resp.id))
    before = _label_dict(row)
    if row is None:
        row = ConsensusScore(study_id=st.id, response_id=resp.id, score=float(score))
        session.add(row)
    row.score, row.reason, row.author, row.method = float(score), reason, author, MANUAL
    session.flush()
    session.add(AuditEvent(study_id=st.id, actor=author, action="gold.score", entity_type="consensus_score",
                           entity_uid=row.uid, before=before, after={**_label_dict(row), "response_uid": resp.uid}))
    return GoldDecision(case=case_row.external_id or case_row.uid, response_uid=resp.uid, criterion_key=None,
                        version=None, value=float(score), method=MANUAL, reason=reason, author=author, before=before)


def safety_flagged(session: Session, study_id: int) -> set[int]:
    """Responses a physician flagged for safety in a submitted rating."""
    return set(session.scalars(select(Rating.response_id).join(Response, Response.id == Rating.response_id)
                               .join(Case, Case.id == Response.case_id)
                               .where(Case.study_id == study_id, Rating.status == SUBMITTED, is_current(),
                                      Rating.safety_flag.is_(True))))


def rated_items(session: Session, study_id: int) -> dict[tuple[int, int], dict[int, str]]:
    """(criterion id, response id) -> rater id -> value, from submitted ratings (Triage's read)."""
    out: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for cid, _key, _ver, rid, rater, value in submitted_values(session, study_id, current_only=True):
        out[(cid, rid)][rater] = value
    return out


def strict_majority(values: list[Any]) -> Any | None:
    """The value more than half of *values* share, or None (overall scores: every score is a vote)."""
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count * 2 > len(values) else None


def decide(values: list[Any], quorum: int, rule: Callable[[list[Any]], Any | None] = majority
           ) -> tuple[Any | None, str]:
    """The majority answer of *values* (None: no vote) and how it was reached ("majority k of n"),
    or None and why not. *rule*: the criterion rule of Triage by default."""
    votes = [v for v in values if v is not None]
    maj = rule(votes)
    if maj is None:
        return None, (TIE if votes else NO_VOTE)
    k = sum(1 for v in votes if v == maj)
    if k < quorum:
        return None, BELOW_QUORUM
    return maj, majority_method(k, len(votes))


def auto_majority(session: Session, quorum: int, *, author: str, study: str | None = None) -> AutoReport:
    """Fill gold labels (and consensus scores) by majority with *quorum*; see the module doc."""
    if isinstance(quorum, bool) or not isinstance(quorum, int) or quorum < 1:
        raise InputError(f"--quorum must be a whole number of at least 1, not {quorum!r}")
    author = (author or "").strip() or "auto"
    st = get_study(session, study)
    report = AutoReport(quorum=quorum)
    flagged = safety_flagged(session, st.id)
    existing = {(g.criterion_id, g.response_id): g
                for g in session.scalars(select(GoldLabel).where(GoldLabel.study_id == st.id))}
    left: Counter[str] = Counter()
    for item, by_rater in sorted(rated_items(session, st.id).items()):
        gold = existing.get(item)
        if gold is not None and gold.method == MANUAL:
            report.manual_kept += 1
            continue
        if item[1] in flagged:
            value, why = None, SAFETY
        else:
            # not applicable is no vote (trouble.majority drops it); its count is not n
            value, why = decide([v if v in (MET, NOT_MET) else None for v in by_rater.values()], quorum)
        if value is None:
            left[why] += 1
            if gold is not None:  # a majority that no longer holds
                report.withdrawn_uids.append(gold.uid)
                session.delete(gold)
                report.withdrawn += 1
            continue
        if gold is not None and (gold.value, gold.method) == (value, why):
            report.unchanged += 1
            continue
        if gold is None:
            gold = GoldLabel(study_id=st.id, response_id=item[1], criterion_id=item[0], value=value)
            session.add(gold)
        gold.value, gold.method, gold.author = value, why, author
        gold.reason = f"{why.replace(MAJORITY, 'majority of physicians:', 1)} (quorum {quorum})"
        report.filled += 1
    report.left = dict(sorted(left.items()))
    _auto_scores(session, st.id, quorum, author, flagged, report)
    session.flush()
    session.add(AuditEvent(study_id=st.id, actor=author, action="gold.auto_majority", entity_type="study",
                           entity_uid=st.uid, before=None, after=report.to_dict()))
    return report


def _auto_scores(session: Session, study_id: int, quorum: int, author: str, flagged: set[int],
                 report: AutoReport) -> None:
    scores: dict[int, list[float]] = defaultdict(list)
    for rid, score in session.execute(
            select(Rating.response_id, Rating.overall_score).join(Response, Response.id == Rating.response_id)
            .join(Case, Case.id == Response.case_id)
            .where(Case.study_id == study_id, Rating.status == SUBMITTED, is_current(),
                   Rating.overall_score.is_not(None))):
        scores[rid].append(float(score))
    existing = {c.response_id: c for c in session.scalars(select(ConsensusScore)
                                                           .where(ConsensusScore.study_id == study_id))}
    left: Counter[str] = Counter()
    for rid, values in sorted(scores.items()):
        row = existing.get(rid)
        if row is not None and row.method == MANUAL:
            report.scores_manual_kept += 1
            continue
        value, why = (None, SAFETY) if rid in flagged else decide(values, quorum, strict_majority)
        if value is None:
            left[why] += 1
            if row is not None:
                session.delete(row)
            continue
        if row is not None and (row.score, row.method) == (value, why):
            report.scores_unchanged += 1
            continue
        if row is None:
            row = ConsensusScore(study_id=study_id, response_id=rid, score=value)
            session.add(row)
        row.score, row.method, row.author = float(value), why, author
        row.reason = f"{why.replace(MAJORITY, 'majority of physicians:', 1)} (quorum {quorum})"
        report.scores_filled += 1
    report.scores_left = dict(sorted(left.items()))
