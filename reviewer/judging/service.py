"""Judge runs: grade every response of a study against its latest checklist, storing every verdict.

``run_judge`` is a plain long job in the Orange3 shape (``progress(done, total)``,
``is_cancelled()``), so the app can run it in a worker thread and the CLI with a progress bar.

- A ``JudgeRun`` row records the judge model, backend, mode, template name/version/SHA-256, the
  checklist policy ("latest") and the settings. Re-running the same run name resumes: verdicts
  already stored are skipped; a run name already used with another model, template text or mode
  is refused rather than mixed.
- generate mode: the backend writes an answer per unit; it is parsed (``parsing.py``); an
  unreadable answer is asked again, up to ``max_attempts`` in all (retries sample at temperature
  ``retry_temperature`` at least, with a new seed, so a greedy local model can answer differently),
  then stored with ``parse_status="failed"`` (``vocabulary.PARSE_FAILED``), its raw text and the reason. Never guessed, never
  dropped.
- logprob mode (criterion templates, local transformers model): ``logprob.py``; stores P(true) and
  ``met = p >= threshold``.
- Verdicts are written one transaction per batch, so a cancelled or crashed run keeps its work.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from sqlalchemy import select

from reviewer.errors import ConflictError, InputError
from reviewer.generation.backend import (
    Backend,
    CancelCheck,
    GenerationRequest,
    ProgressCallback,
    SamplingSettings,
)
from reviewer.judging.parsing import ParseResult, parse_output
from reviewer.judging.templates import get_template
from reviewer.judging.work import WorkUnit, build_units, count_units, load_snapshot
from reviewer.store import Store
from reviewer.store.models import JudgeRun, JudgeVerdict, utcnow
from reviewer.store.vocabulary import PARSE_FAILED, PARSED
from reviewer.studies.lookup import get_study

MODES = ("generate", "logprob")
DEFAULT_SETTINGS = SamplingSettings(temperature=0.0, top_p=1.0, max_new_tokens=512, seed=0)


@dataclass
class JudgeSummary:
    """What one call of ``run_judge`` did (the run may have been started by an earlier call)."""

    run_name: str
    run_id: int
    mode: str
    template: str
    template_version: int
    total: int  # units (verdicts) the run covers in all
    skipped: int  # already stored before this call
    judged: int  # stored by this call
    ok: int
    failed: int
    attempts: int  # judge calls made (generate mode: first tries plus retries)
    seconds: float  # the whole call, model loading included
    load_seconds: float  # building the backend (loading the model)
    cancelled: bool
    status: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_run_name(template: str, version: int, model: str, mode: str) -> str:
    short = model.rstrip("/").replace("\\", "/").split("/")[-1] or model
    return f"{template}-v{version}-{short}-{mode}"


def _open_run(store: Store, *, model: str, template: str, mode: str, backend: str, name: str | None,
              study: str | None, responses: Iterable[int | str] | None, settings: dict[str, Any]):
    """Find or create the run, and list the units still to judge (one transaction)."""
    with store.begin() as session:
        study_row = get_study(session, study)
        tpl = get_template(session, template)
        if mode == "logprob" and tpl.kind != "criterion":
            raise InputError(f"logprob mode needs a per-criterion template; {tpl.name!r} is a {tpl.kind} template",
                             item=tpl.name)
        run_name = name or default_run_name(tpl.name, tpl.version, model, mode)
        run = session.scalar(select(JudgeRun).where(JudgeRun.study_id == study_row.id, JudgeRun.name == run_name))
        if run is None:
            run = JudgeRun(study_id=study_row.id, name=run_name, judge_model=model, backend=backend, mode=mode,
                           template_name=tpl.name, template_version=tpl.version, template_hash=tpl.content_hash,
                           checklist_policy="latest", settings=settings, status="running")
            session.add(run)
            session.flush()
        else:
            clash = [what for what, mine, theirs in (
                ("judge model", model, run.judge_model), ("mode", mode, run.mode),
                ("template text", tpl.content_hash, run.template_hash)) if mine != theirs]
            if clash:
                raise ConflictError(f"judge run {run_name!r} already exists with another {', '.join(clash)}; "
                                    "resume it with the same settings or pick a new --name")
            run.status = "running"
            run.finished_at = None
        snapshot = load_snapshot(session, study_row.id, responses)
        done = set(tuple(row) for row in session.execute(select(JudgeVerdict.response_id, JudgeVerdict.criterion_id)
                                   .where(JudgeVerdict.judge_run_id == run.id)).all())
        units = build_units(snapshot, tpl.content, tpl.kind, mode, skip=done)
        total = count_units(snapshot, tpl.kind)
        return run.id, run_name, tpl.name, tpl.version, tpl.kind, units, total


def _finish(store: Store, run_id: int, status: str) -> None:
    with store.begin() as session:
        run = session.get(JudgeRun, run_id)
        run.status = status
        run.finished_at = utcnow()


def _store_verdicts(store: Store, run_id: int, verdicts: Sequence[JudgeVerdict]) -> None:
    with store.begin() as session:
        session.add_all(verdicts)


def _verdict(run_id: int, unit: WorkUnit, parsed: ParseResult, raw: str, attempts: int,
             probability: float | None = None) -> JudgeVerdict:
    return JudgeVerdict(judge_run_id=run_id, response_id=unit.response_id, criterion_id=unit.criterion_id,
                        met=parsed.met, score=parsed.score, probability=probability,
                        explanation=parsed.explanation if parsed.ok else parsed.reason,
                        raw_output=raw, parse_status=PARSED if parsed.ok else PARSE_FAILED, attempts=attempts)


def _judge_generate(backend_obj: Backend, units: Sequence[WorkUnit], kind: str, settings: SamplingSettings,
                    max_attempts: int, retry_temperature: float,
                    is_cancelled: CancelCheck | None) -> tuple[list[tuple[WorkUnit, ParseResult, str, int]], int, bool]:
    """Generate and parse *units*, retrying unreadable answers.

    Returns the finished units as (unit, parsed, raw, attempts), the number of judge calls, and
    whether the job was cancelled. A unit is finished when it parsed or used all its attempts;
    after a cancel, the unfinished ones are left out (a resumed run judges them again).
    """
    pending = list(range(len(units)))
    outcome: dict[int, tuple[ParseResult, str, int]] = {}
    calls = 0
    cancelled = False
    for attempt in range(1, max_attempts + 1):
        if not pending:
            break
        if is_cancelled is not None and is_cancelled():
            cancelled = True
            break
        these = settings if attempt == 1 else replace(
            settings, temperature=max(settings.temperature, retry_temperature), seed=settings.seed + attempt - 1)
        requests = [GenerationRequest(key=i, messages=[{"role": "user", "content": units[i].prompt}],
                                      seed=these.seed) for i in pending]
        answered: set[int] = set()
        for batch in backend_obj.generate(requests, these, is_cancelled=is_cancelled):
            for result in batch:
                calls += 1
                answered.add(result.key)
                if result.error:
                    parsed = ParseResult.failed(f"the backend failed: {result.error}")
                else:
                    parsed = parse_output(kind, result.text)
                outcome[result.key] = (parsed, result.text, attempt)
        if len(answered) < len(pending):
            cancelled = True
            break
        pending = [i for i in pending if not outcome[i][0].ok]
    finished = [(units[i], *outcome[i]) for i in range(len(units))
                if i in outcome and (outcome[i][0].ok or outcome[i][2] >= max_attempts)]
    return finished, calls, cancelled


def _chunks(units: Sequence[WorkUnit], size: int) -> Iterable[list[WorkUnit]]:
    """Batches of about *size* units that never split one answer's criteria (they share a prefix)."""
    chunk: list[WorkUnit] = []
    for unit in units:
        if chunk and len(chunk) >= size and unit.group != chunk[-1].group:
            yield chunk
            chunk = []
        chunk.append(unit)
    if chunk:
        yield chunk


