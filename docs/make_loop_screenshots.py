"""Render the coordinator's loop dialogs and the study overview, in English and Simplified Chinese,
into docs/screenshots/ (``loop_<name>.png`` and ``loop_<name>_zh_CN.png``).

    QT_QPA_PLATFORM=offscreen python docs/make_loop_screenshots.py [--out docs/screenshots]

Builds the demo study in a temporary database, merges one rater's (empty) return so the overview
has a last return, and a tiny random Llama model for the Generate and Run judge previews (no
download). Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import finish, grab, workspace  # noqa: E402

RATER = "dr-chen"


def shoot(app, db: Path, model: Path, out: Path, suffix: str) -> None:  # noqa: ANN001
    from reviewer.gui.app import build_window

    w = build_window(str(db), rater=RATER, coordinator=True, interactive=False)
    w.persist_settings = False
    ui = w.coordinator_ui
    d = ui.open_import()
    d.kind.setCurrentIndex(d.kind.findData("verdicts"))
    d.file.setText(str(db.parent / "verdicts.jsonl"))
    d.judge.setText("outside-judge")
    print(grab(app, d, out / f"loop_import{suffix}.png", 680))
    d.reject()
    d = ui.open_assign()
    d.new_raters.setText("dr-zhao")
    d.calibration.setValue(3)
    print(grab(app, d, out / f"loop_assign{suffix}.png", 720))
    d.reject()
    d = ui.open_pack()
    d.folder.setText(str(db.parent / "review-files"))
    print(grab(app, d, out / f"loop_pack{suffix}.png", 720))
    d.reject()
    d = ui.open_report()
    d.formats[".pdf"].setChecked(True)
    print(grab(app, d, out / f"loop_report{suffix}.png", 720))
    d.reject()
    d = ui.open_generate()
    d.model.setText(str(model))
    d.device.setCurrentText("cpu")
    d.preview.show_preview()
    print(grab(app, d, out / f"generate_preview{suffix}.png", 760, 900))
    d.reject()
    d = ui.open_judge()
    d.model.setText(str(model))
    d.mode.setCurrentIndex(d.mode.findData("logprob"))
    d.device.setCurrentText("cpu")
    d.preview.show_preview()
    print(grab(app, d, out / f"judge_preview{suffix}.png", 760, 980))
    d.reject()
    ui.open_overview()
    print(grab(app, ui.second, out / f"study_overview{suffix}.png", 1400, 560))
    ui.second.close()
    w.close()


def main() -> int:
    out, tmp, db, _args = workspace(__doc__)

    from reviewer.reviewfiles import merge_return_files, pack_review_file, write_return_file
    from reviewer.store import open_store
    from reviewer.studies.demo import build_demo
    from tests.support.tiny_models import build_tiny_llama

    store = open_store(db)
    study = build_demo(store)
    pack_review_file(store, "dr-okafor", tmp / "okafor.rvw", study=study)
    write_return_file(tmp / "okafor.rvw", tmp / "demo-dr-okafor.rvr")
    merge_return_files(store, [tmp / "demo-dr-okafor.rvr"], actor=RATER, study=study)
    from reviewer.studies.lookup import get_study
    from reviewer.studies.operations import assign

    with store.Session() as s:
        study_id = get_study(s, study).id
    assign(store, study_id, ["dr-zhao"], per_response=1, max_per_rater=12, created_by=RATER)
    store.close()
    model = build_tiny_llama(tmp / "tiny-llama")

    from reviewer.gui.app import make_app
    from reviewer.gui.i18n import install_translator

    app = make_app("en")
    shoot(app, db, model, out, "")
    translator = install_translator(app, "zh_CN")
    shoot(app, db, model, out, "_zh_CN")
    app.removeTranslator(translator)
    finish()


if __name__ == "__main__":
    raise SystemExit(main())
