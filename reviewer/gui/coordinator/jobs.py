"""Background jobs for the coordinator screens: one worker thread per long job, a jobs dock.

A job runs a plain function ``fn(progress, is_cancelled)`` (the Orange3 shape every service
follows) on its own ``QThread``; the function opens its own database sessions inside the
service it calls, so no ORM object ever crosses threads. ``progress(done, total, text="")`` may be
called from the worker as often as it likes; the job turns it into the ``progress`` signal, which
Qt queues to the GUI thread. The result (or the error message) arrives by ``finished`` /
``failed``; a failure is shown to the user in a (non-blocking) message box and kept on the job,
never swallowed. :class:`JobsPanel` is the dock that lists jobs with a progress bar, a rate,
the elapsed time and a Cancel button; :meth:`JobManager.shutdown` cancels and waits (window close).
"""

from __future__ import annotations

import gc
import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewer.errors import ReviewerError, explain
from reviewer.gui.safe_text import message_box, plain_label, plain_tooltip
from reviewer.paths import masked_url

log = logging.getLogger(__name__)

Progress = Callable[..., None]  # progress(done: int, total: int, text: str = "")
JobFn = Callable[[Progress, Callable[[], bool]], Any]


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds < 3600 else \
        f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def error_message(exc: BaseException) -> str:
    """What the user reads: a ReviewerError's own message or a failure the user can fix (a full disk,
    a locked database: reviewer.errors.explain), otherwise the type, text and origin; a database
    password never shows."""
    known = explain(exc)
    if known is not None:
        return known
    tb = traceback.extract_tb(exc.__traceback__)
    where = f" (in {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno})" if tb else ""
    return masked_url(f"{type(exc).__name__}: {exc}{where}")


class _Runner(QThread):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job._run()  # noqa: SLF001


class Job(QObject):
    """One background job. States: waiting, running, done, cancelled, failed.

    The worker emits private signals that land in slots of this object (which lives on the GUI
    thread, so Qt queues them); the slots update the state and emit the public signals, so whatever
    is connected to ``progress`` / ``finished`` / ``failed`` always runs on the GUI thread.
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    _w_progress = Signal(int, int, str)
    _w_done = Signal(object)
    _w_error = Signal(str, bool)

    def __init__(self, title: str, fn: JobFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title, self.fn = title, fn
        self.state = "waiting"
        self.result: Any = None
        self.error: str | None = None
        self.done_count, self.total_count, self.text = 0, 0, ""
        self.started_at = self.ended_at = 0.0
        self._cancel = False
        self._w_progress.connect(self._on_progress)
        self._w_done.connect(self._on_done)
        self._w_error.connect(self._on_error)
        self._thread = _Runner(self)

    # -- GUI thread -----------------------------------------------------------------------------
    def start(self) -> None:
        self.state, self.started_at = "running", time.monotonic()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the function to stop at its next ``is_cancelled()`` check."""
        self._cancel = True

    def wait(self, ms: int = 30000) -> bool:
        return self._thread.wait(ms)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def elapsed(self) -> float:
        end = self.ended_at or time.monotonic()
        return end - self.started_at if self.started_at else 0.0

    def rate_text(self) -> str:
        """The function's own rate text (e.g. tokens/s), else items per second."""
        if self.text:
            return self.text
        seconds = self.elapsed()
        if self.done_count and seconds > 0:
            return f"{self.done_count / seconds:.1f} items/s"
        return ""

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.done_count, self.total_count = done, total
        if text:
            self.text = text
        self.progress.emit(done, total, text)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.result = result
        self.state = "cancelled" if self._cancel else "done"
        self.ended_at = time.monotonic()
        self.finished.emit(result)

    @Slot(str, bool)
    def _on_error(self, message: str, cancelled: bool) -> None:
        self.error = message
        self.ended_at = time.monotonic()
        if cancelled:
            self.state = "cancelled"
            self.finished.emit(None)
        else:
            self.state = "failed"
            self.failed.emit(message)

    # -- worker thread --------------------------------------------------------------------------
    def is_cancelled(self) -> bool:
        return self._cancel

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self._w_progress.emit(int(done), int(total), str(text or ""))

    def _run(self) -> None:
        try:
            result = self.fn(self._progress, self.is_cancelled)
        except BaseException as exc:  # noqa: BLE001 - every failure reaches the user
            message = error_message(exc)
            cancelled = self._cancel and ("cancel" in message.lower() or isinstance(exc, KeyboardInterrupt))
            if not cancelled and not isinstance(exc, ReviewerError):  # a bug: keep the whole traceback
                log.error("job %r failed: %s", self.title, masked_url("".join(traceback.format_exception(exc))))
            self._w_error.emit(message, cancelled)
            return
        self._w_done.emit(result)


