"""While a job runs, Python's cyclic GC never runs in its worker thread (it could destroy Qt
widgets there): automatic collection is off and the GUI thread collects; afterwards it is back on."""

from __future__ import annotations

import gc
import threading

from tests.support.coordinator import assert_done, wait_job


def test_cycles_are_collected_on_the_gui_thread_while_a_job_runs(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from reviewer.gui.coordinator.jobs import JobManager

    owner = QWidget()
    qtbot.addWidget(owner)
    manager = JobManager(owner, show_errors=False)
    collected_in: list[str] = []
    release = threading.Event()

    class Cycle:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected_in.append(threading.current_thread().name)

    def work(progress, is_cancelled):  # noqa: ANN001, ANN202
        junk = [[i] for i in range(200_000)]  # enough allocations to cross the GC thresholds many times
        release.wait(10)
        return len(junk)

    assert gc.isenabled()
    job = manager.start("allocate", work)
    assert not gc.isenabled()  # automatic collection off while the job runs
    Cycle()  # unreachable at once, only the collector can free it
    qtbot.waitUntil(lambda: bool(collected_in), timeout=5000)  # the GUI thread's timer collected it
    release.set()
    wait_job(qtbot, job)
    assert_done(job)
    qtbot.waitUntil(gc.isenabled, timeout=2000)
    assert collected_in == [threading.main_thread().name]
