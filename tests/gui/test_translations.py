"""The Simplified Chinese catalogue: every string of the app is translated, and every translation
keeps the source's format placeholders in the same order (a swapped %d/%s would crash the app)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parents[2] / "resources" / "translations"
PLACEHOLDER = re.compile(r"%(?:\d+|[sdfi]|L\d)")


def test_placeholders_match_in_order() -> None:
    table = json.loads((HERE / "zh_CN.json").read_text("utf-8"))
    bad = {src: dst for src, dst in table.items() if PLACEHOLDER.findall(src) != PLACEHOLDER.findall(dst)}
    assert bad == {}


def test_catalogue_is_complete_and_compiled() -> None:
    root = ET.parse(HERE / "reviewer_zh_CN.ts").getroot()
    untranslated = [m.find("source").text for m in root.iter("message")
                    if not (m.find("translation").text or "").strip()]
    assert untranslated == []
    assert (HERE / "reviewer_zh_CN.qm").stat().st_size > 10_000


def test_menus_are_translated_at_run_time(qtbot, store, tmp_path) -> None:
    """Strings are looked up under the class of the object whose ``tr`` is called: a catalogue
    filed under another context (lupdate files ``w.tr(...)`` under "w") is complete but never used.
    Every menu title and action of the main window must come out in Chinese."""
    from PySide6.QtWidgets import QApplication

    from reviewer.gui.app import make_app
    from reviewer.gui.i18n import install_translator
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations
    from tests.support.gui import isolate_settings
    from tests.support.rating import make_study

    isolate_settings(tmp_path / "settings")
    app = make_app("en")
    translator = install_translator(app, "zh_CN")
    assert translator is not None
    try:
        ids = make_study(store)
        w = MainWindow(RatingOperations(store), ids["study"], ids["alice"], "alice", coordinator=True)  # every menu
        w.persist_settings = False
        qtbot.addWidget(w)
        table = json.loads((HERE / "zh_CN.json").read_text("utf-8"))
        menus = [a for a in w.menuBar().actions() if a.menu() is not None]
        texts = [a.text() for a in menus] + [a.text() for m in menus for a in m.menu().actions() if a.text()]
        assert [a.text() for a in menus][:2] == [table["&File"], table["&View"]]
        english = [t for t in texts if t in table and table[t] != t]
        assert english == [] and len(texts) >= 20 and table["&Coordinator"] in texts
    finally:
        from reviewer.gui.i18n import remove_translators

        remove_translators(QApplication.instance(), translator)
