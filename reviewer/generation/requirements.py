"""Which optional packages a backend needs, checked before a job starts (no import, only a look-up).

A rater's install has no torch: the ``transformers`` backend (and the judge's logprob mode, which
runs on it) needs the models extra, ``vllm`` its own package. :func:`require_backend` raises a
:class:`~reviewer.errors.ReviewerError` that says what is missing and the command that installs it,
instead of the raw ``ModuleNotFoundError`` the first ``import torch`` would raise deep in a job.
``make_backend`` calls it, so the CLI and the app give the same message; the Generate and Run judge
dialogs call :func:`missing_packages` to refuse before anything starts.
"""

from __future__ import annotations

import importlib.util
import sys

from reviewer.errors import ReviewerError

MODELS_EXTRA_COMMAND = 'pip install "reviewer[models]"'
NEEDS: dict[str, tuple[str, ...]] = {"transformers": ("torch", "transformers"), "vllm": ("vllm",), "openai": ()}
INSTALL: dict[str, str] = {"transformers": MODELS_EXTRA_COMMAND, "vllm": "pip install vllm", "openai": ""}


def installed(package: str) -> bool:
    """Whether *package* can be imported here (a ``None`` entry in ``sys.modules`` means blocked)."""
    if package in sys.modules:
        return sys.modules[package] is not None
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def missing_packages(backend: str) -> list[str]:
    """The packages *backend* needs that this install lacks (empty: it can run)."""
    return [p for p in NEEDS.get(backend, ()) if not installed(p)]


def missing_message(backend: str, missing: list[str]) -> str:
    return (f"the {backend} backend needs {', '.join(missing)}, which this installation does not have; "
            f"install it with:  {INSTALL.get(backend) or 'pip install ' + ' '.join(missing)}  "
            "(or use the openai backend with a model server)")


def require_backend(backend: str) -> None:
    """Raise a ReviewerError naming the install command when *backend*'s packages are missing."""
    missing = missing_packages(backend)
    if missing:
        raise ReviewerError(missing_message(backend, missing))
