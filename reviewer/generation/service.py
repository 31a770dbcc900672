"""Generation runs: turn a study's cases into candidate answers, batch by batch, resumably.

A run is a ``GenerationRun`` row (model, hash of its config, backend, settings, who, when, status).
Each finished batch is written in its own transaction, so a crash or a cancel loses at most the
batch in flight; running the same run name again skips the (case, sample) pairs that exist (the
store has a unique constraint on run + case + sample), so the run resumes where it stopped.
Failed requests are never written; they are reported in the summary and are retried next time.

Callable from a worker thread: ``progress(done, total)`` and ``is_cancelled()`` callbacks, no Qt.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer import login_name
from reviewer.errors import ConflictError, InputError, NotFoundError
from reviewer.generation.backend import (
    Backend,
    CancelCheck,
    GenerationRequest,
    ProgressCallback,
    SamplingSettings,
)
from reviewer.generation.gguf import gguf_model_name, locate_gguf
from reviewer.generation.selection import select_cases
from reviewer.store import Store
from reviewer.store.models import GenerationRun, Model, Response, Study, utcnow
from reviewer.studies.blinding import reshuffle_labels

# Files whose content identifies a local model's behaviour (weights are too big to hash each run).
CONFIG_FILES = ("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
                "tokenizer.model", "special_tokens_map.json", "chat_template.jinja", "chat_template.json",
                "vocab.json", "merges.txt")


@dataclass
class RunSummary:
    """What a run did: shown by the CLI, and by the GUI jobs panel."""

    run_name: str
    run_uid: str
    model: str
    backend: str
    device: str
    status: str  # done | cancelled | failed
    total: int = 0  # (case, sample) pairs asked for
    written: int = 0
    skipped_existing: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0  # the whole call, model loading included
    generate_seconds: float = 0.0  # generating and storing only

    @property
    def tokens_per_s(self) -> float:
        """Completion tokens per second of generation (model loading not counted)."""
        return self.completion_tokens / self.generate_seconds if self.generate_seconds > 0 else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["tokens_per_s"] = round(self.tokens_per_s, 2)
        return data


@dataclass(frozen=True)
class _Item:
    case_id: int
    label: str  # external id or uid, for messages
    messages: list[dict[str, str]]


def config_hash(model: str) -> str:
    """sha256 over the config and tokenizer files of a model folder ('' when it is not a folder)."""
    path = Path(model).expanduser()
    if not path.is_dir():
        return ""
    digest, hashed = hashlib.sha256(), False
    for name in CONFIG_FILES:
        file = path / name
        if file.is_file():
            digest.update(name.encode())
            digest.update(file.read_bytes())
            hashed = True
    return digest.hexdigest() if hashed else ""  # e.g. a folder of GGUF files: the loaded config counts


def _loaded_config_hash(backend: Backend) -> str:
    """For a hub id: the hash of the loaded model's config (plus its hub commit when known)."""
    config = getattr(getattr(backend, "model", None), "config", None)
    if config is None:
        return ""
    return hashlib.sha256(config.to_json_string().encode()).hexdigest()


def _model_identity(backend: str, model: str, base_url: str | None,
                    gguf_file: str | None = None) -> tuple[str, str, str | None]:
    """(display name, kind, path) of the model row; a GGUF model is named after its file."""
    if backend == "openai":
        return model, "endpoint", base_url
    found = locate_gguf(model, gguf_file)
    if found is not None:
        file = found[0] / found[1]
        return gguf_model_name(*found), "local", str(file.resolve())
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve().name, "local", str(path.resolve())
    return model, "local", None


def _default_run_name(model_name: str, backend: str, settings: SamplingSettings) -> str:
    """Deterministic, so running the same command again resumes the same run."""
    key = json.dumps([backend, settings.as_dict()], sort_keys=True)
    return f"{model_name}@{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _find_study(session: Any, study: str | int | None) -> Study:
    if isinstance(study, int):
        row = session.get(Study, study)
    elif study is None:
        rows = session.scalars(select(Study).order_by(Study.id)).all()
        if len(rows) > 1:
            raise NotFoundError(f"several studies in this database ({', '.join(s.name for s in rows)}): "
                                "name one with --study")
        row = rows[0] if rows else None
    else:
        row = session.scalar(select(Study).where(Study.name == study))
    if row is None:
        raise NotFoundError(f"no study {study!r} in this database" if study is not None
                            else "this database holds no study yet: import cases first")
    return row


