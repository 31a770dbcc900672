"""Re-rating after a checklist edit: ask raters to rate again only the criteria whose wording changed.

A rating belongs to (response, rater, checklist version). :func:`request_rerating` looks, for each
named case, at every rater's *current* rating (:mod:`reviewer.store.current`) of its answers that
is on an older version than the target (by default the newest):

* it makes a new draft rating on the target version, through the ordinary queue and review
  files: the criteria whose wording is the same as in the version the rater rated are *carried*
  (their answer and evidence copied, ``CriterionRating.carried`` set, shown as carried to the
  rater); the criteria reworded or added are left empty, so submitting asks exactly those. The
  overall score, extra scores, comment and safety flag are copied as the rater left them, for the
  rater to confirm or change;
* the rater's assignment of that answer names the target version (one is made when the rating
  came in without an assignment, e.g. imported);
* the old rating stays as it was (read-only: the app reads and writes only the current one) and
  keeps counting as "version N" in before/after figures (:mod:`reviewer.checklists.before_after`).

A rater whose wording did not change at all (the edit moved criteria, or changed points, tier or
tags only), or who already rated the target version, is skipped with the reason. A named rater
who has not rated an answer of the case yet gets an assignment naming the target version (a new
rater for the new wording). Every new rating and assignment leaves an AuditEvent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer.checklists.versions import find_case, get_checklist
from reviewer.errors import InputError, NotFoundError
from reviewer.store.current import is_current
from reviewer.store.models import (
    DRAFT,
    Assignment,
    AuditEvent,
    Case,
    ChecklistVersion,
    Criterion,
    CriterionRating,
    Evidence,
    Rater,
    Rating,
    Response,
)
from reviewer.store.vocabulary import RERATE_SOURCE
from reviewer.studies.assignment import last_positions


@dataclass(frozen=True)
class RerateItem:
    """One new rating (or, for a rater new to the answer, one assignment) of a re-rating request."""

    rater: str
    case: str  # external id or uid
    response_uid: str
    blind_label: str
    from_version: int | None  # the version of the rater's rating (None: a new rater)
    to_version: int
    asked: tuple[str, ...]  # criterion keys to rate again (reworded or new)
    carried: tuple[str, ...]  # criterion keys carried over


@dataclass(frozen=True)
class RerateReport:
    items: tuple[RerateItem, ...]
    skipped: tuple[tuple[str, str, str], ...]  # (rater, response uid, why)

    def lines(self) -> list[str]:
        out = [f"{len([i for i in self.items if i.from_version is not None])} ratings to re-rate, "
               f"{len([i for i in self.items if i.from_version is None])} new assignments, "
               f"{len(self.skipped)} skipped"]
        for i in self.items:
            what = (f"v{i.from_version} -> v{i.to_version}: rate again {', '.join(i.asked)}"
                    + (f"; carried {', '.join(i.carried)}" if i.carried else "")
                    if i.from_version is not None else f"assigned on v{i.to_version}")
            out.append(f"  {i.rater} / case {i.case} answer {i.blind_label or i.response_uid}: {what}")
        out.extend(f"  skipped {rater} / response {uid}: {why}" for rater, uid, why in self.skipped)
        return out


def wording_changes(old: Sequence[Criterion], new: Sequence[Criterion]) -> tuple[list[str], dict[int, int]]:
    """(keys of *new* to rate again, new criterion id -> old criterion id to carry).

    A criterion is carried when a criterion of *old* has its key and the same wording (text equal
    after trimming); points, tier, tags, guidance and position do not change what a rater answers.
    """
    old_by_key = {c.key: c for c in old}
    asked: list[str] = []
    carry: dict[int, int] = {}
    for c in sorted(new, key=lambda c: (c.position, c.id)):
        before = old_by_key.get(c.key)
        if before is not None and (before.text or "").strip() == (c.text or "").strip():
            carry[c.id] = before.id
        else:
            asked.append(c.key)
    return asked, carry


def request_rerating(session: Session, cases: Sequence[Case | str], *, raters: Sequence[str] | None = None,
                     actor: str = "", version: int | None = None, study: str | None = None) -> RerateReport:
    """Ask *raters* (default: everyone who rated the cases on an older version) to rate the answers
    of *cases* again on checklist *version* (default: each case's newest); see the module doc."""
    if not cases:
        raise InputError("name at least one case to re-rate")
    named: dict[str, Rater] | None = None
    if raters:
        named = {r.name: r for r in session.scalars(select(Rater).where(Rater.name.in_(list(raters))))}
        missing = [r for r in raters if r not in named]
        if missing:
            raise NotFoundError(f"no rater named {', '.join(map(repr, missing))}")
    items: list[RerateItem] = []
    skipped: list[tuple[str, str, str]] = []
    for ref in cases:
        case = find_case(session, ref, study=study)
        target = get_checklist(session, case, version)
        _rerate_case(session, case, target, named, actor, items, skipped)
    session.flush()
    return RerateReport(tuple(items), tuple(skipped))


def _rerate_case(session: Session, case: Case, target: ChecklistVersion, named: dict[str, Rater] | None,
                 actor: str, items: list[RerateItem], skipped: list[tuple[str, str, str]]) -> None:
    label = case.external_id or case.uid
    responses = {r.id: r for r in session.scalars(select(Response).where(Response.case_id == case.id)
                                                  .order_by(Response.id))}
    if not responses:
        raise NotFoundError(f"case {label!r} has no answers to rate")
    versions = dict(session.execute(select(ChecklistVersion.id, ChecklistVersion.version)
                                    .where(ChecklistVersion.case_id == case.id)).all())
    criteria: dict[int | None, list[Criterion]] = {None: []}
    for crit in session.scalars(select(Criterion).where(Criterion.checklist_version_id.in_(list(versions)))):
        criteria.setdefault(crit.checklist_version_id, []).append(crit)
    names = dict(session.execute(select(Rater.id, Rater.name)).all())
    keys = {c.id: c.key for c in criteria.get(target.id, [])}
    positions = last_positions(session, case.study_id)
    current = session.scalars(select(Rating).where(Rating.response_id.in_(list(responses)), is_current())
                              .order_by(Rating.rater_id, Rating.response_id)).all()
    rated: set[tuple[int, int]] = set()
    for old in current:
        name = names[old.rater_id]
        if named is not None and name not in named:
            continue
        rated.add((old.rater_id, old.response_id))
        resp = responses[old.response_id]
        old_version = versions.get(old.checklist_version_id) if old.checklist_version_id else 0
        if old_version is not None and old_version >= target.version:
            skipped.append((name, resp.uid, f"already rated version {old_version}"))
            continue
        asked, carry = wording_changes(criteria.get(old.checklist_version_id, []), criteria.get(target.id, []))
        if not asked:
            skipped.append((name, resp.uid, f"no criterion they rated on version {old_version} was reworded "
                                             f"in version {target.version}: nothing to rate again"))
            continue
        new = _new_rating(session, old, target, carry)
        _name_version(session, case, old.rater_id, old.response_id, target, positions)
        item = RerateItem(name, label, resp.uid, resp.blind_label, old_version, target.version, tuple(asked),
                          tuple(keys[cid] for cid in carry))
        items.append(item)
        session.add(AuditEvent(study_id=case.study_id, actor=actor, action="rating.rerate", entity_type="rating",
                               entity_uid=new.uid, before={"rating_uid": old.uid, "version": old_version},
                               after={"version": target.version, "response_uid": resp.uid, "rater": name,
                                      "asked": list(asked), "carried": list(item.carried)}))
    for rater in (named or {}).values():
        for resp in responses.values():
            if (rater.id, resp.id) in rated:
                continue
            _name_version(session, case, rater.id, resp.id, target, positions)
            items.append(RerateItem(rater.name, label, resp.uid, resp.blind_label, None, target.version,
                                    tuple(c.key for c in criteria.get(target.id, [])), ()))
            session.add(AuditEvent(study_id=case.study_id, actor=actor, action="assignment.rerating",
                                   entity_type="response", entity_uid=resp.uid, before=None,
                                   after={"rater": rater.name, "version": target.version}))


def _new_rating(session: Session, old: Rating, target: ChecklistVersion, carry: dict[int, int]) -> Rating:
    """The draft on *target*: carried answers (and their evidence) copied, the rest empty."""
    new = Rating(response_id=old.response_id, rater_id=old.rater_id, checklist_version_id=target.id,
                 status=DRAFT, overall_score=old.overall_score, extra_scores=dict(old.extra_scores or {}),
                 comment=old.comment or "", safety_flag=bool(old.safety_flag), source=RERATE_SOURCE)
    session.add(new)
    session.flush()
    # the new rating continues the old one's version count: a screen still showing the old rating
    # writes with its version and is refused as stale (reviewer.rating.guard), never lands here
    session.execute(update(Rating).where(Rating.id == new.id).values(version=old.version + 1))
    session.expire(new, ["version"])
    old_values = dict(session.execute(select(CriterionRating.criterion_id, CriterionRating.value)
                                      .where(CriterionRating.rating_id == old.id)).all())
    back = {old_id: new_id for new_id, old_id in carry.items()}
    session.add_all(CriterionRating(rating_id=new.id, criterion_id=new_id, value=old_values[old_id], carried=True)
                    for new_id, old_id in carry.items() if old_id in old_values)
    for ev in session.scalars(select(Evidence).where(Evidence.rating_id == old.id, Evidence.criterion_id.in_(
            list(back)))):
        session.add(Evidence(rating_id=new.id, criterion_id=back[ev.criterion_id], start=ev.start, end=ev.end,
                             quote=ev.quote))
    return new


def _name_version(session: Session, case: Case, rater_id: int, response_id: int, target: ChecklistVersion,
                  positions: dict[int, int]) -> None:
    """The rater's assignment of the answer names *target* (made, at the end of their queue, when
    missing; *positions*: :func:`reviewer.studies.assignment.last_positions`, kept up to date)."""
    assignment = session.scalar(select(Assignment).where(Assignment.rater_id == rater_id,
                                                         Assignment.response_id == response_id))
    if assignment is None:
        positions[rater_id] = positions.get(rater_id, -1) + 1
        assignment = Assignment(study_id=case.study_id, rater_id=rater_id, response_id=response_id,
                                position=positions[rater_id])
        session.add(assignment)
    assignment.checklist_version_id = target.id
