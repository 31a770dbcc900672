"""Render re-rating (issue 18) in English and Simplified Chinese into docs/screenshots/:
``rerate_dialog_<lang>.png`` (Triage's "Ask for re-rating…": the raters who rated the case on the
older version, one rater new to the case added, the preview of what is asked and what is carried)
and ``rerate_rater_<lang>.png`` (the rater's screen during the re-rating: the banner, the reworded
criterion focused, the others marked "carried"), then ``before_after_agreement.png`` (the English case
re-rated by all three physicians and the Agreement window's before / after tables).

    QT_QPA_PLATFORM=offscreen python docs/make_rerate_screenshots.py [--out docs/screenshots]

The demo study is built in a temporary database; one criterion of an English and of a Chinese case
is reworded there. Chinese text needs a CJK font (Debian/Ubuntu: ``apt-get install fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shots import analyse, finish, grab, show, workspace  # noqa: E402

RATER = "dr-chen"
NEW_RATER = "dr-zhao"
# (case, criterion key, the new wording) per language
REWORD = {"en": ("demo-en-01", "demo-en-01.c1", None), "zh_CN": ("demo-zh-09", "demo-zh-09.c1", None)}
ADDED = {"en": " Say so in the first sentence.", "zh_CN": "须写明具体克数（如每日少于5克）。"}


def case_uid(store, external_id: str) -> str:  # noqa: ANN001
    from sqlalchemy import select

    from reviewer.store.models import Case

    with store.Session() as s:
        return s.scalar(select(Case.uid).where(Case.external_id == external_id))


def reword(store) -> None:  # noqa: ANN001
    from reviewer.checklists import operations as checklist_ops

    for lang, (case, key, _text) in REWORD.items():
        uid = case_uid(store, case)
        crit, version = checklist_ops.latest_criterion(store, uid, key)
        checklist_ops.edit_criterion(store, uid, key, text=crit.text + ADDED[lang], points=crit.points,
                                     tier=crit.tier, author="coordinator", reason="raters read it two ways",
                                     base_version=version)


def before_after_page(app, store, db: Path, out: Path) -> Path:  # noqa: ANN001
    """The English case re-rated by all three physicians (the reworded criterion answered, each
    rating submitted), then the Agreement window's criteria page scrolled to the before / after
    table: ``before_after_agreement.png``."""
    from sqlalchemy import select

    from reviewer.checklists import operations as checklist_ops
    from reviewer.gui.app import build_window
    from reviewer.rating import service
    from reviewer.store.models import Rater, Response

    case, key, _t = REWORD["en"]
    checklist_ops.rerate_cases(store, [case_uid(store, case)], ["dr-patel", "dr-okafor"], actor="coordinator")
    answers = {"dr-chen": "met", "dr-patel": "met", "dr-okafor": "not_met"}
    with store.begin() as s:
        for name, value in answers.items():
            rater_id = s.scalar(select(Rater.id).where(Rater.name == name))
            for resp in s.scalars(select(Response.id).where(Response.external_id.like(f"{case}-%"))):
                item = service.load_item(s, rater_id, resp)
                if item.status != "draft":
                    continue
                for c in item.criteria:
                    if c.id not in item.values:
                        service.set_criterion(s, rater_id, resp, c.id, value if c.key == key else "met")
                service.submit(s, rater_id, resp, actor=name)
    w = build_window(str(db), rater=RATER, coordinator=True, interactive=False)
    w.persist_settings = False
    view = w.coordinator_ui.open_agreement()
    analyse(app, view, 200)
    view.tabs.setCurrentWidget(view.pages["criteria"])
    second = w.coordinator_ui.second
    show(app, second, 1500, 920)
    from PySide6.QtWidgets import QTableView

    page = view.pages["criteria"]
    table = page.findChild(QTableView, "table:before_after")
    if table is None:
        raise RuntimeError("the criteria page has no before / after table")
    page.verticalScrollBar().setValue(table.y() - 60)  # its title and note above it
    for _ in range(8):
        app.processEvents()
    return grab(app, second, out / "before_after_agreement.png", 1500, 920)


def main() -> int:
    out, _tmp, db, _args = workspace(__doc__)

    from sqlalchemy import select

    from reviewer.checklists import operations as checklist_ops
    from reviewer.gui.app import build_window, make_app, save_screenshot
    from reviewer.gui.coordinator.rerate_dialog import RerateDialog
    from reviewer.gui.i18n import install_translator, remove_translators
    from reviewer.store import open_store
    from reviewer.store.models import Rater, Response, Study
    from reviewer.studies.demo import build_demo

    store = open_store(db)
    build_demo(store)
    with store.begin() as s:
        s.add(Rater(name=NEW_RATER, display_name="Dr. Zhao"))
        study_id = s.scalar(select(Study.id))
    reword(store)

    app = make_app("en")
    written: list[Path] = []
    for lang, (case, _key, _t) in REWORD.items():
        translator = install_translator(app, "zh_CN") if lang == "zh_CN" else None
        dialog = RerateDialog(store, study_id, {case_uid(store, case): case}, "coordinator")
        dialog.new_rater.setCurrentIndex(dialog.new_rater.findData(NEW_RATER))
        dialog.add_selected_rater()
        written.append(grab(app, dialog, out / f"rerate_dialog_{lang}.png", 900, 720))
        dialog.close()
        if translator is not None:
            remove_translators(app, translator)
    for lang, (case, _key, _t) in REWORD.items():  # now ask for it, and look at it as the rater
        report = checklist_ops.rerate_cases(store, [case_uid(store, case)], [RATER], actor="coordinator")
        first = report.items[0]
        with store.Session() as s:
            response_id = s.scalar(select(Response.id).where(Response.uid == first.response_uid))
        translator = install_translator(app, "zh_CN") if lang == "zh_CN" else None
        w = build_window(str(db), rater=RATER, interactive=False)
        w.persist_settings = False
        w.resize(1600, 960)
        w.show()
        app.processEvents()
        w.select_response(response_id)
        app.processEvents()
        written.append(save_screenshot(w, out / f"rerate_rater_{lang}.png"))
        w.close()
        if translator is not None:
            remove_translators(app, translator)
    written.append(before_after_page(app, store, db, out))
    store.close()
    finish(written)


if __name__ == "__main__":
    raise SystemExit(main())
