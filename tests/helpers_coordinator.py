"""Coordinator GUI test helpers: a main window on the demo study (coordinator or rater), jobs awaited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.helpers_gui import isolate_settings


def demo_ids(store) -> dict:  # noqa: ANN001
    """Ids of the demo study in *store* (built if the store has none)."""
    from reviewer.store.models import Rater, Study
    from reviewer.studies.demo import DEMO_NAME, build_demo

    with store.Session() as s:
        name = s.scalar(select(Study.name).where(Study.name == DEMO_NAME))
    if name is None:
        name = build_demo(store)
    with store.Session() as s:
        study_id = s.scalar(select(Study.id).where(Study.name == name))
        raters = dict(s.execute(select(Rater.name, Rater.id)).all())
    return {"study": study_id, "study_name": name, "raters": raters}


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo study built once per session; tests copy the file."""
    from reviewer.store import open_store

    path = tmp_path_factory.mktemp("demo-template") / "demo.db"
    st = open_store(path)
    demo_ids(st)
    st.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path):
    """A fresh copy of the demo study database for this test (as a Store)."""
    import shutil

    from reviewer.store import open_store

    path = tmp_path / "study.db"
    shutil.copyfile(demo_template, path)
    st = open_store(path)
    yield st
    st.close()


@pytest.fixture
def coord_window(qtbot, tmp_path: Path):
    """make(store, ids, coordinator=True, rater=None) -> MainWindow with its coordinator UI installed."""
    isolate_settings(tmp_path / "settings")
    from reviewer.gui.app import make_app
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    make_app("en")
    made = []

    def make(store, ids, coordinator: bool = True, rater: str | None = None):  # noqa: ANN001, ANN202
        rater = rater or sorted(ids["raters"])[0]
        w = MainWindow(RatingOperations(store), ids["study"], ids["raters"][rater], rater, coordinator)
        w.persist_settings = False
        if not hasattr(w, "coordinator_ui"):  # main window not hooked yet: install as it will
            from reviewer.gui.coordinator.menu import install

            install(w)
        if w.coordinator_ui is not None:
            w.coordinator_ui.jobs.show_errors = False  # no message boxes in tests; errors are kept
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.close()


def wait_job(qtbot, job, timeout: int = 60000) -> None:  # noqa: ANN001
    """Wait until *job* ended (done, cancelled or failed); the GUI thread keeps processing events."""
    qtbot.waitUntil(lambda: job.state in ("done", "cancelled", "failed"), timeout=timeout)


def assert_done(job) -> None:  # noqa: ANN001
    assert job.state == "done", f"job {job.title!r} ended {job.state}: {job.error}"
