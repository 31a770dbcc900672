"""Plain ``pytest`` and ``python -m pytest`` collect the same tests, against this checkout's code.

``python -m pytest`` puts the working directory on ``sys.path`` and the ``pytest`` script does not;
``pythonpath = ["."]`` in pyproject.toml makes up the difference. Without it the script would fail to
import the ``tests.*`` helpers, or would import ``reviewer`` from an editable install of another
checkout. Both are run here from the repository root without PYTHONPATH, as a person would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UNDER_TEST = "reviewer under test: "  # the line tests/conftest.py reports after collecting

pytestmark = pytest.mark.slow


def _start(command: list[str]) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.Popen([*command, "--collect-only", "-q", "-p", "no:cacheprovider"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(proc: subprocess.Popen[str], name: str) -> tuple[list[str], list[str]]:
    """(node ids, reviewer folders reported) of a finished collection; fails with its output if it failed."""
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, f"{name} --collect-only exited {proc.returncode}:\n{out[-4000:]}"
    lines = out.splitlines()
    ids = [line for line in lines if line.startswith("tests/") and "::" in line]
    under_test = [line[len(UNDER_TEST):] for line in lines if line.startswith(UNDER_TEST)]
    return ids, under_test


def _whole_suite_in_this_session(request: pytest.FixtureRequest) -> bool:
    """This session collected the whole suite from the root: no paths, --ignore, -k, -m or deselection."""
    config = request.config
    args = [a for a in config.args if not a.startswith("-")]
    whole = not args or all(Path(a).resolve() in (ROOT, ROOT / "tests") for a in args)
    narrowed = config.getoption("ignore") or config.getoption("ignore_glob") or config.getoption("deselect")
    return (whole and not narrowed and Path(config.invocation_params.dir).resolve() == ROOT
            and not config.option.keyword and not config.option.markexpr and not getattr(config.option, "lf", False))


def test_pytest_and_python_m_pytest_collect_the_same_tests_of_this_checkout(request: pytest.FixtureRequest) -> None:
    """One way is this very session when it collected the whole suite (.ci/run starts it with
    ``python -m pytest``), so only the other way runs in a subprocess; otherwise both do."""
    script = shutil.which("pytest", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip(f"no pytest script beside {sys.executable}")
    by_module = Path(sys.argv[0]).name == "__main__.py"  # how this session was started
    plain_cmd, module_cmd = [script], [sys.executable, "-m", "pytest"]
    if _whole_suite_in_this_session(request):
        import reviewer

        here = ([item.nodeid for item in request.session.items], [str(Path(reviewer.__file__).resolve().parent)])
        other = _finish(_start(plain_cmd if by_module else module_cmd), "the other way")
        (plain, plain_code), (module, module_code) = (other, here) if by_module else (here, other)
    else:
        runs = {"pytest": _start(plain_cmd), "python -m pytest": _start(module_cmd)}
        (plain, plain_code), (module, module_code) = (_finish(proc, name) for name, proc in runs.items())
    assert sorted(set(plain) ^ set(module)) == []  # what only one of them collects
    assert plain == module  # and in the same order
    assert "tests/test_collection.py::test_pytest_and_python_m_pytest_collect_the_same_tests_of_this_checkout" \
        in plain
    assert plain_code == module_code == [str(ROOT / "reviewer")]
