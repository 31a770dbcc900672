"""Ratings made elsewhere (``reviewer import ratings FILE``): CSV, JSONL or Parquet.

Reads back what ``reviewer export ratings`` writes (reviewer.studies.exports.RATING_COLUMNS,
one row per criterion rating) and minimal files with only:

- ``rater``: the rater's name (created when the database has none of that name);
- the response: ``response_uid``, or ``case_external_id`` (or ``case_uid``) + ``response_external_id``;
- ``criterion_key`` + ``value`` (met / not_met / na) and/or ``overall_score``: a row may carry
  only an overall score.

Optional, per rating (repeated on each of its rows; blank = not given): ``rating_uid`` (kept, so
a round trip keeps the rating's public identity), ``extra_scores`` (JSON object), ``safety_flag``,
``comment``, ``time_spent_s``, ``submitted_at`` (ISO time). Rows whose ``status`` is given and is
not ``submitted`` (drafts), and rows of ratings a re-rating superseded (``current`` false: the
export keeps them, on their older checklist version), are skipped with a warning. Other export
columns are ignored.

Each (rater, response) becomes one submitted rating (source ``import``) on the case's current
checklist version, or on the version ``rated_checklist_version`` names (what the export writes:
a rating made on an older version comes back on it); ``criterion_key`` is looked up in that
version (key, else uid or text).
Values are checked against the stored vocabulary and the study's rating scheme (criterion values,
overall score range). The whole file is checked before anything is written; importing it twice
adds nothing (reviewer.importing.rater_labels).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.errors import InputError
from reviewer.importing.common import (
    CaseResolver,
    ImportReport,
    get_or_create_raters,
    latest_checklists,
    parse_json,
    read_csv,
    read_jsonl,
    study_import,
)
from reviewer.importing.rater_labels import LabelIn, RatingIn, write_rater_labels
from reviewer.store.engine import Store
from reviewer.store.models import Case, Rating, RatingScheme, Response
from reviewer.store.reads import LatestChecklist, checklist_versions
from reviewer.store.vocabulary import CRITERION_VALUES, SUBMITTED

FORMATS = (".csv", ".jsonl", ".parquet")
RATING_FIELDS = ("overall_score", "extra_scores", "safety_flag", "comment", "time_spent_s", "submitted_at",
                 "rating_uid", "rated_checklist_version")


@dataclass
class RatingRow:
    line: int | None
    item: str | None
    rater: str
    response_uid: str | None
    case_ref: str | None
    response_ext: str | None
    criterion: str | None
    value: str | None
    overall_score: float | None
    extra_scores: dict[str, Any] | None
    safety_flag: bool | None
    comment: str | None
    time_spent_s: float | None
    submitted_at: datetime | None
    rating_uid: str | None
    rated_checklist_version: int | None = None


# ---------------------------------------------------------------- reading

def _rows(path: Path) -> Iterator[tuple[int | None, str | None, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _csv_rows(path)
    elif suffix == ".jsonl":
        for line, row in read_jsonl(path):
            yield line, None, row
    elif suffix == ".parquet":
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise InputError("reading Parquet needs pyarrow: pip install \"reviewer[parquet]\" "
                             "(or export the ratings as CSV or JSONL)", file=str(path)) from exc
        try:
            table = pq.read_table(path)
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read the Parquet file: {exc}", file=str(path)) from exc
        for n, row in enumerate(table.to_pylist(), start=1):
            yield None, f"row {n}", row
    else:
        raise InputError(f"unknown ratings format {suffix or '(none)'}: use one of {', '.join(FORMATS)}",
                         file=str(path))


def _csv_rows(path: Path) -> Iterator[tuple[int | None, str | None, dict[str, Any]]]:
    def check(header: list[str]) -> None:
        if "rater" not in header:
            raise InputError("no 'rater' column in the header", file=str(path), line=1)
        if "response_uid" not in header and "response_external_id" not in header:
            raise InputError("the header needs 'response_uid' or 'case_external_id' + 'response_external_id'",
                             file=str(path), line=1)

    for line, row in read_csv(path, check):
        yield line, None, row


class _Fields:
    """Typed reads of one row's fields; blank text and null both mean 'not given'."""

    def __init__(self, row: dict[str, Any], path: Path, line: int | None, item: str | None) -> None:
        self.row, self.path, self.line, self.item = row, path, line, item

    def fail(self, key: str, message: str) -> InputError:
        return InputError(f"field {key!r}: {message}", file=str(self.path), line=self.line, item=self.item)

    def text(self, key: str) -> str | None:
        value = self.row.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise self.fail(key, f"should be text, got {value!r}")
        return str(value)

    def number(self, key: str) -> float | None:
        value = self.row.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise self.fail(key, f"should be a number, got {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError) as exc:
            raise self.fail(key, f"should be a number, got {value!r}") from exc
        if number != number:  # NaN: a Parquet/pandas blank
            return None
        return number

    def whole(self, key: str) -> int | None:
        number = self.number(key)
        if number is None:
            return None
        if number != int(number) or number < 1:
            raise self.fail(key, f"should be a checklist version (1, 2, ...), got {self.row.get(key)!r}")
        return int(number)

    def flag(self, key: str) -> bool | None:
        value = self.row.get(key)
        if value is None or value == "" or isinstance(value, bool):
            return value if isinstance(value, bool) else None
        words = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
        if str(value).strip().lower() in words:
            return words[str(value).strip().lower()]
        raise self.fail(key, f"should be true or false, got {value!r}")

    def obj(self, key: str) -> dict[str, Any] | None:
        value = self.row.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = parse_json(value, file=self.path, line=self.line, item=self.item)
            except InputError as exc:
                raise self.fail(key, exc.problem) from exc
        if not isinstance(value, dict):
            raise self.fail(key, "should be a JSON object")
        return value

    def time(self, key: str) -> datetime | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return datetime.fromisoformat(value)
        except ValueError as exc:
            raise self.fail(key, f"should be an ISO date and time, got {value!r}") from exc


def parse_row(row: dict[str, Any], *, path: Path, line: int | None, item: str | None) -> RatingRow | None:
    """One row, checked; None for a row to skip (a draft)."""
    f = _Fields(row, path, line, item)
    status = f.text("status")
    if status is not None and status != SUBMITTED:
        return None
    rater = f.text("rater")
    if rater is None:
        raise f.fail("rater", "missing")
    response_uid, response_ext = f.text("response_uid"), f.text("response_external_id")
    case_ref = f.text("case_external_id") or f.text("case_uid")
    if response_uid is None and (response_ext is None or case_ref is None):
        raise InputError("name the response: 'response_uid', or 'case_external_id' + 'response_external_id'",
                         file=str(path), line=line, item=item)
    criterion, value = f.text("criterion_key"), f.text("value")
    if criterion is not None and value is None:
        raise f.fail("value", f"missing for criterion {criterion!r} (one of {', '.join(CRITERION_VALUES)})")
    if value is not None and criterion is None:
        raise f.fail("criterion_key", f"missing for the value {value!r}")
    if value is not None and value not in CRITERION_VALUES:
        raise f.fail("value", f"{value!r} is not one of {', '.join(CRITERION_VALUES)}")
    out = RatingRow(line, item, rater, response_uid, case_ref, response_ext, criterion, value,
                    f.number("overall_score"), f.obj("extra_scores"), f.flag("safety_flag"), f.text("comment"),
                    f.number("time_spent_s"), f.time("submitted_at"), f.text("rating_uid"),
                    f.whole("rated_checklist_version"))
    if criterion is None and out.overall_score is None:
        raise InputError("a row needs 'criterion_key' + 'value' or an 'overall_score'",
                         file=str(path), line=line, item=item)
    return out


# ---------------------------------------------------------------- checking against the study

def _where(r: RatingRow) -> str:
    return f"line {r.line}" if r.line is not None else str(r.item)


def _merge(into: dict[str, Any], r: RatingRow, first: dict[str, RatingRow], path: Path) -> None:
    """The rating-level fields of *r* into *into*: blanks fill nothing, two values must agree."""
    for name in RATING_FIELDS:
        value = getattr(r, name)
        if value is None:
            continue
        if name in into and into[name] != value:
            raise InputError(f"field {name!r} is {value!r} here but {into[name]!r} on {_where(first[name])} "
                             f"for the same rater {r.rater!r} and response", file=str(path), line=r.line,
                             item=r.item)
        into.setdefault(name, value)
        first.setdefault(name, r)


def _responses(session: Any, study_id: int) -> tuple[dict[str, tuple[int, int]], dict[tuple[int, str], int]]:
    by_uid: dict[str, tuple[int, int]] = {}
    by_ext: dict[tuple[int, str], int] = {}
    for rid, uid, cid, ext in session.execute(
            select(Response.id, Response.uid, Response.case_id, Response.external_id)
            .join(Case, Case.id == Response.case_id).where(Case.study_id == study_id)):
        by_uid[uid] = (rid, cid)
        if ext is not None:
            by_ext[(cid, ext)] = rid
    return by_uid, by_ext


def _check_uids(session: Any, merged: dict[tuple[int, int], dict[str, Any]],
                first_row: dict[tuple[int, int], RatingRow], path: Path) -> None:
    """A rating uid from the file names one rating: not two in the file, not another one stored."""
    owner: dict[str, tuple[int, int]] = {}
    for key, values in merged.items():
        uid = values.get("rating_uid")
        if uid is None:
            continue
        if uid in owner:
            r = first_row[key]
            raise InputError(f"field 'rating_uid': {uid} also names the rating on {_where(first_row[owner[uid]])}, "
                             "which is of another rater or response", file=str(path), line=r.line, item=r.item)
        owner[uid] = key
    uids = list(owner)
    for start in range(0, len(uids), 500):
        for uid, resp, rater in session.execute(select(Rating.uid, Rating.response_id, Rating.rater_id)
                                                .where(Rating.uid.in_(uids[start:start + 500]))):
            if (resp, rater) != owner[uid]:
                r = first_row[owner[uid]]
                raise InputError(f"field 'rating_uid': {uid} is already the uid of a stored rating of another "
                                 "rater or response", file=str(path), line=r.line, item=r.item)


def _superseded(raw: dict[str, Any]) -> bool:
    """An exported row of a rating a re-rating on a newer checklist version superseded
    (``current`` false); a file without the column has none."""
    value = raw.get("current")
    return value is False or (isinstance(value, str) and value.strip().lower() in ("false", "0", "no"))


def import_ratings(target: Store | Any, path: str | Path, *, study: str | None = None) -> ImportReport:
    """Import ratings (see the module docstring) in one transaction."""
    path = Path(path)
    report = ImportReport(kind="ratings", file=str(path))
    rows: list[RatingRow] = []
    drafts = superseded = 0
    for line, item, raw in _rows(path):
        if _superseded(raw):
            superseded += 1
            continue
        parsed = parse_row(raw, path=path, line=line, item=item)
        if parsed is None:
            drafts += 1
        else:
            rows.append(parsed)
    if drafts:
        report.warnings.append(f"{drafts} rows of ratings that are not submitted (drafts) skipped")
    if superseded:
        report.warnings.append(f"{superseded} rows of ratings a re-rating superseded (current false) skipped")
    with study_import(target, study, report) as (session, st):
        scheme = session.scalar(select(RatingScheme).where(RatingScheme.study_id == st.id)
                                .order_by(RatingScheme.id).limit(1))
        allowed = [v for v in CRITERION_VALUES if scheme is None or v in (scheme.criterion_values or [])]
        resolver = CaseResolver(session, st.id)
        by_uid, by_ext = _responses(session, st.id)
        located: list[tuple[int, int]] = []  # (response id, case id) per row
        for r in rows:
            if r.response_uid is not None and r.response_uid in by_uid:
                located.append(by_uid[r.response_uid])
                continue
            if r.case_ref is None or r.response_ext is None:
                raise InputError(f"no response with uid {r.response_uid!r} in study {st.name!r}",
                                 file=str(path), line=r.line, item=r.item)
            cid = resolver.get(r.case_ref, file=path, line=r.line, item=r.item)
            if (cid, r.response_ext) not in by_ext:
                raise InputError(f"case {r.case_ref} has no response with id {r.response_ext!r}",
                                 file=str(path), line=r.line, item=r.item)
            located.append((by_ext[(cid, r.response_ext)], cid))
        case_ids = list({cid for _rid, cid in located})
        checklists = latest_checklists(session, case_ids)
        versions = checklist_versions(session, case_ids) if any(r.rated_checklist_version for r in rows) else {}
        criteria: list[int | None] = []
        rated: dict[int, LatestChecklist | None] = {}  # row index -> the checklist version it names
        for r, (_rid, cid) in zip(rows, located, strict=True):
            if r.value is not None and r.value not in allowed:
                raise InputError(f"field 'value': {r.value!r} is not allowed by the study's rating scheme "
                                 f"({', '.join(allowed)})", file=str(path), line=r.line, item=r.item)
            if r.overall_score is not None and scheme is not None and not (
                    scheme.score_min <= r.overall_score <= scheme.score_max):
                raise InputError(f"field 'overall_score': {r.overall_score:g} is outside the rating scheme's "
                                 f"range {scheme.score_min}-{scheme.score_max}", file=str(path), line=r.line,
                                 item=r.item)
            latest = checklists.get(cid)
            if r.rated_checklist_version is not None:
                latest = versions.get((cid, r.rated_checklist_version))
                if latest is None:
                    raise InputError(f"field 'rated_checklist_version': the case has no checklist version "
                                     f"{r.rated_checklist_version}", file=str(path), line=r.line, item=r.item)
            rated[len(criteria)] = latest
            if r.criterion is None:
                criteria.append(None)
                continue
            found = latest.find(r.criterion) if latest else None
            if found is None:
                which = "the checklist version it names" if r.rated_checklist_version else "its current checklist"
                where = f"{which} (version {latest.version})" if latest else "no checklist"
                raise InputError(f"field 'criterion_key': the case has no criterion {r.criterion!r} in {where}",
                                 file=str(path), line=r.line, item=r.item)
            criteria.append(found.id)

        rater_ids, made = get_or_create_raters(session, [r.rater for r in rows])
        report.add("raters", made)
        merged: dict[tuple[int, int], dict[str, Any]] = {}
        first_seen: dict[tuple[int, int], dict[str, RatingRow]] = {}
        first_row: dict[tuple[int, int], RatingRow] = {}
        labels: list[LabelIn] = []
        checklist_of: dict[tuple[int, int], LatestChecklist | None] = {}
        for n, (r, (rid, _cid), crit_id) in enumerate(zip(rows, located, criteria, strict=True)):
            key = (rid, rater_ids[r.rater])
            first_row.setdefault(key, r)
            checklist_of.setdefault(key, rated[n])
            _merge(merged.setdefault(key, {}), r, first_seen.setdefault(key, {}), path)
            if crit_id is not None and r.value is not None:
                labels.append(LabelIn(key, crit_id, r.value, r.line))
        _check_uids(session, merged, first_row, path)
        case_of = dict(located)
        ratings = []
        for key, values in merged.items():
            latest = checklist_of[key] if key in checklist_of else checklists.get(case_of[key[0]])
            ratings.append(RatingIn(
                key[0], key[1], latest.version_id if latest else None,
                overall_score=values.get("overall_score"), extra_scores=values.get("extra_scores") or {},
                comment=values.get("comment") or "", safety_flag=bool(values.get("safety_flag")),
                time_spent_s=values.get("time_spent_s") or 0.0, submitted_at=values.get("submitted_at"),
                uid=values.get("rating_uid"), line=first_row[key].line))
        write_rater_labels(session, ratings, labels, report)
        report.notes["rows_read"] = len(rows)
    return report
