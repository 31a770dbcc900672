"""Entry script of the frozen rater app (PyInstaller).

It is the ``reviewer`` command line, with two conveniences for people who never open a terminal:
no arguments (a double-click) opens the review app, and a lone ``.rvw``/``.db`` argument (a file
opened from the file manager) opens that file in the app. The rater bundle leaves out the
coordinator's analysis stack (torch, scipy, matplotlib); a command that needs it ends with a plain
message instead of a traceback.
"""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

LEFT_OUT = {"torch", "transformers", "accelerate", "vllm", "scipy", "matplotlib", "PIL", "pyarrow",
            "psycopg", "statsmodels", "sklearn", "pingouin"}


def frozen_argv(argv: list[str]) -> list[str]:
    """Map a double-click (no arguments) and an opened file (one path) onto ``reviewer gui``."""
    if not argv:
        return ["gui"]
    if len(argv) == 1 and not argv[0].startswith("-") and Path(argv[0]).suffix.lower() in {".rvw", ".db"}:
        return ["gui", argv[0]]
    return argv


def run(argv: list[str]) -> int:
    from reviewer.cli.main import main

    try:
        return main(frozen_argv(argv))
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in LEFT_OUT:
            raise
        print(f"reviewer: error: this command needs {top!r}, which the rater app does not include; "
              "install the full package on a coordinator's machine (pip install reviewer; add [models] for generation and judging)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run(sys.argv[1:]))
