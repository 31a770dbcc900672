"""Helpers shared by command modules: opening the store, picking the study, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reviewer.store import Store

# Nothing here imports SQLAlchemy or a service at module level: building the parser imports every
# command module, and `reviewer gui` must reach its first screen without them (tests/test_architecture.py).


def store_from_args(args: argparse.Namespace) -> Store:
    from reviewer.store import open_store

    return open_store(getattr(args, "db", None))


def add_study_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--study", default=None,
                        help="study name (default: the only study, or 'default')")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_report(args: argparse.Namespace, data: Any, text: str) -> int:
    """A command's result: *data* as JSON with ``--json``, else *text*; the exit status 0."""
    if getattr(args, "json", False):
        print_json(data)
    else:
        print(text)
    return 0


class ProgressBar:
    """A tqdm bar for a service's ``progress(done, total)`` callback, made on the first call
    (the total is known only then); use as a context manager so the bar is closed on errors too."""

    def __init__(self, unit: str, desc: str, *, quiet: bool = False) -> None:
        self.unit, self.desc, self.quiet = unit, desc, quiet
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=self.unit, desc=self.desc, disable=self.quiet)
        self.bar.n = done
        self.bar.refresh()

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def endpoint_options(args: argparse.Namespace) -> dict[str, Any]:
    """Backend options beyond the common ones: ``--backend openai``'s concurrency and API key
    variable, or the local backends' ``--gguf-file`` and ``--threads``."""
    if args.backend == "openai":
        return {"concurrency": args.concurrency, "api_key_env": args.api_key_env}
    found = {"gguf_file": getattr(args, "gguf_file", None), "threads": getattr(args, "threads", None)}
    return {k: v for k, v in found.items() if v is not None}


def batch_size_arg(text: str) -> int | str:
    """``--batch-size``: a whole number ≥ 1 or ``auto``."""
    if text == "auto":
        return text
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("give a whole number or 'auto'") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_backend_options(p: argparse.ArgumentParser) -> None:
    """The options that pick and tune a model backend (``generate`` and ``judge``); read the
    endpoint ones back with :func:`endpoint_options`."""
    p.add_argument("--backend", choices=("transformers", "vllm", "openai"), default="transformers")
    p.add_argument("--base-url", default=None, help="openai backend: the server, e.g. http://localhost:8000/v1")
    p.add_argument("--api-key-env", default="OPENAI_API_KEY",
                   help="openai backend: environment variable holding the API key (never stored)")
    p.add_argument("--concurrency", type=int, default=8, help="openai backend: requests in flight")
    p.add_argument("--batch-size", type=batch_size_arg, default="auto",
                   help="prompts per batch, or auto (halved on out-of-memory)")
    p.add_argument("--device", default="auto", help="auto | cuda | cuda:1 | mps | cpu")
    p.add_argument("--dtype", default=None, help="bf16 | fp16 | fp32 (default: bf16 on CUDA, fp32 on CPU)")
    p.add_argument("--threads", type=int, default=None,
                   help="torch CPU threads (default: the CPUs available; on a busy shared machine fewer run faster)")
    p.add_argument("--gguf-file", default=None,
                   help="with --model FOLDER: the GGUF file in it to load (a .gguf path as --model needs none)")