def _messages(case: Any) -> list[dict[str, str]] | str:
    """The conversation to answer, or the reason it cannot be answered."""
    turns = case.turns or []
    msgs = [{"role": str(t.get("role", "")), "content": str(t.get("content", ""))}
            for t in turns if isinstance(t, dict)]
    if not msgs:
        return "the case has no conversation turns"
    if msgs[-1]["role"] != "user":
        return f"the conversation ends with a {msgs[-1]['role']!r} turn, not a user turn"
    return msgs


def run_generation(store: Store, *, model: str, backend: str = "transformers", cases: str = "all",
                   samples: int = 1, settings: SamplingSettings | None = None,
                   batch_size: int | str = "auto", device: str = "auto", dtype: str | None = None,
                   base_url: str | None = None, name: str | None = None, study: str | int | None = None,
                   started_by: str | None = None, progress: ProgressCallback | None = None,
                   is_cancelled: CancelCheck | None = None, backend_obj: Backend | None = None,
                   backend_options: dict[str, Any] | None = None) -> RunSummary:
    """Answer every selected case *samples* times with *model*; resume the run if it exists.

    Loads the model only when something is left to generate. ``backend_obj`` reuses a backend
    already loaded (the GUI keeps one between runs; tests inject special ones).
    """
    settings = settings or SamplingSettings()
    if samples < 1:
        raise InputError(f"samples must be at least 1 (got {samples})", item="--samples")
    if settings.max_new_tokens < 1:
        raise InputError("max new tokens must be at least 1", item="--max-new-tokens")
    if settings.temperature < 0 or not 0 < settings.top_p <= 1:
        raise InputError("temperature must be >= 0 and top-p in (0, 1]", item="sampling settings")
    model_name, kind, model_path = _model_identity(backend, model, base_url,
                                                   (backend_options or {}).get("gguf_file"))
    if backend_obj is not None:
        model_name = getattr(backend_obj, "model_name", model_name) or model_name
    name = name or _default_run_name(model_name, backend, settings)
    started = time.perf_counter()

    # 1. what is asked for, and what already exists
    with store.Session() as session:
        study_row = _find_study(session, study)
        study_id = study_row.id
        chosen = select_cases(session, study_id, cases)
        run = session.scalar(select(GenerationRun).where(GenerationRun.study_id == study_id,
                                                         GenerationRun.name == name))
        existing: set[tuple[int, int]] = set()
        if run is not None:
            _check_same_run(session, run, model_name, model_path, backend, settings)
            existing = set(session.execute(select(Response.case_id, Response.sample_index)
                                           .where(Response.generation_run_id == run.id)).all())
        items, failed = [], []
        for case in chosen:
            msgs = _messages(case)
            label = case.external_id or case.uid
            if isinstance(msgs, str):
                failed.extend({"case": label, "sample": k, "error": msgs} for k in range(samples))
                continue
            items.append(_Item(case.id, label, msgs))
    pending = [(it, k) for it in items for k in range(samples) if (it.case_id, k) not in existing]
    total = len(chosen) * samples
    summary = RunSummary(run_name=name, run_uid=run.uid if run else "", model=model_name, backend=backend,
                         device=getattr(backend_obj, "device", device), status="done", total=total,
                         skipped_existing=len(existing & {(it.case_id, k) for it in items
                                                          for k in range(samples)}), failed=failed)
    if not pending:
        if run is not None:
            _finish(store, run.id, "done")
        summary.seconds = time.perf_counter() - started
        return summary

    # 2. load the model (errors here leave no run row behind)
    owned = backend_obj is None  # a backend made here is closed here (GPU memory, thread pool)
    if backend_obj is None:
        from reviewer.generation.backends import make_backend

        opts = dict(backend_options or {})
        opts.update(device=device, batch_size=batch_size, dtype=dtype, base_url=base_url)
        backend_obj = make_backend(backend, model, **opts)
        model_name = backend_obj.model_name or model_name
    summary.device = backend_obj.device
    digest = config_hash(model) if kind == "local" else ""
    digest = digest or _loaded_config_hash(backend_obj)
    if kind == "endpoint":
        digest = hashlib.sha256(f"{base_url}|{model}".encode()).hexdigest()

    # 3. the run row (its own transaction, so the run is visible while it works)
    run_settings = {**settings.as_dict(), "samples": samples, "cases": cases,
                    "batch_size": getattr(backend_obj, "batch_size", batch_size), "device": backend_obj.device,
                    "dtype": dtype, "base_url": base_url}
    with store.begin() as session:
        model_row = _model_row(session, study_id, model_name, kind, model_path, digest)
        if run is None:
            run = GenerationRun(study_id=study_id, model_id=model_row.id, name=name, backend=backend,
                                config_hash=digest, settings=run_settings,
                                started_by=started_by or login_name())
            session.add(run)
        else:
            run = session.get(GenerationRun, run.id)
            run.status, run.finished_at = "running", None
            run.settings = {**run.settings, "samples": max(samples, run.settings.get("samples", 1)),
                            "resumed_at": utcnow().isoformat(timespec="seconds")}
            if run.config_hash and digest and run.config_hash != digest:
                run.settings = {**run.settings, "config_changed": digest}
        session.flush()
        run_id, model_id, summary.run_uid = run.id, run.model_id or model_row.id, run.uid

    # 4. generate, storing each batch as it finishes
    requests = [GenerationRequest(key=(it.case_id, k, it.label), messages=it.messages, seed=settings.seed + k)
                for it, k in pending]
    done = 0
    gen_start = time.perf_counter()
    if progress is not None:
        progress(0, len(requests))
    try:
        for batch in backend_obj.generate(requests, settings, is_cancelled=is_cancelled):
            failed, stored = [], []
            with store.begin() as session:
                for result in batch:
                    case_id, k, label = result.key
                    if result.error:
                        failed.append({"case": label, "sample": k, "error": result.error})
                        continue
                    stored.append(result)
                    session.add(Response(
                        case_id=case_id, model_id=model_id, generation_run_id=run_id, sample_index=k,
                        text=result.text, blind_label="",  # lettered by reshuffle_labels below
                        settings=settings.as_dict(), seed=settings.seed + k,
                        prompt_tokens=result.prompt_tokens, completion_tokens=result.completion_tokens,
                        latency_ms=result.latency_ms, device=result.device,
                        content_hash=hashlib.sha256(result.text.encode("utf-8")).hexdigest()))
                reshuffle_labels(session, {r.key[0] for r in stored})
            # counted only once the batch is committed
            summary.failed.extend(failed)
            summary.written += len(stored)
            summary.prompt_tokens += sum(r.prompt_tokens or 0 for r in stored)
            summary.completion_tokens += sum(r.completion_tokens or 0 for r in stored)
            done += len(batch)
            if progress is not None:
                progress(done, len(requests))
    except KeyboardInterrupt:
        _finish(store, run_id, "cancelled")
        raise
    except BaseException as exc:
        _finish(store, run_id, "failed", error=str(exc))
        raise
    finally:
        if owned:
            backend_obj.close()
    summary.generate_seconds = time.perf_counter() - gen_start
    summary.seconds = time.perf_counter() - started
    cancelled = done < len(requests)
    summary.status = "cancelled" if cancelled else "done"
    _finish(store, run_id, summary.status)
    return summary


