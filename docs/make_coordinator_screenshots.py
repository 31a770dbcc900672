"""Render the coordinator screens on the bundled demo study into docs/screenshots/*.png.

    QT_QPA_PLATFORM=offscreen python docs/make_coordinator_screenshots.py [--out docs/screenshots]

Builds the demo study in a temporary database and a tiny random Llama model in a temporary folder
(no download), then shows: the Agreement view (summary, criteria worst first, plots; the summary
also in Simplified Chinese, ``agreement_summary_zh_CN.png``), the Triage
view with the worst criterion open, and the jobs panel while a real generation job runs. Chinese
text needs a CJK font (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import analyse, finish, grab, wait, workspace  # noqa: E402

RATER = "dr-chen"


def main() -> int:
    out, tmp, db, _args = workspace(__doc__)

    from reviewer.store import open_store
    from reviewer.studies.demo import build_demo

    store = open_store(db)
    build_demo(store)
    store.close()

    from PySide6.QtCore import Qt

    from reviewer.gui.app import build_window, make_app

    app = make_app("en")
    w = build_window(str(db), rater=RATER, coordinator=True, interactive=False)
    w.persist_settings = False
    ui = w.coordinator_ui

    # 1. agreement: summary, criteria worst first, plots
    view = ui.open_agreement()
    second = ui.second
    analyse(app, view, 500)
    print(grab(app, second, out / "agreement_summary.png", 1500, 920))
    view.tabs.setCurrentWidget(view.pages["criteria"])
    print(grab(app, second, out / "agreement_criteria.png", 1500, 920))
    view.tabs.setCurrentWidget(view.pages["judges"])
    print(grab(app, second, out / "agreement_judge.png", 1500, 920))
    view.tabs.setCurrentWidget(view.pages["plots"])
    print(grab(app, second, out / "agreement_plots.png", 1500, 920))

    # 1b. the same summary in Simplified Chinese: a second window opened with the catalogue installed
    from reviewer.gui.i18n import install_translator, remove_translators

    translator = install_translator(app, "zh_CN")
    wz = build_window(str(db), rater=RATER, coordinator=True, interactive=False)
    wz.persist_settings = False
    view_zh = wz.coordinator_ui.open_agreement()
    analyse(app, view_zh, 500)
    print(grab(app, wz.coordinator_ui.second, out / "agreement_summary_zh_CN.png", 1500, 920))
    wz.coordinator_ui.second.hide()
    wz.hide()
    remove_translators(app, translator)

    # 2. triage, the worst criterion open
    tri = ui.open_triage()
    wait(app, lambda: tri.job.state != "running")
    if tri.dis_model.rowCount() > 0:
        tri.dis_table.selectRow(0)
    print(grab(app, second, out / "triage.png", 1500, 920))
    second.hide()

    # 3. the jobs panel while a real (tiny, random) model generates answers
    from tests.support.tiny_models import build_tiny_llama

    model = build_tiny_llama(tmp / "tiny-llama")
    ui.start_generation({"model": str(model), "backend": "transformers", "cases": "all", "samples": 1,
                         "settings": {"max_new_tokens": 2}, "batch_size": "auto", "device": "cpu",
                         "base_url": None, "name": "warm-up"})
    wait(app, lambda: ui.jobs.jobs[-1].state != "running")
    ui.start_generation({"model": str(tmp / "not-a-model"), "backend": "transformers", "cases": "all",
                         "samples": 1, "settings": {"max_new_tokens": 2}, "batch_size": "auto",
                         "device": "cpu", "base_url": None, "name": "broken"})
    wait(app, lambda: ui.jobs.jobs[-1].state != "running")
    # 3a. the dialogs: generate, and the template editor's diff between two versions
    dialog = ui.open_generate()
    dialog.model.setText(str(model))
    dialog.device.setCurrentText("cpu")
    dialog.max_new_tokens.setValue(256)
    dialog.temperature.setValue(0.7)
    dialog.samples.setValue(3)
    dialog.run_name.setText("tiny-llama-t0.7")
    print(grab(app, dialog, out / "generate_dialog.png", 640, dialog.sizeHint().height()))
    dialog.reject()
    editor = ui.open_templates()
    row = [i.name for i in editor.infos].index("healthbench")
    editor.versions.setCurrentIndex(editor.list_model.index(row, 0))
    editor.editor.setPlainText(editor.editor.toPlainText().replace(
        "# How to decide\n", "# How to decide\n- A dose or interval must be stated, not implied.\n"))
    editor.reason.setText("raters disagreed on implied doses")
    editor.save()
    editor.show_diff()
    print(grab(app, editor, out / "template_diff.png", 1200, 720))
    editor.reject()
    ui.actions["judge_runs"].trigger()
    runs = ui.last_dialog
    print(grab(app, runs, out / "judge_runs.png", 900, 360))
    runs.reject()

    running = ui.start_generation({"model": str(model), "backend": "transformers", "cases": "all", "samples": 3,
                                   "settings": {"max_new_tokens": 96, "temperature": 0.7}, "batch_size": 2,
                                   "device": "cpu", "base_url": None, "name": "tiny-llama-t0.7"})
    wait(app, lambda: running.done_count >= 6 and running.text)
    w.resize(1800, 960)
    w.show()
    ui.jobs_panel.show()
    w.resizeDocks([ui.jobs_panel], [380], Qt.Orientation.Horizontal)
    for row in ui.jobs_panel.rows:
        row.refresh()
    print(grab(app, w, out / "jobs_panel.png", 1800, 960))
    running.cancel()
    wait(app, lambda: running.state != "running")
    if ui.jobs.errors:
        print("job errors shown in the panel:", ui.jobs.errors[0][:120])
    finish()


if __name__ == "__main__":
    raise SystemExit(main())
