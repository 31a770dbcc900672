"""Issue 17, the coordinator's defects: a missing models extra is named with its install command
before a job starts, the coordinator window fits the screen, ``reviewer demo`` says where the
database is, the Coordinator menu comes before Help in Chinese, the triage headers are translated."""

from __future__ import annotations

import sys

import pytest

from reviewer.errors import ReviewerError
from tests.support.coordinator import demo_ids, wait_job
from tests.support.gui import isolate_settings


@pytest.fixture
def no_models_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """An install without torch and transformers: ``None`` in sys.modules is how Python blocks an
    import (``import torch`` then raises ModuleNotFoundError), whatever is on disk."""
    for name in ("torch", "transformers"):
        monkeypatch.setitem(sys.modules, name, None)


def test_make_backend_names_the_install_command_without_the_models_extra(no_models_extra, tiny_llama) -> None:
    from reviewer.generation.backends import make_backend

    with pytest.raises(ReviewerError) as err:
        make_backend("transformers", str(tiny_llama), device="cpu")
    assert 'pip install "reviewer[models]"' in str(err.value)
    assert "torch" in str(err.value) and "ModuleNotFoundError" not in str(err.value)


def test_run_judge_dialog_refuses_before_starting_and_the_job_says_how_to_install(
        no_models_extra, coord_window, demo_store, qtbot, tiny_llama) -> None:
    from reviewer.gui.coordinator.judge_dialog import JudgeDialog

    w = coord_window(demo_store, demo_ids(demo_store))
    ui = w.coordinator_ui
    dialog = ui.open_judge()
    assert isinstance(dialog, JudgeDialog)
    dialog.model.setText(str(tiny_llama))
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible()  # refused: nothing started
    assert 'pip install "reviewer[models]"' in dialog.error.text() and ui.jobs.jobs == []
    dialog.reject()
    job = ui.start_judge(dialog.params())  # a caller that skips the dialog's check gets the same words
    wait_job(qtbot, job)
    assert job.state == "failed" and 'pip install "reviewer[models]"' in job.error
    assert "ModuleNotFoundError" not in job.error


def test_generate_dialog_refuses_without_the_models_extra(no_models_extra, coord_window, demo_store) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    dialog = w.coordinator_ui.open_generate()
    dialog.model.setText("some-model")
    dialog.accept()
    assert dialog.isVisible() and 'pip install "reviewer[models]"' in dialog.error.text()
    dialog.backend.setCurrentText("openai")
    dialog.base_url.setText("http://127.0.0.1:9/v1")
    assert dialog.problem() is None  # an endpoint needs no torch


def test_coordinator_window_fits_the_screen_and_scrolls_inside(coord_window, demo_store, qtbot) -> None:
    w = coord_window(demo_store, demo_ids(demo_store))
    w.coordinator_ui.open_agreement()
    second = w.coordinator_ui.second
    area = second.screen().availableGeometry()  # offscreen: 800 x 800, smaller than the old 1400 x 900
    assert second.width() <= area.width() and second.height() <= area.height()
    assert second.minimumSizeHint().height() <= area.height()
    assert second.minimumSizeHint().width() <= area.width()
    w.coordinator_ui.open_triage()
    w.coordinator_ui.open_overview()
    assert second.tabs.count() == 3
    assert second.height() <= area.height()


def test_demo_says_where_it_put_the_database(tmp_path, qtbot, capsys) -> None:
    from reviewer.cli.main import main

    isolate_settings(tmp_path / "settings")
    db, png = tmp_path / "demo.db", tmp_path / "demo.png"
    assert main(["--db", str(db), "demo", "--rater", "dr-li", "--screenshot", str(png)]) == 0
    out = capsys.readouterr().out
    assert f"built the demo study 'Demo study' in {db}" in out
    assert main(["--db", str(db), "demo", "--rater", "dr-li", "--screenshot", str(png)]) == 0
    assert f"opening the demo study 'Demo study' in {db}" in capsys.readouterr().out


def test_coordinator_menu_sits_before_help_and_triage_headers_are_chinese(demo_store, qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication

    from reviewer.gui.app import make_app
    from reviewer.gui.coordinator.triage_view import triage_frame
    from reviewer.gui.i18n import install_translator
    from reviewer.gui.rater.main_window import MainWindow
    from reviewer.rating.operations import RatingOperations

    isolate_settings(tmp_path / "settings")
    app = make_app("en")
    translator = install_translator(app, "zh_CN")
    try:
        ids = demo_ids(demo_store)
        rater = sorted(ids["raters"])[0]
        w = MainWindow(RatingOperations(demo_store), ids["study"], ids["raters"][rater], rater, True)
        w.persist_settings = False
        w.coordinator_ui.jobs.show_errors = False
        qtbot.addWidget(w)
        titles = [a.text() for a in w.menuBar().actions() if a.menu() is not None]
        assert titles[-2:] == ["协调员(&C)", "帮助(&H)"]  # Coordinator, then Help last
        view = w.coordinator_ui.open_triage()
        wait_job(qtbot, view.job)
        model = view.model
        columns = list(triage_frame([]).columns)
        header = [model.headerData(i, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
                  for i in range(len(columns))]
        english = [h for h in header if any(word in h for word in ("case", "criterion", "feedback", "trouble",
                                                                     "agreement", "judge", "version"))]
        assert english == [], header
        w.close()
    finally:
        QApplication.instance().removeTranslator(translator)
