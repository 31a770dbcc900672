"""Shared fixtures: offscreen Qt, no hub access, a real SQLite study store per test.

Every fixture of the suite is defined here (plain helper functions stay in the ``tests/helpers_*``
modules and are imported where used), so pytest finds them without imports in the test modules.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest  # noqa: E402

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from reviewer.store import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


# --------------------------------------------------------------------------------- study databases
@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "study.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    from reviewer.store import open_store

    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated, empty database made once per session (migrating costs about a second per
    database on the shared machine); ``fresh_db`` copies it."""
    from reviewer.store import open_store

    path = tmp_path_factory.mktemp("empty-db") / "empty.db"
    open_store(path).close()  # closing the last connection folds the WAL into the file
    return path


@pytest.fixture
def fresh_db(empty_db_template: Path, tmp_path: Path) -> Path:
    """The path of a new, empty, migrated study database in tmp_path."""
    path = tmp_path / "study.db"
    shutil.copy2(empty_db_template, path)
    return path


@pytest.fixture
def fresh_store(fresh_db: Path) -> Iterator[Store]:
    from reviewer.store import open_store

    store = open_store(fresh_db)
    yield store
    store.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo study built once per session; tests copy the file."""
    from reviewer.store import open_store
    from tests.helpers_coordinator import demo_ids

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    st = open_store(path)
    demo_ids(st)
    st.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A fresh copy of the demo study database for this test (as a Store)."""
    from reviewer.store import open_store

    path = tmp_path / "study.db"
    shutil.copyfile(demo_template, path)
    st = open_store(path)
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
    ``tests.helpers_coordinator.demo_ids``); its coordinator UI keeps job errors instead of showing
    message boxes."""
    from tests.helpers_gui import isolate_settings

    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow

    make_app("en")
    made: list[MainWindow] = []

    def make(store: Store, ids: dict[str, Any], coordinator: bool = True, rater: str | None = None) -> MainWindow:
        rater = rater or sorted(ids["raters"])[0]
        w = MainWindow(store, ids["study"], ids["raters"][rater], rater, coordinator)
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
