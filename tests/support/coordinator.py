"""Coordinator GUI test helpers: the demo study's ids, jobs awaited (the ``coord_window``,
``demo_store`` and ``demo_template`` fixtures are in tests/conftest.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from reviewer.gui.coordinator.jobs import Job
    from reviewer.store import Store


def demo_ids(store: Store) -> dict[str, Any]:
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


def wait_job(qtbot: QtBot, job: Job, timeout: int = 60000) -> None:
    """Wait until *job* ended (done, cancelled or failed); the GUI thread keeps processing events."""
    qtbot.waitUntil(lambda: job.state in ("done", "cancelled", "failed"), timeout=timeout)


def assert_done(job: Job) -> None:
    assert job.state == "done", f"job {job.title!r} ended {job.state}: {job.error}"
