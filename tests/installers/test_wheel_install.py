"""The built wheel installs into a fresh virtual environment and runs: --version, migrations and the
demo study shipped inside it, the demo rendered offscreen to a real screenshot.

The wheel is built from a copy of the checkout (setuptools writes build/ and *.egg-info next to the
sources, and other people work in the checkout). The venv borrows this interpreter's site-packages (a
``.pth`` file; ``--system-site-packages`` alone would give the base interpreter's) so that nothing is
downloaded; the test checks that ``reviewer``
itself is imported from the venv, not from the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
IGNORE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", ".pytest_cache",
                                ".ruff_cache", "*.db", "*.db-wal", "*.db-shm", "tests", "benchmarks")

pytestmark = pytest.mark.slow


def _run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: int = 300) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def _isolation() -> list[str]:
    """Build with this interpreter's setuptools when it can make wheels by itself (>= 70.1, which has
    bdist_wheel built in); otherwise let pip make its usual isolated build environment."""
    try:
        import setuptools
    except ImportError:
        return []
    major, minor = (int(x) for x in setuptools.__version__.split(".")[:2])
    return ["--no-build-isolation"] if (major, minor) >= (70, 1) else []


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REVIEWER_DB", "VIRTUAL_ENV")}
    env.update(HOME=str(base / "home"), XDG_DATA_HOME=str(base / "home" / "data"),
               XDG_CONFIG_HOME=str(base / "home" / "config"), QT_QPA_PLATFORM="offscreen")
    (base / "home").mkdir()
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", *_isolation(), "-q", "-w", str(wheels), str(src)],
         cwd=base, env=env)
    wheel = next(wheels.glob("reviewer-*.whl"))
    env_dir = base / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    # A venv made from inside a venv sees the *base* interpreter's packages; a .pth file adds this
    # interpreter's site-packages after the new venv's own, so the installed wheel still wins.
    purelib = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                   cwd=base, env=env).strip()
    (Path(purelib) / "_outer_site.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q", str(wheel)],
         cwd=base, env=env)
    return {"base": base, "python": py, "reviewer": env_dir / "bin" / "reviewer", "env": env, "wheel": wheel}


def _env(installed: dict) -> dict[str, str]:  # noqa: ANN001
    return installed["env"]


def test_version_from_the_venv(installed) -> None:  # noqa: ANN001
    from reviewer import __version__

    out = _run([str(installed["reviewer"]), "--version"], cwd=installed["base"], env=_env(installed))
    assert out.strip() == f"reviewer {__version__}"
    where = _run([str(installed["python"]), "-c", "import reviewer, reviewer.paths as p; print(reviewer.__file__); "
                  "print(p.migrations_dir())"], cwd=installed["base"], env=_env(installed)).split()
    venv_dir = str(installed["python"].parent.parent)
    assert all(p.startswith(venv_dir) for p in where), where


def test_wheel_carries_migrations_and_resources(installed) -> None:  # noqa: ANN001
    code = ("import json, importlib.util, reviewer.paths as p; from pathlib import Path; "
            "d = p.migrations_dir(); r = p.resources_dir(); "
            "print(json.dumps({'top_level_db': importlib.util.find_spec('db') is not None, "
            "'versions': sorted(x.name for x in (d / 'versions').glob('0*.py')), "
            "'env': (d / 'env.py').is_file(), 'resources': str(r), 'migrations': str(d), "
            "'demo': (r / 'demo' / 'demo_study.json').is_file(), "
            "'icon': (r / 'icons' / 'reviewer.svg').is_file(), "
            "'prompts': sorted(x.name for x in (r / 'judge_prompts').glob('*.j2'))}))")
    info = json.loads(_run([str(installed["python"]), "-c", code], cwd=installed["base"], env=_env(installed)))
    assert any(v.startswith("0001_") for v in info["versions"]), info
    assert info["env"] and info["demo"] and info["icon"], info
    assert not info["top_level_db"], info  # migrations ship as reviewer.migrations, no package named db
    assert "reviewer" in Path(info["migrations"]).parts, info
    shipped = sorted(x.name for x in (ROOT / "resources" / "judge_prompts").glob("*.j2"))
    assert info["prompts"] == shipped, info  # judge prompt templates travel too
    assert info["resources"].startswith(str(installed["python"].parent.parent)), info


def test_demo_screenshot_from_the_venv(installed) -> None:  # noqa: ANN001
    if not (ROOT / "reviewer" / "cli" / "commands" / "gui_cmds.py").is_file():
        pytest.skip("reviewer demo --screenshot is not in this checkout yet")
    base = installed["base"]
    shot, db = base / "demo.png", base / "demo.db"
    _run([str(installed["reviewer"]), "--db", str(db), "demo", "--screenshot", str(shot)], cwd=base,
         env=_env(installed))
    status = json.loads(_run([str(installed["reviewer"]), "--db", str(db), "status", "--json"], cwd=base,
                             env=_env(installed)))
    assert status["cases"] >= 12 and status["ratings"] == 3 * status["responses"]
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 640 and image.height() >= 400
    assert shot.stat().st_size > 5000
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 8, "the screenshot is (nearly) one flat colour"