def _check_same_run(session: Any, run: GenerationRun, model_name: str, model_path: str | None,
                    backend: str, settings: SamplingSettings) -> None:
    """Refuse to resume a run under a name that was used with another model or other settings."""
    old_model = session.get(Model, run.model_id)
    old = {k: run.settings.get(k) for k in settings.as_dict()}
    same = old_model is None or old_model.name in (model_name, model_path) or (
        model_path is not None and old_model.path == model_path)
    if not same:
        raise ConflictError(f"run {run.name!r} was made with the model {old_model.name!r}, not "
                            f"{model_name!r}: choose another --name")
    if run.backend != backend or old != settings.as_dict():
        raise ConflictError(f"run {run.name!r} exists with other settings ({run.backend}, {old}); "
                            "resume it with the same settings or choose another --name")


def _model_row(session: Any, study_id: int, name: str, kind: str, path: str | None, digest: str) -> Model:
    revision = digest[:12] if digest else None
    row = session.scalar(select(Model).where(Model.study_id == study_id, Model.name == name))
    if row is not None and path and row.path and row.path != path:
        # another folder with the same name: keep both apart by their full path
        name = path
        row = session.scalar(select(Model).where(Model.study_id == study_id, Model.name == name))
    if row is None:
        row = Model(study_id=study_id, name=name, kind=kind, path=path, revision=revision,
                    meta={"config_hash": digest})
        session.add(row)
        session.flush()
    elif revision and row.revision != revision:
        row.meta = {**(row.meta or {}), "previous_revisions": [*(row.meta or {}).get("previous_revisions", []),
                                                               row.revision]}
        row.revision = revision
        row.kind = kind if row.kind == "imported" else row.kind
    return row


def _finish(store: Store, run_id: int, status: str, *, error: str | None = None) -> None:
    try:
        with store.begin() as session:
            run = session.get(GenerationRun, run_id)
            if run is None:
                return
            run.status, run.finished_at = status, utcnow()
            if error:
                run.settings = {**run.settings, "error": error[:500]}
    except Exception:  # noqa: BLE001 - never hide the original error behind a bookkeeping one
        if status != "failed":
            raise



