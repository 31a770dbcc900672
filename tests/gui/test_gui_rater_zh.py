"""The rater's windows and dialogs in Simplified Chinese: every visible string translated.

Each window and dialog is walked widget by widget (labels, buttons, menus, tooltips, tables, the
status bar); what is left after removing the item's own data (case, answer, criteria, names) must
hold no ASCII word but keys and the allow-list."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication, QMenu

from tests.support.gui import visible_texts
from tests.support.rating import make_study

CTRL = Qt.KeyboardModifier.ControlModifier
ALLOWED = {"HealthBench", "LLMEval", "Med", "Ctrl", "Shift", "Enter", "Esc", "Tab", "PgUp", "PgDown",
           "Backspace", "Alt", "Return", "Space", "alpha", "kappa", "Markdown"}
WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def zh(rater_window):
    from reviewer.gui.i18n import install_translator, remove_translators

    app = QApplication.instance()
    translator = install_translator(app, "zh_CN")
    assert translator is not None
    yield rater_window
    remove_translators(app, translator)


def english_words(texts: list[str], data: list[str]) -> list[str]:
    found = []
    for text in texts:
        text = QTextDocumentFragment.fromHtml(text).toPlainText() if text.startswith("<qt>") else text  # markup
        for d in sorted(data, key=len, reverse=True):
            text = text.replace(d, " ")
        found += [w for w in WORD.findall(text) if w not in ALLOWED]
    return found


def chinese_study(store, **kw) -> dict:  # noqa: ANN001
    """make_study's study with its cases, answers and criteria written in Chinese (data, as
    LLMEval-Med's are): whatever English is left on screen is the app's own."""
    from sqlalchemy import update

    from reviewer.store.models import Case, Criterion, Response

    ids = make_study(store, **kw)
    with store.begin() as s:
        s.execute(update(Case).values(title="高血压随访", category="心内科", reference_answer="参考答案",
                                      turns=[{"role": "user", "content": "患者血压偏高，怎么办？"}]))
        s.execute(update(Response).values(text="建议低盐饮食，规律复诊。"))
        s.execute(update(Criterion).values(text="提到低盐饮食"))
    return ids


def menu_texts(w) -> list[str]:  # noqa: ANN001
    out = []
    for a in w.menuBar().actions():
        out.append(a.text())
        for menu in (a.menu(), *a.menu().findChildren(QMenu)) if a.menu() else ():
            out += [b.text() for b in menu.actions() if b.text() and b.text() not in ("English",)]
    return out


def test_rater_window_and_dialogs_speak_chinese(zh, qtbot, store):
    ids = chinese_study(store, cases=2, criteria=3, points=[5, 3, -8])
    w = zh(store, ids)
    data = ["alice", "s1"]
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_Return, CTRL)  # refused: banner and status bar
    assert w.active.banner.isVisibleTo(w)
    texts = visible_texts(w) + menu_texts(w) + [w.statusBar().currentMessage()]
    words = english_words(texts, data)
    assert words == [], " ".join(sorted(set(words)))

    seen: list[list[str]] = []

    def walk_modal() -> None:
        d = QApplication.activeModalWidget()
        if d is None:  # not shown yet
            QTimer.singleShot(30, walk_modal)
            return
        seen.append(visible_texts(d))
        d.reject()

    from reviewer.gui.dialogs import FeedbackDialog, RaterPicker, ShortcutsDialog

    for make in (lambda: FeedbackDialog("1. 提到低盐饮食", w), lambda: ShortcutsDialog(w),
                 lambda: RaterPicker(["alice", "bob"], "alice", w)):
        QTimer.singleShot(30, walk_modal)
        make().exec()
    from reviewer.gui.rater.preferences import KeyPreferences

    for make in (lambda: KeyPreferences(w),):
        QTimer.singleShot(30, walk_modal)
        make().exec()
    QTimer.singleShot(30, walk_modal)
    w.ask_jump()  # the Go to item dialog
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_F2)  # the guidelines dock, with a criterion's guidance
    seen.append(visible_texts(w.guidelines))
    qtbot.keyClick(w.active.checklist, Qt.Key.Key_L)  # set aside: status bar and queue
    seen.append([w.statusBar().currentMessage(), w.queue_panel.later.text(), w.active.status_label.text()])
    w.active.attach_evidence()  # no selection: the status bar says how
    seen.append([w.statusBar().currentMessage()])
    picker = RaterPicker(["alice", "bob"], "alice", w)
    qtbot.addWidget(picker)
    picker.combo.setCurrentText("alicee")
    picker.accept()  # the warning about a new rater
    seen.append(visible_texts(picker))
    assert len(seen) == 9
    for texts in seen:
        assert english_words(texts, [*data, "alice", "alicee", "bob"]) == []


def test_rerating_banner_and_carried_tag_speak_chinese(zh, qtbot, store):
    """A re-rating (one criterion reworded, the others carried): the banner and the "carried"
    tag with its tooltip are Chinese."""
    from sqlalchemy import select

    from reviewer.checklists import operations as checklist_ops
    from reviewer.rating import service
    from reviewer.store.models import Case

    ids = chinese_study(store, cases=1, criteria=3)
    response = ids["responses"][0]
    with store.begin() as s:
        for cid in ids["criteria"][ids["cases"][0]]:
            service.set_criterion(s, ids["alice"], response, cid, "met", actor="alice")
        case_uid = s.scalar(select(Case.uid).where(Case.id == ids["cases"][0]))
    checklist_ops.edit_criterion(store, case_uid, "k0_0", text="明确提到每日食盐量", points=1.0, tier=None,
                                 author="coord", reason="表述不清")
    checklist_ops.rerate_cases(store, [case_uid], ["alice"], actor="coord")
    w = zh(store, ids)
    w.select_response(response)
    column = w.active
    assert column.rerate_banner.isVisibleTo(w) and "沿用" in column.rerate_banner.text()
    tags = [r.carried for r in column.checklist.rows[:column.checklist.count] if r.carried.isVisibleTo(w)]
    assert len(tags) == 2 and tags[0].text() == "沿用"
    texts = visible_texts(column)
    words = english_words(texts, ["alice", "s1", "明确提到每日食盐量"])
    assert words == [], " ".join(sorted(set(words)))


def test_default_anchor_texts_are_the_vocabularys():
    from reviewer.gui.rater.score_form import DEFAULT_ANCHOR_TEXTS
    from reviewer.store.vocabulary import DEFAULT_SCORE_ANCHORS, UNTIERED_SCORE_ANCHORS

    assert set(DEFAULT_ANCHOR_TEXTS) == {*DEFAULT_SCORE_ANCHORS.values(), *UNTIERED_SCORE_ANCHORS.values()}


def test_standard_buttons_are_chinese(zh, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = [b.text() for b in box.buttons()]
    assert not any(WORD.search(t.replace("&", "")) for t in texts), texts


@pytest.mark.parametrize("zoom_steps", [0, 2])
def test_chinese_checklist_is_not_clipped(zh, qtbot, store, zoom_steps):
    from tests.gui.test_gui_rater_defects import _checklist_fits

    ids = chinese_study(store, cases=1, criteria=4)
    w = zh(store, ids)
    w.resize(1280, 800)
    for _ in range(zoom_steps):
        w.zoom(1)
    try:  # the layout settles over a few event-loop turns after a text size change
        qtbot.waitUntil(lambda: _checklist_fits(w) == [], timeout=3000), (w.width(), w.splitter.sizes(),
                                          [x.minimumSizeHint().width() for x in (w.queue_panel, w.case_pane)])
    finally:
        w.zoom(0)
