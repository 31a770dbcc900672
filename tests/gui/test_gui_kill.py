"""Killing the app (SIGKILL) right after changes loses nothing that it showed as saved."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reviewer import rating as svc
from reviewer.store import open_store
from tests.support.rating import make_study

DRIVER = Path(__file__).with_name("gui_kill_driver.py")


def test_sigkill_after_changes_loses_nothing_shown_as_saved(store, db_path, tmp_path):
    ids = make_study(store)
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(db_path), str(tmp_path / "settings")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                            cwd=Path(__file__).resolve().parents[2])
    saved: list[dict] = []
    deadline = time.monotonic() + 60
    try:
        for line in proc.stdout:
            if line.startswith("saved "):
                saved.append(json.loads(line[6:]))
            if line.startswith("done") or time.monotonic() > deadline:
                break
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    assert len(saved) == 6  # three criteria, overall score, safety flag, comment
    last = saved[-1]
    again = open_store(db_path)
    with again.Session() as s:
        item = svc.load_item(s, ids["alice"], last["response"])
    again.close()
    assert {str(k): v for k, v in item.values.items()} == last["values"]
    assert sorted(last["values"].values()) == ["met", "na", "not_met"]
    assert (item.overall_score, item.safety_flag, item.comment) == (last["overall"], True, "kill me")
    assert last["overall"] == 4
    assert item.status == "draft"