def run_judge(store: Store, *, model: str, template: str, mode: str = "generate", backend: str = "transformers",
              name: str | None = None, study: str | None = None, responses: Iterable[int | str] | None = None,
              settings: SamplingSettings = DEFAULT_SETTINGS, max_attempts: int = 3, threshold: float = 0.5,
              progress: ProgressCallback | None = None, is_cancelled: CancelCheck | None = None,
              backend_obj: Any = None, device: str = "auto", batch_size: int | str = "auto",
              base_url: str | None = None, chunk_size: int = 64, retry_temperature: float = 0.7,
              prefix_cache: bool = True, dtype: str | None = None,
              backend_options: dict[str, Any] | None = None) -> JudgeSummary:
    """Judge every response x criterion (criterion templates) or every response (score templates).

    ``backend_obj`` lets a caller reuse a loaded backend (the app, the benchmark); otherwise one is
    built from ``backend``/``model``/``device``/``batch_size``/``base_url`` and closed at the end.
    """
    if mode not in MODES:
        raise InputError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if max_attempts < 1:
        raise InputError(f"max attempts must be at least 1 (got {max_attempts})")
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be between 0 and 1 (got {threshold})")
    if mode == "logprob" and backend != "transformers":
        raise InputError("logprob mode needs the local transformers backend (it reads next-token probabilities)")
    recorded = {"sampling": settings.as_dict(), "max_attempts": max_attempts, "threshold": threshold,
                "retry_temperature": retry_temperature, "device": device, "batch_size": batch_size,
                "base_url": base_url, "prefix_cache": prefix_cache, "dtype": dtype}
    started = time.perf_counter()
    run_id, run_name, tpl_name, tpl_version, kind, units, total = _open_run(
        store, model=model, template=template, mode=mode, backend=backend, name=name, study=study,
        responses=responses, settings=recorded)
    skipped = total - len(units)
    ok = failed = calls = judged = 0
    cancelled = False
    own_backend = backend_obj is None and bool(units)
    scorer = None
    load_seconds = 0.0
    try:
        if own_backend:
            from reviewer.generation.backends import make_backend

            load_start = time.perf_counter()
            backend_obj = make_backend(backend, model, device=device, batch_size=batch_size, base_url=base_url,
                                       dtype=dtype, **(backend_options or {}))
            load_seconds = time.perf_counter() - load_start
        if units and mode == "logprob":
            from reviewer.judging.logprob import LogprobScorer

            if not hasattr(backend_obj, "model") or not hasattr(backend_obj, "tokenizer"):
                raise InputError("logprob mode needs a backend with a loaded local model (.model, .tokenizer)")
            scorer = LogprobScorer(backend_obj.model, backend_obj.tokenizer, backend_obj.device,
                                   prefix_cache=prefix_cache)
        if progress is not None:
            progress(skipped, total)
        for chunk in _chunks(units, chunk_size):
            if is_cancelled is not None and is_cancelled():
                cancelled = True
                break
            verdicts: list[JudgeVerdict] = []
            if scorer is not None:
                groups: dict[int, list[WorkUnit]] = {}
                for unit in chunk:
                    groups.setdefault(unit.group, []).append(unit)
                for members in groups.values():
                    results = scorer.score_group([scorer.encode(u.prompt) for u in members])
                    for unit, res in zip(members, results, strict=True):
                        met = res.p_true >= threshold
                        parsed = ParseResult(ok=True, met=met, explanation=f"P(true) = {res.p_true:.4f}")
                        verdicts.append(_verdict(run_id, unit, parsed, json.dumps(res.as_dict()), 1, res.p_true))
                    calls += len(members)
            else:
                outcomes, n, cancelled = _judge_generate(backend_obj, chunk, kind, settings, max_attempts,
                                                         retry_temperature, is_cancelled)
                calls += n
                verdicts = [_verdict(run_id, unit, parsed, raw, attempts)
                            for unit, parsed, raw, attempts in outcomes]
            _store_verdicts(store, run_id, verdicts)
            judged += len(verdicts)
            ok += sum(v.parse_status == PARSED for v in verdicts)
            failed += sum(v.parse_status == PARSE_FAILED for v in verdicts)
            if progress is not None:
                progress(skipped + judged, total)
            if cancelled:
                break
    except BaseException:
        _finish(store, run_id, "failed")
        raise
    finally:
        if own_backend and backend_obj is not None:
            backend_obj.close()
    status = "cancelled" if cancelled else "done"
    _finish(store, run_id, status)
    return JudgeSummary(run_name=run_name, run_id=run_id, mode=mode, template=tpl_name,
                        template_version=tpl_version, total=total, skipped=skipped, judged=judged, ok=ok,
                        failed=failed, attempts=calls, seconds=time.perf_counter() - started, load_seconds=load_seconds,
                        cancelled=cancelled, status=status)