class GuiThreadGc(QObject):
    """While jobs run, Python's cyclic garbage collector runs on the GUI thread only.

    Automatic collection happens in whichever thread allocates when a threshold is crossed: a job
    that allocates a lot (pandas, matplotlib) would then destroy unreachable Qt widgets -- a closed
    dialog caught in a reference cycle -- from its worker thread, and Qt crashes. So while any job
    is active automatic collection is off and a GUI-thread timer collects instead (the PyQt/PySide
    "garbage collector on the main thread" pattern); when the last job ends it is back as it was.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1500) -> None:
        super().__init__(parent)
        self.active = 0
        self.was_enabled = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: gc.collect(1))

    def job_started(self) -> None:
        if self.active == 0:
            self.was_enabled = gc.isenabled()
            gc.collect()
            gc.disable()
            self.timer.start()
        self.active += 1

    def job_ended(self) -> None:
        self.active = max(0, self.active - 1)
        if self.active == 0:
            self.timer.stop()
            gc.collect()
            if self.was_enabled:
                gc.enable()


class JobManager(QObject):
    """Starts jobs, keeps them listed, shows failures, and stops them all on close."""

    jobAdded = Signal(object)

    def __init__(self, parent_widget: QWidget | None = None, *, show_errors: bool = True) -> None:
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.show_errors = show_errors
        self.jobs: list[Job] = []
        self.errors: list[str] = []
        self.gc = GuiThreadGc(self)

    def start(self, title: str, fn: JobFn, *, on_done: Callable[[Any], None] | None = None,
              on_failed: Callable[[str], None] | None = None) -> Job:
        """Run *fn* in a worker thread; *on_done(result)* / *on_failed(message)* run on the GUI thread."""
        job = Job(title, fn, self)
        self.gc.job_started()
        job.finished.connect(lambda _r: self.gc.job_ended())
        job.failed.connect(lambda _m: self.gc.job_ended())
        if on_done is not None:
            job.finished.connect(on_done)
        job.failed.connect(lambda msg, j=job: self._failed(j, msg))
        if on_failed is not None:
            job.failed.connect(on_failed)
        self.jobs.append(job)
        self.jobAdded.emit(job)
        job.start()
        return job

    def _failed(self, job: Job, message: str) -> None:
        self.errors.append(message)
        if self.show_errors:
            box = message_box(QMessageBox.Icon.Warning, job.title, message, QMessageBox.StandardButton.Ok,
                              self.parent_widget)
            box.setText(self.tr("%s failed") % job.title)
            box.setInformativeText(message)
            box.open()  # not exec(): the rest of the app keeps working

    def running(self) -> list[Job]:
        return [j for j in self.jobs if j.is_running()]

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Cancel every running job and wait for them (window close, app quit)."""
        for job in self.running():
            job.cancel()
        ok = True
        for job in list(self.jobs):
            ok = job.wait(timeout_ms) and ok
        if ok and self.gc.active:  # their end signals may never be delivered now: collection back on
            self.gc.active = 1
            self.gc.job_ended()
        return ok


class JobRow(QWidget):
    """One job in the panel: title, state, progress bar, rate, elapsed time, Cancel."""

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName("JobRow")
        self.title = plain_label(job.title)
        self.title.setObjectName("SectionTitle")
        self.title.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.info = plain_label()
        self.info.setObjectName("Subtle")
        self.info.setWordWrap(True)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.cancel_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addWidget(self.bar)
        lay.addWidget(self.info)
        job.progress.connect(lambda *_: self.refresh())
        job.finished.connect(lambda *_: self.refresh())
        job.failed.connect(lambda *_: self.refresh())
        self.refresh()

    def _cancel(self) -> None:
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancelling…"))

    def refresh(self) -> None:
        job = self.job
        if job.total_count:
            self.bar.setRange(0, job.total_count)
            self.bar.setValue(min(job.done_count, job.total_count))
        state = {"running": self.tr("running"), "done": self.tr("done"), "cancelled": self.tr("cancelled"),
                 "failed": self.tr("failed"), "waiting": self.tr("waiting")}.get(job.state, job.state)
        parts = [state]
        if job.total_count:
            parts.append(f"{job.done_count} / {job.total_count}")
        rate = job.rate_text()
        if rate:
            parts.append(rate)
        parts.append(_duration(job.elapsed()))
        self.info.setText("  ·  ".join(parts))
        if job.state == "failed" and job.error:
            first = job.error.splitlines()[0]
            self.info.setText(self.info.text() + "\n" + (first[:140] + "…" if len(first) > 140 else first))
            self.info.setToolTip(plain_tooltip(job.error))
        finished = job.state in ("done", "cancelled", "failed")
        if finished:
            if job.state == "done":
                self.bar.setRange(0, max(job.total_count, 1))
                self.bar.setValue(max(job.total_count, 1))
            elif not job.total_count:
                self.bar.setRange(0, 1)
            self.cancel_button.setVisible(False)


class JobsPanel(QDockWidget):
    """The jobs dock: every job of this window, newest first, ticking once a second."""

    def __init__(self, manager: JobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent.tr("Jobs") if parent is not None else "Jobs", parent)
        self.setObjectName("JobsPanel")
        self.manager = manager
        self.rows: list[JobRow] = []
        body = QWidget()
        self.list_layout = QVBoxLayout(body)
        self.list_layout.setContentsMargins(4, 4, 4, 4)
        self.empty = plain_label(self.tr("No jobs yet. Generation, judging, analysis and merges run here."))
        self.empty.setObjectName("Subtle")
        self.empty.setWordWrap(True)
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.setMinimumWidth(320)
        manager.jobAdded.connect(self.add_job)
        for job in manager.jobs:
            self.add_job(job)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def add_job(self, job: Job) -> None:
        row = JobRow(job)
        self.rows.append(row)
        self.empty.setVisible(False)
        self.list_layout.insertWidget(0, row)
        self.show()

    def _tick(self) -> None:
        for row in self.rows:
            if row.job.state == "running":
                row.refresh()
