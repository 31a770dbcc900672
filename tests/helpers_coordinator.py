"""Coordinator GUI test helpers: the demo study's ids, jobs awaited (the ``coord_window``,
``demo_store`` and ``demo_template`` fixtures are in tests/conftest.py)."""

from __future__ import annotations

from sqlalchemy import select


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


def wait_job(qtbot, job, timeout: int = 60000) -> None:  # noqa: ANN001
    """Wait until *job* ended (done, cancelled or failed); the GUI thread keeps processing events."""
    qtbot.waitUntil(lambda: job.state in ("done", "cancelled", "failed"), timeout=timeout)


def assert_done(job) -> None:  # noqa: ANN001
    assert job.state == "done", f"job {job.title!r} ended {job.state}: {job.error}"
