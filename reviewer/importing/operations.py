"""One import as the command line and the app run it: which options a kind of file takes
(:func:`import_options`, the one place that rule lives) and the import itself (:func:`run_import`).

``reviewer import KIND FILE`` and the Coordinator › Import… dialog both go through here, so a
verdicts file without a judge run name is refused with the same message before anything is read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.importing.common import ImportReport
from reviewer.store import Store

# kind -> the extra options it takes (besides the study)
KIND_OPTIONS: dict[str, tuple[str, ...]] = {
    "healthbench": (), "healthbench-meta": (), "llmeval-med": (), "ratings": (),
    "responses": ("model",), "verdicts": ("judge", "judge_model", "model"),
}


def import_options(kind: str, file: str | Path, *, study: str | None = None, judge: str | None = None,
                   judge_model: str | None = None, model: str | None = None) -> dict[str, Any]:
    """The keyword arguments of the importer of *kind*; raises InputError for a missing or a
    misplaced option (naming the file)."""
    if kind not in KIND_OPTIONS:
        raise InputError(f"unknown import kind {kind!r}: use one of {', '.join(KIND_OPTIONS)}", file=str(file))
    kwargs: dict[str, Any] = {"study": study}
    if kind == "verdicts":
        if not judge:
            raise InputError("import verdicts needs --judge NAME (the judge run to store them as)", file=str(file))
        kwargs.update(judge=judge, judge_model=judge_model or "", model=model)
    elif kind == "responses":
        kwargs["model"] = model
    elif judge or model:
        raise InputError(f"--judge and --model do not apply to import {kind}", file=str(file))
    return kwargs


def run_import(store: Store, kind: str, file: str | Path, **options: Any) -> ImportReport:
    """Import *file* as *kind* into the store (one transaction: all or nothing)."""
    from reviewer.importing import IMPORTERS

    kwargs = import_options(kind, file, **options)
    if not Path(file).exists():
        raise InputError("no such file", file=str(file))
    return IMPORTERS[kind](store, file, **kwargs)
